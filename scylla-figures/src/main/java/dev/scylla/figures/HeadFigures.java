package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.GradeCounts;
import dev.scylla.analysis.JudgeRow;
import dev.scylla.analysis.RunRow;
import dev.scylla.analysis.SubtestRow;
import dev.scylla.analysis.stats.Descriptive;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Theme;
import dev.scylla.model.Tiers;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The single-experiment figure families of the reference's HEAD set that scylla drew no counterpart
 * of: fig03, fig15a/b/c, fig16a/b, fig17, fig18a/b, fig21, fig22, fig23, fig24, fig26, fig27. Each
 * keeps the numbers it draws ({@link FigureData}); the definitions follow the reference's one-line
 * descriptions (docs/tables-and-figures.md says where they are ours).
 */
final class HeadFigures {
  private HeadFigures() {}

  static List<String> models(Analysis a) {
    return new ArrayList<>(
        new LinkedHashSet<>(a.data().runs().stream().map(RunRow::agentModel).toList()));
  }

  static Map<String, List<RunRow>> byTier(List<RunRow> rows) {
    Map<String, List<RunRow>> out = new TreeMap<>(Tiers.TIER_ORDER);
    for (RunRow r : rows) {
      out.computeIfAbsent(r.tier(), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  static List<RunRow> runsOf(Analysis a, String model) {
    return a.data().runs().stream().filter(r -> r.agentModel().equals(model)).toList();
  }

  static List<SubtestRow> subtestsOf(Analysis a, String model) {
    List<SubtestRow> out =
        new ArrayList<>(a.subtests().stream().filter(s -> s.agentModel().equals(model)).toList());
    out.sort(
        java.util.Comparator.comparing(SubtestRow::tier, Tiers.TIER_ORDER)
            .thenComparing(SubtestRow::subtest)
            .thenComparing(SubtestRow::experiment));
    return out;
  }

  /** tier/subtest, prefixed by the experiment when the model ran in several. */
  static List<String> subtestLabels(List<SubtestRow> subs) {
    boolean several = subs.stream().map(SubtestRow::experiment).distinct().count() > 1;
    return subs.stream()
        .map(s -> (several ? s.experiment() + " " : "") + s.tier() + "/" + s.subtest())
        .toList();
  }

  private static Page page(String title, String subtitle, int models) {
    return new Page(Figures.WIDTH_IN, title).subtitle(subtitle).panelHeight(models > 1 ? 190 : 240);
  }

  private static String panelTitle(List<String> models, String m) {
    return models.size() > 1 ? m : "";
  }

  // ------------------------------------------------------------------ fig03

  static Figure fig03(Analysis a) {
    String name = "fig03_failure_rate_by_tier";
    String caption = "Grade proportions of the scored runs of every tier.";
    List<String> models = models(a);
    if (models.isEmpty()) {
      return Figure.skip(name, caption, "no runs");
    }
    FigureData d = new FigureData("agent_model", "tier", "grade", "count", "total", "proportion");
    Page p =
        page(
            "Grade proportions by tier",
            "Share of each grade among the tier's runs.",
            models.size());
    List<Legend.Item> legend = new ArrayList<>();
    List<Color> colours = new ArrayList<>();
    for (String gname : GradeCounts.LETTERS) {
      Color c = Theme.GRADES.getOrDefault(gname, Theme.FAINT);
      colours.add(c);
      legend.add(Legend.box(gname, c));
    }
    p.legend(legend);
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byTier(runsOf(a, m));
      List<String> cats = new ArrayList<>(tiers.keySet());
      double[][] v = new double[GradeCounts.LETTERS.size()][cats.size()];
      for (int i = 0; i < cats.size(); i++) {
        List<RunRow> rows = tiers.get(cats.get(i));
        for (int gi = 0; gi < GradeCounts.LETTERS.size(); gi++) {
          String gl = GradeCounts.LETTERS.get(gi);
          long n = rows.stream().filter(r -> gl.equals(r.grade())).count();
          v[gi][i] = (double) n / rows.size();
          if (n > 0) {
            d.add(m, cats.get(i), gl, (int) n, rows.size(), v[gi][i]);
          }
        }
      }
      p.panel(panelTitle(models, m), Charts.stacked(cats, v, colours, "Share of runs"));
    }
    return Figure.of(name, caption, p, d);
  }

  // ------------------------------------------------------------------ fig15a/b/c

  static Figure fig15a(Analysis a) {
    String name = "fig15a_subtest_run_heatmap";
    String caption = "Score of every run of every subtest.";
    List<String> models = models(a);
    if (models.isEmpty()) {
      return Figure.skip(name, caption, "no runs");
    }
    FigureData d =
        new FigureData("experiment", "agent_model", "tier", "subtest", "run_number", "score");
    Page p =
        page(
            "Score per subtest and run", "Rows: tier/subtest; columns: run number.", models.size());
    for (String m : models) {
      List<RunRow> rows = new ArrayList<>(runsOf(a, m));
      rows.sort(
          java.util.Comparator.comparing(RunRow::tier, Tiers.TIER_ORDER)
              .thenComparing(RunRow::subtest)
              .thenComparing(RunRow::experiment)
              .thenComparingInt(RunRow::runNumber));
      boolean several = rows.stream().map(RunRow::experiment).distinct().count() > 1;
      java.util.function.Function<RunRow, String> key =
          r -> (several ? r.experiment() + " " : "") + r.tier() + "/" + r.subtest();
      List<String> rowLabels =
          new ArrayList<>(new LinkedHashSet<>(rows.stream().map(key).toList()));
      TreeSet<Integer> runs = new TreeSet<>(rows.stream().map(RunRow::runNumber).toList());
      List<Integer> cols = new ArrayList<>(runs);
      double[][] v = new double[rowLabels.size()][cols.size()];
      for (double[] r : v) {
        java.util.Arrays.fill(r, Double.NaN);
      }
      for (RunRow r : rows) {
        v[rowLabels.indexOf(key.apply(r))][cols.indexOf(r.runNumber())] = r.score();
        d.add(r.experiment(), m, r.tier(), r.subtest(), r.runNumber(), r.score());
      }
      p.panel(
          panelTitle(models, m),
          Charts.heatmap(rowLabels, cols.stream().map(i -> "run " + i).toList(), v, 0, 1, "%.2f"));
    }
    return Figure.of(name, caption, p, d);
  }

  static Figure fig15b(Analysis a) {
    String name = "fig15b_subtest_best_heatmap";
    String caption = "Best run score of every subtest.";
    List<String> models = models(a);
    if (models.isEmpty()) {
      return Figure.skip(name, caption, "no runs");
    }
    FigureData d = new FigureData("agent_model", "tier", "subtest", "best_score", "best_run");
    Page p =
        page(
            "Best run per subtest",
            "Rows: tiers; columns: subtests; cell: the best score.",
            models.size());
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byTier(runsOf(a, m));
      List<String> rowLabels = new ArrayList<>(tiers.keySet());
      TreeSet<String> subs = new TreeSet<>();
      tiers.values().forEach(l -> l.forEach(r -> subs.add(r.subtest())));
      List<String> cols = new ArrayList<>(subs);
      double[][] v = new double[rowLabels.size()][cols.size()];
      for (double[] r : v) {
        java.util.Arrays.fill(r, Double.NaN);
      }
      for (int i = 0; i < rowLabels.size(); i++) {
        Map<String, RunRow> best = new TreeMap<>();
        for (RunRow r : tiers.get(rowLabels.get(i))) {
          if (Double.isNaN(r.score())) {
            continue;
          }
          RunRow b = best.get(r.subtest());
          if (b == null || r.score() > b.score()) {
            best.put(r.subtest(), r);
          }
        }
        for (RunRow b : best.values()) {
          v[i][cols.indexOf(b.subtest())] = b.score();
          d.add(m, b.tier(), b.subtest(), b.score(), b.runNumber());
        }
      }
      p.panel(panelTitle(models, m), Charts.heatmap(rowLabels, cols, v, 0, 1, "%.2f"));
    }
    return Figure.of(name, caption, p, d);
  }

  static final List<String> TIER_SUMMARY_METRICS =
      List.of("pass_rate", "mean_score", "mean_impl_rate");

  static Figure fig15c(Analysis a) {
    String name = "fig15c_tier_summary_heatmap";
    String caption = "Pass rate, mean score and mean implementation rate of every tier.";
    List<String> models = models(a);
    if (models.isEmpty()) {
      return Figure.skip(name, caption, "no runs");
    }
    FigureData d = new FigureData("agent_model", "tier", "metric", "value");
    Page p =
        page("Tier summary", "Rows: tiers; columns: metrics over the tier's runs.", models.size());
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byTier(runsOf(a, m));
      List<String> rowLabels = new ArrayList<>(tiers.keySet());
      double[][] v = new double[rowLabels.size()][TIER_SUMMARY_METRICS.size()];
      for (int i = 0; i < rowLabels.size(); i++) {
        List<RunRow> rows = tiers.get(rowLabels.get(i));
        double[] vals = {
          Descriptive.mean(rows.stream().mapToDouble(r -> r.passed() ? 1 : 0).toArray()),
          Descriptive.mean(rows.stream().mapToDouble(RunRow::score).toArray()),
          Descriptive.mean(rows.stream().mapToDouble(RunRow::implRate).toArray())
        };
        for (int k = 0; k < vals.length; k++) {
          v[i][k] = vals[k];
          d.add(m, rowLabels.get(i), TIER_SUMMARY_METRICS.get(k), vals[k]);
        }
      }
      p.panel(
          panelTitle(models, m),
          Charts.heatmap(
              rowLabels, List.of("Pass rate", "Mean score", "Mean impl rate"), v, 0, 1, "%.3f"));
    }
    return Figure.of(name, caption, p, d);
  }

