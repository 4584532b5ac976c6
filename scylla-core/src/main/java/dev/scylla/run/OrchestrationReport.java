package dev.scylla.run;

import java.time.Duration;
import java.util.List;

/**
 * What an orchestration did: one end state per run, the agent spend of this invocation, the wall
 * time, and why launching stopped early (null when it did not).
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
}
