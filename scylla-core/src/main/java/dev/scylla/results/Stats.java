package dev.scylla.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/**
 * The descriptive statistics of the reference's aggregation, computed as Python's {@code
 * statistics} module computes them: {@code mean} and {@code stdev} from the exact rational values
 * of the doubles, rounded once at the end; {@code median} the middle value or the float mean of the
 * two middle ones; {@code sum} left to right as Python's {@code sum()} does.
 */
public final class Stats {
  private static final MathContext WIDE = new MathContext(60);

  /** Square roots to 40 digits: far more than a double holds, so it is rounded once. */
  private static final MathContext ROOT = new MathContext(40);

  private Stats() {}

  /** Python's {@code sum(values)}: left to right from 0. */
  public static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  /** {@code statistics.mean}: the exact mean, correctly rounded; 0.0 for no values. */
  public static double mean(double[] values) {
    if (values.length == 0) {
      return 0.0;
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return sum(values) / values.length;
      }
    }
    BigDecimal s = BigDecimal.ZERO;
    for (double v : values) {
      s = s.add(new BigDecimal(v));
    }
    return s.divide(BigDecimal.valueOf(values.length), WIDE).doubleValue();
  }

  /** {@code statistics.median}; 0.0 for no values. */
  public static double median(double[] values) {
    int n = values.length;
    if (n == 0) {
      return 0.0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (n % 2 == 1) {
      return sorted[n / 2];
    }
    return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * {@code statistics.stdev} (sample standard deviation, n - 1) for two or more values, else 0.0
   * (the reference's guard). Computed from exact sums, rounded once.
   */
  public static double sampleStdDev(double[] values) {
    int n = values.length;
    if (n < 2) {
      return 0.0;
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return Double.NaN;
      }
    }
    BigDecimal s = BigDecimal.ZERO;
    BigDecimal sq = BigDecimal.ZERO;
    for (double v : values) {
      BigDecimal b = new BigDecimal(v);
      s = s.add(b);
      sq = sq.add(b.multiply(b));
    }
    // sum of squared deviations = (n * sum(x^2) - sum(x)^2) / n, exactly
    BigDecimal bn = BigDecimal.valueOf(n);
    BigDecimal num = bn.multiply(sq).subtract(s.multiply(s));
    if (num.signum() <= 0) {
      return 0.0;
    }
    BigDecimal variance = num.divide(bn.multiply(BigDecimal.valueOf(n - 1L)), WIDE);
    return variance.sqrt(ROOT).doubleValue();
  }

  private static boolean allEqual(double[] values) {
    for (double v : values) {
      if (Double.compare(v, values[0]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The population standard deviation (n), exact then rounded once; 0.0 below two values. */
  public static double populationStdDev(double[] values) {
    int n = values.length;
    if (n < 2 || allEqual(values)) {
      return 0.0;
    }
    BigDecimal s = BigDecimal.ZERO;
    BigDecimal sq = BigDecimal.ZERO;
    for (double v : values) {
      BigDecimal b = new BigDecimal(v);
      s = s.add(b);
      sq = sq.add(b.multiply(b));
    }
    BigDecimal bn = BigDecimal.valueOf(n);
    BigDecimal num = bn.multiply(sq).subtract(s.multiply(s));
    if (num.signum() <= 0) {
      return 0.0;
    }
    return num.divide(bn.multiply(bn), WIDE).sqrt(ROOT).doubleValue();
  }
}
