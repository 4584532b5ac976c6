package dev.scylla.judge;

import dev.scylla.model.JudgeSpend;
import dev.scylla.model.RateLimit;

/**
 * How judging one slot ended. Every outcome leaves the slot directory in a state the classifier
 * reads correctly: COMPLETE and FALLBACK are terminal; FAILED is a recorded failure with budget
 * left; RATE_LIMITED is a recorded failure that spent no budget; CANCELLED leaves the slot partial.
 *
 * @param attempt the attempt number this call used (0 when it made none)
 * @param attemptsSpent attempts that count against the budget, this one included
 * @param reason why (failure, fallback, limit), or a short summary
 * @param verdict the verdict (COMPLETE when this call judged; null when the slot was already
 *     complete)
 * @param rateLimit the limit and its reset time (RATE_LIMITED only)
 * @param seconds how long this attempt's calls took
 * @param calls the calls to the model this attempt made (an attempt and its reminder are two)
 * @param spend their tokens and cost
 */
public record SlotOutcome(
    Kind kind,
    int slot,
    String model,
    int attempt,
    int attemptsSpent,
    String reason,
    Verdict verdict,
    RateLimit rateLimit,
    double seconds,
    int calls,
    JudgeSpend spend) {

  public SlotOutcome {
    spend = spend == null ? JudgeSpend.NONE : spend;
  }

  /** An outcome that made no call. */
  public SlotOutcome(
      Kind kind,
      int slot,
      String model,
      int attempt,
      int attemptsSpent,
      String reason,
      Verdict verdict,
      RateLimit rateLimit,
      double seconds) {
    this(kind, slot, model, attempt, attemptsSpent, reason, verdict, rateLimit, seconds, 0, null);
  }

  /** This outcome, having made {@code calls} calls that cost {@code spend}. */
  public SlotOutcome withCalls(int calls, JudgeSpend spend) {
    return new SlotOutcome(
        kind,
        slot,
        model,
        attempt,
        attemptsSpent,
        reason,
        verdict,
        rateLimit,
        seconds,
        calls,
        spend);
  }

  /** The kinds of outcome. */
  public enum Kind {
    /** A valid judgment is persisted (now, or already before this call). */
    COMPLETE,
    /** The attempt budget is spent; a fallback judgment is persisted (terminal). */
    FALLBACK,
    /** This attempt failed; its failure record is persisted; budget is left. */
    FAILED,
    /** The backend reported a rate or usage limit; no budget was spent. */
    RATE_LIMITED,
    /** The caller cancelled; no budget was spent. */
    CANCELLED
  }

  /** Complete or fallback: judging this slot again is pointless unless asked. */
  public boolean terminal() {
    return kind == Kind.COMPLETE || kind == Kind.FALLBACK;
  }
}
