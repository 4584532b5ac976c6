package dev.scylla.analysis.testing;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.AnalysisParameters;
import dev.scylla.analysis.CriterionRow;
import dev.scylla.analysis.Dataset;
import dev.scylla.analysis.ExperimentInfo;
import dev.scylla.analysis.FailureKind;
import dev.scylla.analysis.GradeCounts;
import dev.scylla.analysis.JudgeRow;
import dev.scylla.analysis.Outcome;
import dev.scylla.analysis.PassRateRow;
import dev.scylla.analysis.RetryRow;
import dev.scylla.analysis.RunOutcome;
import dev.scylla.analysis.RunRow;
import dev.scylla.analysis.StatisticalResults;
import dev.scylla.analysis.StatisticalResults.Correlation;
import dev.scylla.analysis.StatisticalResults.EffectSize;
import dev.scylla.analysis.StatisticalResults.JudgeAgreement;
import dev.scylla.analysis.StatisticalResults.OmnibusTest;
import dev.scylla.analysis.StatisticalResults.PairwiseComparison;
import dev.scylla.analysis.StatisticalResults.RetryTest;
import dev.scylla.analysis.StatisticalResults.TierDescriptive;
import dev.scylla.analysis.StatisticalResults.TierInterval;
import dev.scylla.analysis.SubtestRow;
import dev.scylla.analysis.Summary;
import dev.scylla.model.Grades;
import dev.scylla.model.Tiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Builds {@link Analysis} values for tests of tables and figures: a synthetic multi-tier dataset
 * from a seed (scores rising with the tier, infrastructure failures, not-run runs and retried runs
 * at chosen rates, tiers forced to pass nothing or to fail entirely), or the rows the reference
 * exported from the recorded experiment.
 *
 * <p>The derived values (pass-rate rows, subtests, summary, descriptive statistics) are computed
 * here with plain arithmetic. The inferential statistics are <b>placeholders</b> with recognisable
 * values (this fixture does not test statistics; it gives renderers something to render): intervals
 * are normal approximations, test statistics are fixed numbers.
 */
public final class AnalysisFixture {
  private List<String> models = List.of("Sonnet 4.5");
  private List<String> tiers = List.of("T0", "T1", "T2", "T3", "T4", "T5", "T6");
  private int subtests = 2;
  private int runs = 5;
  private int judges = 3;
  private long seed = 7;
  private double infraRate = 0.05;
  private double retryRate = 0.1;
  private double notRunRate = 0.0;
  private final Map<String, Double> passOverride = new HashMap<>();
  private final Set<String> allInfra = new LinkedHashSet<>();

  public static AnalysisFixture builder() {
    return new AnalysisFixture();
  }

  public AnalysisFixture models(String... m) {
    this.models = List.of(m);
    return this;
  }

  public AnalysisFixture tiers(String... t) {
    this.tiers = List.of(t);
    return this;
  }

  public AnalysisFixture subtests(int n) {
    this.subtests = n;
    return this;
  }

  public AnalysisFixture runs(int n) {
    this.runs = n;
    return this;
  }

  public AnalysisFixture judges(int n) {
    this.judges = n;
    return this;
  }

  public AnalysisFixture seed(long s) {
    this.seed = s;
    return this;
  }

  /** Fraction of attempted runs that end as infrastructure failures. */
  public AnalysisFixture infraRate(double r) {
    this.infraRate = r;
    return this;
  }

  /** Fraction of scored runs that needed retries. */
  public AnalysisFixture retryRate(double r) {
    this.retryRate = r;
    return this;
  }

  public AnalysisFixture notRunRate(double r) {
    this.notRunRate = r;
    return this;
  }

  /** Forces a pass probability for a tier (0 for a tier with no passes). */
  public AnalysisFixture passProbability(String tier, double p) {
    passOverride.put(tier, p);
    return this;
  }

  /** Every run of the tier ends as an infrastructure failure. */
  public AnalysisFixture allInfra(String tier) {
    allInfra.add(tier);
    return this;
  }

