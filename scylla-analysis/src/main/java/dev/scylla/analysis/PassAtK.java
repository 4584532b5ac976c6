package dev.scylla.analysis;

import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code data/pass_at_k.csv} (ours): the unbiased estimators of pass@k (at least one of k runs
 * passes) and pass^k (all k runs pass) from the n runs of runs.csv of a subtest (and of a tier,
 * subtest empty), c of which passed, for k = 1..n:
 *
 * <pre>
 *   pass@k = 1 − C(n−c, k) / C(n, k)        pass^k = C(c, k) / C(n, k)
 * </pre>
 *
 * computed as products ({@code C(n−c, k)/C(n, k) = ∏_{i<k} (n−c−i)/(n−i)}), so large n neither
 * overflows nor loses precision. Runs of every analysed experiment are pooled per tier and subtest.
 */
public final class PassAtK {
  public static final List<String> HEADER =
      List.of("tier", "subtest", "k", "n", "c", "pass_at_k", "pass_hat_k");

  /** One row: a subtest ({@code subtest} empty: the whole tier) at one k. */
  public record Row(
      String tier, String subtest, int k, int n, int c, double passAtK, double passHatK) {}

  private PassAtK() {}

  /** pass@k of n runs, c passed; 1 ≤ k ≤ n. */
  public static double passAtK(int n, int c, int k) {
    check(n, c, k);
    if (n - c < k) {
      return 1.0;
    }
    double allFail = 1.0;
    for (int i = 0; i < k; i++) {
      allFail *= (double) (n - c - i) / (n - i);
    }
    return 1.0 - allFail;
  }

  /** pass^k of n runs, c passed; 1 ≤ k ≤ n. */
  public static double passHatK(int n, int c, int k) {
    check(n, c, k);
    if (c < k) {
      return 0.0;
    }
    double all = 1.0;
    for (int i = 0; i < k; i++) {
      all *= (double) (c - i) / (n - i);
    }
    return all;
  }

  private static void check(int n, int c, int k) {
    if (n < 1 || c < 0 || c > n || k < 1 || k > n) {
      throw new IllegalArgumentException(
          "pass@k needs 0 <= c <= n and 1 <= k <= n: n=" + n + " c=" + c + " k=" + k);
    }
  }

  /** Every subtest's rows, then its tier's, tiers and subtests in order, k ascending. */
  public static List<Row> of(List<RunRow> runs) {
    Map<String, Map<String, int[]>> bySubtest = new TreeMap<>(Tiers.TIER_ORDER);
    for (RunRow r : runs) {
      int[] acc =
          bySubtest
              .computeIfAbsent(r.tier(), t -> new TreeMap<>(Tiers.SUBTEST_ORDER))
              .computeIfAbsent(r.subtest(), s -> new int[2]);
      acc[0]++;
      if (r.passed()) {
        acc[1]++;
      }
    }
    List<Row> out = new ArrayList<>();
    bySubtest.forEach(
        (tier, subs) -> {
          int n = 0;
          int c = 0;
          for (var e : subs.entrySet()) {
            rows(out, tier, e.getKey(), e.getValue()[0], e.getValue()[1]);
            n += e.getValue()[0];
            c += e.getValue()[1];
          }
          rows(out, tier, "", n, c);
        });
    return out;
  }

  private static void rows(List<Row> out, String tier, String subtest, int n, int c) {
    for (int k = 1; k <= n; k++) {
      out.add(new Row(tier, subtest, k, n, c, passAtK(n, c, k), passHatK(n, c, k)));
    }
  }

  /** The tier rows (subtest empty) only. */
  public static List<Row> tiers(List<Row> rows) {
    return rows.stream()
        .filter(r -> r.subtest().isEmpty())
        .sorted(Comparator.comparing(Row::tier, Tiers.TIER_ORDER).thenComparingInt(Row::k))
        .toList();
  }

  public static String csv(List<Row> rows) {
    Csv c = new Csv(HEADER);
    for (Row r : rows) {
      c.text(r.tier())
          .text(r.subtest())
          .num(r.k())
          .num(r.n())
          .num(r.c())
          .num(r.passAtK())
          .num(r.passHatK())
          .end();
    }
    return c.toString();
  }
}
