package dev.scylla.results;

import dev.scylla.model.ScyllaException;

/**
 * How a run's judges are combined.
 *
 * @param rule which counted judge supplies the reasoning and criteria
 * @param quorum the minimum number of counted real verdicts for the consensus to be valid (at least
 *     1)
 */
public record ConsensusPolicy(ReasoningRule rule, int quorum) {
  /** Judge 1's reasoning (as in the recorded experiment); valid with one real verdict. */
  public static final ConsensusPolicy DEFAULT = new ConsensusPolicy(ReasoningRule.FIRST, 1);

  public ConsensusPolicy {
    if (rule == null) {
      throw new IllegalArgumentException("rule");
    }
    if (quorum < 1) {
      throw ScyllaException.badInput("quorum must be at least 1, was " + quorum);
    }
  }

  public ConsensusPolicy withRule(ReasoningRule r) {
    return new ConsensusPolicy(r, quorum);
  }

  public ConsensusPolicy withQuorum(int q) {
    return new ConsensusPolicy(rule, q);
  }
}
