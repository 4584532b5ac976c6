package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.AgentResult;
import dev.scylla.model.Consensus;
import dev.scylla.model.Grades;
import dev.scylla.model.JudgeEntry;
import dev.scylla.model.Judgment;
import dev.scylla.model.RunResult;
import dev.scylla.store.Json;
import dev.scylla.store.RunFiles;
import java.util.List;

/**
 * Builds {@code run_result.json} from its parts, field by field as the reference's recovery derives
 * it (scylla-recovery.md §5.2), with our fixes: token stats under canonical names, the judge total
 * from {@code judge/timing.json}, {@code judges[]} kept, paths of the current location. Pure: no
 * IO.
 */
public final class RunResultBuilder {
  private RunResultBuilder() {}

  /**
   * One {@code judges[]} entry: the judgment's own score, vote, grade and reasoning, the model of
   * the slot's {@code MODEL.md}, and whether the judgment counted as a real verdict. The judge's
   * criteria stay in its {@code judgment.json} (they would triple the size of every run result and
   * of the tier and experiment results that embed them); see {@link #withCriteria}.
   */
  public static JudgeEntry judgeEntry(int slot, String model, Judgment j) {
    String grade = j.grade();
    if (grade == null) {
      double s = j.score();
      grade = s >= 0.0 && s <= 1.0 ? Grades.letter(s) : "F";
    }
    return new JudgeEntry(
        model,
        j.score(),
        j.passed(),
        grade,
        j.reasoning() == null ? "" : j.reasoning(),
        slot,
        j.isRealVerdict(),
        null);
  }

  /** The entry with the judge's criteria, for run results that already carry them per judge. */
  public static JudgeEntry withCriteria(JudgeEntry e, Judgment j) {
    return new JudgeEntry(
        e.model(),
        e.score(),
        e.passed(),
        e.grade(),
        e.reasoning(),
        e.judgeNumber(),
        e.isValid(),
        j.criteriaScores());
  }

  /**
   * The run result.
   *
   * @param runNumber from the run's place in the experiment, never from a file
   * @param files the run's files at the experiment's current location (for the path fields)
   * @param agent {@code agent/result.json}
   * @param agentSeconds {@code agent/timing.json}'s {@code agent_duration_seconds}
   * @param judgeSeconds the wall time of all judges ({@code judge/timing.json})
   * @param consensus {@code judge/result.json}
   * @param judges one entry per slot holding a judgment, in slot order
   * @param previous the previous valid {@code run_result.json}, whose fields this builder does not
   *     derive ({@code process_metrics}, ...) are kept; null when none
   */
  public static RunResult build(
      int runNumber,
      RunFiles files,
      AgentResult agent,
      double agentSeconds,
      double judgeSeconds,
      Consensus consensus,
      List<JudgeEntry> judges,
      ObjectNode previous) {
    JsonNode criteria = consensus.criteriaScores();
    return new RunResult(
        runNumber,
        agent.exitCode(),
        agent.tokenStats(),
        agent.costUsd(),
        agentSeconds + judgeSeconds,
        agentSeconds,
        judgeSeconds,
        consensus.score(),
        consensus.passed(),
        consensus.grade(),
        consensus.reasoning() == null ? "" : consensus.reasoning(),
        judges,
        files.workspace().toAbsolutePath().normalize().toString(),
        files.agentDir().toAbsolutePath().normalize().toString(),
        files.commandLog().toAbsolutePath().normalize().toString(),
        criteria == null || criteria.isNull() ? Json.object() : criteria,
        agent.turnLimitReached(),
        previous);
  }
}
