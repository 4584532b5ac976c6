package dev.scylla.analysis.tables;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.PassRateRow;
import dev.scylla.analysis.StatisticalResults;
import dev.scylla.analysis.StatisticalResults.EffectSize;
import dev.scylla.analysis.StatisticalResults.OmnibusTest;
import dev.scylla.analysis.StatisticalResults.PairwiseComparison;
import dev.scylla.analysis.StatisticalResults.TierDescriptive;
import dev.scylla.analysis.SubtestRow;
import dev.scylla.analysis.stats.MannWhitney;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tier-to-tier and model-to-model comparisons from the statistical results. */
final class ComparisonTables {
  private ComparisonTables() {}

  /** tab02 (pass rate) and tab02b (implementation rate): omnibus, then tier transitions. */
  static Table tierComparison(Analysis a, TierView v, String metric) {
    boolean pass = metric.equals("pass_rate");
    String name = pass ? "tab02_tier_comparison" : "tab02b_impl_rate_comparison";
    String title =
        pass
            ? "Tier comparison: pass rate (Kruskal–Wallis, pairwise Mann–Whitney, Cliff's δ)"
            : "Tier comparison: implementation rate (Kruskal–Wallis, pairwise Mann–Whitney,"
                + " Cliff's δ)";
    StatisticalResults s = a.statistics();
    if (s == null || v.isEmpty()) {
      return Table.skip(name, title, "no statistics");
    }
    Map<String, EffectSize> effects = new HashMap<>();
    for (EffectSize e : s.effectSizes()) {
      if (e.metric().equals(metric)) {
        effects.put(e.model() + "|" + e.tier1() + "|" + e.tier2(), e);
      }
    }
    Table.Builder b = Table.builder(name, title).left("Model", "Comparison").right("N");
    if (pass) {
      b.right("Strict", "Δ strict", "Excl. infra", "Δ excl. infra");
    } else {
      b.right("Mean impl. rate", "Δ mean");
    }
    b.right("Test", "p (Holm)", "Cliff's δ [95% CI]");
    boolean any = false;
    for (String m : orderedModels(v, s)) {
      OmnibusTest omni = null;
      for (OmnibusTest o : s.omnibusTests()) {
        if (o.model().equals(m) && o.metric().equals(metric)) {
          omni = o;
        }
      }
      List<PairwiseComparison> pairs = new ArrayList<>();
      for (PairwiseComparison p : s.pairwiseComparisons()) {
        if (p.model().equals(m) && p.metric().equals(metric)) {
          pairs.add(p);
        }
      }
      if (omni == null && pairs.isEmpty()) {
        continue;
      }
      any = true;
      b.group();
      if (omni != null) {
        List<String> cells = new ArrayList<>();
        cells.add(m);
        cells.add("All tiers (omnibus)");
        cells.add(omni.nGroups() + " tiers");
        cells.add("");
        cells.add("");
        if (pass) {
          cells.add("");
          cells.add("");
        }
        cells.add(
            Double.isNaN(omni.hStatistic())
                ? "H = n/a"
                : "H(" + (omni.nGroups() - 1) + ") = " + Fmt.stat(omni.hStatistic()));
        cells.add(Fmt.p(omni.pValue()));
        cells.add("");
        b.row(cells);
      }
      boolean gate = omni != null && omni.pValue() < a.parameters().alpha();
      for (PairwiseComparison p : pairs) {
        TierView.Group g1 = v.group(m, p.tier1());
        TierView.Group g2 = v.group(m, p.tier2());
        List<String> cells = new ArrayList<>();
        cells.add(m);
        cells.add(p.tier1() + " → " + p.tier2());
        cells.add(p.n1() + " / " + p.n2());
        if (pass) {
          PassRateRow r1 = g1 == null ? null : g1.passRates();
          PassRateRow r2 = g2 == null ? null : g2.passRates();
          double s1 = r1 == null ? Double.NaN : r1.passRateStrict();
          double s2 = r2 == null ? Double.NaN : r2.passRateStrict();
          double e1 = r1 == null ? Double.NaN : r1.passRateExclInfra();
          double e2 = r2 == null ? Double.NaN : r2.passRateExclInfra();
          cells.add(Fmt.pct(s1) + " → " + Fmt.pct(s2));
          cells.add(Fmt.pp(s2 - s1));
          cells.add(Fmt.pct(e1) + " → " + Fmt.pct(e2));
          cells.add(Fmt.pp(e2 - e1));
        } else {
          double m1 = g1 == null ? Double.NaN : g1.implRate().mean();
          double m2 = g2 == null ? Double.NaN : g2.implRate().mean();
          cells.add(Fmt.rate(m1) + " → " + Fmt.rate(m2));
          cells.add(Fmt.delta(m2 - m1));
        }
        cells.add("U = " + Fmt.stat(p.uStatistic()));
        cells.add(omni == null ? Fmt.p(p.pValue()) : gate ? Fmt.p(p.pValue()) : "n.s. (omnibus)");
        EffectSize e = effects.get(m + "|" + p.tier1() + "|" + p.tier2());
        cells.add(
            e == null
                ? Fmt.NA
                : Fmt.rate(e.cliffsDelta())
                    + " ["
                    + Fmt.rate(e.ciLow())
                    + ", "
                    + Fmt.rate(e.ciHigh())
                    + "]");
        b.row(cells);
      }
    }
    if (!any) {
      return Table.skip(name, title, "no " + metric + " tests in the statistics");
    }
    if (pass) {
      b.note(
          "N: scored runs in each tier, the runs the tests compare (passed = 1, not passed = 0)."
              + " Strict and excl. infra are the two pass-rate denominators of the attempted runs"
              + " (see the tier summary); Δ in percentage points.");
    } else {
      b.note(
          "N: scored runs in each tier. Implementation rate: median over judges of Σ achieved / Σ max.");
    }
    return b.note(
            "Kruskal–Wallis H across tiers (n/a when a tier has fewer than 2 runs). Pairwise:"
                + " two-sided Mann–Whitney U between consecutive tiers, Holm–Bonferroni corrected"
                + " within the model; shown only when the omnibus test is significant at α = "
                + a.parameters().alpha()
                + " (else n.s. (omnibus)). Cliff's δ of the later tier against the earlier with"
                + " its 95% BCa interval (n/a below 2 runs per tier).")
        .build();
  }

