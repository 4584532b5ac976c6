package dev.scylla.analysis;

import java.util.Locale;

/**
 * Why a run (or an archived attempt of it) has no verdict of the agent's own making. All but {@link
 * #OTHER} are infrastructure failures: they say nothing about the agent configuration under test.
 */
public enum FailureKind {
  /** The agent or a judge hit a rate or usage limit. */
  RATE_LIMIT,
  /**
   * The agent process failed without producing anything (exit code -1 and no tokens, no output).
   */
  CRASH,
  /** The agent ran past its timeout and was killed. */
  TIMEOUT,
  /** The agent started and never finished (the tool was stopped mid-run). */
  INTERRUPTED,
  /** The agent finished but the run has no readable verdict ({@code run_result.json}). */
  NO_VERDICT,
  /** An archived attempt with no sign of an infrastructure cause. */
  OTHER;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isInfrastructure() {
    return this != OTHER;
  }
}
