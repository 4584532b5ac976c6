package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.RunRow;
import dev.scylla.analysis.stats.Descriptive;
import dev.scylla.analysis.stats.Ranks;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Theme;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference's multi-experiment views (fig31, fig32, fig34, fig36, fig39), drawn when the
 * analysis holds at least two experiments. Per experiment and tier the numbers are over all the
 * experiment's runs of the tier; the definitions are ours, from the reference's one-line
 * descriptions (docs/tables-and-figures.md).
 */
final class ExperimentFigures {
  private ExperimentFigures() {}

  /** experiment → tier → runs, experiments by name, tiers T0..T6. */
  static Map<String, Map<String, List<RunRow>>> grid(Analysis a) {
    Map<String, Map<String, List<RunRow>>> out = new TreeMap<>();
    for (RunRow r : a.data().runs()) {
      out.computeIfAbsent(r.experiment(), k -> new TreeMap<>(Tiers.TIER_ORDER))
          .computeIfAbsent(r.tier(), k -> new ArrayList<>())
          .add(r);
    }
    return out;
  }

  static List<String> tiers(Map<String, Map<String, List<RunRow>>> grid) {
    TreeSet<String> t = new TreeSet<>(Tiers.TIER_ORDER);
    grid.values().forEach(m -> t.addAll(m.keySet()));
    return new ArrayList<>(t);
  }

  static double passRate(List<RunRow> rows) {
    return rows == null || rows.isEmpty()
        ? Double.NaN
        : Descriptive.mean(rows.stream().mapToDouble(r -> r.passed() ? 1 : 0).toArray());
  }

  static double meanCost(List<RunRow> rows) {
    return rows == null || rows.isEmpty()
        ? Double.NaN
        : Descriptive.mean(rows.stream().mapToDouble(RunRow::costUsd).toArray());
  }

  private static Figure needTwo(String name, String caption, Map<String, ?> grid) {
    return grid.size() < 2 ? Figure.skip(name, caption, "fewer than 2 experiments") : null;
  }

  /** The tier with the highest pass rate; ties to the first in tier order. */
  static String bestTier(Map<String, List<RunRow>> tiers) {
    String best = null;
    double bestRate = -1;
    for (var e : tiers.entrySet()) {
      double p = passRate(e.getValue());
      if (p > bestRate) {
        bestRate = p;
        best = e.getKey();
      }
    }
    return best;
  }

  static Figure fig31(Analysis a) {
    String name = "fig31_experiment_tier_heatmap";
    String caption = "Pass rate of every tier in every experiment.";
    var grid = grid(a);
    Figure skip = needTwo(name, caption, grid);
    if (skip != null) {
      return skip;
    }
    List<String> tiers = tiers(grid);
    List<String> exps = new ArrayList<>(grid.keySet());
    FigureData d = new FigureData("experiment", "tier", "pass_rate", "n");
    double[][] v = new double[exps.size()][tiers.size()];
    for (int i = 0; i < exps.size(); i++) {
      for (int j = 0; j < tiers.size(); j++) {
        List<RunRow> rows = grid.get(exps.get(i)).get(tiers.get(j));
        v[i][j] = passRate(rows);
        if (rows != null) {
          d.add(exps.get(i), tiers.get(j), v[i][j], rows.size());
        }
      }
    }
    Page p =
        new Page(Figures.WIDTH_IN, "Pass rate by experiment and tier")
            .subtitle("Rows: experiments; columns: tiers; grey: not run.")
            .panelHeight(Math.max(120, 22.0 * exps.size() + 30));
    p.panel("", Charts.heatmap(exps, tiers, v, 0, 1, "%.2f"));
    return Figure.of(name, caption, p, d);
  }

  static Figure fig32(Analysis a) {
    String name = "fig32_tier_win_count";
    String caption = "How many experiments each tier has the highest pass rate in.";
    var grid = grid(a);
    Figure skip = needTwo(name, caption, grid);
    if (skip != null) {
      return skip;
    }
    List<String> tiers = tiers(grid);
    Map<String, Integer> wins = new LinkedHashMap<>();
    tiers.forEach(t -> wins.put(t, 0));
    for (var e : grid.values()) {
      wins.merge(bestTier(e), 1, Integer::sum);
    }
    FigureData d = new FigureData("tier", "wins");
    double[][] v = new double[1][tiers.size()];
    for (int i = 0; i < tiers.size(); i++) {
      v[0][i] = wins.get(tiers.get(i));
      d.add(tiers.get(i), wins.get(tiers.get(i)));
    }
    Page p =
        new Page(Figures.WIDTH_IN, "Tier wins across experiments")
            .subtitle(
                "Experiments in which the tier has the highest pass rate (ties: the first tier).")
            .panelHeight(220);
    p.panel(
        "",
        Charts.bars(
            tiers,
            v,
            null,
            null,
            Scale.linear(0, grid.size(), true, x -> Charts.fmt("%.0f", x)),
            "Experiments won",
            "%.0f"));
    return Figure.of(name, caption, p, d);
  }

