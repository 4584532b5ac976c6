package dev.scylla.model;

/**
 * {@code agent/result.json}.
 *
 * @param exitCode the agent process exit code; -1 means an exception or a timeout
 * @param apiCalls {@code num_turns} of the agent CLI, or null when the file has none
 * @param turnLimitReached the agent stopped because it used up its turns ({@code --max-turns}): a
 *     model outcome, counted apart, judged or scored as a failure as the experiment says ({@link
 *     ExperimentConfig#judgesTurnLimited()}; {@code turn_limit_reached}, our addition; absent means
 *     false)
 */
public record AgentResult(
    int exitCode,
    String stdout,
    String stderr,
    TokenStats tokenStats,
    double costUsd,
    Integer apiCalls,
    boolean turnLimitReached) {

  public AgentResult(
      int exitCode,
      String stdout,
      String stderr,
      TokenStats tokenStats,
      double costUsd,
      Integer apiCalls) {
    this(exitCode, stdout, stderr, tokenStats, costUsd, apiCalls, false);
  }

  /**
   * The reference's infrastructure-failure predicate: exit code -1 and not a single token used.
   * Such a result is a record of a failure, not of an agent run.
   */
  public boolean isInfrastructureFailure() {
    return exitCode == -1 && tokenStats.isZero();
  }
}
