package dev.scylla.results;

import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.Tiers;
import dev.scylla.model.TokenStats;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregates the experiment from its tiers: totals, and the frontier (the lowest cost of pass over
 * the tiers' best subtests, ties to the lower tier). Pure.
 */
public final class ExperimentAggregator {
  private ExperimentAggregator() {}

  /**
   * The experiment summary.
   *
   * @param startedAt when the experiment started, or null when unknown
   * @param completedAt when it completed, or null
   * @param measuredSeconds the duration an earlier result recorded, or null (then {@code
   *     completedAt - startedAt}, else the sum of the tiers' durations)
   */
  public static ExperimentSummary aggregate(
      ExperimentConfig config,
      List<TierSummary> tiers,
      String startedAt,
      String completedAt,
      Double measuredSeconds) {
    List<TierSummary> sorted = new ArrayList<>(tiers);
    sorted.sort((a, b) -> Tiers.TIER_ORDER.compare(a.tier(), b.tier()));
    String frontier = null;
    Double cop = null;
    String bestSubtest = null;
    double cost = 0.0;
    double durations = 0.0;
    TokenStats tokens = TokenStats.ZERO;
    for (TierSummary t : sorted) {
      cost += t.totalCost();
      durations += t.totalDuration();
      tokens = tokens.plus(t.tokenStats());
      if (t.subtests().isEmpty()) {
        continue;
      }
      SubtestStats best = t.bestStats();
      if (best.passRate() <= 0) {
        continue;
      }
      double c = best.meanCost() / best.passRate();
      if (cop == null || c < cop) {
        cop = c;
        frontier = t.tier();
        bestSubtest = best.subtest();
      }
    }
    Double span =
        measuredSeconds != null && Double.isFinite(measuredSeconds)
            ? measuredSeconds
            : seconds(startedAt, completedAt);
    return new ExperimentSummary(
        config,
        sorted,
        frontier,
        cop,
        bestSubtest,
        cost,
        tokens,
        startedAt,
        completedAt,
        span != null ? span : durations);
  }

  /**
   * Seconds from {@code from} to {@code to} (ISO-8601 with offset), to the microsecond as Python's
   * {@code timedelta.total_seconds()} gives them, or null when either does not parse.
   */
  public static Double seconds(String from, String to) {
    if (from == null || to == null) {
      return null;
    }
    try {
      long micros = ChronoUnit.MICROS.between(OffsetDateTime.parse(from), OffsetDateTime.parse(to));
      return micros / 1e6;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }
}
