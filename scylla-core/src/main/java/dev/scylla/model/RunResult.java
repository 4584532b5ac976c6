package dev.scylla.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code run_result.json}: everything known about one finished run.
 *
 * @param turnLimitReached the agent used up its turns ({@code turn_limit_reached}, ours)
 * @param raw the parsed file (null for values built in memory); never mutate it
 */
public record RunResult(
    int runNumber,
    int exitCode,
    TokenStats tokenStats,
    double costUsd,
    double durationSeconds,
    double agentDurationSeconds,
    double judgeDurationSeconds,
    double judgeScore,
    boolean judgePassed,
    String judgeGrade,
    String judgeReasoning,
    List<JudgeEntry> judges,
    String workspacePath,
    String logsPath,
    String commandLogPath,
    JsonNode criteriaScores,
    boolean turnLimitReached,
    ObjectNode raw) {

  public RunResult {
    judges = judges == null ? List.of() : List.copyOf(judges);
  }

  public long tokensInput() {
    return tokenStats.tokensInput();
  }

  public long tokensOutput() {
    return tokenStats.outputTokens();
  }
}
