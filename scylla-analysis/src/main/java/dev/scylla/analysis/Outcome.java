package dev.scylla.analysis;

import java.util.Locale;

/** What an expected run contributes to the pass-rate denominators. */
public enum Outcome {
  /** The run has a verdict that is the agent's own: counted in both denominators. */
  SCORED,
  /**
   * The run was attempted but failed for infrastructure reasons (see {@link FailureKind}): counted
   * in the strict denominator as not passed, left out of the other.
   */
  INFRA_FAILURE,
  /** The run was never attempted (no run directory): in neither denominator. */
  NOT_RUN;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
