package dev.scylla.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.TokenStats;
import java.util.List;

/**
 * The experiment's aggregate (the reference's ExperimentResult without the tiers' runs).
 *
 * @param tiers the tiers that have runs, T0 to T6
 * @param frontierTier the tier whose best subtest has the lowest cost of pass, or null when no
 *     tier's best subtest ever passed
 * @param frontierCop that cost of pass, or null
 * @param bestOverallSubtest the frontier tier's best subtest, or null
 * @param startedAt when the experiment started (kept from its earlier result, else the
 *     checkpoint's), or null
 * @param completedAt when it completed (likewise), or null
 * @param totalDurationSeconds {@code completedAt - startedAt} when both are known, else the sum of
 *     the tiers' durations
 */
public record ExperimentSummary(
    ExperimentConfig config,
    List<TierSummary> tiers,
    String frontierTier,
    Double frontierCop,
    String bestOverallSubtest,
    double totalCost,
    TokenStats tokenStats,
    String startedAt,
    String completedAt,
    double totalDurationSeconds) {

  public ExperimentSummary {
    tiers = List.copyOf(tiers);
  }

  public ObjectNode configJson() {
    return config.raw();
  }
}
