package dev.scylla.analysis.tables;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.LedgerRow;
import dev.scylla.model.JudgeSpend;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * tab15 (ours): the cost ledger: what the agents and the judges cost, by agent model and tier and
 * by judge model, the current attempts and the archived ones (runs archived under {@code .failed/}
 * before a retry, judge verdicts set aside before a re-judge) apart; every expected run with files
 * counts, scored or not.
 */
final class CostLedgerTable {
  static final String NAME = "tab15_cost_ledger";

  private CostLedgerTable() {}

  static Table build(Analysis a) {
    List<LedgerRow> rows = a.data().ledger();
    boolean simulated = rows.stream().anyMatch(LedgerRow::simulated);
    String title = "Cost ledger" + (simulated ? " (simulated money)" : "");
    if (rows.isEmpty()) {
      return Table.skip(NAME, title, "no run was read");
    }
    Table.Builder b =
        Table.builder(NAME, title)
            .left("Model", "Tier", "Who")
            .right("Runs / calls", "Current", "Archived", "Total");
    Map<String, Map<String, List<LedgerRow>>> byModel = new TreeMap<>();
    for (LedgerRow r : rows) {
      byModel
          .computeIfAbsent(r.agentModel(), m -> new TreeMap<>(Tiers.TIER_ORDER))
          .computeIfAbsent(r.tier(), t -> new ArrayList<>())
          .add(r);
    }
    double allCurrent = 0;
    double allArchived = 0;
    for (var m : byModel.entrySet()) {
      b.group();
      for (var t : m.getValue().entrySet()) {
        double agents = 0;
        double agentsArchived = 0;
        int archivedAttempts = 0;
        double judges = 0;
        double judgesArchived = 0;
        int calls = 0;
        for (LedgerRow r : t.getValue()) {
          agents += r.agentUsd();
          agentsArchived += r.archivedAgentUsd();
          archivedAttempts += r.archivedAgentAttempts();
          judges += r.judgeUsd();
          judgesArchived += r.archivedJudges().costUsd();
          calls += r.judges().stream().mapToInt(j -> j.spend().calls()).sum();
        }
        b.row(
            m.getKey(),
            t.getKey(),
            "agents",
            t.getValue().size() + " runs, " + archivedAttempts + " archived",
            Fmt.usd(agents),
            Fmt.usd(agentsArchived),
            Fmt.usd(agents + agentsArchived));
        b.row(
            m.getKey(),
            t.getKey(),
            "judges",
            calls + " calls",
            Fmt.usd(judges),
            Fmt.usd(judgesArchived),
            Fmt.usd(judges + judgesArchived));
        allCurrent += agents + judges;
        allArchived += agentsArchived + judgesArchived;
      }
    }
    b.group();
    Map<String, JudgeSpend> byJudge = new TreeMap<>();
    JudgeSpend archivedJudges = JudgeSpend.NONE;
    for (LedgerRow r : rows) {
      for (LedgerRow.JudgeCost j : r.judges()) {
        byJudge.merge(j.judgeModel(), j.spend(), JudgeSpend::plus);
      }
      archivedJudges = archivedJudges.plus(r.archivedJudges());
    }
    for (var j : byJudge.entrySet()) {
      b.row(
          "judge " + j.getKey(),
          "all",
          "judges",
          j.getValue().calls()
              + " calls"
              + (j.getValue().unpricedCalls() > 0
                  ? ", " + j.getValue().unpricedCalls() + " of unknown cost"
                  : ""),
          Fmt.usd(j.getValue().costUsd()),
          "",
          Fmt.usd(j.getValue().costUsd()));
    }
    if (archivedJudges.calls() > 0) {
      b.row(
          "judges set aside or archived",
          "all",
          "judges",
          archivedJudges.calls() + " calls",
          "",
          Fmt.usd(archivedJudges.costUsd()),
          Fmt.usd(archivedJudges.costUsd()));
    }
    b.total(
        List.of(
            "All",
            "",
            "",
            rows.size() + " runs",
            Fmt.usd(allCurrent),
            Fmt.usd(allArchived),
            Fmt.usd(allCurrent + allArchived)));
    b.note(
        "Current: the agent's cost_usd of each run's attempt in place and every call its judge"
            + " slots' journals record (attempts and reminders); archived: attempts moved to"
            + " .failed/ before a retry and judge journals set aside before a re-judge. Calls of"
            + " unknown cost add nothing."
            + (simulated
                ? " Simulated: the simulator played agent and judges; no money was spent."
                : ""));
    return b.build();
  }
}
