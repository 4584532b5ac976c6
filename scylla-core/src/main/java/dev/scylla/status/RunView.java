package dev.scylla.status;

import dev.scylla.model.JudgeSpend;
import dev.scylla.model.RunKey;
import java.util.List;

/**
 * The classification of one run and its judge slots.
 *
 * @param location the run directory relative to the experiment
 * @param attention for a completed run: what its judges still need (empty when nothing), so the run
 *     view never contradicts the judge view
 * @param agentCostUsd the agent's {@code cost_usd} in its {@code agent/result.json} (0 without one;
 *     archived attempts are not counted)
 * @param judgeSpend the judge calls the slots' attempt journals record, with tokens and cost
 */
public record RunView(
    RunKey key,
    String location,
    RunStatus status,
    String reason,
    List<String> attention,
    List<SlotView> slots,
    boolean budgetSpent,
    boolean turnLimitReached,
    double agentCostUsd,
    JudgeSpend judgeSpend) {

  public RunView {
    attention = List.copyOf(attention);
    slots = List.copyOf(slots);
  }
}
