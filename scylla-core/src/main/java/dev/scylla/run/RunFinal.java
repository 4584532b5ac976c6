package dev.scylla.run;

import dev.scylla.model.JudgeSpend;
import dev.scylla.model.RunKey;

/**
 * How the orchestration of one run ended in this invocation.
 *
 * @param passed the consensus verdict of a completed run, else null
 * @param costUsd agent spend of this invocation on this run
 * @param agentLaunches agent attempts launched in this invocation
 * @param judgeCalls calls to judge models made in this invocation (an attempt and its reminder are
 *     two)
 * @param judgeSpend the tokens and cost of those calls
 */
public record RunFinal(
    RunKey key,
    Kind kind,
    String reason,
    Boolean passed,
    double costUsd,
    int agentLaunches,
    int judgeCalls,
    JudgeSpend judgeSpend) {

  public RunFinal {
    judgeSpend = judgeSpend == null ? JudgeSpend.NONE : judgeSpend;
  }

  /** A final state without judge spend. */
  public RunFinal(
      RunKey key,
      Kind kind,
      String reason,
      Boolean passed,
      double costUsd,
      int agentLaunches,
      int judgeCalls) {
    this(key, kind, reason, passed, costUsd, agentLaunches, judgeCalls, JudgeSpend.NONE);
  }

  /** Agent and judge spend of this invocation on this run (judge calls of unknown cost aside). */
  public double totalCostUsd() {
    return costUsd + judgeSpend.costUsd();
  }

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
