package dev.scylla.run;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunKey;
import dev.scylla.model.ScyllaException;
import dev.scylla.process.OrphanReaper;
import dev.scylla.process.ProcessStartException;
import dev.scylla.status.Classifier;
import dev.scylla.status.RunView;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import dev.scylla.store.Archive;
import dev.scylla.store.CheckpointFile;
import dev.scylla.store.Journals;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;

/**
 * Drives one run to its end, step by step, each step's result on disk before the next begins:
 *
 * <ol>
 *   <li>an attempt left {@code running} in the journal by a dead process is closed as interrupted
 *       and its orphaned processes are killed;
 *   <li>while the agent has not finished (the run is failed, partial or missing): unless its budget
 *       is spent, archive the run directory to {@code .failed/run_NN_attempt_K}, record the attempt
 *       in the journal, prepare the worktree, run the agent;
 *   <li>a run whose agent finished but whose {@code agent/result.json} is unusable gets it rebuilt
 *       from the logs, never re-run;
 *   <li>the build pipeline after the agent, then the judge prompt, then every judge slot that is
 *       not terminal (complete or fallback) until it is;
 *   <li>consensus and {@code run_result.json}; then the worktree is removed unless kept.
 * </ol>
 *
 * Because every decision is taken from a fresh classification of the files, a run interrupted at
 * any point resumes at its first unfinished step, and a finished step is never repeated.
 */
final class RunMachine {
  private static final int JUDGE_CALL_CAP = 12;

  private final RunContext ctx;
  private final Ports.Workspace workspace;
  private final Ports.Agent agent;
  private final Ports.Pipeline pipeline;
  private final Ports.Judge judge;
  private final Ports.Results results;
  private final RunSettings settings;
  private final RunControl control;
  private final Gates gates;
  private final CheckpointFile checkpoint;
  private final CostGuard costGuard;
  private final EventSink events;
  private final Clock clock;

  private int launches;
  private int judgeCalls;
  private int judgeSteps;
  private dev.scylla.model.JudgeSpend judgeSpend = dev.scylla.model.JudgeSpend.NONE;
  private long judgeNanos;
  private double cost;

  RunMachine(
      RunContext ctx,
      Orchestrator.Wiring w,
      RunSettings settings,
      RunControl control,
      Gates gates,
      CheckpointFile checkpoint,
      CostGuard costGuard,
      EventSink events,
      Clock clock) {
    this.ctx = ctx;
    this.workspace = w.workspace();
    this.agent = w.agent();
    this.pipeline = w.pipeline();
    this.judge = w.judge();
    this.results = w.results();
    this.settings = settings;
    this.control = control;
    this.gates = gates;
    this.checkpoint = checkpoint;
    this.costGuard = costGuard;
    this.events = events;
    this.clock = clock;
  }

  RunKey key() {
    return ctx.key();
  }

  /** An I/O failure in one line: its message (which names the file), else its type. */
  static String describe(IOException e) {
    return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : e.toString();
  }

  RunFinal apply(java.util.function.Function<RunMachine, RunFinal> action) {
    return action.apply(this);
  }

  RunFinal drive() {
    try {
      return driveUnchecked();
    } catch (ScyllaException e) {
      if (e.kind() == ScyllaException.Kind.INTERRUPTED) {
        return end(RunFinal.Kind.INTERRUPTED, "cancelled: " + e.getMessage(), null);
      }
      control.stopLaunching("setup problem: " + e.getMessage());
      events.error(key().label() + ": " + e.getMessage());
      return end(RunFinal.Kind.INTERRUPTED, "setup problem: " + e.getMessage(), null);
    } catch (ProcessStartException e) {
      control.stopLaunching("setup problem: " + e.getMessage());
      events.error(key().label() + ": " + e.getMessage());
      return end(RunFinal.Kind.INTERRUPTED, "setup problem: " + e.getMessage(), null);
    } catch (IOException e) {
      control.stopLaunching("I/O problem: " + describe(e));
      events.error(key().label() + ": I/O problem: " + describe(e));
      return end(RunFinal.Kind.INTERRUPTED, "I/O problem: " + describe(e), null);
    }
  }

