package dev.scylla.run;

import java.time.Instant;

/**
 * How one external step (an agent launch, a judge call) ended.
 *
 * @param retryAt for RATE_LIMITED: when the limit resets, or null when unknown
 * @param hardLimit for RATE_LIMITED: a usage limit that waiting a little will not lift (an
 *     exhausted quota)
 */
public record StepResult(Kind kind, String reason, Instant retryAt, boolean hardLimit) {

  public StepResult(Kind kind, String reason, Instant retryAt) {
    this(kind, reason, retryAt, false);
  }

  /** The kinds of ending the orchestrator distinguishes. */
  public enum Kind {
    /** The step did its work (for a judge slot: a valid verdict is persisted). */
    DONE,
    /** For a judge slot: the retry budget is spent and a fallback verdict is persisted. */
    FALLBACK,
    /** The step failed; the caller decides whether budget remains. */
    FAILED,
    /** The step exceeded its timeout. */
    TIMED_OUT,
    /** A rate or usage limit; consumes no budget, retried after {@code retryAt}. */
    RATE_LIMITED,
    /** Stopped by cancellation. */
    CANCELLED
  }

  public static StepResult done() {
    return new StepResult(Kind.DONE, null, null);
  }

  public static StepResult failed(String reason) {
    return new StepResult(Kind.FAILED, reason, null);
  }

  public static StepResult rateLimited(String reason, Instant retryAt) {
    return new StepResult(Kind.RATE_LIMITED, reason, retryAt);
  }

  public static StepResult rateLimited(String reason, Instant retryAt, boolean hardLimit) {
    return new StepResult(Kind.RATE_LIMITED, reason, retryAt, hardLimit);
  }
}
