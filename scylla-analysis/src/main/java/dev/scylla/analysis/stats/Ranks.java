package dev.scylla.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Ranks with ties averaged (scipy's {@code rankdata(method="average")}) and their tie counts. */
public final class Ranks {
  private Ranks() {}

  /** The 1-based average ranks of {@code x}; values must not be NaN. */
  public static double[] average(double[] x) {
    int n = x.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble(i -> x[i]));
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && x[idx[j + 1]] == x[idx[i]]) {
        j++;
      }
      // positions i..j (0-based) share the average of ranks i+1..j+1
      double r = (i + 1 + j + 1) / 2.0;
      for (int k = i; k <= j; k++) {
        ranks[idx[k]] = r;
      }
      i = j + 1;
    }
    return ranks;
  }

  /** The sizes of the groups of tied values (1 for an untied value), in ascending value order. */
  public static int[] tieCounts(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int[] out = new int[s.length];
    int groups = 0;
    int i = 0;
    while (i < s.length) {
      int j = i;
      while (j + 1 < s.length && s[j + 1] == s[i]) {
        j++;
      }
      out[groups++] = j - i + 1;
      i = j + 1;
    }
    return Arrays.copyOf(out, groups);
  }

  /** Whether any value occurs more than once. */
  public static boolean hasTies(double[] x) {
    for (int t : tieCounts(x)) {
      if (t > 1) {
        return true;
      }
    }
    return false;
  }

  /** scipy's {@code tiecorrect}: 1 − Σ(t³ − t)/(n³ − n); 1.0 for fewer than 2 values. */
  public static double tieCorrection(double[] x) {
    int n = x.length;
    if (n < 2) {
      return 1.0;
    }
    double sum = 0;
    for (int t : tieCounts(x)) {
      sum += (double) t * t * t - t;
    }
    return 1.0 - sum / ((double) n * n * n - n);
  }
}