  // ------------------------------------------------------------------ fig16a/b, fig18a/b

  static Figure fig16a(Analysis a) {
    String name = "fig16a_success_variance_per_subtest";
    String caption =
        "Bernoulli variance of passing, p(1 − p), and score standard deviation per subtest.";
    List<String> models = models(a);
    if (a.subtests().isEmpty()) {
      return Figure.skip(name, caption, "no subtests");
    }
    FigureData d =
        new FigureData(
            "experiment", "agent_model", "tier", "subtest", "pass_variance", "score_std", "n_runs");
    Page p =
        page(
                "Success variance per subtest",
                "Bars: p(1 − p) of passing (left), score std (right).",
                models.size())
            .legend(
                List.of(
                    Legend.box("Pass variance p(1 − p)", Theme.series(0)),
                    Legend.box("Score std", Theme.series(1))));
    for (String m : models) {
      List<SubtestRow> subs = subtestsOf(a, m);
      List<String> cats = subtestLabels(subs);
      double[][] v = new double[2][subs.size()];
      for (int i = 0; i < subs.size(); i++) {
        SubtestRow s = subs.get(i);
        v[0][i] = s.passRate() * (1 - s.passRate());
        v[1][i] = s.stdScore();
        d.add(s.experiment(), m, s.tier(), s.subtest(), v[0][i], v[1][i], s.runs());
      }
      p.panel(
          panelTitle(models, m),
          Charts.bars(
              cats, v, null, null, Scale.fixed(0, 0.5, 0.1, null), "Variance / std", "%.2f"));
    }
    return Figure.of(name, caption, p, d);
  }

