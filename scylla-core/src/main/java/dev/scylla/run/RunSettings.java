package dev.scylla.run;

import java.time.Duration;

/**
 * How runs are executed.
 *
 * @param agentAttempts the retry budget of a run's agent: attempts that may fail or time out
 * @param retryExhausted also retry runs whose budget is spent
 * @param keepWorkspaces keep each run's worktree after judging (default: remove it)
 * @param maxCostUsd stop launching new agent attempts once the spend of this invocation plus the
 *     expected cost of one more would exceed this; null for no limit
 * @param defaultRateLimitWait how long to pause a model when a limit names no reset time
 */
public record RunSettings(
    int agentAttempts,
    boolean retryExhausted,
    boolean keepWorkspaces,
    Double maxCostUsd,
    Duration defaultRateLimitWait) {

  public static RunSettings defaults() {
    return new RunSettings(3, false, false, null, Duration.ofSeconds(60));
  }

  public RunSettings withRetryExhausted(boolean b) {
    return new RunSettings(agentAttempts, b, keepWorkspaces, maxCostUsd, defaultRateLimitWait);
  }

  public RunSettings withMaxCost(Double usd) {
    return new RunSettings(
        agentAttempts, retryExhausted, keepWorkspaces, usd, defaultRateLimitWait);
  }

  public RunSettings withKeepWorkspaces(boolean b) {
    return new RunSettings(agentAttempts, retryExhausted, b, maxCostUsd, defaultRateLimitWait);
  }

  public RunSettings withAgentAttempts(int n) {
    return new RunSettings(n, retryExhausted, keepWorkspaces, maxCostUsd, defaultRateLimitWait);
  }

  public RunSettings withDefaultRateLimitWait(Duration d) {
    return new RunSettings(agentAttempts, retryExhausted, keepWorkspaces, maxCostUsd, d);
  }
}
