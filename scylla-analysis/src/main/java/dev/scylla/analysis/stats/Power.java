package dev.scylla.analysis.stats;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Simulated power of the rank tests, as the reference's HEAD pipeline estimates it (its {@code
 * mann_whitney_power} and {@code kruskal_wallis_power}): draw groups from shifted unit normals with
 * numpy's legacy generator seeded once per estimate ({@link LegacyNormal}), test each draw, and
 * report the share of p-values below α.
 */
public final class Power {
  private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

  private Power() {}

  /**
   * Power of the two-sided Mann–Whitney U test between groups of {@code n1} and {@code n2} at
   * Cliff's δ {@code delta}: NaN when a group has fewer than 2 values, α when |δ| < 1e-10;
   * otherwise group 1 ~ N(0, 1), group 2 ~ N(√2·Φ⁻¹((δ + 1)/2), 1), drawn in that order per
   * simulation.
   */
  public static double mannWhitney(
      int n1, int n2, double delta, double alpha, int simulations, long seed) {
    if (n1 < 2 || n2 < 2) {
      return Double.NaN;
    }
    if (Math.abs(delta) < 1e-10) {
      return alpha;
    }
    double shift = Math.sqrt(2) * STD_NORMAL.inverseCumulativeProbability((delta + 1) / 2);
    LegacyNormal rng = new LegacyNormal(seed);
    int significant = 0;
    double[] pooled = new double[n1 + n2];
    for (int s = 0; s < simulations; s++) {
      double[] g1 = rng.normal(0, n1);
      double[] g2 = rng.normal(shift, n2);
      if (mannWhitneyP(g1, g2, pooled) < alpha) {
        significant++;
      }
    }
    return (double) significant / simulations;
  }

  /**
   * Power of the Kruskal–Wallis H test for groups of the given sizes at effect size ε²: NaN with
   * fewer than 2 groups or a group of fewer than 2, α when ε² ≈ 0; otherwise group i ~ N(s_i, 1)
   * with shifts s = linspace(−1, 1, k)·√ε²·2, drawn group by group per simulation.
   */
  public static double kruskalWallis(
      List<Integer> sizes, double epsilonSquared, double alpha, int simulations, long seed) {
    if (sizes.size() < 2 || sizes.stream().anyMatch(n -> n < 2)) {
      return Double.NaN;
    }
    if (Math.abs(epsilonSquared) < 1e-10) {
      return alpha;
    }
    int k = sizes.size();
    double[] shifts = new double[k];
    double scale = Math.sqrt(epsilonSquared) * 2;
    for (int i = 0; i < k; i++) {
      // numpy's linspace: start + i·step, the last point exactly the stop
      double v = i == k - 1 ? 1.0 : -1.0 + i * (2.0 / (k - 1));
      shifts[i] = v * scale;
    }
    LegacyNormal rng = new LegacyNormal(seed);
    ChiSquaredDistribution chi2 = ChiSquaredDistribution.of(k - 1);
    int total = sizes.stream().mapToInt(Integer::intValue).sum();
    int significant = 0;
    double[][] groups = new double[k][];
    for (int s = 0; s < simulations; s++) {
      for (int i = 0; i < k; i++) {
        groups[i] = rng.normal(shifts[i], sizes.get(i));
      }
      double p = kruskalWallisP(groups, total, chi2);
      if (p < alpha) {
        significant++;
      }
    }
    return (double) significant / simulations;
  }

  /** scipy's two-sided Mann–Whitney p-value (method "auto"); a fast path for untied samples. */
  static double mannWhitneyP(double[] x, double[] y, double[] pooled) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 <= 8 || n2 <= 8) {
      return MannWhitney.test(x, y).pValue();
    }
    System.arraycopy(x, 0, pooled, 0, n1);
    System.arraycopy(y, 0, pooled, n1, n2);
    Arrays.sort(pooled);
    for (int i = 1; i < pooled.length; i++) {
      if (pooled[i] == pooled[i - 1]) {
        return MannWhitney.test(x, y).pValue();
      }
    }
    double r1 = 0;
    for (double v : x) {
      r1 += Arrays.binarySearch(pooled, v) + 1;
    }
    double u1 = r1 - n1 * (n1 + 1) / 2.0;
    double prod = (double) n1 * n2;
    double u = Math.max(u1, prod - u1);
    double n = n1 + n2;
    double sd = Math.sqrt(prod * (n + 1) / 12.0);
    double z = (u - prod / 2 - 0.5) / sd;
    return Math.min(1.0, 2 * STD_NORMAL.survivalProbability(z));
  }

  /** scipy's Kruskal–Wallis p-value; a fast path for untied samples. */
  static double kruskalWallisP(double[][] groups, int total, ChiSquaredDistribution chi2) {
    double[] pooled = new double[total];
    int at = 0;
    for (double[] g : groups) {
      System.arraycopy(g, 0, pooled, at, g.length);
      at += g.length;
    }
    Arrays.sort(pooled);
    for (int i = 1; i < pooled.length; i++) {
      if (pooled[i] == pooled[i - 1]) {
        return KruskalWallis.test(List.of(groups)).pValue();
      }
    }
    double ssbn = 0;
    for (double[] g : groups) {
      double s = 0;
      for (double v : g) {
        s += Arrays.binarySearch(pooled, v) + 1;
      }
      ssbn += s * s / g.length;
    }
    double n = total;
    double h = 12.0 / (n * (n + 1)) * ssbn - 3 * (n + 1);
    return chi2.survivalProbability(h);
  }
}
