package dev.scylla.analysis.stats;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Bias-corrected and accelerated (BCa) bootstrap intervals, as scipy's {@code bootstrap(...,
 * method="BCa")} computes them (Efron and Tibshirani 1993, §14.3 and Eq. 15.36): z₀ from the share
 * of resampled statistics below the estimate (ties counting half), the acceleration from the
 * jackknife of every sample, the interval from the adjusted percentiles of the resampled statistics
 * with linear interpolation.
 *
 * <p>Resampling draws indices with a seeded L64X128MixRandom, so an interval is reproducible from
 * its seed; it cannot equal scipy's digit for digit, whose generator is numpy's. Where the BCa
 * adjustment is undefined (a constant jackknife, or an estimate outside the resampled values) the
 * plain percentile interval is used; a constant resampled distribution gives the estimate itself.
 */
public final class Bootstrap {
  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private Bootstrap() {}

  /** The generator every bootstrap uses, seeded. */
  public static RandomGenerator generator(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  /**
   * The reference's {@code bootstrap_ci}: the mean with its BCa interval; the mean itself as the
   * interval when there are fewer than 2 values or all are equal. NaN values are dropped first.
   */
  public static Interval mean(double[] data, int resamples, long seed, double confidence) {
    double[] x = Descriptive.finite(data);
    int n = x.length;
    if (n == 0) {
      return Interval.point(Double.NaN);
    }
    double mean = Descriptive.sum(x) / n;
    if (n < 2 || Descriptive.populationStd(x) == 0.0) {
      return Interval.point(mean);
    }
    RandomGenerator rnd = generator(seed);
    double[] boot = new double[resamples];
    double[] two = twoValues(x);
    if (two != null) {
      // a resample of two-valued data is fixed by how many high values it drew: Binomial(n, p)
      int high = 0;
      for (double v : x) {
        if (v == two[1]) {
          high++;
        }
      }
      BinomialSampler k = new BinomialSampler(n, (double) high / n);
      for (int b = 0; b < resamples; b++) {
        int h = k.sample(rnd);
        boot[b] = (two[0] * (n - h) + two[1] * h) / n;
      }
    } else {
      for (int b = 0; b < resamples; b++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += x[index(rnd, n)];
        }
        boot[b] = s / n;
      }
    }
    double total = Descriptive.sum(x);
    double[] jack = new double[n];
    for (int i = 0; i < n; i++) {
      jack[i] = (total - x[i]) / (n - 1);
    }
    return interval(mean, boot, List.of(jack), confidence);
  }

  /**
   * A uniform index in [0, bound) from 32 random bits by Lemire's multiply-and-shift with rejection
   * (unbiased; faster than {@link RandomGenerator#nextInt(int)}'s division).
   */
  static int index(RandomGenerator rnd, int bound) {
    long m = (rnd.nextInt() & 0xffffffffL) * bound;
    long low = m & 0xffffffffL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        m = (rnd.nextInt() & 0xffffffffL) * bound;
        low = m & 0xffffffffL;
      }
    }
    return (int) (m >>> 32);
  }

  /** The two distinct values {low, high} of {@code x}, or null when it has more or fewer. */
  static double[] twoValues(double[] x) {
    double lo = Double.NaN;
    double hi = Double.NaN;
    for (double v : x) {
      if (Double.isNaN(lo) || v == lo) {
        lo = v;
      } else if (Double.isNaN(hi) || v == hi) {
        hi = v;
      } else {
        return null;
      }
    }
    if (Double.isNaN(hi)) {
      return null;
    }
    return lo < hi ? new double[] {lo, hi} : new double[] {hi, lo};
  }

  /**
   * Draws from Binomial(n, p) by inverting its distribution function, tabulated once: the count of
   * one value in a resample of n draws from two-valued data, at the cost of one uniform draw.
   */
  static final class BinomialSampler {
    private final double[] cdf;

    BinomialSampler(int n, double p) {
      org.apache.commons.statistics.distribution.BinomialDistribution d =
          org.apache.commons.statistics.distribution.BinomialDistribution.of(n, p);
      cdf = new double[n + 1];
      double c = 0;
      for (int k = 0; k <= n; k++) {
        c += d.probability(k);
        cdf[k] = c;
      }
    }

    int sample(RandomGenerator rnd) {
      double u = rnd.nextDouble() * cdf[cdf.length - 1];
      int lo = 0;
      int hi = cdf.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] > u) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }
  }

  /**
   * The BCa interval of an estimate from its bootstrap distribution and, per sample, the jackknife
   * values of the statistic (leaving out each observation of that sample in turn).
   */
  public static Interval interval(
      double thetaHat, double[] boot, List<double[]> jackknife, double confidence) {
    double[] sorted = boot.clone();
    Arrays.sort(sorted);
    if (sorted[0] == sorted[sorted.length - 1]) {
      return Interval.point(thetaHat);
    }
    double alpha = (1 - confidence) / 2;
    double[] levels = bcaLevels(thetaHat, boot, jackknife, alpha);
    double lo = levels[0];
    double hi = levels[1];
    if (!(lo >= 0 && lo <= 1 && hi >= 0 && hi <= 1)) {
      lo = alpha;
      hi = 1 - alpha;
    }
    return new Interval(
        thetaHat, Descriptive.quantileSorted(sorted, lo), Descriptive.quantileSorted(sorted, hi));
  }

  /**
   * scipy's {@code _bca_interval}: the two adjusted percentile levels {α₁, α₂}; NaN when the
   * adjustment is undefined.
   */
  public static double[] bcaLevels(
      double thetaHat, double[] boot, List<double[]> jackknife, double alpha) {
    int below = 0;
    int atOrBelow = 0;
    for (double t : boot) {
      if (t < thetaHat) {
        below++;
      }
      if (t <= thetaHat) {
        atOrBelow++;
      }
    }
    double percentile = (double) (below + atOrBelow) / (2.0 * boot.length);
    double z0 = ndtri(percentile);
    double nums = 0;
    double dens = 0;
    for (double[] theta : jackknife) {
      int n = theta.length;
      double dot = Descriptive.sum(theta) / n;
      double s3 = 0;
      double s2 = 0;
      for (double t : theta) {
        double u = (n - 1) * (dot - t);
        s3 += u * u * u;
        s2 += u * u;
      }
      nums += s3 / Math.pow(n, 3);
      dens += s2 / Math.pow(n, 2);
    }
    double aHat = 1.0 / 6 * nums / Math.pow(dens, 1.5);
    if (dens == 0.0) {
      aHat = 0.0;
    }
    double zAlpha = ndtri(alpha);
    double num1 = z0 + zAlpha;
    double alpha1 = ndtr(z0 + num1 / (1 - aHat * num1));
    double num2 = z0 - zAlpha;
    double alpha2 = ndtr(z0 + num2 / (1 - aHat * num2));
    return new double[] {alpha1, alpha2};
  }

  /** The standard normal quantile (±Infinity at 0 and 1). */
  static double ndtri(double p) {
    if (p <= 0) {
      return p == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
    }
    if (p >= 1) {
      return p == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    return STANDARD_NORMAL.inverseCumulativeProbability(p);
  }

  /** The standard normal distribution function. */
  static double ndtr(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    return STANDARD_NORMAL.cumulativeProbability(z);
  }
}
