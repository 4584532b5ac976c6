package dev.scylla.run;

import dev.scylla.model.JudgeSpend;
import java.time.Instant;

/**
 * How one external step (an agent launch, a judge call) ended.
 *
 * @param retryAt for RATE_LIMITED: when the limit resets, or null when unknown
 * @param hardLimit for RATE_LIMITED: a usage limit that waiting a little will not lift (an
 *     exhausted quota)
 * @param calls for a judge slot: the calls to the model this step made (an attempt and its reminder
 *     are two; a slot found terminal made none)
 * @param judgeSpend for a judge slot: the tokens and cost of those calls
 */
public record StepOutcome(
    Kind kind,
    String reason,
    Instant retryAt,
    boolean hardLimit,
    int calls,
    JudgeSpend judgeSpend) {

  public StepOutcome {
    judgeSpend = judgeSpend == null ? JudgeSpend.NONE : judgeSpend;
  }

  /** A step that called no judge. */
  public StepOutcome(Kind kind, String reason, Instant retryAt) {
    this(kind, reason, retryAt, false, 0, JudgeSpend.NONE);
  }

  /** This result, having made {@code calls} judge calls that cost {@code spend}. */
  public StepOutcome withJudgeCalls(int calls, JudgeSpend spend) {
    return new StepOutcome(kind, reason, retryAt, hardLimit, calls, spend);
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

  public static StepOutcome done() {
    return new StepOutcome(Kind.DONE, null, null);
  }

  public static StepOutcome failed(String reason) {
    return new StepOutcome(Kind.FAILED, reason, null);
  }

  public static StepOutcome rateLimited(String reason, Instant retryAt) {
    return new StepOutcome(Kind.RATE_LIMITED, reason, retryAt);
  }

  public static StepOutcome rateLimited(String reason, Instant retryAt, boolean hardLimit) {
    return new StepOutcome(Kind.RATE_LIMITED, reason, retryAt, hardLimit, 0, JudgeSpend.NONE);
  }
}
