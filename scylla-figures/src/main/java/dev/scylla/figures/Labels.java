package dev.scylla.figures;

import java.util.Locale;

/** Number formats used in figure labels, the same as the tables use. */
final class Labels {
  private Labels() {}

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  static String pct0(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  static String usd(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return "∞";
    }
    return String.format(Locale.ROOT, "$%.3f", v);
  }

  static String score(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  static String num2(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String tokens(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
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