  private RunFinal driveUnchecked() throws IOException {
    String escape = ctx.store().writeEscape(key());
    if (escape != null) {
      events.error(key().label() + ": " + escape);
      return end(RunFinal.Kind.STOPPED, escape, null);
    }
    RunJournal journal = closeDeadAttempt(readJournal()).withBudget(settings.agentAttempts());
    while (true) {
      if (control.cancelled()) {
        return end(RunFinal.Kind.INTERRUPTED, "cancelled", null);
      }
      RunView view = classify();
      if (!view.status().agentUnfinished()) {
        break;
      }
      // The agent has to run (again).
      if (journal.spent() >= settings.agentAttempts() && !settings.retryExhausted()) {
        checkpoint.runState(key(), "failed");
        return end(
            RunFinal.Kind.FAILED_FINAL,
            "retry budget spent ("
                + journal.spent()
                + " failed attempt"
                + (journal.spent() == 1 ? "" : "s")
                + "; last: "
                + lastReason(journal, view)
                + ")",
            null);
      }
      // wait out a limit on the agent's model before anything of the attempt starts
      String model = agent.model(ctx);
      RunFinal held = passGate(model);
      if (held != null) {
        return held;
      }
      if (!costGuard.mayLaunch()) {
        control.stopLaunching(costGuard.describe());
        return end(RunFinal.Kind.STOPPED, costGuard.describe(), null);
      }
      journal = launchAgent(journal, view);
      if (journal == null) {
        return end(RunFinal.Kind.INTERRUPTED, "cancelled while the agent ran", null);
      }
    }
    // The agent finished.
    if (!ctx.store().readRun(key(), ctx.matrix()).agentResult().isPresent()) {
      // a process killed between the agent's output and its result.json: rebuild that file alone
      // from the logs (the run is not judged yet); a run whose logs cannot give it is this run's
      // problem, not a reason to stop every launch
      try {
        results.rebuildAgentResult(ctx);
      } catch (ScyllaException e) {
        events.error(key().label() + ": " + e.getMessage());
        return end(RunFinal.Kind.INTERRUPTED, e.getMessage(), null);
      }
    }
    checkpoint.runState(key(), "agent_complete");
    boolean judging = classify().slots().stream().anyMatch(s -> !s.status().terminal());
    if (judging && Files.isDirectory(ctx.workspace()) && !pipeline.done(ctx)) {
      if (control.launchingStopped()) {
        return end(RunFinal.Kind.STOPPED, control.stopReason(), null);
      }
      StepOutcome p = pipeline.run(ctx, control.cancellation());
      if (p.kind() == StepOutcome.Kind.CANCELLED) {
        return end(RunFinal.Kind.INTERRUPTED, "cancelled in the build pipeline", null);
      }
      if (p.kind() != StepOutcome.Kind.DONE) {
        events.warn(key().label() + ": build pipeline: " + p.reason());
      }
      checkpoint.runState(key(), "judge_pipeline_run");
    }
    if (judging) {
      RunFinal stopped = judgeSlots(allSlots(), Ports.SlotOptions.DEFAULT, false);
      if (stopped != null) {
        return stopped;
      }
    }
    return finish();
  }

  /**
   * Re-judges the given slots of a run whose agent finished (rerun-judges): each slot is judged
   * until it is terminal, even when it was terminal before, then the run is finalised.
   */
  RunFinal judgeOnly(java.util.List<Integer> slots, Ports.SlotOptions options) {
    String escape = ctx.store().writeEscape(key());
    if (escape != null) {
      events.error(key().label() + ": " + escape);
      return end(RunFinal.Kind.STOPPED, escape, null);
    }
    try {
      if (options.repeats() > 0) {
        RunFinal stopped = judgeRepeats(slots, options);
        return stopped != null ? stopped : end(RunFinal.Kind.COMPLETED, null, storedVerdict());
      }
      RunFinal stopped = judgeSlots(slots, options, true);
      return stopped != null ? stopped : finish();
    } catch (IOException e) {
      events.error(key().label() + ": I/O problem: " + describe(e));
      return end(RunFinal.Kind.INTERRUPTED, "I/O problem: " + describe(e), null);
    }
  }

  private java.util.List<Integer> allSlots() {
    java.util.List<Integer> all = new java.util.ArrayList<>();
    for (int s = 1; s <= ctx.matrix().judgeCount(); s++) {
      all.add(s);
    }
    return all;
  }

