package dev.scylla.model;

import java.util.Comparator;
import java.util.regex.Pattern;

/** Tier and subtest identifiers: tiers are {@code T0}..{@code T6}, subtests two-digit ids. */
public final class Tiers {
  private static final Pattern TIER = Pattern.compile("T[0-6]");
  private static final Pattern SUBTEST = Pattern.compile("[0-9]{2,3}");
  private static final Pattern RUN_DIR = Pattern.compile("run_([0-9]{2,4})");

  /** Orders tier ids by their number, unknown names last and alphabetically. */
  public static final Comparator<String> TIER_ORDER =
      Comparator.comparingInt(Tiers::tierRank).thenComparing(Comparator.naturalOrder());

  /** Orders subtest ids numerically where they are numbers. */
  public static final Comparator<String> SUBTEST_ORDER =
      Comparator.comparingInt(Tiers::subtestRank).thenComparing(Comparator.naturalOrder());

  private Tiers() {}

  public static boolean isTier(String name) {
    return name != null && TIER.matcher(name).matches();
  }

  public static boolean isSubtest(String name) {
    return name != null && SUBTEST.matcher(name).matches();
  }

  /** The run number of a directory named {@code run_NN}, or -1 if the name is not a run dir. */
  public static int runNumber(String dirName) {
    var m = RUN_DIR.matcher(dirName);
    if (!m.matches()) {
      return -1;
    }
    int n = Integer.parseInt(m.group(1));
    return n >= 1 ? n : -1;
  }

  /** The directory name of run {@code n}: {@code run_01}. */
  public static String runDirName(int n) {
    return "run_" + twoDigits(n);
  }

  /** The directory name of judge slot {@code n}: {@code judge_01}. */
  public static String slotDirName(int n) {
    return "judge_" + twoDigits(n);
  }

  /** {@code String.format("%02d", n)} without the formatter (it is on every scan's hot path). */
  private static String twoDigits(int n) {
    return n >= 0 && n < 10 ? "0" + n : Integer.toString(n);
  }

  /** Normalises a user-typed tier id ("t1" to "T1"); throws BAD_INPUT for anything else. */
  public static String parseTier(String text) {
    String t = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT);
    if (!isTier(t)) {
      throw ScyllaException.badInput("unknown tier '" + text + "': expected T0..T6");
    }
    return t;
  }

  private static int tierRank(String t) {
    return isTier(t) ? t.charAt(1) - '0' : Integer.MAX_VALUE;
  }

  private static int subtestRank(String s) {
    return isSubtest(s) ? Integer.parseInt(s) : Integer.MAX_VALUE;
  }
}
