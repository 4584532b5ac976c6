package dev.scylla.results;

import dev.scylla.model.TokenStats;
import java.util.List;
import java.util.Map;

/**
 * The statistics of one subtest over its runs (the reference's SubTestResult without the runs).
 *
 * @param runs the runs, sorted by run number
 * @param gradeDistribution grade counts in order of first appearance, or null when no run has a
 *     grade
 * @param stdDevScore the sample standard deviation (n - 1), 0.0 for one run
 * @param consistency {@code max(0, 1 - std/mean)}, with the ratio taken as 1 when the mean is 0
 */
public record SubtestStats(
    String tier,
    String subtest,
    List<RunSummary> runs,
    int passed,
    double passRate,
    double meanScore,
    double medianScore,
    double stdDevScore,
    double meanCost,
    double totalCost,
    TokenStats tokenStats,
    double consistency,
    Map<String, Integer> gradeDistribution,
    String modalGrade,
    String minGrade,
    String maxGrade,
    double totalDuration) {

  public SubtestStats {
    runs = List.copyOf(runs);
  }

  public int totalRuns() {
    return runs.size();
  }

  /** How many runs ended with the agent's turns used up (counted apart; see RunSummary). */
  public int turnLimitedRuns() {
    int n = 0;
    for (RunSummary r : runs) {
      if (r.turnLimited()) {
        n++;
      }
    }
    return n;
  }

  /** The highest single-run score (the "Best Score" of the summary tables), 0.0 without runs. */
  public double bestRunScore() {
    double best = 0.0;
    boolean any = false;
    for (RunSummary r : runs) {
      if (!any || r.score() > best) {
        best = r.score();
        any = true;
      }
    }
    return best;
  }
}
