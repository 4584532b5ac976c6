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

  /**
   * scipy's two-sided Mann–Whitney p-value (method "auto"). For untied samples of more than 8
   * values each (the normal approximation) U is counted by merging the two sorted samples; ties and
   * small samples go to {@link MannWhitney#test}. {@code scratch} holds at least n1 + n2 values.
   */
  static double mannWhitneyP(double[] x, double[] y, double[] scratch) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 <= 8 || n2 <= 8) {
      return MannWhitney.test(x, y).pValue();
    }
    System.arraycopy(x, 0, scratch, 0, n1);
    System.arraycopy(y, 0, scratch, n1, n2);
    Arrays.sort(scratch, 0, n1);
    Arrays.sort(scratch, n1, n1 + n2);
    double u1 = 0;
    int j = n1;
    int end = n1 + n2;
    for (int i = 0; i < n1; i++) {
      double v = scratch[i];
      if (i > 0 && v == scratch[i - 1]) {
        return MannWhitney.test(x, y).pValue();
      }
      while (j < end && scratch[j] < v) {
        if (j > n1 && scratch[j] == scratch[j - 1]) {
          return MannWhitney.test(x, y).pValue();
        }
        j++;
      }
      if (j < end && scratch[j] == v) {
        return MannWhitney.test(x, y).pValue();
      }
      u1 += j - n1;
    }
    for (int k = Math.max(j, n1 + 1); k < end; k++) {
      if (scratch[k] == scratch[k - 1]) {
        return MannWhitney.test(x, y).pValue();
      }
    }
    double prod = (double) n1 * n2;
    double u = Math.max(u1, prod - u1);
    double n = n1 + n2;
    double sd = Math.sqrt(prod * (n + 1) / 12.0);
    double z = (u - prod / 2 - 0.5) / sd;
    return Math.min(1.0, 2 * STD_NORMAL.survivalProbability(z));
  }

  /**
   * scipy's Kruskal–Wallis p-value. For untied samples the rank sums come from a k-way merge of the
   * groups sorted in place; ties go to {@link KruskalWallis#test} (the groups are then sorted
   * copies, which does not change the test).
   */
  static double kruskalWallisP(double[][] groups, int total, ChiSquaredDistribution chi2) {
    int k = groups.length;
    for (double[] g : groups) {
      Arrays.sort(g);
      for (int i = 1; i < g.length; i++) {
        if (g[i] == g[i - 1]) {
          return KruskalWallis.test(List.of(groups)).pValue();
        }
      }
    }
    int[] at = new int[k];
    double[] sums = new double[k];
    for (int rank = 1; rank <= total; rank++) {
      int best = -1;
      double min = Double.POSITIVE_INFINITY;
      boolean tie = false;
      for (int g = 0; g < k; g++) {
        if (at[g] < groups[g].length) {
          double v = groups[g][at[g]];
          if (best < 0 || v < min) {
            best = g;
            min = v;
            tie = false;
          } else if (v == min) {
            tie = true;
          }
        }
      }
      if (tie) {
        return KruskalWallis.test(List.of(groups)).pValue();
      }
      sums[best] += rank;
      at[best]++;
    }
    double ssbn = 0;
    for (int g = 0; g < k; g++) {
      ssbn += sums[g] * sums[g] / groups[g].length;
    }
    double n = total;
    double h = 12.0 / (n * (n + 1)) * ssbn - 3 * (n + 1);
    return chi2.survivalProbability(h);
  }
}
