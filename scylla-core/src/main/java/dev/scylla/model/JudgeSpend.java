package dev.scylla.model;

/**
 * What judge calls cost, added up.
 *
 * @param calls the calls counted
 * @param unpricedCalls those of them whose cost is unknown (not counted in {@code costUsd})
 * @param costUsd the sum of the known costs
 * @param tokens the sum of the reported tokens
 */
public record JudgeSpend(int calls, int unpricedCalls, double costUsd, TokenStats tokens) {
  public static final JudgeSpend NONE = new JudgeSpend(0, 0, 0.0, TokenStats.ZERO);

  public JudgeSpend plus(JudgeSpend o) {
    return new JudgeSpend(
        calls + o.calls,
        unpricedCalls + o.unpricedCalls,
        costUsd + o.costUsd,
        tokens.plus(o.tokens));
  }

  /** This plus one call. */
  public JudgeSpend plus(CallSpend c) {
    return new JudgeSpend(
        calls + 1,
        unpricedCalls + (c.costKnown() ? 0 : 1),
        costUsd + c.knownCost(),
        c.tokens() == null ? tokens : tokens.plus(c.tokens()));
  }
}
