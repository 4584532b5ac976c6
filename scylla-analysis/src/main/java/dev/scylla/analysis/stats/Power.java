package dev.scylla.analysis.stats;

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
    return mannWhitney(n1, n2, new double[] {delta}, alpha, simulations, seed)[0];
  }

  /**
   * {@link #mannWhitney(int, int, double, double, int, long)} at several δ at once: every estimate
   * starts from the same seed, so all of them draw the same standard normals and differ only in the
   * shift added to group 2; the draws are made once and tested at every shift.
   */
  public static double[] mannWhitney(
      int n1, int n2, double[] deltas, double alpha, int simulations, long seed) {
    double[] out = new double[deltas.length];
    if (n1 < 2 || n2 < 2) {
      java.util.Arrays.fill(out, Double.NaN);
      return out;
    }
    double[] shifts = new double[deltas.length];
    boolean any = false;
    for (int d = 0; d < deltas.length; d++) {
      if (Math.abs(deltas[d]) < 1e-10) {
        out[d] = alpha;
        shifts[d] = Double.NaN;
      } else {
        shifts[d] = Math.sqrt(2) * STD_NORMAL.inverseCumulativeProbability((deltas[d] + 1) / 2);
        any = true;
      }
    }
    if (!any) {
      return out;
    }
    LegacyNormal rng = new LegacyNormal(seed);
    int[] significant = new int[deltas.length];
    double[] x = new double[n1];
    double[] z = new double[n2];
    double[] y = new double[n2];
    RankSums ranks = new RankSums(n1 + n2);
    for (int s = 0; s < simulations; s++) {
      rng.fill(x, 0);
      rng.fill(z, 0);
      for (int d = 0; d < deltas.length; d++) {
        if (Double.isNaN(shifts[d])) {
          continue;
        }
        for (int i = 0; i < n2; i++) {
          y[i] = shifts[d] + z[i];
        }
        if (mannWhitneyP(x, y, ranks) < alpha) {
          significant[d]++;
        }
      }
    }
    for (int d = 0; d < deltas.length; d++) {
      if (!Double.isNaN(shifts[d])) {
        out[d] = (double) significant[d] / simulations;
      }
    }
    return out;
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
    for (int i = 0; i < k; i++) {
      groups[i] = new double[sizes.get(i)];
    }
    RankSums ranks = new RankSums(total);
    for (int s = 0; s < simulations; s++) {
      for (int i = 0; i < k; i++) {
        rng.fill(groups[i], shifts[i]);
      }
      double p = kruskalWallisP(groups, total, chi2, ranks);
      if (p < alpha) {
        significant++;
      }
    }
    return (double) significant / simulations;
  }

  /**
   * scipy's two-sided Mann–Whitney p-value (method "auto"): for untied samples of more than 8
   * values each, the normal approximation with continuity correction from the rank sum; ties and
   * small samples go to {@link MannWhitney#test}.
   */
  static double mannWhitneyP(double[] x, double[] y, RankSums ranks) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 <= 8 || n2 <= 8 || !ranks.compute(new double[][] {x, y})) {
      return MannWhitney.test(x, y).pValue();
    }
    double u1 = ranks.sum(0) - n1 * (n1 + 1) / 2.0;
    double prod = (double) n1 * n2;
    double u = Math.max(u1, prod - u1);
    double n = n1 + n2;
    double sd = Math.sqrt(prod * (n + 1) / 12.0);
    double z = (u - prod / 2 - 0.5) / sd;
    return Math.min(1.0, 2 * STD_NORMAL.survivalProbability(z));
  }

  /** scipy's Kruskal–Wallis p-value; ties go to {@link KruskalWallis#test}. */
  static double kruskalWallisP(
      double[][] groups, int total, ChiSquaredDistribution chi2, RankSums ranks) {
    if (!ranks.compute(groups)) {
      return KruskalWallis.test(List.of(groups)).pValue();
    }
    double ssbn = 0;
    for (int g = 0; g < groups.length; g++) {
      ssbn += ranks.sum(g) * ranks.sum(g) / groups[g].length;
    }
    double n = total;
    double h = 12.0 / (n * (n + 1)) * ssbn - 3 * (n + 1);
    return chi2.survivalProbability(h);
  }

  /**
   * Rank sums of untied samples without sorting: the pooled values are counted into as many equal
   * buckets as there are values between their minimum and maximum, so a value's rank is 1 + the
   * values of lower buckets + the smaller values of its own bucket (bucket index is monotone in the
   * value, so a lower bucket holds only smaller values). A tie anywhere makes {@link #compute}
   * return false.
   */
  static final class RankSums {
    private final int[] start;
    private final int[] cursor;
    private final double[] values;
    private final int[] group;
    private double[] sums = new double[0];

    RankSums(int total) {
      start = new int[total + 1];
      cursor = new int[total + 1];
      values = new double[total];
      group = new int[total];
    }

    double sum(int g) {
      return sums[g];
    }

    boolean compute(double[][] groups) {
      if (sums.length != groups.length) {
        sums = new double[groups.length];
      }
      java.util.Arrays.fill(sums, 0);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int total = 0;
      for (double[] g : groups) {
        for (double v : g) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        total += g.length;
      }
      if (!(max > min)) {
        return false;
      }
      int buckets = total;
      double scale = buckets / (max - min);
      java.util.Arrays.fill(start, 0, buckets + 1, 0);
      for (double[] g : groups) {
        for (double v : g) {
          start[bucket(v, min, scale, buckets) + 1]++;
        }
      }
      for (int b = 0; b < buckets; b++) {
        start[b + 1] += start[b];
      }
      System.arraycopy(start, 0, cursor, 0, buckets + 1);
      for (int gi = 0; gi < groups.length; gi++) {
        for (double v : groups[gi]) {
          int at = cursor[bucket(v, min, scale, buckets)]++;
          values[at] = v;
          group[at] = gi;
        }
      }
      for (int b = 0; b < buckets; b++) {
        int from = start[b];
        int to = start[b + 1];
        for (int i = from; i < to; i++) {
          double v = values[i];
          int less = from;
          for (int j = from; j < to; j++) {
            if (values[j] < v) {
              less++;
            } else if (j != i && values[j] == v) {
              return false;
            }
          }
          sums[group[i]] += less + 1;
        }
      }
      return true;
    }

    private static int bucket(double v, double min, double scale, int buckets) {
      int b = (int) ((v - min) * scale);
      return b >= buckets ? buckets - 1 : b;
    }
  }
}
