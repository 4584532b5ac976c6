package dev.scylla.status;

import dev.scylla.model.AgentResult;
import dev.scylla.model.CommandLog;
import dev.scylla.model.JudgeSpend;
import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.SlotSnapshot;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Classifies runs and judge slots from what the store read. Unlike the reference, which looks at
 * file existence only, a file counts only when it parses and holds its required fields: an empty
 * {@code {}} result is not a completed run.
 *
 * <p>Run rules, first match wins (O = non-empty {@code agent/output.txt}, T = valid {@code
 * agent/timing.json}, C = valid {@code agent/command_log.json}):
 *
 * <ol>
 *   <li>no run directory, an empty one, or a path that is not a readable directory: {@code
 *       missing};
 *   <li>a valid {@code agent/result.json} recording an infrastructure failure (exit code -1, no
 *       tokens): {@code failed};
 *   <li>no O, and the agent ended (T, or {@code stderr.log} exists while the command log does not
 *       say the command is still running, i.e. has no null exit code): {@code failed};
 *   <li>no O, T or C (the agent started and did not finish, or never started): {@code partial}; T
 *       is not needed when O and a valid agent result are there (written after it, they prove the
 *       agent finished);
 *   <li>a valid agent result and a valid {@code run_result.json}: {@code completed};
 *   <li>otherwise (one of the two result files missing or corrupt): {@code results}, rebuilt from
 *       the parts and never re-run.
 * </ol>
 */
public final class Classifier {
  private Classifier() {}

  /** Classifies a run and its judge slots. */
  public static RunView classify(RunSnapshot s) {
    RunStatus status;
    String reason;
    switch (s.dir()) {
      case ABSENT -> {
        status = RunStatus.MISSING;
        reason = "run directory does not exist";
      }
      case EMPTY -> {
        status = RunStatus.MISSING;
        reason = "run directory is empty";
      }
      case NOT_A_DIRECTORY -> {
        status = RunStatus.MISSING;
        reason = "run path is not a readable directory (a file, or a broken or looping symlink)";
      }
      default -> {
        Verdict v = classifyPresent(s);
        status = v.status();
        reason = v.reason();
      }
    }
    boolean unjudged = unjudgedTurnLimit(s, status);
    List<SlotView> slots = new ArrayList<>(s.slots().size());
    for (SlotSnapshot slot : s.slots()) {
      slots.add(
          unjudged
              ? new SlotView(
                  slot.slot(),
                  slot.model(),
                  SlotStatus.NOT_JUDGED,
                  "the agent used up its turns; this experiment scores such runs as failures"
                      + " without judging them (scylla.turn_limited: fail)")
              : classifySlot(slot, status));
    }
    List<String> attention = status == RunStatus.COMPLETED ? attention(s, slots) : List.of();
    if (status.agentUnfinished()) {
      reason = reason + journalNote(s);
    }
    boolean spent =
        status.agentUnfinished()
            && s.journal().orNull() != null
            && s.journal().orNull().exhausted();
    AgentResult agent = s.agentResult().orNull();
    boolean turnLimit = agent != null && agent.turnLimitReached() && !status.agentUnfinished();
    JudgeSpend judgeSpend = JudgeSpend.NONE;
    for (SlotSnapshot slot : s.slots()) {
      judgeSpend = judgeSpend.plus(slot.spend());
    }
    double agentCost = agent != null && Double.isFinite(agent.costUsd()) ? agent.costUsd() : 0.0;
    return new RunView(
        s.key(),
        s.location(),
        status,
        reason,
        attention,
        slots,
        spent,
        turnLimit,
        agentCost,
        judgeSpend);
  }

  /**
   * Whether the run is one the experiment does not judge: its agent finished by using up its turns
   * and turn-limited runs are scored as failures ({@link RunSnapshot#judgeTurnLimited()} false).
   */
  public static boolean unjudgedTurnLimit(RunSnapshot s, RunStatus status) {
    AgentResult agent = s.agentResult().orNull();
    return !s.judgeTurnLimited()
        && !status.agentUnfinished()
        && agent != null
        && agent.turnLimitReached();
  }

  /** What the attempt journal adds to the reason of a run whose agent must run again. */
  private static String journalNote(RunSnapshot s) {
    RunJournal j = s.journal().orNull();
    if (s.journal().isCorrupt()) {
      return "; attempt journal " + s.journal().describe();
    }
    if (j == null || j.attempts().isEmpty()) {
      return "";
    }
    RunJournal.Attempt last = j.last();
    String note =
        "; "
            + j.attempts().size()
            + " attempt"
            + (j.attempts().size() == 1 ? "" : "s")
            + " journaled, "
            + j.spent()
            + (j.budget() != null ? " of " + j.budget() : "")
            + " budget spent";
    if (last.outcome() == RunJournal.Outcome.RUNNING) {
      note += "; last attempt still marked running (interrupted, or in progress elsewhere)";
    }
    if (j.exhausted()) {
      note += "; FINAL: retry budget spent, not retried without --retry-exhausted";
    }
    return note;
  }

  private record Verdict(RunStatus status, String reason) {}

