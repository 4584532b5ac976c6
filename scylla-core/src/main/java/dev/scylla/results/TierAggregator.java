package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.Tiers;
import dev.scylla.model.TokenStats;
import java.util.ArrayList;
import java.util.List;

/** Aggregates a tier from its subtests. Pure. */
public final class TierAggregator {
  private TierAggregator() {}

  /**
   * The tier summary.
   *
   * @param subtests the subtests with at least one run (any order; sorted by id here)
   * @param measuredDuration the tier's measured wall-clock duration from an earlier result, or null
   * @param inheritedFrom the tier baseline ({@link TierBaselines}), or null
   */
  public static TierSummary aggregate(
      String tier, List<SubtestStats> subtests, Double measuredDuration, JsonNode inheritedFrom) {
    List<SubtestStats> sorted = new ArrayList<>(subtests);
    sorted.sort((a, b) -> Tiers.SUBTEST_ORDER.compare(a.subtest(), b.subtest()));
    BestSubtest best = BestSubtestSelector.select(sorted);
    double cost = 0.0;
    double runDurations = 0.0;
    TokenStats tokens = TokenStats.ZERO;
    for (SubtestStats s : sorted) {
      cost += s.totalCost();
      runDurations += s.totalDuration();
      tokens = tokens.plus(s.tokenStats());
    }
    SubtestStats b = null;
    for (SubtestStats s : sorted) {
      if (s.subtest().equals(best.winner())) {
        b = s;
      }
    }
    Double cop = b != null && b.passRate() > 0 ? b.meanCost() / b.passRate() : null;
    boolean measured = measuredDuration != null && Double.isFinite(measuredDuration);
    return new TierSummary(
        tier,
        sorted,
        best,
        cost,
        measured ? measuredDuration : runDurations,
        measured,
        cop,
        tokens,
        inheritedFrom);
  }
}
