package dev.scylla.analysis.tables;

import java.util.Locale;

/**
 * The number formats of every table (and of the figures' labels), one per kind of quantity, so the
 * same quantity always looks the same: rates and scores with 3 decimals, percentages with 1,
 * p-values with 4, costs in dollars with 3, counts with thousands separators. A missing value is
 * {@code n/a}; an infinite cost-of-pass is {@code ∞}.
 */
public final class Fmt {
  public static final String NA = "n/a";

  private Fmt() {}

  /** A proportion as a percentage: {@code 85.0%}. */
  public static String pct(double v) {
    return bad(v) ? NA : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  /**
   * A proportion with its interval: {@code 85.0% [72.1, 93.0]}; just the proportion when the
   * interval is missing or collapsed to a point (one run, or identical outcomes), which says
   * nothing about the uncertainty.
   */
  public static String pctCi(double v, double lo, double hi) {
    if (bad(v)) {
      return NA;
    }
    if (bad(lo) || bad(hi) || lo == hi) {
      return pct(v);
    }
    return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", v * 100, lo * 100, hi * 100);
  }

  /** A difference of proportions in percentage points: {@code +12.5 pp}. */
  public static String pp(double d) {
    return bad(d) ? NA : String.format(Locale.ROOT, "%+.1f pp", d * 100).replace('-', '−');
  }

  /** A score, rate or correlation: {@code 0.973}. */
  public static String rate(double v) {
    return bad(v) ? NA : minus(String.format(Locale.ROOT, "%.3f", v));
  }

  /** A signed difference of scores: {@code +0.012}. */
  public static String delta(double v) {
    return bad(v) ? NA : minus(String.format(Locale.ROOT, "%+.3f", v));
  }

  /** Mean ± sample standard deviation; the deviation is n/a for a single value. */
  public static String meanSd(double mean, double sd) {
    if (bad(mean)) {
      return NA;
    }
    return rate(mean) + " ± " + (bad(sd) ? NA : String.format(Locale.ROOT, "%.3f", sd));
  }

  /** A cost in dollars: {@code $0.135}; {@code ∞} for an infinite cost-of-pass. */
  public static String usd(double v) {
    if (Double.isNaN(v)) {
      return NA;
    }
    if (Double.isInfinite(v)) {
      return "∞";
    }
    return minus(String.format(Locale.ROOT, "$%.3f", v));
  }

  /** A p-value: 4 decimals, {@code <0.0001} below that. */
  public static String p(double v) {
    if (bad(v)) {
      return NA;
    }
    return v < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** A test statistic: 2 decimals. */
  public static String stat(double v) {
    return bad(v) ? NA : minus(String.format(Locale.ROOT, "%.2f", v));
  }

  /** A count: {@code 1,000,213}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A mean count (tokens per run): no decimals, thousands separators. */
  public static String mean(double v) {
    return bad(v) ? NA : String.format(Locale.ROOT, "%,.0f", v);
  }

  /** A duration in seconds: 1 decimal. */
  public static String seconds(double v) {
    return bad(v) ? NA : String.format(Locale.ROOT, "%.1f", v);
  }

  /** Any number with 3 significant decimals (summary statistics of mixed scale). */
  public static String num(double v) {
    if (bad(v)) {
      return NA;
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return minus(String.format(Locale.ROOT, "%,.0f", v));
    }
    if (a >= 10) {
      return minus(String.format(Locale.ROOT, "%.1f", v));
    }
    return minus(String.format(Locale.ROOT, "%.3f", v));
  }

  private static boolean bad(double v) {
    return Double.isNaN(v) || Double.isInfinite(v);
  }

  private static String minus(String s) {
    return s.startsWith("-") ? "−" + s.substring(1) : s.replace("+-", "−").replace("$-", "−$");
  }
}