  /** The consensus verdict {@code run_result.json} holds, or null. */
  private Boolean storedVerdict() {
    var rr = ctx.store().readRun(key(), ctx.matrix()).runResult().orNull();
    return rr == null ? null : rr.judgePassed();
  }

  /**
   * {@code rerun-judges --repeat R}: each slot is judged R more times into {@code
   * .repeats/repeat_K/} (K after the highest present), each repeat until it is terminal, on the
   * run's stored prompt; the slot's verdict, the consensus and {@code run_result.json} are not
   * touched (the run is not finalised again). Every call goes through the gates and the cost guard
   * as any judge call does.
   */
  private RunFinal judgeRepeats(java.util.List<Integer> slots, Ports.SlotOptions options)
      throws IOException {
    for (int slot : slots) {
      java.nio.file.Path slotDir = new dev.scylla.store.RunFiles(ctx.runDir()).slotDir(slot);
      int first = dev.scylla.store.Repeats.next(slotDir);
      for (int k = first; k < first + options.repeats(); k++) {
        final int repeat = k;
        RunFinal stopped =
            judgeUntilTerminal(
                slot,
                options,
                "repeat " + repeat,
                () -> judge.judgeRepeat(ctx, slot, repeat, options, control.cancellation()));
        if (stopped != null) {
          return stopped;
        }
      }
    }
    return null;
  }

  /**
   * Waits at the gate of {@code model} before a call to it; returns how the run ends when it may
   * not go on (the limit was given up on, the wait was cancelled, launching stopped meanwhile), or
   * null to make the call.
   */
  private RunFinal passGate(String model) {
    RateLimitGates.Passage passage = gates.await(model, control.cancellation());
    if (passage == RateLimitGates.Passage.GIVEN_UP) {
      return givenUp(model);
    }
    if (passage == RateLimitGates.Passage.CANCELLED) {
      return end(RunFinal.Kind.INTERRUPTED, "cancelled while paused for a rate limit", null);
    }
    if (control.launchingStopped()) {
      return end(RunFinal.Kind.STOPPED, control.stopReason(), null);
    }
    return null;
  }

  /** One judge call of a slot or a repeat. */
  @FunctionalInterface
  private interface JudgeStep {
    StepOutcome call() throws IOException;
  }

  /** Judges slots until each is terminal; returns a final state when it had to stop early. */
  private RunFinal judgeSlots(
      java.util.List<Integer> slots, Ports.SlotOptions options, boolean force) throws IOException {
    if (!Files.isDirectory(ctx.workspace())) {
      events.warn(
          key().label() + ": workspace is gone; judging from the stored prompt and artifacts");
    }
    judge.preparePrompt(ctx);
    checkpoint.runState(key(), "judge_prompt_built");
    for (int slot : slots) {
      if (!force) {
        SlotView sv = classify().slots().get(slot - 1);
        if (sv.status().terminal() || sv.status() == SlotStatus.AGENT_FAILED) {
          continue;
        }
      }
      RunFinal stopped =
          judgeUntilTerminal(
              slot,
              options,
              null,
              () -> judge.judgeSlot(ctx, slot, options, control.cancellation()));
      if (stopped != null) {
        return stopped;
      }
    }
    return null;
  }

