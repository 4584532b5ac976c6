package dev.scylla.figures;

import dev.scylla.analysis.tables.Fmt;
import java.util.Locale;

/**
 * Number formats of figure labels: the tables' formats ({@link Fmt}), so a number reads the same in
 * a figure and in a table, plus compact token counts.
 */
final class Labels {
  private Labels() {}

  static String usd(double v) {
    return Fmt.usd(v);
  }

  static String count(long n) {
    return Fmt.count(n);
  }

  static String rate(double v) {
    return Fmt.rate(v);
  }

  static String p(double v) {
    return Fmt.p(v);
  }

  /** Tokens: 950, 136.5k, 1.20M. */
  static String tokens(double v) {
    if (Double.isNaN(v)) {
      return Fmt.NA;
    }
    if (Math.abs(v) >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", v / 1e6);
    }
    if (Math.abs(v) >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  static String plural(long n, String one, String many) {
    return count(n) + " " + (n == 1 ? one : many);
  }
}
