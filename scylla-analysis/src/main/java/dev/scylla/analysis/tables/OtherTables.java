package dev.scylla.analysis.tables;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.CriterionRow;
import dev.scylla.analysis.ExperimentInfo;
import dev.scylla.analysis.RetryRow;
import dev.scylla.analysis.RunOutcome;
import dev.scylla.analysis.RunRow;
import dev.scylla.analysis.StatisticalResults.JudgeAgreement;
import dev.scylla.analysis.StatisticalResults.RetryTest;
import dev.scylla.analysis.stats.Holm;
import dev.scylla.analysis.stats.MannWhitney;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;
import org.apache.commons.statistics.descriptive.StatisticsConfiguration;

/** Judges, criteria, summary statistics, experiment configuration and retries. */
final class OtherTables {
  private OtherTables() {}

  /** tab03: agreement of every pair of judges and Krippendorff's α. */
  static Table judgeAgreement(Analysis a, TierView v) {
    String name = "tab03_judge_agreement";
    String title = "Judge agreement";
    if (a.statistics() == null || a.statistics().judgeAgreement().isEmpty()) {
      return Table.skip(name, title, "needs runs scored by at least two judges");
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Model", "Judges")
            .right("N", "Spearman ρ", "Pearson r", "Mean |Δ score|", "Krippendorff α");
    List<String> models = new ArrayList<>(v.models());
    for (JudgeAgreement j : a.statistics().judgeAgreement()) {
      if (!models.contains(j.model())) {
        models.add(j.model());
      }
    }
    for (String m : models) {
      b.group();
      for (JudgeAgreement j : a.statistics().judgeAgreement()) {
        if (!j.model().equals(m)) {
          continue;
        }
        if (j.isAlphaRow()) {
          b.total(
              List.of(
                  m, "All judges", Fmt.count(j.n()), "", "", "", Fmt.rate(j.krippendorffAlpha())));
        } else {
          b.row(
              List.of(
                  m,
                  "J"
                      + j.judge1()
                      + " "
                      + j.judgeModel1()
                      + " – J"
                      + j.judge2()
                      + " "
                      + j.judgeModel2(),
                  Fmt.count(j.n()),
                  Fmt.rate(j.spearmanRho()),
                  Fmt.rate(j.pearsonR()),
                  Fmt.rate(j.meanAbsDiff()),
                  ""));
        }
      }
    }
    return b.note(
            "Pairs: runs scored by both judges. α (interval level) over the runs every judge"
                + " scored; 1 is perfect agreement, 0 is chance, below 0 systematic disagreement.")
        .build();
  }

  /** tab04: mean criterion score per criterion and agent model, with the rubric weight. */
  static Table criteria(Analysis a, TierView v) {
    String name = "tab04_criteria_performance";
    String title = "Criterion scores by agent model";
    List<CriterionRow> rows = a.data().criteria();
    if (rows.isEmpty()) {
      return Table.skip(name, title, "no criterion scores in the judgments");
    }
    Map<String, Map<String, List<Double>>> by = new LinkedHashMap<>();
    for (CriterionRow c : rows) {
      by.computeIfAbsent(c.criterion(), k -> new HashMap<>())
          .computeIfAbsent(c.agentModel(), k -> new ArrayList<>())
          .add(c.criterionScore());
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    for (ExperimentInfo e : a.data().experiments()) {
      e.rubricWeights().forEach(weights::putIfAbsent);
    }
    List<String> models = new ArrayList<>(v.models());
    for (CriterionRow c : rows) {
      if (!models.contains(c.agentModel())) {
        models.add(c.agentModel());
      }
    }
    boolean pair = models.size() == 2;
    Table.Builder b = Table.builder(name, title).left("Criterion").right("Weight");
    for (String m : models) {
      b.right(m + " mean ± SD", m + " N");
    }
    if (pair) {
      b.right("p (Holm)").left("Higher");
    }
    // with two models, a Mann–Whitney test per criterion, Holm-corrected over the criteria
    List<String> names = new ArrayList<>(by.keySet());
    double[] raw = new double[names.size()];
    java.util.Arrays.fill(raw, Double.NaN);
    if (pair) {
      for (int i = 0; i < names.size(); i++) {
        double[] x = finite(by.get(names.get(i)).getOrDefault(models.get(0), List.of()));
        double[] y = finite(by.get(names.get(i)).getOrDefault(models.get(1), List.of()));
        if (x.length >= 2 && y.length >= 2) {
          raw[i] = MannWhitney.guarded(x, y).pValue();
        }
      }
    }
    double[] holm = holmSkippingNaN(raw);
    for (int i = 0; i < names.size(); i++) {
      String criterion = names.get(i);
      Map<String, List<Double>> perModel = by.get(criterion);
      List<String> cells = new ArrayList<>();
      cells.add(criterion);
      Double w = weights.get(criterion);
      cells.add(w == null ? Fmt.NA : String.format(java.util.Locale.ROOT, "%.2f", w));
      double[] means = new double[models.size()];
      for (int k = 0; k < models.size(); k++) {
        Dist d = Dist.of(finite(perModel.getOrDefault(models.get(k), List.of())));
        means[k] = d.mean();
        cells.add(Fmt.meanSd(d.mean(), d.std()));
        cells.add(Fmt.count(d.n()));
      }
      if (pair) {
        cells.add(Fmt.p(holm[i]));
        cells.add(
            Double.isNaN(means[0]) || Double.isNaN(means[1]) || means[0] == means[1]
                ? "—"
                : means[0] > means[1] ? models.get(0) : models.get(1));
      }
      b.row(cells);
    }
    b.note(
        "Criterion score as each judge gave it (one value per run and judge); N counts those"
            + " values. Weight: the rubric's category weight (n/a when the rubric lacks it).");
    if (pair) {
      b.note(
          "p: two-sided Mann–Whitney U test of the two models' criterion scores, Holm-corrected"
              + " over the criteria (n/a with fewer than 2 values a side). Higher: the model with"
              + " the higher mean.");
    }
    return b.build();
  }

  /** tab10: Shapiro–Wilk normality tests per model, tier and metric (tiers with ≥ 3 values). */
  static Table normality(Analysis a) {
    String name = "tab10_normality_tests";
    String title = "Normality of run metrics by tier (Shapiro–Wilk)";
    List<dev.scylla.analysis.StatisticalResults.NormalityTest> tests =
        a.statistics() == null ? List.of() : a.statistics().normalityTests();
    if (tests.isEmpty()) {
      return Table.skip(name, title, "no tier has 3 scored runs");
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Model", "Tier", "Metric")
            .right("N", "W", "p")
            .left("Normal");
    String group = null;
    for (var t : tests) {
      String g = t.model() + "\u0000" + t.tier();
      if (group != null && !group.equals(g)) {
        b.group();
      }
      group = g;
      b.row(
          List.of(
              t.model(),
              t.tier(),
              t.metric(),
              Fmt.count(t.n()),
              Fmt.rate(t.wStatistic()),
              Fmt.p(t.pValue()),
              Double.isNaN(t.pValue()) ? Fmt.NA : t.isNormal() ? "yes" : "no"));
    }
    return b.note(
            "Shapiro–Wilk W and p per (model, tier, metric) with at least 3 values; normal when p"
                + " > 0.05. A tier whose values are all equal has no test (n/a). With few runs the"
                + " test has little power: \"yes\" means no evidence against normality.")
        .build();
  }

  /**
   * tab11: one row per experiment — its agent model, runs, both pass rates, best tier, cost and
   * cost-of-pass.
   */
  static Table experimentOverview(Analysis a) {
    String name = "tab11_experiment_overview";
    String title = "Experiment overview";
    if (a.data().experiments().isEmpty()) {
      return Table.skip(name, title, "no experiments");
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Experiment", "Model")
            .right(
                "Attempted",
                "Infra",
                "Scored",
                "Passed",
                "Strict",
                "Excl. infra",
                "Mean cost",
                "Total cost",
                "CoP")
            .left("Best tier");
    for (ExperimentInfo e : a.data().experiments()) {
      int attempted = 0;
      int infra = 0;
      int passed = 0;
      for (RunOutcome o : a.data().outcomes()) {
        if (!o.experiment().equals(e.name())) {
          continue;
        }
        if (o.outcome() != dev.scylla.analysis.Outcome.NOT_RUN) {
          attempted++;
        }
        if (o.outcome() == dev.scylla.analysis.Outcome.INFRA_FAILURE) {
          infra++;
        }
        if (o.passedScored()) {
          passed++;
        }
      }
      int scored = 0;
      int scoredPassed = 0;
      double cost = 0;
      int costN = 0;
      Map<String, int[]> tiers = new TreeMap<>(Tiers.TIER_ORDER);
      for (RunRow r : a.data().runs()) {
        if (!r.experiment().equals(e.name())) {
          continue;
        }
        scored++;
        scoredPassed += r.passed() ? 1 : 0;
        if (!Double.isNaN(r.costUsd())) {
          cost += r.costUsd();
          costN++;
        }
        int[] t = tiers.computeIfAbsent(r.tier(), k -> new int[2]);
        t[0]++;
        t[1] += r.passed() ? 1 : 0;
      }
      String best = null;
      double bestRate = -1;
      for (var t : tiers.entrySet()) {
        double rate = (double) t.getValue()[1] / t.getValue()[0];
        if (rate > bestRate) {
          bestRate = rate;
          best = t.getKey();
        }
      }
      double mean = costN == 0 ? Double.NaN : cost / costN;
      double passRate = scored == 0 ? Double.NaN : (double) scoredPassed / scored;
      double cop =
          scored == 0 ? Double.NaN : scoredPassed == 0 ? Double.POSITIVE_INFINITY : mean / passRate;
      b.row(
          List.of(
              e.name(),
              e.agentModel(),
              Fmt.count(attempted),
              Fmt.count(infra),
              Fmt.count(scored),
              Fmt.count(passed),
              attempted == 0 ? Fmt.NA : Fmt.pct((double) passed / attempted),
              attempted - infra == 0 ? Fmt.NA : Fmt.pct((double) passed / (attempted - infra)),
              Fmt.usd(mean),
              Fmt.usd(costN == 0 ? Double.NaN : cost),
              Fmt.usd(cop),
              best == null ? Fmt.NA : best + " (" + Fmt.pct(bestRate) + ")"));
    }
    return b.note(TierTables.DENOMINATORS_NOTE)
        .note(
            "Mean cost and CoP (mean cost ÷ pass rate of the scored runs; ∞ when none passed) are"
                + " over the scored runs. Best tier: the highest pass rate of its scored runs, the"
                + " first tier in order on ties.")
        .build();
  }

  /** The finite values of a list. */
  static double[] finite(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
  }

  /** Holm's correction over the p-values that are not NaN; NaN stays NaN. */
  static double[] holmSkippingNaN(double[] raw) {
    int n = 0;
    for (double p : raw) {
      n += Double.isNaN(p) ? 0 : 1;
    }
    double[] some = new double[n];
    int k = 0;
    for (double p : raw) {
      if (!Double.isNaN(p)) {
        some[k++] = p;
      }
    }
    double[] corrected = Holm.correct(some);
    double[] out = new double[raw.length];
    k = 0;
    for (int i = 0; i < raw.length; i++) {
      out[i] = Double.isNaN(raw[i]) ? Double.NaN : corrected[k++];
    }
    return out;
  }

  /** tab08: descriptive statistics of run metrics per agent model. */
  static Table summaryStatistics(Analysis a, TierView v) {
    String name = "tab08_summary_statistics";
    String title = "Summary statistics of run metrics";
    if (a.data().runs().isEmpty()) {
      return Table.skip(name, title, "no scored runs");
    }
    Map<String, ToDoubleFunction<RunRow>> metrics = new LinkedHashMap<>();
    metrics.put("score", RunRow::score);
    metrics.put("cost_usd", RunRow::costUsd);
    metrics.put("duration_seconds", RunRow::durationSeconds);
    metrics.put("total_tokens", r -> (double) r.totalTokens());
    Table.Builder b =
        Table.builder(name, title)
            .left("Model", "Metric")
            .right("N", "Mean", "Median", "Min", "Max", "Q1", "Q3", "SD", "Skewness", "Kurtosis");
    StatisticsConfiguration biased = StatisticsConfiguration.withDefaults().withBiased(true);
    for (String m : v.models()) {
      b.group();
      for (var e : metrics.entrySet()) {
        double[] vals =
            a.data().runs().stream()
                .filter(r -> r.agentModel().equals(m))
                .mapToDouble(e.getValue())
                .filter(x -> !Double.isNaN(x))
                .toArray();
        if (vals.length == 0) {
          continue;
        }
        Dist d = Dist.of(vals);
        DoubleStatistics st =
            DoubleStatistics.builder(Statistic.SKEWNESS, Statistic.KURTOSIS)
                .setConfiguration(biased)
                .build(vals);
        b.row(
            List.of(
                m,
                e.getKey(),
                Fmt.count(d.n()),
                Fmt.num(d.mean()),
                Fmt.num(d.median()),
                Fmt.num(d.min()),
                Fmt.num(d.max()),
                Fmt.num(d.q1()),
                Fmt.num(d.q3()),
                Fmt.num(d.std()),
                Fmt.num(st.getAsDouble(Statistic.SKEWNESS)),
                Fmt.num(st.getAsDouble(Statistic.KURTOSIS))));
      }
    }
    return b.note(
            "Scored runs. Quartiles by linear interpolation; SD is the sample deviation; skewness"
                + " and excess kurtosis are the biased (population) estimates, as scipy's"
                + " defaults. n/a where the sample is too small.")
        .build();
  }

  /** tab09: what each experiment ran. */
  static Table experiments(Analysis a) {
    String name = "tab09_experiment_config";
    String title = "Experiment configuration";
    if (a.data().experiments().isEmpty()) {
      return Table.skip(name, title, "no experiments");
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Experiment", "Agent model", "Layout", "Tiers")
            .right("Subtests per tier", "Runs per subtest", "Expected runs", "Scored runs")
            .left("Judge models");
    for (ExperimentInfo e : a.data().experiments()) {
      Map<String, java.util.Set<String>> subtests = new TreeMap<>(Tiers.TIER_ORDER);
      int expected = 0;
      for (RunOutcome o : a.data().outcomes()) {
        if (o.experiment().equals(e.name())) {
          subtests.computeIfAbsent(o.tier(), k -> new java.util.TreeSet<>()).add(o.subtest());
          expected++;
        }
      }
      int scored = 0;
      for (RunRow r : a.data().runs()) {
        if (r.experiment().equals(e.name())) {
          subtests.computeIfAbsent(r.tier(), k -> new java.util.TreeSet<>()).add(r.subtest());
          scored++;
        }
      }
      int min = subtests.values().stream().mapToInt(java.util.Set::size).min().orElse(0);
      int max = subtests.values().stream().mapToInt(java.util.Set::size).max().orElse(0);
      List<String> tiers = new ArrayList<>(e.tiers());
      tiers.sort(Tiers.TIER_ORDER);
      b.row(
          List.of(
              e.name(),
              e.agentModel()
                  + (e.agentModelId().equals(e.agentModel()) ? "" : " (" + e.agentModelId() + ")"),
              e.layout(),
              tiers.size() + " (" + String.join(", ", tiers) + ")",
              min == max ? Integer.toString(min) : min + "–" + max,
              Integer.toString(e.runsPerSubtest()),
              Fmt.count(expected),
              Fmt.count(scored),
              e.judgeModels().isEmpty() ? Fmt.NA : String.join(", ", e.judgeModels())));
    }
    return b.note(
            "Expected runs: every run of the plan (subtests × runs), attempted or not. Scored"
                + " runs: runs with a readable verdict (the rows of runs.csv).")
        .build();
  }

  /** tab13 (ours): runs scored at their first attempt against runs that needed retries. */
  static Table retries(Analysis a, TierView v) {
    String name = "tab13_retries_vs_first_attempts";
    String title = "Retried runs against first attempts";
    if (a.retries().isEmpty()) {
      return Table.skip(name, title, "no scored runs");
    }
    List<String> models = new ArrayList<>(v.models());
    for (RetryRow r : a.retries()) {
      if (!models.contains(r.agentModel())) {
        models.add(r.agentModel());
      }
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Model", "Tier")
            .right(
                "First-attempt runs",
                "First: passed",
                "First: pass rate",
                "First: mean score",
                "Retried runs",
                "Retried: passed",
                "Retried: pass rate",
                "Retried: mean score",
                "Δ pass rate",
                "Mean attempts",
                "Archived attempts",
                "of which infra");
    for (String m : models) {
      b.group();
      List<RetryRow> rows = new ArrayList<>();
      a.retries().stream()
          .filter(r -> r.agentModel().equals(m) && !r.tier().isEmpty())
          .sorted(Comparator.comparing(RetryRow::tier, Tiers.TIER_ORDER))
          .forEach(rows::add);
      for (RetryRow r : rows) {
        b.row(retryCells(m, r.tier(), r));
      }
      a.retries().stream()
          .filter(r -> r.agentModel().equals(m) && r.tier().isEmpty())
          .forEach(r -> b.total(retryCells(m, "All", r)));
    }
    if (a.statistics() != null) {
      for (RetryTest t : a.statistics().retryTests()) {
        if (Double.isNaN(t.pValue())) {
          continue;
        }
        b.note(
            t.model()
                + ", "
                + t.metric()
                + ": retried "
                + Fmt.rate(t.meanRetried())
                + " (n = "
                + t.nRetried()
                + ") against first attempt "
                + Fmt.rate(t.meanFirstAttempt())
                + " (n = "
                + t.nFirstAttempt()
                + "); Mann–Whitney U = "
                + Fmt.stat(t.uStatistic())
                + ", p = "
                + Fmt.p(t.pValue())
                + ", Cliff's δ = "
                + Fmt.rate(t.cliffsDelta())
                + ".");
      }
    }
    return b.note(
            "Scored runs only. A run needed retries when earlier attempts of it were archived"
                + " (.failed/); its verdict comes from its last attempt. Δ pass rate = retried −"
                + " first attempt, in percentage points. Archived attempts: all archived earlier"
                + " attempts of the retried runs; of which infra: those with an infrastructure"
                + " cause (rate limit, crash, timeout, interruption, no verdict).")
        .build();
  }

  private static List<String> retryCells(String m, String tier, RetryRow r) {
    int other = r.archivedOther();
    return List.of(
        m,
        tier,
        Fmt.count(r.firstAttemptRuns()),
        Fmt.count(r.firstAttemptPassed()),
        Fmt.pct(r.firstAttemptPassRate()),
        Fmt.rate(r.firstAttemptMeanScore()),
        Fmt.count(r.retriedRuns()),
        Fmt.count(r.retriedPassed()),
        Fmt.pct(r.retriedPassRate()),
        Fmt.rate(r.retriedMeanScore()),
        Fmt.pp(r.retriedPassRate() - r.firstAttemptPassRate()),
        r.retriedRuns() == 0
            ? Fmt.NA
            : String.format(java.util.Locale.ROOT, "%.2f", r.meanAttemptsRetried()),
        Fmt.count(r.archivedAttempts()),
        Fmt.count(r.archivedAttempts() - other));
  }
}
