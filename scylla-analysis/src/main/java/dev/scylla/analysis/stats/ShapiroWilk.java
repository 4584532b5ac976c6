package dev.scylla.analysis.stats;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Shapiro–Wilk W test of normality by Royston's algorithm AS R94 (Royston 1995, Applied
 * Statistics 44(4):547–551), the algorithm behind scipy's {@code shapiro} and R's {@code
 * shapiro.test}: coefficients from normal order-statistic approximations, W as the squared
 * correlation of the sorted data with them, and p from Royston's normalising transformations (exact
 * for n = 3). Valid for 3 ≤ n ≤ 5000.
 */
public final class ShapiroWilk {
  private static final NormalDistribution N01 = NormalDistribution.of(0, 1);
  private static final double SMALL = 1e-19;
  private static final double[] G = {-2.273, 0.459};
  private static final double[] C1 = {0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056};
  private static final double[] C2 = {0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633};
  private static final double[] C3 = {0.5440, -0.39978, 0.025054, -6.714e-4};
  private static final double[] C4 = {1.3822, -0.77857, 0.062767, -0.0020322};
  private static final double[] C5 = {-1.5861, -0.31082, -0.083751, 0.0038915};
  private static final double[] C6 = {-0.4803, -0.082676, 0.0030302};

  private ShapiroWilk() {}

  /**
   * W and its p-value for the non-NaN values of {@code data}; undefined with fewer than 3 values,
   * more than 5000, or when all values are equal.
   */
  public static TestResult test(double[] data) {
    double[] x = Descriptive.finite(data);
    int n = x.length;
    if (n < 3 || n > 5000) {
      return TestResult.UNDEFINED;
    }
    // as scipy: sort, then subtract the value at n/2 of the input order (near the median), which
    // keeps the sums below accurate for data far from 0
    double shift = x[n / 2];
    Arrays.sort(x);
    for (int i = 0; i < n; i++) {
      x[i] -= shift;
    }
    double range = x[n - 1] - x[0];
    if (range < SMALL) {
      return TestResult.UNDEFINED;
    }
    int nn2 = n / 2;
    double[] a = new double[nn2 + 1]; // 1-based
    double an = n;
    if (n == 3) {
      a[1] = Math.sqrt(0.5);
    } else {
      double an25 = an + 0.25;
      double summ2 = 0.0;
      double[] m = new double[nn2 + 1];
      for (int i = 1; i <= nn2; i++) {
        m[i] = N01.inverseCumulativeProbability((i - 0.375) / an25);
        summ2 += m[i] * m[i];
      }
      summ2 *= 2.0;
      double ssumm2 = Math.sqrt(summ2);
      double rsn = 1.0 / Math.sqrt(an);
      double a1 = poly(C1, 6, rsn) - m[1] / ssumm2;
      int i1;
      double fac;
      if (n > 5) {
        i1 = 3;
        double a2 = -m[2] / ssumm2 + poly(C2, 6, rsn);
        fac =
            Math.sqrt(
                (summ2 - 2.0 * (m[1] * m[1]) - 2.0 * (m[2] * m[2]))
                    / (1.0 - 2.0 * (a1 * a1) - 2.0 * (a2 * a2)));
        a[2] = a2;
      } else {
        i1 = 2;
        fac = Math.sqrt((summ2 - 2.0 * (m[1] * m[1])) / (1.0 - 2.0 * (a1 * a1)));
      }
      a[1] = a1;
      for (int i = i1; i <= nn2; i++) {
        a[i] = -m[i] / fac;
      }
    }

    // W as the squared correlation between the data and the coefficients
    double xx = x[0] / range;
    double sx = xx;
    double sa = -a[1];
    for (int i = 1, j = n - 1; i < n; j--) {
      double xi = x[i] / range;
      sx += xi;
      i++;
      if (i != j) {
        sa += Integer.signum(i - j) * a[Math.min(i, j)];
      }
      xx = xi;
    }
    sa /= n;
    sx /= n;
    double ssa = 0;
    double ssx = 0;
    double sax = 0;
    for (int i = 0, j = n - 1; i < n; i++, j--) {
      double asa = i != j ? Integer.signum(i - j) * a[1 + Math.min(i, j)] - sa : -sa;
      double xsx = x[i] / range - sx;
      ssa += asa * asa;
      ssx += xsx * xsx;
      sax += asa * xsx;
    }
    double ssassx = Math.sqrt(ssa * ssx);
    double w1 = (ssassx - sax) * (ssassx + sax) / (ssa * ssx);
    double w = 1.0 - w1;

    if (n == 3) {
      double pi6 = 1.90985931710274;
      double stqr = 1.04719755119660;
      double pw = pi6 * (Math.asin(Math.sqrt(w)) - stqr);
      return new TestResult(w, Math.max(pw, 0.0));
    }
    double y = Math.log(w1);
    double lxx = Math.log(an);
    double mean;
    double sd;
    if (n <= 11) {
      double gamma = poly(G, 2, an);
      if (y >= gamma) {
        return new TestResult(w, 1e-99);
      }
      y = -Math.log(gamma - y);
      mean = poly(C3, 4, an);
      sd = Math.exp(poly(C4, 4, an));
    } else {
      mean = poly(C5, 4, lxx);
      sd = Math.exp(poly(C6, 3, lxx));
    }
    double p = NormalDistribution.of(mean, sd).survivalProbability(y);
    return new TestResult(w, p);
  }

  /** Royston's polynomial: cc[0] + cc[1]·x + … + cc[nord−1]·x^(nord−1), in Horner form. */
  private static double poly(double[] cc, int nord, double x) {
    double ret = cc[0];
    if (nord > 1) {
      double p = x * cc[nord - 1];
      for (int j = nord - 2; j > 0; j--) {
        p = (p + cc[j]) * x;
      }
      ret += p;
    }
    return ret;
  }
}
