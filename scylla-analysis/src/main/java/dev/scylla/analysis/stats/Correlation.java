package dev.scylla.analysis.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Spearman's ρ and Pearson's r with two-sided p-values from Student's t with n − 2 degrees of
 * freedom, computed in the order numpy's {@code corrcoef} computes them.
 */
public final class Correlation {
  private Correlation() {}

  /**
   * Spearman's ρ of paired values (NaN-free, equal lengths): Pearson's r of the average ranks.
   * Undefined for fewer than 2 pairs or a constant input (scipy returns NaN there).
   */
  public static TestResult spearman(double[] x, double[] y) {
    check(x, y);
    if (x.length < 2 || constant(x) || constant(y)) {
      return TestResult.UNDEFINED;
    }
    return pearsonOf(Ranks.average(x), Ranks.average(y));
  }

  /** Pearson's r of paired values; undefined for fewer than 2 pairs or a constant input. */
  public static TestResult pearson(double[] x, double[] y) {
    check(x, y);
    if (x.length < 2 || constant(x) || constant(y)) {
      return TestResult.UNDEFINED;
    }
    return pearsonOf(x, y);
  }

  private static TestResult pearsonOf(double[] x, double[] y) {
    int n = x.length;
    double mx = Descriptive.sum(x) / n;
    double my = Descriptive.sum(y) / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    double f = 1.0 / (n - 1);
    // numpy's corrcoef divides c[1][0] by the deviation of y, then of x; scipy reports c[1][0]
    double r = sxy * f / Math.sqrt(syy * f) / Math.sqrt(sxx * f);
    r = Math.max(-1.0, Math.min(1.0, r));
    return new TestResult(r, pValue(r, n));
  }

  /** The two-sided p-value of a correlation r over n pairs (t test, n − 2 degrees of freedom). */
  public static double pValue(double r, int n) {
    int dof = n - 2;
    if (dof <= 0 || Double.isNaN(r)) {
      return Double.NaN;
    }
    double q = dof / ((r + 1.0) * (1.0 - r));
    double t = r * Math.sqrt(Math.max(0.0, q));
    if (Double.isInfinite(t)) {
      return 0.0;
    }
    return Math.min(1.0, 2 * TDistribution.of(dof).survivalProbability(Math.abs(t)));
  }

  private static boolean constant(double[] a) {
    for (double v : a) {
      if (v != a[0]) {
        return false;
      }
    }
    return true;
  }

  private static void check(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "paired samples differ in length: " + x.length + " and " + y.length);
    }
  }
}
