package dev.scylla.analysis.tables;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.PassAtK;
import java.util.List;

/**
 * tab14 (ours): pass@k and pass^k per subtest and tier at k = 1, at the k every subtest has runs
 * for (the fewest runs of a subtest), and at each group's own n; {@code data/pass_at_k.csv} has
 * every k.
 */
final class PassAtKTable {
  static final String NAME = "tab14_pass_at_k";

  private PassAtKTable() {}

  static Table build(Analysis a) {
    String title = "pass@k and pass^k";
    List<PassAtK.Row> rows = PassAtK.of(a.data().runs());
    if (rows.isEmpty()) {
      return Table.skip(NAME, title, "no scored runs");
    }
    int common = commonK(rows);
    Table.Builder b =
        Table.builder(NAME, title)
            .left("Tier", "Subtest")
            .right("n", "c", "pass@1", "pass@" + common, "pass^" + common, "pass@n", "pass^n");
    String tier = null;
    for (PassAtK.Row r : rows) {
      if (r.k() != r.n()) {
        continue;
      }
      if (!r.tier().equals(tier)) {
        b.group();
        tier = r.tier();
      }
      List<String> cells =
          List.of(
              r.tier(),
              r.subtest().isEmpty() ? "All" : r.subtest(),
              Fmt.count(r.n()),
              Fmt.count(r.c()),
              Fmt.rate(PassAtK.passAtK(r.n(), r.c(), 1)),
              r.n() >= common ? Fmt.rate(PassAtK.passAtK(r.n(), r.c(), common)) : "–",
              r.n() >= common ? Fmt.rate(PassAtK.passHatK(r.n(), r.c(), common)) : "–",
              Fmt.rate(r.passAtK()),
              Fmt.rate(r.passHatK()));
      if (r.subtest().isEmpty()) {
        b.total(cells);
      } else {
        b.row(cells);
      }
    }
    b.note(
        "k used: 1, "
            + common
            + " (the fewest runs of any subtest) and each row's own n. pass@k = 1 − C(n−c, k)/C(n,"
            + " k): the chance that at least one of k runs drawn without replacement passes;"
            + " pass^k = C(c, k)/C(n, k): that all k pass (n runs, c passed). Every k from 1 to n is"
            + " in data/pass_at_k.csv.");
    return b.build();
  }

  /** The largest k every subtest has: its fewest runs. */
  static int commonK(List<PassAtK.Row> rows) {
    return rows.stream()
        .filter(r -> !r.subtest().isEmpty())
        .mapToInt(PassAtK.Row::n)
        .min()
        .orElse(1);
  }
}
