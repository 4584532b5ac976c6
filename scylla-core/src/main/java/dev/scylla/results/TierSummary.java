package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.TokenStats;
import java.util.List;

/**
 * A tier's aggregate (the reference's TierResult without the runs).
 *
 * @param subtests the subtests that have runs, by subtest id
 * @param totalCost the sum of the subtests' total costs
 * @param totalDuration the tier's wall-clock duration: measured by the run that produced the tier
 *     and kept from its {@code result.json}; when unknown, the sum of its runs' durations
 * @param durationMeasured whether {@code totalDuration} is a kept measurement (false: the sum)
 * @param costOfPass the best subtest's mean cost over its pass rate, or null when it never passed
 * @param inheritedFrom the tier baseline the tier was built on ({@link TierBaselines}), or null
 */
public record TierSummary(
    String tier,
    List<SubtestStats> subtests,
    BestSubtest best,
    double totalCost,
    double totalDuration,
    boolean durationMeasured,
    Double costOfPass,
    TokenStats tokenStats,
    JsonNode inheritedFrom) {

  public TierSummary {
    subtests = List.copyOf(subtests);
  }

  /** The stats of the best subtest. */
  public SubtestStats bestStats() {
    for (SubtestStats s : subtests) {
      if (s.subtest().equals(best.winner())) {
        return s;
      }
    }
    throw new IllegalStateException("best subtest " + best.winner() + " not in tier " + tier);
  }
}