  /** The process metrics HEAD's {@code table_cfp_comparison} compares between tiers. */
  static final List<String> CFP_METRICS = List.of("cfp", "r_prog");

  /**
   * {@code table_cfp_comparison} (the reference's HEAD, not wired into its script): the tab02
   * pipeline for the change-fail percentage and R_prog — per model and metric the Kruskal–Wallis
   * omnibus test, then each consecutive pair of tiers with the means, Mann–Whitney U (Holm within
   * the model and metric) and Cliff's δ. Skipped when no run has the metrics.
   */
  static Table cfpComparison(Analysis a, TierView v) {
    String name = "table_cfp_comparison";
    String title =
        "Tier comparison: CFP and R_prog (Kruskal–Wallis, pairwise Mann–Whitney, Cliff's δ)";
    StatisticalResults s = a.statistics();
    if (s == null || v.isEmpty()) {
      return Table.skip(name, title, "no statistics");
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Model", "Metric", "Comparison")
            .right("N", "Means", "Test", "p (Holm)", "Cliff's δ [95% CI]");
    boolean any = false;
    for (String m : orderedModels(v, s)) {
      for (String metric : CFP_METRICS) {
        Map<String, double[]> byTier = new java.util.TreeMap<>(dev.scylla.model.Tiers.TIER_ORDER);
        for (var r : a.data().runs()) {
          if (!r.agentModel().equals(m)) {
            continue;
          }
          double x = metric.equals("cfp") ? r.extras().cfp() : r.extras().rProg();
          if (!Double.isNaN(x)) {
            double[] acc = byTier.computeIfAbsent(r.tier(), k -> new double[2]);
            acc[0] += x;
            acc[1]++;
          }
        }
        List<PairwiseComparison> pairs =
            s.pairwiseComparisons().stream()
                .filter(p -> p.model().equals(m) && p.metric().equals(metric))
                .toList();
        OmnibusTest omni =
            s.omnibusTests().stream()
                .filter(o -> o.model().equals(m) && o.metric().equals(metric))
                .findFirst()
                .orElse(null);
        if (omni == null && pairs.isEmpty()) {
          continue;
        }
        any = true;
        b.group();
        if (omni != null) {
          b.row(
              m,
              metric,
              "All tiers (omnibus)",
              omni.nGroups() + " tiers",
              "",
              Double.isNaN(omni.hStatistic())
                  ? "H = n/a"
                  : "H(" + (omni.nGroups() - 1) + ") = " + Fmt.stat(omni.hStatistic()),
              Fmt.p(omni.pValue()),
              "");
        }
        for (PairwiseComparison p : pairs) {
          double[] t1 = byTier.get(p.tier1());
          double[] t2 = byTier.get(p.tier2());
          EffectSize e =
              s.effectSizes().stream()
                  .filter(
                      x ->
                          x.model().equals(m)
                              && x.metric().equals(metric)
                              && x.tier1().equals(p.tier1())
                              && x.tier2().equals(p.tier2()))
                  .findFirst()
                  .orElse(null);
          b.row(
              m,
              metric,
              p.tier1() + " → " + p.tier2(),
              p.n1() + " / " + p.n2(),
              Fmt.rate(t1 == null ? Double.NaN : t1[0] / t1[1])
                  + " → "
                  + Fmt.rate(t2 == null ? Double.NaN : t2[0] / t2[1]),
              "U = " + Fmt.stat(p.uStatistic()),
              Fmt.p(p.pValue()),
              e == null
                  ? Fmt.NA
                  : Fmt.rate(e.cliffsDelta())
                      + " ["
                      + Fmt.rate(e.ciLow())
                      + ", "
                      + Fmt.rate(e.ciHigh())
                      + "]");
        }
      }
    }
    if (!any) {
      return Table.skip(name, title, "no run has cfp or r_prog (run_result.process_metrics)");
    }
    return b.note(
            "CFP and R_prog from run_result.process_metrics. N: runs with the metric in each tier."
                + " Mann–Whitney U between consecutive tiers, Holm-corrected within the model and"
                + " metric; Cliff's δ of the later tier against the earlier with its 95% BCa"
                + " interval.")
        .build();
  }

  /**
   * tab06b: every pair of agent models compared on the pass rate and the score of their scored runs
   * — the difference and a two-sided Mann–Whitney U test, Holm-corrected over all pairs and both
   * metrics (as the reference corrects its model comparison).
   */
  static Table modelPairs(Analysis a, TierView v) {
    String name = "tab06b_model_pairs";
    String title = "Agent models compared pairwise";
    List<String> models = v.models();
    if (models.size() < 2) {
      return Table.skip(name, title, "needs at least 2 agent models, found " + models.size());
    }
    Map<String, List<double[]>> runs = new HashMap<>(); // model -> [passed 0/1, score]
    for (var r : a.data().runs()) {
      if (!Double.isNaN(r.score())) {
        runs.computeIfAbsent(r.agentModel(), k -> new ArrayList<>())
            .add(new double[] {r.passed() ? 1 : 0, r.score()});
      }
    }
    List<String[]> pairs = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      for (int j = i + 1; j < models.size(); j++) {
        pairs.add(new String[] {models.get(i), models.get(j)});
        for (int metric = 0; metric < 2; metric++) {
          double[] x = column(runs.get(models.get(i)), metric);
          double[] y = column(runs.get(models.get(j)), metric);
          raw.add(x.length >= 2 && y.length >= 2 ? MannWhitney.guarded(x, y).pValue() : Double.NaN);
        }
      }
    }
    double[] holm =
        OtherTables.holmSkippingNaN(raw.stream().mapToDouble(Double::doubleValue).toArray());
    Table.Builder b =
        Table.builder(name, title)
            .left("Model A", "Model B")
            .right(
                "N A",
                "N B",
                "Pass rate A",
                "Pass rate B",
                "Δ pass rate",
                "p (Holm)",
                "Score A",
                "Score B",
                "Δ score",
                "p (Holm)");
    for (int k = 0; k < pairs.size(); k++) {
      double[] pa = column(runs.get(pairs.get(k)[0]), 0);
      double[] pb = column(runs.get(pairs.get(k)[1]), 0);
      double[] sa = column(runs.get(pairs.get(k)[0]), 1);
      double[] sb = column(runs.get(pairs.get(k)[1]), 1);
      double rateA = mean(pa);
      double rateB = mean(pb);
      double scoreA = mean(sa);
      double scoreB = mean(sb);
      b.row(
          List.of(
              pairs.get(k)[0],
              pairs.get(k)[1],
              Fmt.count(pa.length),
              Fmt.count(pb.length),
              Fmt.pct(rateA),
              Fmt.pct(rateB),
              Fmt.pp(rateB - rateA),
              Fmt.p(holm[2 * k]),
              Fmt.rate(scoreA),
              Fmt.rate(scoreB),
              Fmt.delta(scoreB - scoreA),
              Fmt.p(holm[2 * k + 1])));
    }
    return b.note(
            "Over the scored runs of each model (pass rate: passed ÷ scored). Δ = B − A. p:"
                + " two-sided Mann–Whitney U test (passed as 0/1 for the pass rate),"
                + " Holm-corrected over all pairs and both metrics; n/a with fewer than 2 runs a"
                + " side. Both denominators of each model's pass rate are in tab06.")
        .build();
  }