  /**
   * Calls {@code step} until the slot (or repeat {@code what}) is terminal; returns a final state
   * when it had to stop early, else null.
   */
  private RunFinal judgeUntilTerminal(
      int slot, Ports.SlotOptions options, String what, JudgeStep step) throws IOException {
    String model =
        options.modelOverride() != null ? options.modelOverride() : ctx.matrix().judgeModel(slot);
    int calls = 0;
    boolean terminal = false;
    while (!terminal) {
      if (control.launchingStopped()) {
        return end(RunFinal.Kind.STOPPED, control.stopReason(), null);
      }
      if (++calls > JUDGE_CALL_CAP) {
        events.error(
            key().label()
                + " judge_"
                + String.format("%02d", slot)
                + (what == null ? "" : " " + what)
                + ": not terminal after "
                + JUDGE_CALL_CAP
                + " calls; leaving it for a later rerun");
        break;
      }
      RunFinal held = passGate(model);
      if (held != null) {
        return held;
      }
      if (!costGuard.mayJudge()) {
        control.stopLaunching(costGuard.describeJudge());
        return end(RunFinal.Kind.STOPPED, costGuard.describeJudge(), null);
      }
      Instant t0 = clock.instant();
      StepOutcome r = step.call();
      judgeNanos += java.time.Duration.between(t0, clock.instant()).toNanos();
      judgeSteps++;
      judgeCalls += r.calls();
      judgeSpend = judgeSpend.plus(r.judgeSpend());
      costGuard.judged(
          r.judgeSpend().calls() - r.judgeSpend().unpricedCalls(), r.judgeSpend().costUsd());
      switch (r.kind()) {
        case DONE, FALLBACK -> {
          terminal = true;
          gates.cleared(model);
        }
        case RATE_LIMITED -> gates.close(model, r.retryAt(), r.hardLimit(), r.reason());
        case CANCELLED -> {
          return end(RunFinal.Kind.INTERRUPTED, "cancelled while judging", null);
        }
        default ->
            events.warn(
                key().label()
                    + " judge_"
                    + String.format("%02d", slot)
                    + (what == null ? "" : " " + what)
                    + " ("
                    + model
                    + "): "
                    + r.reason());
      }
    }
    return null;
  }

  /** Consensus, run_result.json and report; then the worktree goes unless it is kept. */
  private RunFinal finish() throws IOException {
    Double judgeSeconds = judgeSteps > 0 ? judgeNanos / 1e9 : null;
    checkpoint.runState(key(), "judge_complete");
    Ports.Finalized fin = results.finalizeRun(ctx, judgeSeconds);
    checkpoint.runState(key(), "report_written");
    checkpoint.completed(key(), fin.passed());
    if (!settings.keepWorkspaces() && Files.isDirectory(ctx.workspace())) {
      try {
        workspace.remove(ctx);
        checkpoint.runState(key(), "worktree_cleaned");
      } catch (IOException e) {
        events.warn(key().label() + ": could not remove the worktree: " + e.getMessage());
      }
    }
    return end(RunFinal.Kind.COMPLETED, null, fin.passed());
  }

