package dev.scylla.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The files of {@code DIR/data/}: the reference's six ({@code runs.csv}, {@code judges.csv}, {@code
 * criteria.csv}, {@code subtests.csv}, {@code summary.json}, {@code statistical_results.json}) with
 * its columns and keys in its order, and ours ({@code outcomes.csv}, {@code pass_rates.csv}, {@code
 * retries.csv}, {@code pass_at_k.csv}, {@code judge_noise.csv}, {@code manifest.json}). JSON never
 * holds NaN or Infinity: {@code null}.
 */
public final class DataFiles {
  public static final String PIPELINE_VERSION = "1.0.0";
  public static final String CONFIG_VERSION = "1.0.0";

  static final List<String> RUNS_HEADER =
      List.of(
          "experiment",
          "agent_model",
          "tier",
          "subtest",
          "run_number",
          "score",
          "impl_rate",
          "passed",
          "grade",
          "cost_usd",
          "duration_seconds",
          "agent_duration_seconds",
          "judge_duration_seconds",
          "input_tokens",
          "output_tokens",
          "cache_creation_tokens",
          "cache_read_tokens",
          "total_tokens",
          "exit_code");

  /** The columns HEAD appends to runs.csv. */
  static final List<String> RUNS_HEAD_COLUMNS =
      List.of(
          "api_calls",
          "num_turns",
          "num_models",
          "delegation_cost_ratio",
          "r_prog",
          "strategic_drift",
          "cfp",
          "pr_revert_rate");

  /**
   * Our columns after HEAD's in runs.csv (the default pipeline only: the committed bytes stay): the
   * sums over the run's current judges of their recorded calls, and whether the simulator played
   * agent and judges (its money is simulated).
   */
  static final List<String> RUNS_LEDGER_COLUMNS =
      List.of(
          "judge_cost_usd",
          "judge_input_tokens",
          "judge_output_tokens",
          "judge_cache_creation_tokens",
          "judge_cache_read_tokens",
          "simulated");

  /** Our columns appended to judges.csv in the default pipeline: the slot's recorded calls. */
  static final List<String> JUDGES_LEDGER_COLUMNS =
      List.of(
          "judge_cost_usd",
          "judge_input_tokens",
          "judge_output_tokens",
          "judge_cache_creation_tokens",
          "judge_cache_read_tokens",
          "judge_calls",
          "judge_calls_unknown_cost",
          "simulated");

  static List<String> judgesHeader(Pipeline p) {
    if (!p.head()) {
      return JUDGES_HEADER;
    }
    List<String> h = new ArrayList<>(JUDGES_HEADER);
    h.addAll(JUDGES_LEDGER_COLUMNS);
    return h;
  }

  /** The columns HEAD inserts into subtests.csv after {@code cop}. */
  static final List<String> SUBTESTS_HEAD_COLUMNS = subtestsHeadColumns();

  private static List<String> subtestsHeadColumns() {
    List<String> out = new ArrayList<>();
    for (String m : ProcessMetrics.NAMES) {
      out.add("mean_" + m);
      out.add("median_" + m);
      out.add("std_" + m);
    }
    return List.copyOf(out);
  }

  static List<String> runsHeader(Pipeline p) {
    if (!p.head()) {
      return RUNS_HEADER;
    }
    List<String> h = new ArrayList<>(RUNS_HEADER);
    h.addAll(RUNS_HEAD_COLUMNS);
    h.addAll(RUNS_LEDGER_COLUMNS);
    return h;
  }

  static List<String> subtestsHeader(Pipeline p) {
    if (!p.head()) {
      return SUBTESTS_HEADER;
    }
    List<String> h = new ArrayList<>(SUBTESTS_HEADER);
    h.addAll(h.indexOf("cop") + 1, SUBTESTS_HEAD_COLUMNS);
    return h;
  }

  static final List<String> JUDGES_HEADER =
      List.of(
          "experiment",
          "agent_model",
          "tier",
          "subtest",
          "run_number",
          "judge_model",
          "judge_number",
          "judge_score",
          "judge_impl_rate",
          "judge_passed",
          "judge_grade",
          "judge_is_valid",
          "judge_reasoning");

  static final List<String> CRITERIA_HEADER =
      List.of(
          "experiment",
          "agent_model",
          "tier",
          "subtest",
          "run_number",
          "judge_model",
          "judge_number",
          "criterion",
          "criterion_score",
          "criterion_achieved",
          "criterion_max");

