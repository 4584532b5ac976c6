package dev.scylla.run;

import dev.scylla.process.Cancellation;
import java.io.IOException;
import java.util.Collection;

/**
 * The outside world as the orchestrator sees it. Each port writes its own files in the run
 * directory (atomically) and reports how it ended; none of them decides about retries.
 */
public final class Ports {
  private Ports() {}

  /** Git worktrees of the task repository. */
  public interface Workspace {
    /** Creates the run's worktree at the task commit with the subtest's configuration committed. */
    void prepare(RunContext ctx, Cancellation c) throws IOException;

    /** Removes the run's worktree (after judging), keeping nothing of git's bookkeeping behind. */
    void remove(RunContext ctx) throws IOException;

    /**
     * Forgets worktrees whose directories were archived or deleted ({@code git worktree prune}).
     */
    void prune(RunContext ctx) throws IOException;

    /**
     * Why agents cannot run in this experiment (e.g. its base repository is gone and cannot be
     * cloned again), or null when they can.
     */
    String unavailable(dev.scylla.store.ExperimentStore store);
  }

  /** The agent under test. */
  public interface Agent {
    /** Runs the agent in the run's workspace and writes every {@code agent/} file. */
    StepOutcome run(RunContext ctx, Cancellation c) throws IOException;

    /** The model the agent runs with, for rate-limit pauses. */
    String model(RunContext ctx);
  }

  /** The build pipeline, after the agent (the baseline is the pipeline's own business). */
  public interface Pipeline {
    /** True when the post-agent pipeline result of this run is already stored. */
    boolean done(RunContext ctx);

    /** Runs the pipeline in the workspace and stores its result under {@code commands/}. */
    StepOutcome run(RunContext ctx, Cancellation c) throws IOException;
  }

  /** The judges. */
  public interface Judge {
    /** Writes {@code judge_prompt.md} if it does not exist (from the workspace when present). */
    void preparePrompt(RunContext ctx) throws IOException;

    /**
     * Judges one slot once: DONE (valid verdict persisted), FALLBACK (budget spent, fallback
     * persisted), FAILED (failure recorded, budget left), RATE_LIMITED, CANCELLED.
     */
    StepOutcome judgeSlot(RunContext ctx, int slot, SlotOptions options, Cancellation c)
        throws IOException;

    /**
     * Judges repeat {@code repeat} of a slot once ({@code rerun-judges --repeat}): the slot's judge
     * (or {@code options}' model) on the run's stored prompt, into the slot's {@code
     * .repeats/repeat_K/}, never touching the slot's own files; the outcomes are those of {@link
     * #judgeSlot} for that directory.
     */
    default StepOutcome judgeRepeat(
        RunContext ctx, int slot, int repeat, SlotOptions options, Cancellation c)
        throws IOException {
      throw new UnsupportedOperationException("this judge port does not judge repeats");
    }
  }

  /**
   * How a slot is judged.
   *
   * @param modelOverride judge with this model instead of the slot's configured one (recorded in
   *     the slot), or null
   * @param retryExhausted judge again even when the slot's retry budget is spent or a fallback
   *     verdict is persisted
   * @param refreshRubric first bring the rubric section of the run's {@code judge_prompt.md} up to
   *     the current {@code rubric.yaml} ({@code rerun-judges --stale})
   * @param repeats 0 to judge the slot itself; else judge each slot this many extra times into its
   *     {@code .repeats/} ({@code rerun-judges --repeat R}), leaving its verdict, the consensus and
   *     {@code run_result.json} as they are
   */
  public record SlotOptions(
      String modelOverride, boolean retryExhausted, boolean refreshRubric, int repeats) {
    public static final SlotOptions DEFAULT = new SlotOptions(null, false, false, 0);

    public SlotOptions {
      if (repeats < 0) {
        throw new IllegalArgumentException("repeats must be >= 0: " + repeats);
      }
    }

    public SlotOptions(String modelOverride, boolean retryExhausted, boolean refreshRubric) {
      this(modelOverride, retryExhausted, refreshRubric, 0);
    }

    public SlotOptions(String modelOverride, boolean retryExhausted) {
      this(modelOverride, retryExhausted, false, 0);
    }

    /** Repeat verdicts of each slot, {@code n} of them. */
    public static SlotOptions repeat(String modelOverride, int n) {
      return new SlotOptions(modelOverride, false, false, n);
    }
  }

  /** The files derived from a run's parts, and the summaries above runs. */
  public interface Results {
    /** Rebuilds {@code agent/result.json} from the logs when it is missing or corrupt. */
    void rebuildAgentResult(RunContext ctx) throws IOException;

    /**
     * Writes the consensus, {@code run_result.json} and the run's report from its parts.
     *
     * @param judgeSeconds the wall time of the judge stage of this invocation, or null to keep what
     *     {@code judge/timing.json} says
     */
    Finalized finalizeRun(RunContext ctx, Double judgeSeconds) throws IOException;

    /** Rewrites the subtest and tier summaries of these subtests' tiers. */
    void writeSummaries(dev.scylla.store.ExperimentStore store, Collection<SubtestId> subtests)
        throws IOException;

    /** Rewrites the experiment-level summaries (and any tier file that is out of date). */
    void writeExperimentSummary(dev.scylla.store.ExperimentStore store) throws IOException;
  }

  /** What finalising a run produced. */
  public record Finalized(boolean passed, double score, double costUsd) {}

  /** A tier and subtest pair. */
  public record SubtestId(String tier, String subtest) {}
}
