package dev.scylla.analysis.tables;

import java.util.Arrays;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The distribution of one metric over a group of runs: count, mean, sample standard deviation,
 * quartiles (linear interpolation, R type 7, as the reference's pandas uses), extremes, and Tukey's
 * box-plot whiskers (the most extreme values within 1.5 IQR of the box) with the outliers beyond
 * them. NaN values are left out; with no values every statistic is NaN.
 */
public record Dist(
    int n,
    double mean,
    double std,
    double min,
    double q1,
    double median,
    double q3,
    double max,
    double whiskerLow,
    double whiskerHigh,
    double[] outliers) {

  private static final Quantile QUANTILE =
      Quantile.withDefaults().with(Quantile.EstimationMethod.HF7).withCopy(false);

  public static final Dist EMPTY =
      new Dist(
          0,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          new double[0]);

  public static Dist of(double[] values) {
    double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).toArray();
    int n = v.length;
    if (n == 0) {
      return EMPTY;
    }
    Arrays.sort(v);
    double sum = 0;
    for (double d : v) {
      sum += d;
    }
    double mean = sum / n;
    double ss = 0;
    for (double d : v) {
      ss += (d - mean) * (d - mean);
    }
    double std = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
    double q1 = QUANTILE.evaluate(v, 0.25);
    double med = QUANTILE.evaluate(v, 0.5);
    double q3 = QUANTILE.evaluate(v, 0.75);
    double iqr = q3 - q1;
    double lowFence = q1 - 1.5 * iqr;
    double highFence = q3 + 1.5 * iqr;
    double wl = q1;
    double wh = q3;
    int outliers = 0;
    for (double d : v) {
      if (d < lowFence || d > highFence) {
        outliers++;
      } else {
        wl = Math.min(wl, d);
        wh = Math.max(wh, d);
      }
    }
    double[] out = new double[outliers];
    int k = 0;
    for (double d : v) {
      if (d < lowFence || d > highFence) {
        out[k++] = d;
      }
    }
    return new Dist(n, mean, std, v[0], q1, med, q3, v[n - 1], wl, wh, out);
  }

  /** 1 − std/mean clamped to [0, 1]; 0 when the mean is 0; 1 when the std is undefined. */
  public double consistency() {
    if (Double.isNaN(mean)) {
      return Double.NaN;
    }
    if (mean == 0) {
      return 0.0;
    }
    if (Double.isNaN(std)) {
      return 1.0;
    }
    return Math.max(0.0, Math.min(1.0, 1 - std / mean));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dist d
        && n == d.n
        && Double.compare(mean, d.mean) == 0
        && Double.compare(std, d.std) == 0
        && Double.compare(q1, d.q1) == 0
        && Double.compare(median, d.median) == 0
        && Double.compare(q3, d.q3) == 0
        && Arrays.equals(outliers, d.outliers);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(mean) * 31 + n;
  }

  @Override
  public String toString() {
    return "Dist[n="
        + n
        + ", mean="
        + mean
        + ", q1="
        + q1
        + ", median="
        + median
        + ", q3="
        + q3
        + "]";
  }
}
