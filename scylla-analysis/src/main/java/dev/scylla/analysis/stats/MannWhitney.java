package dev.scylla.analysis.stats;

import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The two-sided Mann–Whitney U test as scipy's {@code mannwhitneyu} (method "auto") computes it:
 * the exact distribution when a sample has at most 8 values and there are no ties, otherwise the
 * normal approximation with tie and continuity correction. The statistic is U of the first sample.
 * The p-values come from Commons Statistics.
 */
public final class MannWhitney {
  private static final MannWhitneyUTest EXACT =
      MannWhitneyUTest.withDefaults().with(PValueMethod.EXACT).with(ContinuityCorrection.ENABLED);
  private static final MannWhitneyUTest ASYMPTOTIC =
      MannWhitneyUTest.withDefaults()
          .with(PValueMethod.ASYMPTOTIC)
          .with(ContinuityCorrection.ENABLED);

  private MannWhitney() {}

  /** scipy's test; throws for an empty sample (NaN values must be removed first). */
  public static TestResult test(double[] x, double[] y) {
    if (x.length == 0 || y.length == 0) {
      throw new IllegalArgumentException("Mann-Whitney U needs two non-empty samples");
    }
    double[] all = new double[x.length + y.length];
    System.arraycopy(x, 0, all, 0, x.length);
    System.arraycopy(y, 0, all, x.length, y.length);
    boolean exact = (x.length <= 8 || y.length <= 8) && !Ranks.hasTies(all);
    double u1 = uStatistic(x, y);
    double p = (exact ? EXACT : ASYMPTOTIC).test(x, y).getPValue();
    return new TestResult(u1, Math.max(0.0, Math.min(1.0, p)));
  }

  /**
   * The reference's guarded test: U = 0 and p = 1 when either sample has fewer than 2 values (or
   * the test fails), otherwise {@link #test}.
   */
  public static TestResult guarded(double[] x, double[] y) {
    if (x.length < 2 || y.length < 2) {
      return new TestResult(0.0, 1.0);
    }
    try {
      return test(x, y);
    } catch (RuntimeException e) {
      return new TestResult(0.0, 1.0);
    }
  }

  /**
   * The reference's HEAD guard: as {@link #guarded}, and also U = 0, p = 1 when every value of both
   * samples is the same (no location shift to test; the normal approximation is undefined there).
   */
  public static TestResult headGuarded(double[] x, double[] y) {
    if (x.length >= 2 && y.length >= 2) {
      double first = x[0];
      boolean tied = true;
      for (double v : x) {
        tied &= v == first;
      }
      for (double v : y) {
        tied &= v == first;
      }
      if (tied) {
        return new TestResult(0.0, 1.0);
      }
    }
    return guarded(x, y);
  }

  /** U of the first sample: its rank sum in the pooled sample minus n1(n1+1)/2. */
  public static double uStatistic(double[] x, double[] y) {
    double[] all = new double[x.length + y.length];
    System.arraycopy(x, 0, all, 0, x.length);
    System.arraycopy(y, 0, all, x.length, y.length);
    double[] r = Ranks.average(all);
    double r1 = 0;
    for (int i = 0; i < x.length; i++) {
      r1 += r[i];
    }
    return r1 - x.length * (x.length + 1) / 2.0;
  }
}
