package dev.scylla.run;

import dev.scylla.model.RunKey;

/**
 * How the orchestration of one run ended in this invocation.
 *
 * @param passed the consensus verdict of a completed run, else null
 * @param costUsd agent spend of this invocation on this run
 * @param agentLaunches agent attempts launched in this invocation
 * @param judgeCalls judge calls made in this invocation
 */
public record RunFinal(
    RunKey key,
    Kind kind,
    String reason,
    Boolean passed,
    double costUsd,
    int agentLaunches,
    int judgeCalls) {

  /** The end states of a run's orchestration. */
  public enum Kind {
    /** Agent done, every judge slot terminal, run_result.json written. */
    COMPLETED,
    /** The agent's retry budget is spent: a final failure until asked to retry. */
    FAILED_FINAL,
    /** Not started or left unfinished because launching was stopped (Ctrl+C, cost guard, setup). */
    STOPPED,
    /** Killed by cancellation or by a setup problem; resumable. */
    INTERRUPTED
  }
}
