package dev.scylla.analysis.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * Krippendorff's α for any number of coders with missing values, through the coincidence matrix
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"): units with fewer than two
 * values are not pairable and left out; α = 1 − D_o / D_e with the level's distance.
 */
public final class Krippendorff {
  private Krippendorff() {}

  /** The measurement level, which decides the distance between two values. */
  public enum Level {
    NOMINAL,
    ORDINAL,
    INTERVAL,
    RATIO;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * α of a coders × units matrix ({@code data[coder][unit]}, NaN = missing). NaN when fewer than
   * two values are pairable or the expected disagreement is 0 (a single value throughout).
   */
  public static double alpha(double[][] data, Level level) {
    int coders = data.length;
    int units = coders == 0 ? 0 : data[0].length;
    double[] domain =
        Arrays.stream(data)
            .flatMapToDouble(Arrays::stream)
            .filter(v -> !Double.isNaN(v))
            .sorted()
            .distinct()
            .toArray();
    int v = domain.length;
    if (v == 0) {
      return Double.NaN;
    }
    double[][] o = new double[v][v];
    int[] counts = new int[v];
    for (int u = 0; u < units; u++) {
      Arrays.fill(counts, 0);
      int mu = 0;
      for (int c = 0; c < coders; c++) {
        if (data[c].length != units) {
          throw new IllegalArgumentException("ragged reliability matrix");
        }
        double x = data[c][u];
        if (!Double.isNaN(x)) {
          counts[Arrays.binarySearch(domain, x)]++;
          mu++;
        }
      }
      if (mu < 2) {
        continue;
      }
      for (int i = 0; i < v; i++) {
        if (counts[i] == 0) {
          continue;
        }
        for (int k = 0; k < v; k++) {
          double pairs = (double) counts[i] * counts[k] - (i == k ? counts[i] : 0);
          o[i][k] += pairs / (mu - 1);
        }
      }
    }
    double[] nv = new double[v];
    double n = 0;
    for (int i = 0; i < v; i++) {
      for (int k = 0; k < v; k++) {
        nv[i] += o[i][k];
      }
      n += nv[i];
    }
    if (n <= 1) {
      return Double.NaN;
    }
    double observed = 0;
    double expected = 0;
    for (int i = 0; i < v; i++) {
      for (int k = 0; k < v; k++) {
        double d = distance(level, domain, nv, i, k);
        observed += o[i][k] * d;
        double e = (nv[i] * nv[k] - (i == k ? nv[i] : 0)) / (n - 1);
        expected += e * d;
      }
    }
    if (expected == 0.0) {
      return Double.NaN;
    }
    return 1 - observed / expected;
  }

  private static double distance(Level level, double[] domain, double[] nv, int i, int k) {
    double a = domain[i];
    double b = domain[k];
    return switch (level) {
      case NOMINAL -> i == k ? 0.0 : 1.0;
      case INTERVAL -> (a - b) * (a - b);
      case RATIO -> a + b == 0 ? 0.0 : ((a - b) / (a + b)) * ((a - b) / (a + b));
      case ORDINAL -> {
        int lo = Math.min(i, k);
        int hi = Math.max(i, k);
        double s = 0;
        for (int g = lo; g <= hi; g++) {
          s += nv[g];
        }
        double d = s - (nv[lo] + nv[hi]) / 2;
        yield d * d;
      }
    };
  }
}