  static Figure fig34(Analysis a) {
    String name = "fig34_cost_frontier_by_experiment";
    String caption = "The lowest cost-of-pass of every experiment and the tier it comes from.";
    var grid = grid(a);
    Figure skip = needTwo(name, caption, grid);
    if (skip != null) {
      return skip;
    }
    FigureData d = new FigureData("experiment", "frontier_tier", "frontier_cop");
    List<String> exps = new ArrayList<>(grid.keySet());
    double[][] v = new double[1][exps.size()];
    List<String> labels = new ArrayList<>();
    double max = 0;
    for (int i = 0; i < exps.size(); i++) {
      double best = Double.POSITIVE_INFINITY;
      String tier = null;
      for (var e : grid.get(exps.get(i)).entrySet()) {
        double cop = Descriptive.costOfPass(meanCost(e.getValue()), passRate(e.getValue()));
        if (Double.isFinite(cop) && cop < best) {
          best = cop;
          tier = e.getKey();
        }
      }
      v[0][i] = tier == null ? Double.NaN : best;
      d.add(exps.get(i), tier, tier == null ? Double.NaN : best);
      labels.add(exps.get(i) + (tier == null ? "" : " (" + tier + ")"));
      if (tier != null) {
        max = Math.max(max, best);
      }
    }
    Page p =
        new Page(Figures.WIDTH_IN, "Cost frontier by experiment")
            .subtitle(
                "Frontier cost-of-pass: the smallest mean cost / pass rate over the experiment's tiers.")
            .panelHeight(220);
    p.panel(
        "",
        Charts.bars(
            labels,
            v,
            null,
            null,
            Scale.linear(0, max, true, null),
            "Frontier CoP (USD)",
            "$%.3f"));
    return Figure.of(name, caption, p, d);
  }

  static Figure fig36(Analysis a) {
    String name = "fig36_tier_rank_stability";
    String caption = "Rank of every tier by pass rate in every experiment.";
    var grid = grid(a);
    Figure skip = needTwo(name, caption, grid);
    if (skip != null) {
      return skip;
    }
    List<String> tiers = tiers(grid);
    List<String> exps = new ArrayList<>(grid.keySet());
    FigureData d = new FigureData("experiment", "tier", "pass_rate", "rank");
    double[][] ranks = new double[exps.size()][tiers.size()];
    for (int i = 0; i < exps.size(); i++) {
      List<String> present = new ArrayList<>();
      List<Double> neg = new ArrayList<>();
      for (String t : tiers) {
        List<RunRow> rows = grid.get(exps.get(i)).get(t);
        if (rows != null) {
          present.add(t);
          neg.add(-passRate(rows));
        }
      }
      double[] r = Ranks.average(neg.stream().mapToDouble(Double::doubleValue).toArray());
      java.util.Arrays.fill(ranks[i], Double.NaN);
      for (int k = 0; k < present.size(); k++) {
        ranks[i][tiers.indexOf(present.get(k))] = r[k];
        d.add(exps.get(i), present.get(k), -neg.get(k), r[k]);
      }
    }
    double[] x = new double[tiers.size()];
    for (int j = 0; j < x.length; j++) {
      x[j] = j;
    }
    List<Legend.Item> legend = new ArrayList<>();
    for (int i = 0; i < exps.size(); i++) {
      legend.add(Legend.line(exps.get(i), Theme.series(i), Theme.MEDIUM));
    }
    Page p =
        new Page(Figures.WIDTH_IN, "Tier rank stability across experiments")
            .subtitle(
                "Rank 1 = the highest pass rate in the experiment (ties share the mean rank). x: "
                    + String.join(
                        ", ", tiers.stream().map(t -> tiers.indexOf(t) + " = " + t).toList()))
            .legend(legend)
            .panelHeight(220);
    p.panel(
        "",
        Charts.lines(
            x,
            ranks,
            Scale.fixed(
                0,
                Math.max(1, tiers.size() - 1),
                1,
                v -> v >= 0 && v < tiers.size() ? tiers.get((int) Math.round(v)) : ""),
            Scale.fixed(0, tiers.size() + 1, 1, v -> Charts.fmt("%.0f", v)),
            "Tier",
            "Rank",
            true));
    return Figure.of(name, caption, p, d);
  }

  static Figure fig39(Analysis a) {
    String name = "fig39_cost_vs_difficulty";
    String caption =
        "Mean cost per run of every experiment against its difficulty (1 − pass rate).";
    var grid = grid(a);
    Figure skip = needTwo(name, caption, grid);
    if (skip != null) {
      return skip;
    }
    FigureData d = new FigureData("experiment", "difficulty", "mean_cost", "n");
    List<String> exps = new ArrayList<>(grid.keySet());
    double[] x = new double[exps.size()];
    double[] y = new double[exps.size()];
    for (int i = 0; i < exps.size(); i++) {
      List<RunRow> all = new ArrayList<>();
      grid.get(exps.get(i)).values().forEach(all::addAll);
      x[i] = 1 - passRate(all);
      y[i] = meanCost(all);
      d.add(exps.get(i), x[i], y[i], all.size());
    }
    double[] line =
        exps.size() >= 3 && Descriptive.max(x) > Descriptive.min(x) ? HeadFigures.ols(x, y) : null;
    Page p =
        new Page(Figures.WIDTH_IN, "Cost against task difficulty")
            .subtitle(
                "Difficulty: 1 − the experiment's pass rate over all its runs; dashed: least-squares line (3+ experiments).")
            .panelHeight(230);
    p.panel(
        "",
        Charts.scatter(
            x,
            y,
            exps,
            Scale.fixed(0, 1, 0.2, null),
            Scale.linear(0, Descriptive.max(y), true, null),
            "Difficulty (1 − pass rate)",
            "Mean cost per run (USD)",
            line));
    return Figure.of(name, caption, p, d);
  }
}
