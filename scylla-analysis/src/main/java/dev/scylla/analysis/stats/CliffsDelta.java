package dev.scylla.analysis.stats;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Cliff's δ = Σᵢⱼ sign(aᵢ − bⱼ) / (nₐ·n_b): the probability that a value of {@code a} exceeds one
 * of {@code b} minus the reverse. Computed by counting over sorted values, so it costs O(n log n)
 * and a bootstrap of it O(n) per resample.
 */
public final class CliffsDelta {
  private CliffsDelta() {}

  /** Thresholds of the usual interpretation (Romano et al. 2006). */
  public static String magnitude(double delta) {
    double d = Math.abs(delta);
    if (Double.isNaN(d)) {
      return "n/a";
    }
    return d < 0.11 ? "negligible" : d < 0.28 ? "small" : d < 0.43 ? "medium" : "large";
  }

  /** δ of {@code a} against {@code b}; NaN when either is empty. */
  public static double delta(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      return Double.NaN;
    }
    long s = 0;
    for (long v : rowSums(a, b)) {
      s += v;
    }
    return (double) s / ((double) a.length * b.length);
  }

  /** For each aᵢ: Σⱼ sign(aᵢ − bⱼ). */
  private static long[] rowSums(double[] a, double[] b) {
    double[] sb = b.clone();
    Arrays.sort(sb);
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      int lower = lowerBound(sb, a[i]);
      int upper = upperBound(sb, a[i]);
      out[i] = (long) lower - (sb.length - upper);
    }
    return out;
  }

  private static int lowerBound(double[] s, double v) {
    int lo = 0;
    int hi = s.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(double[] s, double v) {
    int lo = 0;
    int hi = s.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The reference's {@code cliffs_delta_ci}: δ with a BCa interval from resampling each group
   * independently; δ itself as the interval when a group has fewer than 2 values.
   */
  public static Interval interval(
      double[] a, double[] b, int resamples, long seed, double confidence) {
    double delta = delta(a, b);
    if (a.length < 2 || b.length < 2) {
      return Interval.point(delta);
    }
    int n = a.length;
    int m = b.length;
    double[] values = new double[n + m];
    System.arraycopy(a, 0, values, 0, n);
    System.arraycopy(b, 0, values, n, m);
    double[] unique = Arrays.stream(values).sorted().distinct().toArray();
    int k = unique.length;
    int[] ka = new int[n];
    int[] kb = new int[m];
    for (int i = 0; i < n; i++) {
      ka[i] = Arrays.binarySearch(unique, a[i]);
    }
    for (int j = 0; j < m; j++) {
      kb[j] = Arrays.binarySearch(unique, b[j]);
    }
    RandomGenerator rnd = Bootstrap.generator(seed);
    double[] boot = new double[resamples];
    if (k == 2) {
      // two values in all: δ is the difference of the shares of the high value, and a resample
      // is fixed by two binomial counts
      int ha = 0;
      for (double v : a) {
        ha += v == unique[1] ? 1 : 0;
      }
      int hb = 0;
      for (double v : b) {
        hb += v == unique[1] ? 1 : 0;
      }
      Bootstrap.BinomialSampler sa = new Bootstrap.BinomialSampler(n, (double) ha / n);
      Bootstrap.BinomialSampler sb = new Bootstrap.BinomialSampler(m, (double) hb / m);
      for (int r = 0; r < resamples; r++) {
        long xa = sa.sample(rnd);
        long xb = sb.sample(rnd);
        // Σ sign(aᵢ − bⱼ) = xa·(m − xb) − (n − xa)·xb
        boot[r] = (xa * (m - xb) - (n - xa) * xb) / ((double) n * m);
      }
      return Bootstrap.interval(delta, boot, jackknife(a, b), confidence);
    }
    int[] ca = new int[k];
    int[] cb = new int[k];
    double denom = (double) n * m;
    for (int r = 0; r < resamples; r++) {
      Arrays.fill(ca, 0);
      Arrays.fill(cb, 0);
      for (int i = 0; i < n; i++) {
        ca[ka[Bootstrap.index(rnd, n)]]++;
      }
      for (int j = 0; j < m; j++) {
        cb[kb[Bootstrap.index(rnd, m)]]++;
      }
      long num = 0;
      long below = 0;
      for (int v = 0; v < k; v++) {
        long above = m - below - cb[v];
        num += ca[v] * (below - above);
        below += cb[v];
      }
      boot[r] = num / denom;
    }
    return Bootstrap.interval(delta, boot, jackknife(a, b), confidence);
  }

  /** δ leaving out each value of {@code a}, then each value of {@code b}. */
  private static List<double[]> jackknife(double[] a, double[] b) {
    int n = a.length;
    int m = b.length;
    long[] rows = rowSums(a, b);
    long total = 0;
    for (long v : rows) {
      total += v;
    }
    double[] jackA = new double[n];
    for (int i = 0; i < n; i++) {
      jackA[i] = (total - rows[i]) / ((double) (n - 1) * m);
    }
    long[] cols = rowSums(b, a); // Σᵢ sign(bⱼ − aᵢ) = −Σᵢ sign(aᵢ − bⱼ)
    double[] jackB = new double[m];
    for (int j = 0; j < m; j++) {
      jackB[j] = (total + cols[j]) / ((double) n * (m - 1));
    }
    return List.of(jackA, jackB);
  }
}
