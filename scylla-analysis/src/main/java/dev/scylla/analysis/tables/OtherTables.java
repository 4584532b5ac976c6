package dev.scylla.analysis.tables;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.CriterionRow;
import dev.scylla.analysis.ExperimentInfo;
import dev.scylla.analysis.RetryRow;
import dev.scylla.analysis.RunOutcome;
import dev.scylla.analysis.RunRow;
import dev.scylla.analysis.StatisticalResults.JudgeAgreement;
import dev.scylla.analysis.StatisticalResults.RetryTest;
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
    Table.Builder b = Table.builder(name, title).left("Criterion").right("Weight");
    for (String m : models) {
      b.right(m + " mean ± SD", m + " N");
    }
    for (var e : by.entrySet()) {
      List<String> cells = new ArrayList<>();
      cells.add(e.getKey());
      Double w = weights.get(e.getKey());
      cells.add(w == null ? Fmt.NA : String.format(java.util.Locale.ROOT, "%.2f", w));
      for (String m : models) {
        List<Double> vals = e.getValue().getOrDefault(m, List.of());
        Dist d = Dist.of(vals.stream().mapToDouble(Double::doubleValue).toArray());
        cells.add(Fmt.meanSd(d.mean(), d.std()));
        cells.add(Fmt.count(d.n()));
      }
      b.row(cells);
    }
    return b.note(
            "Criterion score as each judge gave it (one value per run and judge); N counts those"
                + " values. Weight: the rubric's category weight (n/a when the rubric lacks it).")
        .build();
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