  /** Archives what is there, journals the attempt, prepares the workspace, runs the agent. */
  private RunJournal launchAgent(RunJournal journal, RunView view) throws IOException {
    int attempt = journal.nextAttemptNumber();
    if (Files.exists(ctx.runDir(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      OrphanReaper.killProcessesIn(ctx.runDir());
      String archived = Archive.archiveRun(ctx.store().layout(), key(), Math.max(1, attempt - 1));
      if (archived != null) {
        RunJournal.Attempt last = journal.last();
        if (last != null && last.archivedTo() == null) {
          journal =
              journal.withLast(
                  new RunJournal.Attempt(
                      last.attempt(),
                      last.startedAt(),
                      last.endedAt(),
                      last.outcome(),
                      last.reason(),
                      archived,
                      last.fingerprint()));
        }
        events.info(
            key().label()
                + ": archived the previous attempt ("
                + view.status().jsonName()
                + ") to "
                + archived);
        workspace.prune(ctx);
      }
    }
    journal =
        journal.with(
            new RunJournal.Attempt(
                attempt,
                now(),
                null,
                RunJournal.Outcome.RUNNING,
                null,
                null,
                Inputs.runOrNull(ctx.store(), key(), events)));
    Journals.write(ctx.store().layout(), key(), journal);
    checkpoint.uncomplete(key());
    checkpoint.runState(key(), "pending");
    try {
      workspace.prepare(ctx, control.cancellation());
    } catch (IOException | RuntimeException e) {
      costGuard.ended(0);
      finish(journal, RunJournal.Outcome.INTERRUPTED, "setup failed: " + e.getMessage());
      throw e;
    }
    checkpoint.runState(key(), "config_committed");
    String model = agent.model(ctx);
    events.info(key().label() + ": agent attempt " + attempt + " started");
    launches++;
    StepOutcome r;
    try {
      r = agent.run(ctx, control.cancellation());
    } catch (IOException | RuntimeException e) {
      costGuard.ended(0);
      finish(journal, RunJournal.Outcome.INTERRUPTED, "agent could not run: " + e.getMessage());
      throw e;
    }
    double attemptCost = agentCost();
    cost += attemptCost;
    costGuard.ended(attemptCost);
    switch (r.kind()) {
      case DONE -> {
        RunView after = classify();
        if (after.status().agentUnfinished()) {
          journal = finish(journal, RunJournal.Outcome.FAILED, after.reason());
          events.warn(key().label() + ": agent attempt " + attempt + " failed: " + after.reason());
        } else {
          journal = finish(journal, RunJournal.Outcome.FINISHED, null);
          gates.cleared(model);
        }
      }
      case RATE_LIMITED -> {
        journal = finish(journal, RunJournal.Outcome.RATE_LIMITED, r.reason());
        gates.close(model, r.retryAt(), r.hardLimit(), r.reason());
      }
      case TIMED_OUT -> {
        journal = finish(journal, RunJournal.Outcome.TIMED_OUT, r.reason());
        events.warn(key().label() + ": agent attempt " + attempt + " timed out");
      }
      case CANCELLED -> {
        finish(journal, RunJournal.Outcome.INTERRUPTED, "cancelled");
        return null;
      }
      default -> {
        journal = finish(journal, RunJournal.Outcome.FAILED, r.reason());
        events.warn(key().label() + ": agent attempt " + attempt + " failed: " + r.reason());
      }
    }
    checkpoint.runState(key(), "agent_complete");
    return journal;
  }

  private double agentCost() {
    return ctx.store()
        .readRun(key(), ctx.matrix())
        .agentResult()
        .optional()
        .map(a -> a.costUsd())
        .orElse(0.0);
  }

  /**
   * The gate of {@code model} gave up: nothing more is launched on that model in this session (work
   * on other models goes on); this run ends as stopped, resumable, with no budget spent on the
   * limits.
   */
  private RunFinal givenUp(String model) {
    return end(RunFinal.Kind.STOPPED, gates.givenUp(model), null);
  }

  private RunJournal finish(RunJournal journal, RunJournal.Outcome outcome, String reason)
      throws IOException {
    RunJournal.Attempt last = journal.last();
    RunJournal j =
        journal.withLast(
            new RunJournal.Attempt(
                last.attempt(),
                last.startedAt(),
                now(),
                outcome,
                reason,
                last.archivedTo(),
                last.fingerprint()));
    Journals.write(ctx.store().layout(), key(), j);
    return j;
  }

  private RunJournal readJournal() {
    var loaded = Journals.read(ctx.store().layout(), key());
    if (loaded.isCorrupt()) {
      events.warn(
          key().label()
              + ": attempt journal is "
              + loaded.describe()
              + "; starting a new one (the old file is kept as a .backup)");
      try {
        dev.scylla.store.AtomicFiles.backup(Journals.file(ctx.store().layout(), key()));
      } catch (IOException e) {
        events.warn(key().label() + ": could not back up the journal: " + e.getMessage());
      }
      return RunJournal.EMPTY;
    }
    return loaded.orNull() == null ? RunJournal.EMPTY : loaded.orNull();
  }

  /** An attempt still marked running belongs to a process that died: close it as interrupted. */
  private RunJournal closeDeadAttempt(RunJournal journal) throws IOException {
    RunJournal.Attempt last = journal.last();
    if (last == null || last.outcome() != RunJournal.Outcome.RUNNING) {
      return journal;
    }
    if (Files.isDirectory(ctx.runDir())) {
      var killed = OrphanReaper.killProcessesIn(ctx.runDir());
      if (!killed.isEmpty()) {
        events.warn(key().label() + ": killed processes left by an interrupted attempt: " + killed);
      }
    }
    return finish(
        journal,
        RunJournal.Outcome.INTERRUPTED,
        "the process that ran this attempt stopped before recording its end");
  }

  private static String lastReason(RunJournal journal, RunView view) {
    for (int i = journal.attempts().size() - 1; i >= 0; i--) {
      RunJournal.Attempt a = journal.attempts().get(i);
      if (a.outcome().countsAgainstBudget() && a.reason() != null) {
        return a.reason();
      }
    }
    return view.reason();
  }

  private RunView classify() {
    return Classifier.classify(ctx.store().readRun(key(), ctx.matrix()));
  }

  private RunFinal end(RunFinal.Kind kind, String reason, Boolean passed) {
    return new RunFinal(key(), kind, reason, passed, cost, launches, judgeCalls, judgeSpend);
  }

  private String now() {
    return CheckpointFile.now();
  }
}
