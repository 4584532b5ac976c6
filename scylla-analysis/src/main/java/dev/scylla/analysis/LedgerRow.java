package dev.scylla.analysis;

import dev.scylla.model.JudgeSpend;
import java.util.List;

/**
 * What one expected run cost, as recorded where it happened (the cost ledger): its agent's current
 * attempt, its judge slots' calls, and what its archived attempts cost (agents under {@code
 * .failed/}, set-aside judge journals). Every run with files counts, scored or not.
 *
 * @param agentUsd {@code cost_usd} of the current {@code agent/result.json} (0 without one)
 * @param judges the current slots: their model and recorded calls
 * @param simulated whether the simulator played agent and judges
 * @param runFingerprint the SHA-256 of the inputs the run was made from (its attempt journal), or
 *     null when not recorded
 * @param judgeFingerprints slot → the SHA-256 of what its verdict was judged with, for the slots
 *     that record one
 */
public record LedgerRow(
    String experiment,
    String agentModel,
    String tier,
    String subtest,
    int runNumber,
    boolean simulated,
    double agentUsd,
    List<JudgeCost> judges,
    int archivedAgentAttempts,
    double archivedAgentUsd,
    JudgeSpend archivedJudges,
    String runFingerprint,
    java.util.Map<Integer, String> judgeFingerprints) {

  public LedgerRow {
    judges = List.copyOf(judges);
    judgeFingerprints = java.util.Map.copyOf(judgeFingerprints);
  }

  /** One slot's model and calls. */
  public record JudgeCost(String judgeModel, JudgeSpend spend) {}

  public double judgeUsd() {
    return judges.stream().mapToDouble(j -> j.spend().costUsd()).sum();
  }
}
