package dev.scylla.analysis;

import java.util.List;

/**
 * One row of {@code subtests.csv}: the runs of one (experiment, agent model, tier, subtest).
 * Standard deviations are sample deviations ({@code NaN} for a single run); {@code cop} is {@code
 * +Infinity} when nothing passed.
 *
 * @param consistency 1 − std/mean of the score clamped to [0, 1]; 1.0 when the std is undefined
 * @param modalGrade the most frequent grade, ties to the alphabetically smallest letter
 * @param process mean, median and std of each process metric ({@link ProcessMetrics#NAMES})
 */
public record SubtestRow(
    String experiment,
    String agentModel,
    String tier,
    String subtest,
    int runs,
    double passRate,
    double meanScore,
    double medianScore,
    double stdScore,
    double meanImplRate,
    double medianImplRate,
    double stdImplRate,
    double consistency,
    double meanCost,
    double totalCost,
    double meanDuration,
    double cop,
    GradeCounts grades,
    String modalGrade,
    List<ProcessMetrics.Stats> process) {
  public SubtestRow {
    process = List.copyOf(process);
  }
}