  static final List<String> SUBTESTS_HEADER =
      List.of(
          "experiment",
          "agent_model",
          "tier",
          "subtest",
          "pass_rate",
          "mean_score",
          "median_score",
          "std_score",
          "mean_impl_rate",
          "median_impl_rate",
          "std_impl_rate",
          "consistency",
          "mean_cost",
          "total_cost",
          "mean_duration",
          "cop",
          "grade_S",
          "grade_A",
          "grade_B",
          "grade_C",
          "grade_D",
          "grade_F",
          "modal_grade");

  static final List<String> OUTCOMES_HEADER =
      List.of(
          "experiment",
          "agent_model",
          "tier",
          "subtest",
          "run_number",
          "status",
          "outcome",
          "failure",
          "passed",
          "score",
          "attempts",
          "archived",
          "reason");

  static final List<String> PASS_RATES_HEADER =
      List.of(
          "scope",
          "experiment",
          "agent_model",
          "tier",
          "subtest",
          "expected",
          "not_run",
          "attempted",
          "infra_failures",
          "rate_limited",
          "crashed",
          "timed_out",
          "interrupted",
          "no_verdict",
          "scored_infra",
          "scored",
          "passed",
          "pass_rate",
          "pass_rate_strict",
          "strict_ci_low",
          "strict_ci_high",
          "pass_rate_excl_infra",
          "excl_infra_ci_low",
          "excl_infra_ci_high");

  static final List<String> RETRIES_HEADER =
      List.of(
          "agent_model",
          "tier",
          "first_attempt_runs",
          "first_attempt_passed",
          "first_attempt_pass_rate",
          "first_attempt_mean_score",
          "retried_runs",
          "retried_passed",
          "retried_pass_rate",
          "retried_mean_score",
          "mean_attempts_retried",
          "archived_attempts",
          "archived_rate_limited",
          "archived_crashed",
          "archived_timed_out",
          "archived_interrupted",
          "archived_no_verdict",
          "archived_other");

  private DataFiles() {}

  /** Writes every data file into {@code dir} (atomically) and returns their names. */
  public static List<String> write(Analysis a, Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    Pipeline p = a.parameters().pipeline();
    java.util.Set<String> simulated = new java.util.HashSet<>();
    a.data().experiments().stream()
        .filter(ExperimentInfo::simulated)
        .forEach(e -> simulated.add(e.name()));
    put(dir, "runs.csv", runsCsv(a.data().runs(), p, a.data().judges(), simulated), names);
    put(dir, "judges.csv", judgesCsv(a.data().judges(), p, simulated), names);
    put(dir, "criteria.csv", criteriaCsv(a.data().criteria()), names);
    put(dir, "subtests.csv", subtestsCsv(a.subtests(), p), names);
    put(dir, "summary.json", Json.write(summaryJson(a.summary(), p)), names);
    put(dir, "statistical_results.json", Json.write(statisticsJson(a.statistics(), p)), names);
    put(dir, "outcomes.csv", outcomesCsv(a.data().outcomes()), names);
    put(dir, "pass_rates.csv", passRatesCsv(a.passRates()), names);
    put(dir, "retries.csv", retriesCsv(a.retries()), names);
    put(dir, "pass_at_k.csv", PassAtK.csv(PassAtK.of(a.data().runs())), names);
    put(dir, "judge_noise.csv", JudgeNoise.csv(JudgeNoise.of(a.data().repeats())), names);
    put(dir, "manifest.json", Json.write(manifestJson(a)), names);
    return names;
  }

