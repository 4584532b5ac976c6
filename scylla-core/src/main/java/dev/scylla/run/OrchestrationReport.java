package dev.scylla.run;

import dev.scylla.model.JudgeSpend;
import java.time.Duration;
import java.util.List;

/**
 * What an orchestration did: one end state per run, the spend of this invocation (agents and
 * judges, as {@code --max-cost} counts it), the wall time, and why launching stopped early (null
 * when it did not).
 */
public record OrchestrationReport(
    List<RunFinal> runs, double spentUsd, Duration elapsed, String stopReason) {

  public OrchestrationReport {
    runs = List.copyOf(runs);
  }

  public long count(RunFinal.Kind kind) {
    return runs.stream().filter(r -> r.kind() == kind).count();
  }

  public int agentLaunches() {
    return runs.stream().mapToInt(RunFinal::agentLaunches).sum();
  }

  public int judgeCalls() {
    return runs.stream().mapToInt(RunFinal::judgeCalls).sum();
  }

  /** The agents' share of the spend. */
  public double agentSpentUsd() {
    return runs.stream().mapToDouble(RunFinal::costUsd).sum();
  }

  /** The judge calls of this invocation, their tokens and known cost. */
  public JudgeSpend judgeSpend() {
    JudgeSpend s = JudgeSpend.NONE;
    for (RunFinal r : runs) {
      s = s.plus(r.judgeSpend());
    }
    return s;
  }
}
