package dev.scylla.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Holm–Bonferroni step-down correction of a family of p-values. */
public final class Holm {
  private Holm() {}

  /**
   * Corrected p-values in input order: sorted ascending, the i-th (0-based) of n becomes min(1,
   * p·(n − i)), made monotone by a running maximum. NaN p-values stay NaN and do not count.
   */
  public static double[] correct(double[] p) {
    int n = 0;
    for (double v : p) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < p.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.comparingDouble((Integer i) -> Double.isNaN(p[i]) ? Double.MAX_VALUE : p[i]));
    double[] out = new double[p.length];
    Arrays.fill(out, Double.NaN);
    double running = 0;
    int rank = 0;
    for (Integer i : order) {
      if (Double.isNaN(p[i])) {
        continue;
      }
      double c = Math.min(1.0, p[i] * (n - rank));
      running = Math.max(running, c);
      out[i] = running;
      rank++;
    }
    return out;
  }
}
