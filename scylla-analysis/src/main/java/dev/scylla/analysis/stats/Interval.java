package dev.scylla.analysis.stats;

/** An estimate and its confidence interval. */
public record Interval(double estimate, double low, double high) {

  /** A degenerate interval: the estimate itself. */
  public static Interval point(double estimate) {
    return new Interval(estimate, estimate, estimate);
  }

  /** Whether the interval lies entirely on one side of {@code value}; false when undefined. */
  public boolean excludes(double value) {
    return low > value || high < value;
  }
}