  private static Verdict classifyPresent(RunSnapshot s) {
    boolean output = s.output().nonEmpty();
    AgentResult agent = s.agentResult().orNull();
    if (agent != null && agent.isInfrastructureFailure()) {
      return new Verdict(
          RunStatus.FAILED,
          "agent/result.json records an infrastructure failure (exit code -1, no tokens used)");
    }
    // agent/timing.json is written before output.txt and result.json: a valid result with output
    // proves the agent finished, so a timing file damaged or lost afterwards does not make the
    // run partial (it would be archived and paid for again)
    boolean timing = s.timing().isPresent() || (agent != null && output);
    boolean commandLog = s.commandLog().isPresent();
    // Our adapters stream stderr.log while the agent runs and leave the command log's exit code
    // null until it ends; the reference writes stderr.log only after the end.
    boolean stillRunning =
        s.commandLog().isPresent()
            && !s.commandLog().orNull().commands().isEmpty()
            && s.commandLog().orNull().firstExitCode() == null;
    boolean ended = timing || (s.stderr().exists() && !stillRunning);
    if (!output) {
      if (ended) {
        Integer exit = s.commandLog().optional().map(CommandLog::firstExitCode).orElse(null);
        if (exit == null && agent != null) {
          exit = agent.exitCode();
        }
        String how = s.stderr().nonEmpty() ? "wrote to stderr and" : "ended and";
        return new Verdict(
            RunStatus.FAILED,
            "agent "
                + how
                + " produced no output"
                + (exit != null ? " (exit code " + exit + ")" : "")
                + (s.output().exists() ? "" : "; agent/output.txt absent"));
      }
      if (!s.agentDir()) {
        return new Verdict(
            RunStatus.PARTIAL, "run directory exists but the agent never started (no agent/)");
      }
    }
    if (!output || !timing || !commandLog) {
      List<String> lacking = new ArrayList<>();
      if (!output) {
        lacking.add(s.output().exists() ? "agent/output.txt empty" : "agent/output.txt absent");
      }
      if (!timing) {
        lacking.add("agent/timing.json " + s.timing().describe());
      }
      if (!commandLog) {
        lacking.add("agent/command_log.json " + s.commandLog().describe());
      }
      return new Verdict(
          RunStatus.PARTIAL, "agent started but did not finish: " + String.join(", ", lacking));
    }
    boolean runResult = s.runResult().isPresent();
    if (agent != null && runResult) {
      return new Verdict(RunStatus.COMPLETED, "complete");
    }
    List<String> rebuild = new ArrayList<>();
    if (agent == null) {
      rebuild.add("agent/result.json " + s.agentResult().describe());
    }
    if (!runResult) {
      rebuild.add("run_result.json " + s.runResult().describe());
    }
    return new Verdict(
        RunStatus.RESULTS, "agent finished; to rebuild: " + String.join(", ", rebuild));
  }

  /** Classifies one judge slot of a run whose status is {@code runStatus}. */
  public static SlotView classifySlot(SlotSnapshot slot, RunStatus runStatus) {
    String name = Tiers.slotDirName(slot.slot());
    if (runStatus.agentUnfinished()) {
      return new SlotView(
          slot.slot(),
          slot.model(),
          SlotStatus.AGENT_FAILED,
          "the run's agent did not finish (run is "
              + runStatus.jsonName()
              + "): rerun the agent first");
    }
    if (!slot.dirExists()) {
      return new SlotView(slot.slot(), slot.model(), SlotStatus.MISSING, name + "/ does not exist");
    }
    Loaded<Judgment> j = slot.judgment();
    if (j instanceof Loaded.Corrupt<Judgment> c) {
      return new SlotView(
          slot.slot(), slot.model(), SlotStatus.FAILED, "judgment.json is corrupt: " + c.reason());
    }
    if (j instanceof Loaded.Present<Judgment> p) {
      Judgment jd = p.value();
      double score = jd.score();
      if (!(score >= 0.0 && score <= 1.0)) {
        return new SlotView(
            slot.slot(),
            slot.model(),
            SlotStatus.FAILED,
            "judgment.json score " + score + " is outside [0, 1]");
      }
      if (jd.fallback()) {
        String why = jd.fallbackReason() == null ? "no reason recorded" : jd.fallbackReason();
        return new SlotView(
            slot.slot(), slot.model(), SlotStatus.FALLBACK, "fallback verdict persisted: " + why);
      }
      if (Boolean.FALSE.equals(jd.isValid())) {
        return new SlotView(
            slot.slot(),
            slot.model(),
            SlotStatus.FAILED,
            "judgment.json is marked invalid (is_valid: false)");
      }
      return new SlotView(
          slot.slot(), slot.model(), SlotStatus.COMPLETE, "valid judgment (score " + score + ")");
    }
    if (slot.failure() != null) {
      return new SlotView(
          slot.slot(), slot.model(), SlotStatus.FAILED, "judge failed: " + slot.failure());
    }
    return new SlotView(
        slot.slot(),
        slot.model(),
        SlotStatus.PARTIAL,
        name + "/ holds no judgment and no recorded failure (interrupted)");
  }

  private static List<String> attention(RunSnapshot s, List<SlotView> slots) {
    List<String> out = new ArrayList<>();
    Map<SlotStatus, Long> open =
        slots.stream()
            .filter(v -> v.status() != SlotStatus.COMPLETE && v.status() != SlotStatus.NOT_JUDGED)
            .collect(
                Collectors.groupingBy(
                    SlotView::status,
                    () -> new EnumMap<>(SlotStatus.class),
                    Collectors.counting()));
    if (!open.isEmpty()) {
      long n = open.values().stream().mapToLong(Long::longValue).sum();
      out.add(
          n
              + " judge slot"
              + (n == 1 ? "" : "s")
              + " not complete ("
              + open.entrySet().stream()
                  .map(e -> e.getKey().jsonName() + ": " + e.getValue())
                  .collect(Collectors.joining(", "))
              + ")");
    }
    if (s.consensus().isMissing()) {
      out.add("judge/result.json missing");
    } else if (s.consensus().isCorrupt()) {
      out.add("judge/result.json " + s.consensus().describe());
    } else if (!s.consensus().orNull().valid()) {
      out.add("judge/result.json is marked invalid");
    }
    return out;
  }
}