  private static double[] column(List<double[]> rows, int i) {
    if (rows == null) {
      return new double[0];
    }
    double[] out = new double[rows.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = rows.get(k)[i];
    }
    return out;
  }

  private static double mean(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  /** tab06: agent models side by side; needs at least two models. */
  static Table models(Analysis a, TierView v) {
    String name = "tab06_model_comparison";
    String title = "Agent model comparison";
    if (v.models().size() < 2) {
      return Table.skip(name, title, "needs at least 2 agent models, found " + v.models().size());
    }
    Map<String, PassRateRow> rates = new HashMap<>();
    for (PassRateRow p : a.passRates()) {
      if (PassRateRow.SCOPE_MODEL.equals(p.scope())) {
        rates.put(p.agentModel(), p);
      }
    }
    Map<String, TierDescriptive> frontier = new HashMap<>();
    if (a.statistics() != null) {
      for (TierDescriptive d : a.statistics().tierDescriptives()) {
        if (d.isFrontier()) {
          frontier.put(d.model(), d);
        }
      }
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Model")
            .right(
                "Attempted",
                "Infra",
                "Strict [95% CI]",
                "Excl. infra [95% CI]",
                "Score mean ± SD",
                "Mean cost",
                "Frontier CoP",
                "Best tier",
                "Mean consistency",
                "Total tokens");
    for (String m : v.models()) {
      PassRateRow p = rates.get(m);
      double scoreSum = 0;
      double costSum = 0;
      int n = 0;
      long tokens = 0;
      List<Double> scores = new ArrayList<>();
      String best = null;
      double bestRate = -1;
      for (TierView.Group g : v.groups(m)) {
        if (g.runs() > 0) {
          scoreSum += g.score().mean() * g.score().n();
          costSum += g.totalCost();
          n += g.runs();
          tokens += g.totalTokens();
        }
        PassRateRow r = g.passRates();
        if (r != null && !Double.isNaN(r.passRateStrict()) && r.passRateStrict() > bestRate) {
          bestRate = r.passRateStrict();
          best = g.tier();
        }
      }
      for (var row : a.data().runs()) {
        if (row.agentModel().equals(m) && !Double.isNaN(row.score())) {
          scores.add(row.score());
        }
      }
      Dist d = Dist.of(scores.stream().mapToDouble(Double::doubleValue).toArray());
      double cons = 0;
      int consN = 0;
      for (SubtestRow s : a.subtests()) {
        if (s.agentModel().equals(m) && !Double.isNaN(s.consistency())) {
          cons += s.consistency();
          consN++;
        }
      }
      TierDescriptive f = frontier.get(m);
      b.row(
          List.of(
              m,
              p == null ? Fmt.NA : Fmt.count(p.attempted()),
              p == null ? Fmt.NA : Fmt.count(p.infraFailures()),
              TierTables.strict(p),
              TierTables.exclInfra(p),
              Fmt.meanSd(d.mean(), d.std()),
              Fmt.usd(n == 0 ? Double.NaN : costSum / n),
              f == null
                  ? Fmt.NA
                  : Fmt.usd(f.cop())
                      + (f.frontierTier() == null ? "" : " (" + f.frontierTier() + ")"),
              best == null ? Fmt.NA : best + " (" + Fmt.pct(bestRate) + ")",
              Fmt.rate(consN == 0 ? Double.NaN : cons / consN),
              Fmt.count(tokens)));
    }
    return b.note(TierTables.DENOMINATORS_NOTE)
        .note(
            "Frontier CoP: the lowest cost-of-pass of the model's tiers (tier in brackets). Best"
                + " tier: highest strict pass rate (first tier on ties). Mean consistency: mean"
                + " over the model's subtests.")
        .build();
  }

  static List<String> orderedModels(TierView v, StatisticalResults s) {
    List<String> out = new ArrayList<>(v.models());
    for (OmnibusTest o : s.omnibusTests()) {
      if (!out.contains(o.model())) {
        out.add(o.model());
      }
    }
    return out;
  }
}
