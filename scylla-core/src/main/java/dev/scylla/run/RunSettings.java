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
 * @param writeSummaries rewrite the subtest, tier and experiment summaries at the end
 * @param maxRateLimitWait the longest a model may stay paused by limits in a row before scylla
 *     stops launching on it (see {@link RateLimitGates})
 * @param drift what a session does when runs or slots were made under inputs that differ from the
 *     experiment's current ones
 */
public record RunSettings(
    int agentAttempts,
    boolean retryExhausted,
    boolean keepWorkspaces,
    Double maxCostUsd,
    Duration defaultRateLimitWait,
    boolean writeSummaries,
    Duration maxRateLimitWait,
    DriftPolicy drift) {

  /** What a session does about drift ({@link dev.scylla.status.DriftReport}). */
  public enum DriftPolicy {
    /** Go on (re-judging, rebuilding: nothing is made under the new inputs beside old ones). */
    IGNORE,
    /** Refuse, naming what changed (BAD_INPUT): {@code run --resume}, {@code rerun-agents}. */
    REFUSE,
    /** Go on, and record in the experiment that these inputs were accepted. */
    ACCEPT
  }

  /** Settings that refuse drift. */
  public RunSettings(
      int agentAttempts,
      boolean retryExhausted,
      boolean keepWorkspaces,
      Double maxCostUsd,
      Duration defaultRateLimitWait,
      boolean writeSummaries,
      Duration maxRateLimitWait) {
    this(
        agentAttempts,
        retryExhausted,
        keepWorkspaces,
        maxCostUsd,
        defaultRateLimitWait,
        writeSummaries,
        maxRateLimitWait,
        DriftPolicy.REFUSE);
  }

  public RunSettings withDrift(DriftPolicy p) {
    return new RunSettings(
        agentAttempts,
        retryExhausted,
        keepWorkspaces,
        maxCostUsd,
        defaultRateLimitWait,
        writeSummaries,
        maxRateLimitWait,
        p);
  }

  /** The default of {@code --max-wait}, in seconds. */
  public static final long DEFAULT_MAX_WAIT_SECONDS = 3600;

  /** The first pause for a limit that names no reset time, in seconds (then back-off). */
  public static final long DEFAULT_PAUSE_SECONDS = 60;

  public static RunSettings defaults() {
    return new RunSettings(
        3,
        false,
        false,
        null,
        Duration.ofSeconds(DEFAULT_PAUSE_SECONDS),
        true,
        Duration.ofSeconds(DEFAULT_MAX_WAIT_SECONDS));
  }

  /** Whether the subtest, tier and experiment summaries are rewritten at the end. */
  public RunSettings withWriteSummaries(boolean b) {
    return new RunSettings(
        agentAttempts,
        retryExhausted,
        keepWorkspaces,
        maxCostUsd,
        defaultRateLimitWait,
        b,
        maxRateLimitWait,
        drift);
  }

  public RunSettings withRetryExhausted(boolean b) {
    return new RunSettings(
        agentAttempts,
        b,
        keepWorkspaces,
        maxCostUsd,
        defaultRateLimitWait,
        writeSummaries,
        maxRateLimitWait,
        drift);
  }

  public RunSettings withMaxCost(Double usd) {
    return new RunSettings(
        agentAttempts,
        retryExhausted,
        keepWorkspaces,
        usd,
        defaultRateLimitWait,
        writeSummaries,
        maxRateLimitWait,
        drift);
  }

  public RunSettings withKeepWorkspaces(boolean b) {
    return new RunSettings(
        agentAttempts,
        retryExhausted,
        b,
        maxCostUsd,
        defaultRateLimitWait,
        writeSummaries,
        maxRateLimitWait,
        drift);
  }

  public RunSettings withAgentAttempts(int n) {
    return new RunSettings(
        n,
        retryExhausted,
        keepWorkspaces,
        maxCostUsd,
        defaultRateLimitWait,
        writeSummaries,
        maxRateLimitWait,
        drift);
  }

  public RunSettings withDefaultRateLimitWait(Duration d) {
    return new RunSettings(
        agentAttempts,
        retryExhausted,
        keepWorkspaces,
        maxCostUsd,
        d,
        writeSummaries,
        maxRateLimitWait,
        drift);
  }

  public RunSettings withMaxRateLimitWait(Duration d) {
    return new RunSettings(
        agentAttempts,
        retryExhausted,
        keepWorkspaces,
        maxCostUsd,
        defaultRateLimitWait,
        writeSummaries,
        d,
        drift);
  }
}
