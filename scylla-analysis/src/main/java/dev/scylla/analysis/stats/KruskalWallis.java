package dev.scylla.analysis.stats;

import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The Kruskal–Wallis H test (scipy's {@code kruskal}): average ranks over the pooled sample, H
 * corrected for ties, p from the χ² distribution with k − 1 degrees of freedom.
 */
public final class KruskalWallis {
  private KruskalWallis() {}

  /**
   * H and p over the groups. Undefined (NaN, NaN) with fewer than 2 groups, when any group has
   * fewer than 2 values (the reference's guard), or when all values are identical (scipy raises
   * there).
   */
  public static TestResult test(List<double[]> groups) {
    if (groups.size() < 2) {
      return TestResult.UNDEFINED;
    }
    int total = 0;
    for (double[] g : groups) {
      if (g.length < 2) {
        return TestResult.UNDEFINED;
      }
      total += g.length;
    }
    double[] all = new double[total];
    int k = 0;
    for (double[] g : groups) {
      System.arraycopy(g, 0, all, k, g.length);
      k += g.length;
    }
    double[] ranked = Ranks.average(all);
    double ties = Ranks.tieCorrection(all);
    if (ties == 0.0) {
      return TestResult.UNDEFINED;
    }
    double ssbn = 0;
    int from = 0;
    for (double[] g : groups) {
      double s = 0;
      for (int i = 0; i < g.length; i++) {
        s += ranked[from + i];
      }
      ssbn += s * s / g.length;
      from += g.length;
    }
    double n = total;
    double h = 12.0 / (n * (n + 1)) * ssbn - 3 * (n + 1);
    h /= ties;
    int df = groups.size() - 1;
    double p = ChiSquaredDistribution.of(df).survivalProbability(h);
    return new TestResult(h, p);
  }
}