  private static void put(Path dir, String name, String text, List<String> names)
      throws IOException {
    AtomicFiles.writeIfChanged(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    names.add(name);
  }

  // ---------------------------------------------------------------- CSV

  /** runs.csv of the committed pipeline. */
  public static String runsCsv(List<RunRow> rows) {
    return runsCsv(rows, Pipeline.COMMITTED);
  }

  /**
   * runs.csv; under HEAD with its eight extra columns. An integer column with an empty field is
   * written as floats ({@code 6.0}), as pandas writes an integer column holding a null.
   */
  public static String runsCsv(List<RunRow> rows, Pipeline p) {
    return runsCsv(rows, p, List.of(), java.util.Set.of());
  }

  /**
   * runs.csv; under HEAD also our ledger columns: {@code judge_cost_usd} and the judge tokens are
   * the sums over the run's judges in {@code judges} (empty when none records a call of known
   * cost), {@code simulated} whether the run's experiment is in {@code simulated}.
   */
  public static String runsCsv(
      List<RunRow> rows, Pipeline p, List<JudgeRow> judges, java.util.Set<String> simulated) {
    java.util.Map<String, dev.scylla.model.JudgeSpend> byRun = new java.util.HashMap<>();
    for (JudgeRow j : judges) {
      byRun.merge(j.runLabel(), j.spend(), dev.scylla.model.JudgeSpend::plus);
    }
    Csv c = new Csv(runsHeader(p));
    boolean apiCallsFloat = rows.stream().anyMatch(r -> Double.isNaN(r.extras().apiCalls()));
    boolean turnsFloat = rows.stream().anyMatch(r -> Double.isNaN(r.extras().numTurns()));
    boolean modelsFloat = rows.stream().anyMatch(r -> Double.isNaN(r.extras().numModels()));
    for (RunRow r : rows) {
      c.text(r.experiment())
          .text(r.agentModel())
          .text(r.tier())
          .text(r.subtest())
          .num(r.runNumber())
          .num(r.score())
          .num(r.implRate())
          .bool(r.passed())
          .text(r.grade())
          .num(r.costUsd())
          .num(r.durationSeconds())
          .num(r.agentDurationSeconds())
          .num(r.judgeDurationSeconds())
          .num(r.inputTokens())
          .num(r.outputTokens())
          .num(r.cacheCreationTokens())
          .num(r.cacheReadTokens())
          .num(r.totalTokens())
          .num(r.exitCode());
      if (p.head()) {
        RunExtras x = r.extras();
        intColumn(c, x.apiCalls(), apiCallsFloat);
        intColumn(c, x.numTurns(), turnsFloat);
        intColumn(c, x.numModels(), modelsFloat);
        c.num(x.delegationCostRatio())
            .num(x.rProg())
            .num(x.strategicDrift())
            .num(x.cfp())
            .num(x.prRevertRate());
        ledger(c, byRun.getOrDefault(r.label(), dev.scylla.model.JudgeSpend.NONE));
        c.bool(simulated.contains(r.experiment()));
      }
      c.end();
    }
    return c.toString();
  }

  private static void intColumn(Csv c, double v, boolean asFloat) {
    if (asFloat || Double.isNaN(v)) {
      c.num(v);
    } else {
      c.num((long) v);
    }
  }

  /** The known cost and the tokens of judge calls; empty fields when none has a known cost. */
  private static void ledger(Csv c, dev.scylla.model.JudgeSpend s) {
    boolean known = s.calls() - s.unpricedCalls() > 0;
    c.num(known ? s.costUsd() : Double.NaN);
    if (s.calls() == 0) {
      c.num(Double.NaN).num(Double.NaN).num(Double.NaN).num(Double.NaN);
    } else {
      c.num(s.tokens().inputTokens())
          .num(s.tokens().outputTokens())
          .num(s.tokens().cacheCreationTokens())
          .num(s.tokens().cacheReadTokens());
    }
  }

  public static String judgesCsv(List<JudgeRow> rows) {
    return judgesCsv(rows, Pipeline.COMMITTED, java.util.Set.of());
  }

  /** judges.csv; under HEAD with our ledger columns ({@link #JUDGES_LEDGER_COLUMNS}). */
  public static String judgesCsv(List<JudgeRow> rows, Pipeline p, java.util.Set<String> simulated) {
    Csv c = new Csv(judgesHeader(p));
    for (JudgeRow r : rows) {
      c.text(r.experiment())
          .text(r.agentModel())
          .text(r.tier())
          .text(r.subtest())
          .num(r.runNumber())
          .text(r.judgeModel())
          .num(r.judgeNumber())
          .num(r.judgeScore())
          .num(r.judgeImplRate())
          .bool(r.judgePassed())
          .text(r.judgeGrade())
          .bool(r.judgeIsValid())
          .text(r.judgeReasoning());
      if (p.head()) {
        ledger(c, r.spend());
        c.num(r.spend().calls())
            .num(r.spend().unpricedCalls())
            .bool(simulated.contains(r.experiment()));
      }
      c.end();
    }
    return c.toString();
  }

  public static String criteriaCsv(List<CriterionRow> rows) {
    Csv c = new Csv(CRITERIA_HEADER);
    for (CriterionRow r : rows) {
      c.text(r.experiment())
          .text(r.agentModel())
          .text(r.tier())
          .text(r.subtest())
          .num(r.runNumber())
          .text(r.judgeModel())
          .num(r.judgeNumber())
          .text(r.criterion())
          .num(r.criterionScore())
          .num(r.criterionAchieved())
          .num(r.criterionMax())
          .end();
    }
    return c.toString();
  }

  /** subtests.csv of the committed pipeline. */
  public static String subtestsCsv(List<SubtestRow> rows) {
    return subtestsCsv(rows, Pipeline.COMMITTED);
  }

  /** subtests.csv; under HEAD with mean, median and std of the process metrics after cop. */
  public static String subtestsCsv(List<SubtestRow> rows, Pipeline p) {
    Csv c = new Csv(subtestsHeader(p));
    for (SubtestRow r : rows) {
      c.text(r.experiment())
          .text(r.agentModel())
          .text(r.tier())
          .text(r.subtest())
          .num(r.passRate())
          .num(r.meanScore())
          .num(r.medianScore())
          .num(r.stdScore())
          .num(r.meanImplRate())
          .num(r.medianImplRate())
          .num(r.stdImplRate())
          .num(r.consistency())
          .num(r.meanCost())
          .num(r.totalCost())
          .num(r.meanDuration())
          .num(r.cop());
      if (p.head()) {
        for (ProcessMetrics.Stats st : r.process()) {
          c.num(st.mean()).num(st.median()).num(st.std());
        }
      }
      for (String g : GradeCounts.LETTERS) {
        c.num(r.grades().get(g));
      }
      c.text(r.modalGrade()).end();
    }
    return c.toString();
  }

  public static String outcomesCsv(List<RunOutcome> rows) {
    Csv c = new Csv(OUTCOMES_HEADER);
    for (RunOutcome r : rows) {
      c.text(r.experiment())
          .text(r.agentModel())
          .text(r.tier())
          .text(r.subtest())
          .num(r.runNumber())
          .text(r.status())
          .text(r.outcome().jsonName())
          .text(r.failure() == null ? null : r.failure().jsonName())
          .bool(r.passed())
          .num(r.score())
          .num(r.attempts())
          .text(r.archived().stream().map(FailureKind::jsonName).collect(Collectors.joining(";")))
          .text(r.reason())
          .end();
    }
    return c.toString();
  }

  public static String passRatesCsv(List<PassRateRow> rows) {
    Csv c = new Csv(PASS_RATES_HEADER);
    for (PassRateRow r : rows) {
      c.text(r.scope())
          .text(r.experiment())
          .text(r.agentModel())
          .text(r.tier())
          .text(r.subtest())
          .num(r.expected())
          .num(r.notRun())
          .num(r.attempted())
          .num(r.infraFailures())
          .num(r.rateLimited())
          .num(r.crashed())
          .num(r.timedOut())
          .num(r.interrupted())
          .num(r.noVerdict())
          .num(r.scoredInfra())
          .num(r.scored())
          .num(r.passed())
          .num(r.passRate())
          .num(r.passRateStrict())
          .num(r.strictCiLow())
          .num(r.strictCiHigh())
          .num(r.passRateExclInfra())
          .num(r.exclInfraCiLow())
          .num(r.exclInfraCiHigh())
          .end();
    }
    return c.toString();
  }

  public static String retriesCsv(List<RetryRow> rows) {
    Csv c = new Csv(RETRIES_HEADER);
    for (RetryRow r : rows) {
      c.text(r.agentModel())
          .text(r.tier())
          .num(r.firstAttemptRuns())
          .num(r.firstAttemptPassed())
          .num(r.firstAttemptPassRate())
          .num(r.firstAttemptMeanScore())
          .num(r.retriedRuns())
          .num(r.retriedPassed())
          .num(r.retriedPassRate())
          .num(r.retriedMeanScore())
          .num(r.meanAttemptsRetried())
          .num(r.archivedAttempts())
          .num(r.archivedRateLimited())
          .num(r.archivedCrashed())
          .num(r.archivedTimedOut())
          .num(r.archivedInterrupted())
          .num(r.archivedNoVerdict())
          .num(r.archivedOther())
          .end();
    }
    return c.toString();
  }

  // ---------------------------------------------------------------- JSON

  /** summary.json of the committed pipeline. */
  public static ObjectNode summaryJson(Summary s) {
    return summaryJson(s, Pipeline.COMMITTED);
  }

  private static void processMeans(ObjectNode x, List<Double> means, Pipeline p) {
    if (!p.head()) {
      return;
    }
    for (int i = 0; i < ProcessMetrics.NAMES.size(); i++) {
      x.put("mean_" + ProcessMetrics.NAMES.get(i), means.get(i));
    }
  }

  /** summary.json; under HEAD with the process-metric means at each level (null without data). */
  public static ObjectNode summaryJson(Summary s, Pipeline pipeline) {
    ObjectNode o = Json.object();
    o.put("pipeline_version", PIPELINE_VERSION);
    o.put("config_version", CONFIG_VERSION);
    o.put("total_experiments", s.totalExperiments());
    o.put("total_runs", s.totalRuns());
    o.put("total_judge_evaluations", s.totalJudgeEvaluations());
    o.put("total_criteria_scores", s.totalCriteriaScores());
    o.put("total_subtests", s.totalSubtests());
    s.models().forEach(o.putArray("models")::add);
    s.tiers().forEach(o.putArray("tiers")::add);
    ObjectNode ov = o.putObject("overall_stats");
    Summary.Overall v = s.overall();
    ov.put("pass_rate", v.passRate());
    ov.put("mean_score", v.meanScore());
    ov.put("mean_impl_rate", v.meanImplRate());
    ov.put("median_impl_rate", v.medianImplRate());
    ov.put("total_cost", v.totalCost());
    ov.put("mean_cost_per_run", v.meanCostPerRun());
    processMeans(ov, v.processMeans(), pipeline);
    ObjectNode bm = o.putObject("by_model");
    s.byModel()
        .forEach(
            (name, m) -> {
              ObjectNode x = bm.putObject(name);
              x.put("total_runs", m.totalRuns());
              x.put("pass_rate", m.passRate());
              x.put("mean_score", m.meanScore());
              x.put("median_score", m.medianScore());
              x.put("std_score", m.stdScore());
              x.put("min_score", m.minScore());
              x.put("max_score", m.maxScore());
              x.put("q1_score", m.q1Score());
              x.put("q3_score", m.q3Score());
              x.put("mean_impl_rate", m.meanImplRate());
              x.put("median_impl_rate", m.medianImplRate());
              x.put("std_impl_rate", m.stdImplRate());
              x.put("min_impl_rate", m.minImplRate());
              x.put("max_impl_rate", m.maxImplRate());
              x.put("total_cost", m.totalCost());
              x.put("mean_cost_per_run", m.meanCostPerRun());
              x.put("median_cost", m.medianCost());
              x.put("cop", m.cop());
              x.put("frontier_cop", m.frontierCop());
              x.put("total_tokens", m.totalTokens());
              x.put("mean_duration", m.meanDuration());
              x.put("n_subtests", m.nSubtests());
              m.tiers().forEach(x.putArray("tiers")::add);
              processMeans(x, m.processMeans(), pipeline);
            });
    ObjectNode bt = o.putObject("by_tier");
    s.byTier()
        .forEach(
            (name, t) -> {
              ObjectNode x = bt.putObject(name);
              x.put("total_runs", t.totalRuns());
              x.put("pass_rate", t.passRate());
              x.put("mean_score", t.meanScore());
              x.put("median_score", t.medianScore());
              x.put("std_score", t.stdScore());
              x.put("mean_impl_rate", t.meanImplRate());
              x.put("median_impl_rate", t.medianImplRate());
              x.put("std_impl_rate", t.stdImplRate());
              x.put("mean_cost", t.meanCost());
              x.put("total_cost", t.totalCost());
              x.put("cop", t.cop());
              x.put("n_subtests", t.nSubtests());
              processMeans(x, t.processMeans(), pipeline);
            });
    return o;
  }

  /** statistical_results.json of the committed pipeline. */
  public static ObjectNode statisticsJson(StatisticalResults s) {
    return statisticsJson(s, Pipeline.COMMITTED);
  }

  /**
   * statistical_results.json: the reference's keys in its order (under HEAD with {@code
   * power_analysis} after the effect sizes and {@code interaction_tests} after the tier
   * descriptives), then ours.
   */
  public static ObjectNode statisticsJson(StatisticalResults s, Pipeline pipeline) {
    ObjectNode o = Json.object();
    o.put("pipeline_version", PIPELINE_VERSION);
    o.put("config_version", CONFIG_VERSION);
    ArrayNode normality = o.putArray("normality_tests");
    for (var t : s.normalityTests()) {
      ObjectNode x = normality.addObject();
      x.put("model", t.model());
      x.put("tier", t.tier());
      x.put("metric", t.metric());
      x.put("n", t.n());
      x.put("w_statistic", t.wStatistic());
      x.put("p_value", t.pValue());
      x.put("is_normal", t.isNormal());
    }
    ArrayNode omnibus = o.putArray("omnibus_tests");
    for (var t : s.omnibusTests()) {
      ObjectNode x = omnibus.addObject();
      x.put("model", t.model());
      x.put("metric", t.metric());
      x.put("n_groups", t.nGroups());
      x.put("h_statistic", t.hStatistic());
      x.put("p_value", t.pValue());
      x.put("is_significant", t.isSignificant());
    }
    ArrayNode pairwise = o.putArray("pairwise_comparisons");
    for (var t : s.pairwiseComparisons()) {
      ObjectNode x = pairwise.addObject();
      x.put("model", t.model());
      x.put("tier1", t.tier1());
      x.put("tier2", t.tier2());
      x.put("n1", t.n1());
      x.put("n2", t.n2());
      x.put("u_statistic", t.uStatistic());
      if (t.overallContrast()) {
        x.put("overall_contrast", true);
      }
      x.put("metric", t.metric());
      x.put("p_value_raw", t.pValueRaw());
      x.put("p_value", t.pValue());
      x.put("is_significant", t.isSignificant());
    }
    ArrayNode effects = o.putArray("effect_sizes");
    for (var t : s.effectSizes()) {
      ObjectNode x = effects.addObject();
      x.put("model", t.model());
      x.put("metric", t.metric());
      x.put("tier1", t.tier1());
      x.put("tier2", t.tier2());
      x.put("cliffs_delta", t.cliffsDelta());
      x.put("ci_low", t.ciLow());
      x.put("ci_high", t.ciHigh());
      x.put("is_significant", t.isSignificant());
    }
    if (pipeline.head()) {
      ArrayNode power = o.putArray("power_analysis");
      for (var t : s.powerAnalysis()) {
        ObjectNode x = power.addObject();
        x.put("model", t.model());
        x.put("metric", t.metric());
        x.put("tier1", t.tier1());
        x.put("tier2", t.tier2());
        x.put("n1", t.n1());
        if (t.n2() == null) {
          x.putNull("n2");
        } else {
          x.put("n2", t.n2().intValue());
        }
        x.put("observed_delta", t.observedDelta());
        x.put("power_at_observed", t.powerAtObserved());
        x.put("power_at_medium_0_3", t.powerAtMedium());
      }
    }
    ArrayNode correlations = o.putArray("correlations");
    for (var t : s.correlations()) {
      ObjectNode x = correlations.addObject();
      x.put("model", t.model());
      x.put("metric1", t.metric1());
      x.put("metric2", t.metric2());
      x.put("n", t.n());
      x.put("spearman_rho", t.spearmanRho());
      x.put("p_value", t.pValue());
      x.put("is_significant", t.isSignificant());
    }
    ArrayNode descriptives = o.putArray("tier_descriptives");
    for (var t : s.tierDescriptives()) {
      ObjectNode x = descriptives.addObject();
      x.put("model", t.model());
      x.put("tier", t.tier());
      x.put("n", t.n());
      x.put("pass_rate", t.passRate());
      x.put("mean_cost", t.meanCost());
      x.put("median_cost", t.medianCost());
      x.put("cop", t.cop());
      if (t.isFrontier()) {
        x.put("frontier_tier", t.frontierTier());
      }
    }
    if (pipeline.head()) {
      ArrayNode interactions = o.putArray("interaction_tests");
      for (var t : s.interactionTests()) {
        ObjectNode x = interactions.addObject();
        x.put("metric", t.metric());
        x.put("effect", t.effect());
        x.put("h_statistic", t.hStatistic());
        x.put("df", t.df());
        x.put("p_value", t.pValue());
        x.put("is_significant", t.isSignificant());
      }
    }
    ArrayNode intervals = o.putArray("tier_intervals");
    for (var t : s.tierIntervals()) {
      ObjectNode x = intervals.addObject();
      x.put("model", t.model());
      x.put("tier", t.tier());
      x.put("metric", t.metric());
      x.put("n", t.n());
      x.put("mean", t.mean());
      x.put("ci_low", t.ciLow());
      x.put("ci_high", t.ciHigh());
    }
    ArrayNode agreement = o.putArray("judge_agreement");
    for (var t : s.judgeAgreement()) {
      ObjectNode x = agreement.addObject();
      x.put("model", t.model());
      if (t.isAlphaRow()) {
        x.put("measure", "krippendorff_alpha");
        x.put("level", "interval");
        x.put("n", t.n());
        x.put("alpha", t.krippendorffAlpha());
      } else {
        x.put("measure", "pair");
        x.put("judge1", t.judge1());
        x.put("judge2", t.judge2());
        x.put("judge_model1", t.judgeModel1());
        x.put("judge_model2", t.judgeModel2());
        x.put("n", t.n());
        x.put("spearman_rho", t.spearmanRho());
        x.put("pearson_r", t.pearsonR());
        x.put("mean_abs_diff", t.meanAbsDiff());
      }
    }
    ArrayNode retries = o.putArray("retry_tests");
    for (var t : s.retryTests()) {
      ObjectNode x = retries.addObject();
      x.put("model", t.model());
      x.put("metric", t.metric());
      x.put("n_first_attempt", t.nFirstAttempt());
      x.put("n_retried", t.nRetried());
      x.put("mean_first_attempt", t.meanFirstAttempt());
      x.put("mean_retried", t.meanRetried());
      x.put("u_statistic", t.uStatistic());
      x.put("p_value", t.pValue());
      x.put("cliffs_delta", t.cliffsDelta());
      x.put("is_significant", t.isSignificant());
    }
    return o;
  }

  /** {@code manifest.json}: what was read, with which parameters, and what was odd. */
  public static ObjectNode manifestJson(Analysis a) {
    ObjectNode o = Json.object();
    o.put("version", 1);
    o.put("pipeline_version", PIPELINE_VERSION);
    ArrayNode exps = o.putArray("experiments");
    for (ExperimentInfo e : a.data().experiments()) {
      ObjectNode x = exps.addObject();
      x.put("name", e.name());
      x.put("experiment_id", e.experimentId());
      x.put("layout", e.layout());
      x.put("agent_model_id", e.agentModelId());
      x.put("agent_model", e.agentModel());
      e.tiers().forEach(x.putArray("tiers")::add);
      x.put("runs_per_subtest", e.runsPerSubtest());
      e.judgeModels().forEach(x.putArray("judge_models")::add);
      ObjectNode w = x.putObject("rubric_weights");
      e.rubricWeights().forEach(w::put);
    }
    ObjectNode p = o.putObject("parameters");
    p.put("alpha", a.parameters().alpha());
    p.put("bootstrap_method", "BCa");
    p.put("bootstrap_resamples", a.parameters().bootstrapResamples());
    p.put("bootstrap_generator", "L64X128MixRandom");
    p.put("bootstrap_seed", a.parameters().seed());
    p.put("confidence_level", a.parameters().confidenceLevel());
    p.put("quantile_interpolation", "linear (R type 7)");
    p.put("pipeline", a.parameters().pipeline().optionName());
    if (a.parameters().pipeline().head()) {
      p.put("power_simulations", a.parameters().powerSimulations());
      p.put("power_generator", "MT19937 (numpy RandomState)");
      p.put("power_seed", a.parameters().powerSeed());
    }
    ObjectNode counts = o.putObject("counts");
    counts.put("expected_runs", a.data().outcomes().size());
    counts.put(
        "not_run",
        a.data().outcomes().stream().filter(r -> r.outcome() == Outcome.NOT_RUN).count());
    counts.put(
        "infra_failures",
        a.data().outcomes().stream().filter(r -> r.outcome() == Outcome.INFRA_FAILURE).count());
    counts.put("runs", a.data().runs().size());
    counts.put("judges", a.data().judges().size());
    counts.put("criteria", a.data().criteria().size());
    counts.put("subtests", a.subtests().size());
    a.data().warnings().forEach(o.putArray("warnings")::add);
    List<String> mixed = ExperimentReader.mixedFingerprints(a.data().ledger());
    if (!mixed.isEmpty()) {
      mixed.forEach(o.putArray("mixed_fingerprints")::add);
    }
    return o;
  }
}