  static Figure fig16b(Analysis a) {
    String name = "fig16b_success_variance_aggregate";
    String caption =
        "Bernoulli variance of passing and score standard deviation over each tier's runs.";
    List<String> models = models(a);
    if (models.isEmpty()) {
      return Figure.skip(name, caption, "no runs");
    }
    FigureData d = new FigureData("agent_model", "tier", "pass_variance", "score_std", "n_runs");
    Page p =
        page("Success variance by tier", "Pooled over the tier's runs.", models.size())
            .legend(
                List.of(
                    Legend.box("Pass variance p(1 − p)", Theme.series(0)),
                    Legend.box("Score std", Theme.series(1))));
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byTier(runsOf(a, m));
      List<String> cats = new ArrayList<>(tiers.keySet());
      double[][] v = new double[2][cats.size()];
      for (int i = 0; i < cats.size(); i++) {
        List<RunRow> rows = tiers.get(cats.get(i));
        double pr = Descriptive.mean(rows.stream().mapToDouble(r -> r.passed() ? 1 : 0).toArray());
        v[0][i] = pr * (1 - pr);
        v[1][i] = Descriptive.std(rows.stream().mapToDouble(RunRow::score).toArray());
        d.add(m, cats.get(i), v[0][i], v[1][i], rows.size());
      }
      p.panel(
          panelTitle(models, m),
          Charts.bars(
              cats, v, null, null, Scale.fixed(0, 0.5, 0.1, null), "Variance / std", "%.2f"));
    }
    return Figure.of(name, caption, p, d);
  }

  static Figure fig18a(Analysis a) {
    String name = "fig18a_failure_rate_per_subtest";
    String caption = "Failure rate (1 − pass rate) of every subtest.";
    List<String> models = models(a);
    if (a.subtests().isEmpty()) {
      return Figure.skip(name, caption, "no subtests");
    }
    FigureData d =
        new FigureData("experiment", "agent_model", "tier", "subtest", "failure_rate", "n_runs");
    Page p =
        page("Failure rate per subtest", "1 − pass rate of the subtest's runs.", models.size());
    for (String m : models) {
      List<SubtestRow> subs = subtestsOf(a, m);
      List<String> cats = subtestLabels(subs);
      double[][] v = new double[1][subs.size()];
      for (int i = 0; i < subs.size(); i++) {
        SubtestRow s = subs.get(i);
        v[0][i] = 1 - s.passRate();
        d.add(s.experiment(), m, s.tier(), s.subtest(), v[0][i], s.runs());
      }
      p.panel(
          panelTitle(models, m),
          Charts.bars(
              cats, v, null, null, Scale.fixed(0, 1, 0.2, Scale::percent), "Failure rate", "%.2f"));
    }
    return Figure.of(name, caption, p, d);
  }

  static Figure fig18b(Analysis a) {
    String name = "fig18b_failure_rate_aggregate";
    String caption = "Failure rate (1 − pass rate) of every tier's runs.";
    List<String> models = models(a);
    if (models.isEmpty()) {
      return Figure.skip(name, caption, "no runs");
    }
    FigureData d = new FigureData("agent_model", "tier", "failure_rate", "n_runs");
    Page p =
        page(
            "Failure rate by tier",
            "1 − pass rate of the tier's runs (runs with a verdict).",
            models.size());
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byTier(runsOf(a, m));
      List<String> cats = new ArrayList<>(tiers.keySet());
      double[][] v = new double[1][cats.size()];
      for (int i = 0; i < cats.size(); i++) {
        List<RunRow> rows = tiers.get(cats.get(i));
        v[0][i] =
            1 - Descriptive.mean(rows.stream().mapToDouble(r -> r.passed() ? 1 : 0).toArray());
        d.add(m, cats.get(i), v[0][i], rows.size());
      }
      p.panel(
          panelTitle(models, m),
          Charts.bars(
              cats, v, null, null, Scale.fixed(0, 1, 0.2, Scale::percent), "Failure rate", "%.2f"));
    }
    return Figure.of(name, caption, p, d);
  }

  // ------------------------------------------------------------------ fig17

  static Figure fig17(Analysis a) {
    String name = "fig17_judge_variance_overall";
    String caption = "Distribution of every judge's scores over all runs.";
    Map<String, List<Double>> byJudge = new LinkedHashMap<>();
    for (JudgeRow j : a.data().judges()) {
      if (!Double.isNaN(j.judgeScore())) {
        byJudge.computeIfAbsent(j.judgeModel(), k -> new ArrayList<>()).add(j.judgeScore());
      }
    }
    if (byJudge.size() < 2) {
      return Figure.skip(name, caption, "fewer than 2 judge models");
    }
    FigureData d = new FigureData("judge_model", "n", "mean", "std", "median");
    List<String> cats = new ArrayList<>(byJudge.keySet());
    List<double[]> vals = new ArrayList<>();
    double[][] std = new double[1][cats.size()];
    for (int i = 0; i < cats.size(); i++) {
      double[] v = byJudge.get(cats.get(i)).stream().mapToDouble(Double::doubleValue).toArray();
      vals.add(v);
      std[0][i] = Descriptive.std(v);
      d.add(cats.get(i), v.length, Descriptive.mean(v), std[0][i], Descriptive.median(v));
    }
    List<String> short_ = cats.stream().map(Names::shortModel).toList();
    Page p =
        new Page(Figures.WIDTH_IN, "Judge score distributions")
            .subtitle(
                "Box: quartiles and median of each judge model's scores; right: their standard deviation.")
            .columns(2)
            .panelHeight(230);
    p.panel("Scores", Charts.boxes(short_, vals, Scale.fixed(0, 1, 0.2, null), "Judge score"));
    p.panel(
        "Standard deviation",
        Charts.bars(
            short_,
            std,
            null,
            null,
            Scale.linear(0, Math.max(0.05, Descriptive.max(std[0])), true, null),
            "Std",
            "%.3f"));
    return Figure.of(name, caption, p, d);
  }

  // ------------------------------------------------------------------ fig21, fig22

  /** Ordinary least squares y = a + b·x: {intercept, slope, r²}. */
  static double[] ols(double[] x, double[] y) {
    double mx = Descriptive.mean(x);
    double my = Descriptive.mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    double b = sxy / sxx;
    double r2 = syy == 0 ? Double.NaN : (sxy * sxy) / (sxx * syy);
    return new double[] {my - b * mx, b, r2};
  }

  static Figure fig21(Analysis a) {
    String name = "fig21_cost_quality_regression";
    String caption = "Mean cost against mean score of every subtest, with the least-squares line.";
    List<String> models = models(a);
    FigureData d =
        new FigureData("experiment", "agent_model", "tier", "subtest", "mean_cost", "mean_score");
    FigureData fit = new FigureData("agent_model", "n", "intercept", "slope", "r_squared");
    Page p =
        page(
            "Cost against quality per subtest",
            "Points: subtests; dashed: OLS fit of mean score on mean cost.",
            models.size());
    boolean any = false;
    for (String m : models) {
      List<SubtestRow> subs =
          subtestsOf(a, m).stream()
              .filter(s -> !Double.isNaN(s.meanCost()) && !Double.isNaN(s.meanScore()))
              .toList();
      double[] x = subs.stream().mapToDouble(SubtestRow::meanCost).toArray();
      double[] y = subs.stream().mapToDouble(SubtestRow::meanScore).toArray();
      for (SubtestRow s : subs) {
        d.add(s.experiment(), m, s.tier(), s.subtest(), s.meanCost(), s.meanScore());
      }
      double[] line = null;
      if (x.length >= 3 && Descriptive.max(x) > Descriptive.min(x)) {
        line = ols(x, y);
        fit.add(m, x.length, line[0], line[1], line[2]);
        any = true;
      }
      String t =
          line == null
              ? panelTitle(models, m)
              : (models.size() > 1 ? m + ": " : "")
                  + "score = "
                  + Charts.fmt("%.3f", line[0])
                  + (line[1] < 0 ? " − " : " + ")
                  + Charts.fmt("%.3f", Math.abs(line[1]))
                  + " × cost, R² = "
                  + Charts.fmt("%.3f", line[2]);
      p.panel(
          t,
          Charts.scatter(
              x,
              y,
              null,
              Scale.linear(Descriptive.min(x), Descriptive.max(x), true, null),
              Scale.fixed(0, 1, 0.2, null),
              "Mean cost per run (USD)",
              "Mean score",
              line));
    }
    if (!any) {
      return Figure.skip(name, caption, "fewer than 3 subtests with different costs");
    }
    return new Figure(name, caption, p, null, join(d, fit));
  }

  /** The points, then the fit rows, in one table (the fit rows have tier "fit"). */
  private static FigureData join(FigureData points, FigureData fit) {
    FigureData out =
        new FigureData(
            "experiment",
            "agent_model",
            "tier",
            "subtest",
            "mean_cost",
            "mean_score",
            "n",
            "intercept",
            "slope",
            "r_squared");
    for (List<Object> r : points.rows()) {
      out.add(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), null, null, null, null);
    }
    for (List<Object> r : fit.rows()) {
      out.add(null, r.get(0), "fit", null, null, null, r.get(1), r.get(2), r.get(3), r.get(4));
    }
    return out;
  }

  static Figure fig22(Analysis a) {
    String name = "fig22_cumulative_cost";
    String caption = "Running total of the cost over the runs, in the order of runs.csv.";
    List<String> models = models(a);
    if (models.isEmpty()) {
      return Figure.skip(name, caption, "no runs");
    }
    FigureData d =
        new FigureData(
            "agent_model", "run_index", "tier", "subtest", "run_number", "cumulative_cost");
    int longest = 0;
    List<double[]> series = new ArrayList<>();
    double max = 0;
    for (String m : models) {
      List<RunRow> rows = runsOf(a, m);
      double[] c = new double[rows.size()];
      double acc = 0;
      for (int i = 0; i < rows.size(); i++) {
        RunRow r = rows.get(i);
        if (!Double.isNaN(r.costUsd())) {
          acc += r.costUsd();
        }
        c[i] = acc;
        d.add(m, i + 1, r.tier(), r.subtest(), r.runNumber(), acc);
      }
      max = Math.max(max, acc);
      longest = Math.max(longest, rows.size());
      series.add(c);
    }
    double[] x = new double[longest];
    double[][] y = new double[series.size()][longest];
    for (int i = 0; i < longest; i++) {
      x[i] = i + 1;
    }
    for (int s = 0; s < series.size(); s++) {
      java.util.Arrays.fill(y[s], Double.NaN);
      System.arraycopy(series.get(s), 0, y[s], 0, series.get(s).length);
    }
    List<Legend.Item> legend = new ArrayList<>();
    for (int s = 0; s < models.size(); s++) {
      legend.add(
          Legend.line(
              models.get(s)
                  + ": "
                  + Charts.fmt(
                      "$%.2f",
                      series.get(s).length == 0 ? 0 : series.get(s)[series.get(s).length - 1]),
              Theme.series(s),
              Theme.MEDIUM));
    }
    Page p =
        new Page(Figures.WIDTH_IN, "Cumulative cost")
            .subtitle(
                "Running total of cost_usd over the runs (experiment, tier, subtest, run order).")
            .legend(legend)
            .panelHeight(240);
    p.panel(
        "",
        Charts.lines(
            x,
            y,
            Scale.linear(1, Math.max(2, longest), false, null),
            Scale.linear(0, max, true, null),
            "Run",
            "Cumulative cost (USD)",
            longest <= 60));
    return Figure.of(name, caption, p, d);
  }

  // ------------------------------------------------------------------ fig23, fig24

  /** Filliben's estimate of the uniform order-statistic medians (scipy's probplot). */
  static double[] fillibenQuantiles(int n) {
    double[] m = new double[n];
    double last = Math.pow(0.5, 1.0 / n);
    for (int i = 0; i < n; i++) {
      m[i] = (i + 1 - 0.3175) / (n + 0.365);
    }
    m[n - 1] = last;
    m[0] = 1 - last;
    org.apache.commons.statistics.distribution.NormalDistribution z =
        org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1);
    for (int i = 0; i < n; i++) {
      m[i] = z.inverseCumulativeProbability(m[i]);
    }
    return m;
  }

  static Figure fig23(Analysis a) {
    String name = "fig23_qq_plots";
    String caption = "Normal Q–Q plots of the scores of every tier with at least 3 scored runs.";
    FigureData d = new FigureData("agent_model", "tier", "theoretical", "sample");
    List<String> models = models(a);
    List<Object[]> panels = new ArrayList<>();
    for (String m : models) {
      byTier(runsOf(a, m))
          .forEach(
              (t, rows) -> {
                double[] s = Descriptive.finite(rows.stream().mapToDouble(RunRow::score).toArray());
                if (s.length < 3) {
                  return;
                }
                java.util.Arrays.sort(s);
                double[] q = fillibenQuantiles(s.length);
                for (int i = 0; i < s.length; i++) {
                  d.add(m, t, q[i], s[i]);
                }
                panels.add(new Object[] {(models.size() > 1 ? m + " " : "") + t, q, s});
              });
    }
    if (panels.isEmpty()) {
      return Figure.skip(name, caption, "no tier with 3 scored runs");
    }
    Page p =
        new Page(Figures.WIDTH_IN, "Normal Q–Q plots of scores")
            .subtitle(
                "Sorted scores against normal quantiles (Filliben's plotting positions); dashed: least-squares line.")
            .columns(Math.min(4, panels.size()))
            .panelHeight(150);
    for (Object[] pn : panels) {
      double[] q = (double[]) pn[1];
      double[] s = (double[]) pn[2];
      double[] line = Descriptive.max(q) > Descriptive.min(q) ? ols(q, s) : null;
      p.panel(
          (String) pn[0],
          Charts.scatter(
              q,
              s,
              null,
              Scale.linear(Descriptive.min(q), Descriptive.max(q), false, null),
              Scale.linear(Descriptive.min(s), Descriptive.max(s), false, null),
              "Normal quantile",
              "Score",
              line));
    }
    return Figure.of(name, caption, p, d);
  }

  static final double BIN = 0.05;

  static Figure fig24(Analysis a) {
    String name = "fig24_score_histograms";
    String caption = "Histogram of the scores of every tier (bins of 0.05).";
    FigureData d = new FigureData("agent_model", "tier", "bin_start", "bin_end", "count");
    List<String> models = models(a);
    List<Object[]> panels = new ArrayList<>();
    for (String m : models) {
      byTier(runsOf(a, m))
          .forEach(
              (t, rows) -> {
                double[] s = Descriptive.finite(rows.stream().mapToDouble(RunRow::score).toArray());
                if (s.length == 0) {
                  return;
                }
                int bins = (int) Math.round(1 / BIN);
                double[] counts = new double[bins];
                for (double v : s) {
                  int b = Math.min(bins - 1, Math.max(0, (int) Math.floor(v / BIN + 1e-9)));
                  counts[b]++;
                }
                List<String> cats = new ArrayList<>();
                for (int b = 0; b < bins; b++) {
                  cats.add(b % 4 == 0 ? Charts.fmt("%.1f", b * BIN) : "");
                  if (counts[b] > 0) {
                    d.add(
                        m,
                        t,
                        Math.round(b * BIN * 100) / 100.0,
                        Math.round((b + 1) * BIN * 100) / 100.0,
                        (int) counts[b]);
                  }
                }
                panels.add(
                    new Object[] {
                      (models.size() > 1 ? m + " " : "") + t + " (n=" + s.length + ")", cats, counts
                    });
              });
    }
    if (panels.isEmpty()) {
      return Figure.skip(name, caption, "no scored runs");
    }
    Page p =
        new Page(Figures.WIDTH_IN, "Score histograms by tier")
            .subtitle(
                "Runs per score bin of 0.05 (bins closed on the left; the last one holds 1.0).")
            .columns(Math.min(4, panels.size()))
            .panelHeight(140);
    for (Object[] pn : panels) {
      double[] counts = (double[]) pn[2];
      @SuppressWarnings("unchecked")
      List<String> cats = (List<String>) pn[1];
      p.panel(
          (String) pn[0],
          Charts.bars(
              cats,
              new double[][] {counts},
              null,
              null,
              Scale.linear(0, Descriptive.max(counts), true, v -> Charts.fmt("%.0f", v)),
              "Runs",
              "%.0f"));
    }
    return Figure.of(name, caption, p, d);
  }

  // ------------------------------------------------------------------ fig26, fig27

  static Figure fig26(Analysis a) {
    String name = "fig26_impl_rate_vs_pass_rate";
    String caption = "Mean implementation rate and pass rate of every tier, side by side.";
    List<String> models = models(a);
    if (models.isEmpty()) {
      return Figure.skip(name, caption, "no runs");
    }
    FigureData d = new FigureData("agent_model", "tier", "impl_rate", "pass_rate");
    Page p =
        page(
                "Implementation rate and pass rate by tier",
                "Left bar: mean impl rate; right bar: pass rate.",
                models.size())
            .legend(
                List.of(
                    Legend.box("Implementation rate", Theme.series(0)),
                    Legend.box("Pass rate", Theme.series(1))));
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byTier(runsOf(a, m));
      List<String> cats = new ArrayList<>(tiers.keySet());
      double[][] v = new double[2][cats.size()];
      for (int i = 0; i < cats.size(); i++) {
        List<RunRow> rows = tiers.get(cats.get(i));
        v[0][i] = Descriptive.mean(rows.stream().mapToDouble(RunRow::implRate).toArray());
        v[1][i] = Descriptive.mean(rows.stream().mapToDouble(r -> r.passed() ? 1 : 0).toArray());
        d.add(m, cats.get(i), v[0][i], v[1][i]);
      }
      p.panel(
          panelTitle(models, m),
          Charts.bars(cats, v, null, null, Scale.fixed(0, 1.1, 0.2, null), "Rate", "%.2f"));
    }
    return Figure.of(name, caption, p, d);
  }

  static Figure fig27(Analysis a) {
    String name = "fig27_impl_rate_distribution";
    String caption = "Distribution of the implementation rate over the runs of every tier.";
    List<String> models = models(a);
    FigureData d = new FigureData("agent_model", "tier", "n", "median", "q1", "q3", "min", "max");
    Page p =
        page(
            "Implementation rate distribution by tier",
            "Box: quartiles and median; points: runs.",
            models.size());
    boolean any = false;
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byTier(runsOf(a, m));
      List<String> cats = new ArrayList<>(tiers.keySet());
      List<double[]> vals = new ArrayList<>();
      for (String t : cats) {
        double[] v =
            Descriptive.finite(tiers.get(t).stream().mapToDouble(RunRow::implRate).toArray());
        vals.add(v);
        if (v.length > 0) {
          any = true;
          d.add(
              m,
              t,
              v.length,
              Descriptive.median(v),
              Descriptive.quantile(v, 0.25),
              Descriptive.quantile(v, 0.75),
              Descriptive.min(v),
              Descriptive.max(v));
        }
      }
      p.panel(
          panelTitle(models, m),
          Charts.boxes(cats, vals, Scale.fixed(0, 1, 0.2, null), "Implementation rate"));
    }
    if (!any) {
      return Figure.skip(name, caption, "no run has an implementation rate");
    }
    return Figure.of(name, caption, p, d);
  }
}
