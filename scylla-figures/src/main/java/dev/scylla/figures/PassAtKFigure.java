package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.PassAtK;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Theme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fig41 (ours): pass@k (at least one of k runs passes) and pass^k (all k pass) against k, one line
 * per tier, from {@code data/pass_at_k.csv}'s tier rows.
 */
final class PassAtKFigure {
  static final String NAME = "fig41_pass_at_k";
  static final String CAPTION =
      "pass@k and pass^k by tier, k = 1..n (unbiased estimators over each tier's n runs).";

  private PassAtKFigure() {}

  static Figure build(Analysis a) {
    List<PassAtK.Row> rows = PassAtK.tiers(PassAtK.of(a.data().runs()));
    if (rows.isEmpty()) {
      return Figure.skip(NAME, CAPTION, "no scored runs");
    }
    Map<String, List<PassAtK.Row>> byTier = new LinkedHashMap<>();
    rows.forEach(r -> byTier.computeIfAbsent(r.tier(), t -> new ArrayList<>()).add(r));
    int maxK = rows.stream().mapToInt(PassAtK.Row::k).max().orElse(1);
    double[] x = new double[maxK];
    for (int k = 1; k <= maxK; k++) {
      x[k - 1] = k;
    }
    double[][] at = new double[byTier.size()][maxK];
    double[][] hat = new double[byTier.size()][maxK];
    List<Legend.Item> legend = new ArrayList<>();
    FigureData d = new FigureData("tier", "k", "n", "c", "pass_at_k", "pass_hat_k");
    int s = 0;
    for (var e : byTier.entrySet()) {
      java.util.Arrays.fill(at[s], Double.NaN);
      java.util.Arrays.fill(hat[s], Double.NaN);
      for (PassAtK.Row r : e.getValue()) {
        at[s][r.k() - 1] = r.passAtK();
        hat[s][r.k() - 1] = r.passHatK();
        d.add(e.getKey(), r.k(), r.n(), r.c(), r.passAtK(), r.passHatK());
      }
      legend.add(Legend.line(e.getKey(), Theme.series(s), Theme.MEDIUM));
      s++;
    }
    Scale xs = Scale.linear(1, Math.max(2, maxK), false, Scale.decimals(1));
    Scale ys = Scale.fixed(0, 1, 0.2, Scale::percent);
    Page page =
        new Page(Figures.WIDTH_IN, "pass@k and pass^k")
            .subtitle(
                "pass@k = 1 − C(n−c, k)/C(n, k), pass^k = C(c, k)/C(n, k); n runs of the tier, c"
                    + " passed.")
            .legend(legend)
            .columns(2)
            .panel(
                "pass@k: at least one of k passes",
                Charts.lines(x, at, xs, ys, "k", "pass@k", maxK <= 30))
            .panel("pass^k: all k pass", Charts.lines(x, hat, xs, ys, "k", "pass^k", maxK <= 30));
    return Figure.of(NAME, CAPTION, page, d);
  }
}
