package dev.scylla.analysis.stats;

import java.util.Arrays;

/**
 * Descriptive statistics as numpy and pandas compute them, including their floating-point order of
 * operations: sums are numpy's pairwise sums, missing values ({@code NaN}) are skipped the way
 * pandas skips them (filled with 0 in place, then summed), variances are two-pass. So a mean
 * printed here has the same last digit as the reference's.
 */
public final class Descriptive {
  private static final int BLOCK = 128;

  private Descriptive() {}

  /** numpy's {@code add.reduce} of a contiguous float64 array: pairwise summation. */
  public static double sum(double[] a) {
    return a.length == 0 ? 0.0 : pairwise(a, 0, a.length);
  }

  private static double pairwise(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    if (n <= BLOCK) {
      double r0 = a[from];
      double r1 = a[from + 1];
      double r2 = a[from + 2];
      double r3 = a[from + 3];
      double r4 = a[from + 4];
      double r5 = a[from + 5];
      double r6 = a[from + 6];
      double r7 = a[from + 7];
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        r0 += a[from + i];
        r1 += a[from + i + 1];
        r2 += a[from + i + 2];
        r3 += a[from + i + 3];
        r4 += a[from + i + 4];
        r5 += a[from + i + 5];
        r6 += a[from + i + 6];
        r7 += a[from + i + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
  }

  /** How many values are not NaN. */
  public static int count(double[] a) {
    int n = 0;
    for (double v : a) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  /** The values that are not NaN, in order. */
  public static double[] finite(double[] a) {
    double[] out = new double[count(a)];
    int k = 0;
    for (double v : a) {
      if (!Double.isNaN(v)) {
        out[k++] = v;
      }
    }
    return out;
  }

  private static double[] zeroFilled(double[] a) {
    double[] b = a.clone();
    for (int i = 0; i < b.length; i++) {
      if (Double.isNaN(b[i])) {
        b[i] = 0.0;
      }
    }
    return b;
  }

  /** pandas {@code Series.sum()}: NaN skipped; 0.0 when nothing is left. */
  public static double nanSum(double[] a) {
    return sum(zeroFilled(a));
  }

  /** pandas {@code Series.mean()}: NaN skipped; NaN when nothing is left. */
  public static double mean(double[] a) {
    int n = count(a);
    return n == 0 ? Double.NaN : nanSum(a) / n;
  }

  /**
   * pandas {@code Series.var(ddof)}: two-pass, NaN skipped; NaN when fewer than {@code ddof + 1}
   * values remain.
   */
  public static double variance(double[] a, int ddof) {
    int n = count(a);
    if (n - ddof <= 0) {
      return Double.NaN;
    }
    double avg = nanSum(a) / n;
    double[] sq = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i])) {
        sq[i] = 0.0;
      } else {
        double d = avg - a[i];
        sq[i] = d * d;
      }
    }
    return sum(sq) / (n - ddof);
  }

  /** pandas {@code Series.std()}: the sample standard deviation (ddof 1); NaN for one value. */
  public static double std(double[] a) {
    return Math.sqrt(variance(a, 1));
  }

  /** The population standard deviation (ddof 0), numpy's {@code np.std}. */
  public static double populationStd(double[] a) {
    return Math.sqrt(variance(a, 0));
  }

  /** numpy's median of the non-NaN values: the mean of the two middle values for an even count. */
  public static double median(double[] a) {
    double[] s = finite(a);
    if (s.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(s);
    int n = s.length;
    if (n % 2 == 1) {
      return s[n / 2];
    }
    return (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }

  /**
   * The {@code q}-quantile of the non-NaN values with linear interpolation (numpy's default, R type
   * 7), with numpy's lerp: {@code a + (b − a)·t} below the midpoint, {@code b − (b − a)·(1 − t)}
   * from it.
   */
  public static double quantile(double[] a, double q) {
    double[] s = finite(a);
    if (s.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(s);
    return quantileSorted(s, q);
  }

  /** {@link #quantile} of an already sorted array without NaN. */
  public static double quantileSorted(double[] s, double q) {
    int n = s.length;
    double index = q * (n - 1);
    int lo = (int) Math.floor(index);
    if (lo >= n - 1) {
      return s[n - 1];
    }
    if (lo < 0) {
      return s[0];
    }
    double t = index - lo;
    double a = s[lo];
    double b = s[lo + 1];
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  /** The smallest non-NaN value; NaN when there is none. */
  public static double min(double[] a) {
    double m = Double.NaN;
    for (double v : a) {
      if (!Double.isNaN(v) && (Double.isNaN(m) || v < m)) {
        m = v;
      }
    }
    return m;
  }

  /** The largest non-NaN value; NaN when there is none. */
  public static double max(double[] a) {
    double m = Double.NaN;
    for (double v : a) {
      if (!Double.isNaN(v) && (Double.isNaN(m) || v > m)) {
        m = v;
      }
    }
    return m;
  }

  /**
   * The reference's consistency: {@code 1 − std/mean} clamped to [0, 1]; 0 when the mean is 0; 1.0
   * when the std is NaN (Python's {@code min(1.0, nan)} is 1.0).
   */
  public static double consistency(double mean, double std) {
    if (mean == 0.0) {
      return 0.0;
    }
    double c = 1.0 - std / mean;
    // max(0.0, min(1.0, c)) in Python: min(1.0, nan) is 1.0, max(0.0, 1.0) is 1.0
    double upper = Double.isNaN(c) ? 1.0 : Math.min(1.0, c);
    return Math.max(0.0, upper);
  }

  /** Cost-of-Pass: mean cost / pass rate; +Infinity when the pass rate is 0. */
  public static double costOfPass(double meanCost, double passRate) {
    if (passRate == 0.0) {
      return Double.POSITIVE_INFINITY;
    }
    return meanCost / passRate;
  }
}