  public Analysis build() {
    RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    List<ExperimentInfo> exps = new ArrayList<>();
    List<RunRow> runRows = new ArrayList<>();
    List<JudgeRow> judgeRows = new ArrayList<>();
    List<CriterionRow> criteria = new ArrayList<>();
    List<RunOutcome> outcomes = new ArrayList<>();
    List<String> judgeModels = new ArrayList<>();
    String[] pool = {"claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929", "claude-haiku-4-5"};
    for (int j = 0; j < judges; j++) {
      judgeModels.add(j < pool.length ? pool[j] : "judge-model-" + (j + 1));
    }
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("functional", 0.35);
    weights.put("code_quality", 0.20);
    weights.put("proportionality", 0.15);
    weights.put("build_pipeline", 0.10);
    weights.put("overall_quality", 0.20);
    for (int mi = 0; mi < models.size(); mi++) {
      String model = models.get(mi);
      String exp = "exp-" + (mi + 1) + "-" + model.toLowerCase().replace(' ', '-');
      exps.add(
          new ExperimentInfo(
              exp,
              Path.of(exp),
              "test-001",
              "claude-" + model.toLowerCase().replace(' ', '-'),
              model,
              "flat",
              tiers,
              runs,
              judgeModels,
              weights));
      double modelShift = -0.08 * mi;
      for (String tier : tiers) {
        int tierIndex = tier.charAt(1) - '0';
        for (int s = 0; s < subtests; s++) {
          String sub = String.format("%02d", tier.equals("T0") ? s : s + 1);
          for (int n = 1; n <= runs; n++) {
            if (rnd.nextDouble() < notRunRate) {
              outcomes.add(
                  new RunOutcome(
                      exp,
                      model,
                      tier,
                      sub,
                      n,
                      "missing",
                      Outcome.NOT_RUN,
                      null,
                      null,
                      Double.NaN,
                      1,
                      List.of(),
                      "run directory does not exist"));
              continue;
            }
            boolean retried = rnd.nextDouble() < retryRate;
            List<FailureKind> archived = new ArrayList<>();
            if (retried) {
              int k = 1 + rnd.nextInt(2);
              for (int i = 0; i < k; i++) {
                archived.add(i % 2 == 0 ? FailureKind.RATE_LIMIT : FailureKind.CRASH);
              }
            }
            if (allInfra.contains(tier) || rnd.nextDouble() < infraRate) {
              FailureKind kind = rnd.nextBoolean() ? FailureKind.RATE_LIMIT : FailureKind.CRASH;
              outcomes.add(
                  new RunOutcome(
                      exp,
                      model,
                      tier,
                      sub,
                      n,
                      "failed",
                      Outcome.INFRA_FAILURE,
                      kind,
                      null,
                      Double.NaN,
                      1 + archived.size(),
                      archived,
                      "agent/result.json records an infrastructure failure"));
              continue;
            }
            double base = 0.45 + 0.07 * tierIndex + modelShift + (retried ? -0.1 : 0);
            double score = clamp(base + (rnd.nextDouble() - 0.5) * 0.5);
            score = Math.round(score * 1000) / 1000.0;
            Double forced = passOverride.get(tier);
            boolean passed = forced != null ? rnd.nextDouble() < forced : score >= 0.6;
            if (forced != null && forced == 0.0) {
              score = Math.min(score, 0.55);
            }
            String grade = Grades.letter(score);
            double cost =
                Math.round((0.05 + 0.02 * tierIndex + rnd.nextDouble() * 0.15) * 1e6) / 1e6;
            long in = 20 + rnd.nextInt(30);
            long out = 400 + rnd.nextInt(800);
            long cc = 10_000 + rnd.nextInt(20_000) + 3000L * tierIndex;
            long cr = 60_000 + rnd.nextInt(150_000);
            double agent = 20 + rnd.nextDouble() * 40;
            double judge = 100 + rnd.nextDouble() * 80;
            double implSum = 0;
            double[] impls = new double[judges];
            for (int j = 1; j <= judges; j++) {
              double js = clamp(score + (rnd.nextDouble() - 0.5) * 0.12);
              js = Math.round(js * 100) / 100.0;
              double achievedTotal = 0;
              double maxTotal = 0;
              for (Map.Entry<String, Double> c : weights.entrySet()) {
                double max = c.getKey().equals("build_pipeline") ? 1.0 : 3.0;
                double cs = clamp(js + (rnd.nextDouble() - 0.5) * 0.2);
                cs = Math.round(cs * 100) / 100.0;
                criteria.add(
                    new CriterionRow(
                        exp,
                        model,
                        tier,
                        sub,
                        n,
                        judgeModels.get(j - 1),
                        j,
                        c.getKey(),
                        cs,
                        Math.round(cs * max * 100) / 100.0,
                        max));
                achievedTotal += Math.round(cs * max * 100) / 100.0;
                maxTotal += max;
              }
              impls[j - 1] = achievedTotal / maxTotal;
              implSum += impls[j - 1];
              judgeRows.add(
                  new JudgeRow(
                      exp,
                      model,
                      tier,
                      sub,
                      n,
                      judgeModels.get(j - 1),
                      j,
                      js,
                      impls[j - 1],
                      js >= 0.6,
                      Grades.letter(js),
                      true,
                      "Judge " + j + " says so."));
            }
            Arrays.sort(impls);
            double impl =
                judges == 0
                    ? Double.NaN
                    : judges % 2 == 1
                        ? impls[judges / 2]
                        : (impls[judges / 2 - 1] + impls[judges / 2]) / 2;
            runRows.add(
                new RunRow(
                    exp,
                    model,
                    tier,
                    sub,
                    n,
                    score,
                    impl,
                    passed,
                    grade,
                    cost,
                    agent + judge,
                    agent,
                    judge,
                    in,
                    out,
                    cc,
                    cr,
                    in + out + cc + cr,
                    0));
            outcomes.add(
                new RunOutcome(
                    exp,
                    model,
                    tier,
                    sub,
                    n,
                    "completed",
                    Outcome.SCORED,
                    null,
                    passed,
                    score,
                    1 + archived.size(),
                    archived,
                    "complete"));
          }
        }
      }
    }
    return derive(new Dataset(exps, runRows, judgeRows, criteria, outcomes, List.of()));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  // ---------------------------------------------------------------------------------------------
  // The recorded experiment, from the reference's exported CSVs.

  /**
   * The {@link Analysis} of the recorded experiment, built from the reference's exported CSVs in
   * {@code analysisData} and the experiment's {@code rubric.yaml}: 7 runs, one per tier, all scored
   * at their first attempt.
   */
  public static Analysis dryrun(Path analysisData, Path experiment) {
    List<Map<String, String>> runs = Csv.read(analysisData.resolve("runs.csv"));
    List<Map<String, String>> judges = Csv.read(analysisData.resolve("judges.csv"));
    List<Map<String, String>> crit = Csv.read(analysisData.resolve("criteria.csv"));
    List<RunRow> runRows = new ArrayList<>();
    List<RunOutcome> outcomes = new ArrayList<>();
    for (Map<String, String> r : runs) {
      RunRow row =
          new RunRow(
              r.get("experiment"),
              r.get("agent_model"),
              r.get("tier"),
              r.get("subtest"),
              Integer.parseInt(r.get("run_number")),
              num(r.get("score")),
              num(r.get("impl_rate")),
              "True".equals(r.get("passed")),
              r.get("grade"),
              num(r.get("cost_usd")),
              num(r.get("duration_seconds")),
              num(r.get("agent_duration_seconds")),
              num(r.get("judge_duration_seconds")),
              Long.parseLong(r.get("input_tokens")),
              Long.parseLong(r.get("output_tokens")),
              Long.parseLong(r.get("cache_creation_tokens")),
              Long.parseLong(r.get("cache_read_tokens")),
              Long.parseLong(r.get("total_tokens")),
              Integer.parseInt(r.get("exit_code")));
      runRows.add(row);
      outcomes.add(
          new RunOutcome(
              row.experiment(),
              row.agentModel(),
              row.tier(),
              row.subtest(),
              row.runNumber(),
              "completed",
              Outcome.SCORED,
              null,
              row.passed(),
              row.score(),
              1,
              List.of(),
              "complete"));
    }
    List<JudgeRow> judgeRows = new ArrayList<>();
    List<String> judgeModels = new ArrayList<>();
    for (Map<String, String> j : judges) {
      int number = Integer.parseInt(j.get("judge_number"));
      while (judgeModels.size() < number) {
        judgeModels.add("");
      }
      judgeModels.set(number - 1, j.get("judge_model"));
      judgeRows.add(
          new JudgeRow(
              j.get("experiment"),
              j.get("agent_model"),
              j.get("tier"),
              j.get("subtest"),
              Integer.parseInt(j.get("run_number")),
              j.get("judge_model"),
              number,
              num(j.get("judge_score")),
              num(j.get("judge_impl_rate")),
              "True".equals(j.get("judge_passed")),
              j.get("judge_grade"),
              "True".equals(j.get("judge_is_valid")),
              j.get("judge_reasoning")));
    }
    List<CriterionRow> critRows = new ArrayList<>();
    for (Map<String, String> c : crit) {
      critRows.add(
          new CriterionRow(
              c.get("experiment"),
              c.get("agent_model"),
              c.get("tier"),
              c.get("subtest"),
              Integer.parseInt(c.get("run_number")),
              c.get("judge_model"),
              Integer.parseInt(c.get("judge_number")),
              c.get("criterion"),
              num(c.get("criterion_score")),
              num(c.get("criterion_achieved")),
              num(c.get("criterion_max"))));
    }
    Map<String, Double> weights = rubricWeights(experiment.resolve("rubric.yaml"));
    RunRow first = runRows.get(0);
    List<String> tiers = runRows.stream().map(RunRow::tier).distinct().toList();
    ExperimentInfo info =
        new ExperimentInfo(
            first.experiment(),
            experiment,
            "test-001",
            "claude-sonnet-4-5-20250929",
            first.agentModel(),
            "flat",
            tiers,
            1,
            judgeModels,
            weights);
    return derive(new Dataset(List.of(info), runRows, judgeRows, critRows, outcomes, List.of()));
  }

  private static double num(String s) {
    if (s == null || s.isEmpty()) {
      return Double.NaN;
    }
    if (s.equals("inf")) {
      return Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(s);
  }

  /** {@code categories.<name>.weight} of a rubric, read line by line (enough for the fixture). */
  static Map<String, Double> rubricWeights(Path rubric) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(rubric)) {
      return out;
    }
    try {
      boolean inCategories = false;
      String current = null;
      for (String line : Files.readAllLines(rubric, StandardCharsets.UTF_8)) {
        if (line.startsWith("categories:")) {
          inCategories = true;
          continue;
        }
        if (inCategories && !line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
          inCategories = false;
        }
        if (!inCategories) {
          continue;
        }
        String t = line.strip();
        int indent = line.indexOf(t.isEmpty() ? " " : t.substring(0, 1));
        if (indent == 2 && t.endsWith(":")) {
          current = t.substring(0, t.length() - 1);
        } else if (current != null && t.startsWith("weight:")) {
          out.put(current, Double.parseDouble(t.substring("weight:".length()).strip()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Derivations.

  /** Computes every derived value of an analysis from its rows. */
  public static Analysis derive(Dataset d) {
    List<SubtestRow> subtests = subtests(d.runs());
    List<PassRateRow> passRates = passRates(d.outcomes());
    List<RetryRow> retries = retries(d.outcomes());
    Summary summary = summary(d, subtests);
    StatisticalResults stats = statistics(d, passRates, retries);
    return new Analysis(
        d, subtests, summary, passRates, retries, stats, AnalysisParameters.DEFAULTS);
  }

  private static <T> Map<String, List<T>> group(List<T> rows, Function<T, String> key) {
    Map<String, List<T>> out = new TreeMap<>();
    for (T r : rows) {
      out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  private static List<SubtestRow> subtests(List<RunRow> runs) {
    List<SubtestRow> out = new ArrayList<>();
    for (List<RunRow> g :
        group(runs, r -> r.experiment() + "|" + r.agentModel() + "|" + r.tier() + "|" + r.subtest())
            .values()) {
      RunRow f = g.get(0);
      double[] score = g.stream().mapToDouble(RunRow::score).toArray();
      double[] impl = g.stream().mapToDouble(RunRow::implRate).toArray();
      double pass = g.stream().filter(RunRow::passed).count() / (double) g.size();
      double meanCost = g.stream().mapToDouble(RunRow::costUsd).average().orElse(Double.NaN);
      GradeCounts gc = GradeCounts.NONE;
      for (RunRow r : g) {
        gc = gc.plus(r.grade());
      }
      double ms = mean(score);
      double sd = std(score);
      double cons = ms == 0 ? 0 : Double.isNaN(sd) ? 1.0 : Math.max(0, Math.min(1, 1 - sd / ms));
      String modal = "F";
      int best = -1;
      for (String l : List.of("A", "B", "C", "D", "F", "S")) {
        if (gc.get(l) > best) {
          best = gc.get(l);
          modal = l;
        }
      }
      out.add(
          new SubtestRow(
              f.experiment(),
              f.agentModel(),
              f.tier(),
              f.subtest(),
              g.size(),
              pass,
              ms,
              median(score),
              sd,
              mean(impl),
              median(impl),
              std(impl),
              cons,
              meanCost,
              meanCost * g.size(),
              g.stream().mapToDouble(RunRow::durationSeconds).average().orElse(0),
              pass == 0 ? Double.POSITIVE_INFINITY : meanCost / pass,
              gc,
              modal));
    }
    return out;
  }

  private static List<PassRateRow> passRates(List<RunOutcome> outcomes) {
    List<PassRateRow> out = new ArrayList<>();
    for (List<RunOutcome> g : group(outcomes, RunOutcome::agentModel).values()) {
      out.add(passRate(PassRateRow.SCOPE_MODEL, "", g.get(0).agentModel(), "", "", g));
    }
    for (List<RunOutcome> g : group(outcomes, o -> o.agentModel() + "|" + o.tier()).values()) {
      out.add(passRate(PassRateRow.SCOPE_TIER, "", g.get(0).agentModel(), g.get(0).tier(), "", g));
    }
    for (List<RunOutcome> g :
        group(outcomes, o -> o.experiment() + "|" + o.tier() + "|" + o.subtest()).values()) {
      RunOutcome f = g.get(0);
      out.add(
          passRate(
              PassRateRow.SCOPE_SUBTEST, f.experiment(), f.agentModel(), f.tier(), f.subtest(), g));
    }
    return out;
  }

  private static PassRateRow passRate(
      String scope, String exp, String model, String tier, String sub, List<RunOutcome> g) {
    int expected = g.size();
    int notRun = (int) g.stream().filter(o -> o.outcome() == Outcome.NOT_RUN).count();
    int attempted = expected - notRun;
    int infra = (int) g.stream().filter(o -> o.outcome() == Outcome.INFRA_FAILURE).count();
    int rate = (int) g.stream().filter(o -> o.failure() == FailureKind.RATE_LIMIT).count();
    int crash = (int) g.stream().filter(o -> o.failure() == FailureKind.CRASH).count();
    int scored = (int) g.stream().filter(o -> o.outcome() == Outcome.SCORED).count();
    int passed = (int) g.stream().filter(RunOutcome::passedScored).count();
    double strict = attempted == 0 ? Double.NaN : (double) passed / attempted;
    double excl = attempted - infra == 0 ? Double.NaN : (double) passed / (attempted - infra);
    double[] sci = interval(strict, attempted);
    double[] eci = interval(excl, attempted - infra);
    return new PassRateRow(
        scope,
        exp,
        model,
        tier,
        sub,
        expected,
        notRun,
        attempted,
        infra,
        rate,
        crash,
        0,
        0,
        0,
        0,
        scored,
        passed,
        scored == 0 ? Double.NaN : (double) passed / scored,
        strict,
        sci[0],
        sci[1],
        excl,
        eci[0],
        eci[1]);
  }

  /** A placeholder interval: the normal approximation, collapsed as the real one is. */
  static double[] interval(double p, int n) {
    if (Double.isNaN(p)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    if (n < 2 || p == 0 || p == 1) {
      return new double[] {p, p};
    }
    double h = 1.96 * Math.sqrt(p * (1 - p) / n);
    return new double[] {Math.max(0, p - h), Math.min(1, p + h)};
  }

  private static List<RetryRow> retries(List<RunOutcome> outcomes) {
    List<RetryRow> out = new ArrayList<>();
    List<RunOutcome> scored = outcomes.stream().filter(o -> o.outcome() == Outcome.SCORED).toList();
    for (List<RunOutcome> g : group(scored, o -> o.agentModel() + "|" + o.tier()).values()) {
      out.add(retryRow(g.get(0).agentModel(), g.get(0).tier(), g));
    }
    for (List<RunOutcome> g : group(scored, RunOutcome::agentModel).values()) {
      out.add(retryRow(g.get(0).agentModel(), "", g));
    }
    return out;
  }

  private static RetryRow retryRow(String model, String tier, List<RunOutcome> g) {
    List<RunOutcome> first = g.stream().filter(o -> !o.retried()).toList();
    List<RunOutcome> retried = g.stream().filter(RunOutcome::retried).toList();
    int fp = (int) first.stream().filter(RunOutcome::passedScored).count();
    int rp = (int) retried.stream().filter(RunOutcome::passedScored).count();
    int archived = retried.stream().mapToInt(o -> o.archived().size()).sum();
    int rl =
        (int)
            retried.stream()
                .flatMap(o -> o.archived().stream())
                .filter(k -> k == FailureKind.RATE_LIMIT)
                .count();
    int cr =
        (int)
            retried.stream()
                .flatMap(o -> o.archived().stream())
                .filter(k -> k == FailureKind.CRASH)
                .count();
    return new RetryRow(
        model,
        tier,
        first.size(),
        fp,
        first.isEmpty() ? Double.NaN : (double) fp / first.size(),
        first.stream().mapToDouble(RunOutcome::score).average().orElse(Double.NaN),
        retried.size(),
        rp,
        retried.isEmpty() ? Double.NaN : (double) rp / retried.size(),
        retried.stream().mapToDouble(RunOutcome::score).average().orElse(Double.NaN),
        retried.stream().mapToInt(RunOutcome::attempts).average().orElse(Double.NaN),
        archived,
        rl,
        cr,
        0,
        0,
        0,
        archived - rl - cr);
  }

  private static Summary summary(Dataset d, List<SubtestRow> subtests) {
    List<String> models = d.runs().stream().map(RunRow::agentModel).distinct().toList();
    List<String> tiers = d.runs().stream().map(RunRow::tier).distinct().sorted().toList();
    double[] score = d.runs().stream().mapToDouble(RunRow::score).toArray();
    double[] impl = d.runs().stream().mapToDouble(RunRow::implRate).toArray();
    double[] cost = d.runs().stream().mapToDouble(RunRow::costUsd).toArray();
    double pass =
        d.runs().stream().filter(RunRow::passed).count() / (double) Math.max(1, d.runs().size());
    Summary.Overall overall =
        new Summary.Overall(pass, mean(score), mean(impl), median(impl), sum(cost), mean(cost));
    Map<String, Summary.ModelStats> byModel = new LinkedHashMap<>();
    for (String m : models) {
      List<RunRow> rs = d.runs().stream().filter(r -> r.agentModel().equals(m)).toList();
      double[] s = rs.stream().mapToDouble(RunRow::score).toArray();
      double[] i = rs.stream().mapToDouble(RunRow::implRate).toArray();
      double[] c = rs.stream().mapToDouble(RunRow::costUsd).toArray();
      double p = rs.stream().filter(RunRow::passed).count() / (double) rs.size();
      double frontier = Double.POSITIVE_INFINITY;
      for (String t : rs.stream().map(RunRow::tier).distinct().toList()) {
        List<RunRow> tr = rs.stream().filter(r -> r.tier().equals(t)).toList();
        double tp = tr.stream().filter(RunRow::passed).count() / (double) tr.size();
        double tc = tr.stream().mapToDouble(RunRow::costUsd).average().orElse(Double.NaN);
        if (tp > 0) {
          frontier = Math.min(frontier, tc / tp);
        }
      }
      double[] sorted = s.clone();
      Arrays.sort(sorted);
      byModel.put(
          m,
          new Summary.ModelStats(
              rs.size(),
              p,
              mean(s),
              median(s),
              std(s),
              sorted[0],
              sorted[sorted.length - 1],
              quantile(sorted, 0.25),
              quantile(sorted, 0.75),
              mean(i),
              median(i),
              std(i),
              Arrays.stream(i).min().orElse(Double.NaN),
              Arrays.stream(i).max().orElse(Double.NaN),
              sum(c),
              mean(c),
              median(c),
              p == 0 ? Double.POSITIVE_INFINITY : mean(c) / p,
              frontier,
              rs.stream().mapToLong(RunRow::totalTokens).sum(),
              rs.stream().mapToDouble(RunRow::durationSeconds).average().orElse(Double.NaN),
              (int) rs.stream().map(RunRow::subtest).distinct().count(),
              rs.stream().map(RunRow::tier).distinct().sorted().toList()));
    }
    Map<String, Summary.TierStats> byTier = new LinkedHashMap<>();
    for (String t : tiers.stream().sorted(Tiers.TIER_ORDER).toList()) {
      List<RunRow> rs = d.runs().stream().filter(r -> r.tier().equals(t)).toList();
      double[] s = rs.stream().mapToDouble(RunRow::score).toArray();
      double[] i = rs.stream().mapToDouble(RunRow::implRate).toArray();
      double[] c = rs.stream().mapToDouble(RunRow::costUsd).toArray();
      double p = rs.stream().filter(RunRow::passed).count() / (double) rs.size();
      byTier.put(
          t,
          new Summary.TierStats(
              rs.size(),
              p,
              mean(s),
              median(s),
              std(s),
              mean(i),
              median(i),
              std(i),
              mean(c),
              sum(c),
              p == 0 ? Double.POSITIVE_INFINITY : mean(c) / p,
              (int) rs.stream().map(RunRow::subtest).distinct().count()));
    }
    return new Summary(
        d.experiments().size(),
        d.runs().size(),
        d.judges().size(),
        d.criteria().size(),
        subtests.size(),
        models,
        tiers,
        overall,
        byModel,
        byTier);
  }

  private static StatisticalResults statistics(
      Dataset d, List<PassRateRow> passRates, List<RetryRow> retries) {
    List<OmnibusTest> omnibus = new ArrayList<>();
    List<PairwiseComparison> pairwise = new ArrayList<>();
    List<EffectSize> effects = new ArrayList<>();
    List<Correlation> correlations = new ArrayList<>();
    List<TierDescriptive> descriptives = new ArrayList<>();
    List<TierInterval> intervals = new ArrayList<>();
    List<JudgeAgreement> agreement = new ArrayList<>();
    List<RetryTest> retryTests = new ArrayList<>();
    List<String> models = d.runs().stream().map(RunRow::agentModel).distinct().sorted().toList();
    for (String m : models) {
      List<RunRow> rs = d.runs().stream().filter(r -> r.agentModel().equals(m)).toList();
      List<String> tiers =
          rs.stream().map(RunRow::tier).distinct().sorted(Tiers.TIER_ORDER).toList();
      boolean small = false;
      for (String t : tiers) {
        small |= rs.stream().filter(r -> r.tier().equals(t)).count() < 2;
      }
      for (String metric : List.of("pass_rate", "impl_rate")) {
        omnibus.add(
            new OmnibusTest(
                m,
                metric,
                tiers.size(),
                small ? Double.NaN : 12.5,
                small ? Double.NaN : 0.0123,
                !small));
        for (int i = 0; i + 1 < tiers.size(); i++) {
          String t1 = tiers.get(i);
          String t2 = tiers.get(i + 1);
          int n1 = (int) rs.stream().filter(r -> r.tier().equals(t1)).count();
          int n2 = (int) rs.stream().filter(r -> r.tier().equals(t2)).count();
          boolean tiny = n1 < 2 || n2 < 2;
          pairwise.add(
              new PairwiseComparison(
                  m,
                  t1,
                  t2,
                  n1,
                  n2,
                  tiny ? 0.0 : n1 * n2 / 2.0,
                  metric,
                  tiny ? 1.0 : 0.02 * (i + 1),
                  tiny ? 1.0 : Math.min(1, 0.04 * (i + 1)),
                  !tiny && 0.04 * (i + 1) < 0.05));
          if (!tiny) {
            effects.add(new EffectSize(m, metric, t1, t2, 0.1 * (i + 1) - 0.2, -0.3, 0.5, false));
          }
        }
      }
      correlations.add(new Correlation(m, "score", "cost_usd", rs.size(), -0.25, 0.2, false));
      double frontier = Double.POSITIVE_INFINITY;
      String frontierTier = null;
      for (String t : tiers) {
        List<RunRow> tr = rs.stream().filter(r -> r.tier().equals(t)).toList();
        double p = tr.stream().filter(RunRow::passed).count() / (double) tr.size();
        double[] c = tr.stream().mapToDouble(RunRow::costUsd).toArray();
        double cop = p == 0 ? Double.POSITIVE_INFINITY : mean(c) / p;
        if (cop < frontier) {
          frontier = cop;
          frontierTier = t;
        }
        descriptives.add(new TierDescriptive(m, t, tr.size(), p, mean(c), median(c), cop, null));
        for (String metric : List.of("pass_rate", "impl_rate", "score")) {
          double[] v =
              tr.stream()
                  .mapToDouble(
                      r ->
                          switch (metric) {
                            case "pass_rate" -> r.passed() ? 1 : 0;
                            case "impl_rate" -> r.implRate();
                            default -> r.score();
                          })
                  .toArray();
          double mu = mean(v);
          double sd = std(v);
          double h = Double.isNaN(sd) || sd == 0 ? 0 : 1.96 * sd / Math.sqrt(v.length);
          intervals.add(
              new TierInterval(
                  m, t, metric, v.length, mu, Math.max(0, mu - h), Math.min(1, mu + h)));
        }
      }
      descriptives.add(
          new TierDescriptive(
              m,
              "frontier",
              rs.size(),
              Double.NaN,
              Double.NaN,
              Double.NaN,
              frontier,
              frontierTier));
      agreement.addAll(agreement(m, d.judges()));
      retryTests.add(
          new RetryTest(
              m,
              "pass_rate",
              0,
              0,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              false));
    }
    return new StatisticalResults(
        List.of(),
        omnibus,
        pairwise,
        effects,
        correlations,
        descriptives,
        intervals,
        agreement,
        retryTests);
  }

  private static List<JudgeAgreement> agreement(String model, List<JudgeRow> judges) {
    Map<String, Map<Integer, Double>> byRun = new LinkedHashMap<>();
    Map<Integer, String> judgeModel = new TreeMap<>();
    for (JudgeRow j : judges) {
      if (!j.agentModel().equals(model)) {
        continue;
      }
      judgeModel.put(j.judgeNumber(), j.judgeModel());
      byRun
          .computeIfAbsent(
              j.experiment() + j.tier() + j.subtest() + j.runNumber(), k -> new TreeMap<>())
          .put(j.judgeNumber(), j.judgeScore());
    }
    List<Integer> nums = new ArrayList<>(judgeModel.keySet());
    List<JudgeAgreement> out = new ArrayList<>();
    for (int a = 0; a < nums.size(); a++) {
      for (int b = a + 1; b < nums.size(); b++) {
        int ja = nums.get(a);
        int jb = nums.get(b);
        List<double[]> pairs = new ArrayList<>();
        for (Map<Integer, Double> s : byRun.values()) {
          if (s.containsKey(ja) && s.containsKey(jb)) {
            pairs.add(new double[] {s.get(ja), s.get(jb)});
          }
        }
        double r = pearson(pairs);
        double mad =
            pairs.stream().mapToDouble(p -> Math.abs(p[0] - p[1])).average().orElse(Double.NaN);
        out.add(
            new JudgeAgreement(
                model,
                ja,
                jb,
                judgeModel.get(ja),
                judgeModel.get(jb),
                pairs.size(),
                r,
                r,
                mad,
                Double.NaN));
      }
    }
    if (nums.size() >= 2) {
      out.add(
          new JudgeAgreement(
              model,
              nums.get(0),
              0,
              judgeModel.get(nums.get(0)),
              "",
              byRun.size(),
              Double.NaN,
              Double.NaN,
              Double.NaN,
              0.42));
    }
    return out;
  }

  private static double pearson(List<double[]> pairs) {
    int n = pairs.size();
    if (n < 2) {
      return Double.NaN;
    }
    double mx = pairs.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double my = pairs.stream().mapToDouble(p -> p[1]).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : pairs) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  static double mean(double[] v) {
    return Arrays.stream(v).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
  }

  static double sum(double[] v) {
    return Arrays.stream(v).filter(x -> !Double.isNaN(x)).sum();
  }

  static double std(double[] v) {
    double[] w = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    if (w.length < 2) {
      return Double.NaN;
    }
    double m = mean(w);
    double ss = 0;
    for (double x : w) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (w.length - 1));
  }

  static double median(double[] v) {
    double[] w = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
    return w.length == 0 ? Double.NaN : quantile(w, 0.5);
  }

  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
