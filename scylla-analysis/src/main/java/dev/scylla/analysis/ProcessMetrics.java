package dev.scylla.analysis;

import dev.scylla.analysis.stats.Descriptive;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference's four process metrics (HEAD): their names, and mean / median / sample standard
 * deviation over rows, NaN-skipping (NaN when no row has the metric).
 */
public final class ProcessMetrics {
  /** The metrics, in the order of the HEAD columns and keys. */
  public static final List<String> NAMES =
      List.of("r_prog", "cfp", "pr_revert_rate", "strategic_drift");

  /** The metrics of the HEAD statistical tests ({@code strategic_drift} is left out there). */
  public static final List<String> TESTED = List.of("r_prog", "cfp", "pr_revert_rate");

  private ProcessMetrics() {}

  /** Mean, median and sample standard deviation of one metric. */
  public record Stats(double mean, double median, double std) {}

  /** One {@link Stats} per metric of {@link #NAMES}. */
  static List<Stats> stats(List<RunRow> rows) {
    List<Stats> out = new ArrayList<>(NAMES.size());
    for (String m : NAMES) {
      double[] v = Columns.metric(rows, m);
      out.add(new Stats(Descriptive.mean(v), Descriptive.median(v), Descriptive.std(v)));
    }
    return out;
  }

  /** The mean of each metric of {@link #NAMES}. */
  static List<Double> means(List<RunRow> rows) {
    List<Double> out = new ArrayList<>(NAMES.size());
    for (String m : NAMES) {
      out.add(Descriptive.mean(Columns.metric(rows, m)));
    }
    return out;
  }
}
