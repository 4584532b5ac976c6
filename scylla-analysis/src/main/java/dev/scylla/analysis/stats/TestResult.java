package dev.scylla.analysis.stats;

/** A test statistic and its p-value; both NaN when the test cannot be computed. */
public record TestResult(double statistic, double pValue) {
  public static final TestResult UNDEFINED = new TestResult(Double.NaN, Double.NaN);

  /** p < alpha; false when p is NaN. */
  public boolean significant(double alpha) {
    return pValue < alpha;
  }
}
