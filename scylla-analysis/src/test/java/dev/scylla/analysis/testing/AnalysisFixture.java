package dev.scylla.analysis.testing;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.AnalysisParameters;
import dev.scylla.analysis.Analyzer;
import dev.scylla.analysis.CriterionRow;
import dev.scylla.analysis.Dataset;
import dev.scylla.analysis.ExperimentInfo;
import dev.scylla.analysis.FailureKind;
import dev.scylla.analysis.JudgeRow;
import dev.scylla.analysis.Outcome;
import dev.scylla.analysis.Pipeline;
import dev.scylla.analysis.RunOutcome;
import dev.scylla.analysis.RunRow;
import dev.scylla.event.EventSink;
import dev.scylla.model.Grades;
import dev.scylla.testing.SharedFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Builds {@link Analysis} values for tests of tables and figures: a synthetic multi-tier dataset
 * from a seed (scores rising with the tier, infrastructure failures, not-run runs and retried runs
 * at chosen rates, tiers forced to pass nothing or to fail entirely), or the analysis of real
 * experiment directories (the recorded experiment, a {@code SyntheticExperiment}).
 *
 * <p>Everything derived from the rows (pass-rate rows, subtests, summary, statistics) comes from
 * the analysis module's own {@link Analyzer#derive}, with fewer bootstrap resamples to keep tests
 * fast.
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

  /** Parameters for tests: the reference's, with fewer bootstrap resamples (faster). */
  public static final AnalysisParameters PARAMETERS =
      new AnalysisParameters(0.05, 500, 42, 0.95).withPowerSimulations(500);

  /** Derives everything from the rows with the analysis module's own derivations and statistics. */
  public static Analysis derive(Dataset d) {
    return Analyzer.derive(d, PARAMETERS, EventSink.NONE);
  }

  /** Reads and analyses experiment directories (either layout) as {@code scylla analyze} does. */
  public static Analysis analyze(Path... experiments) {
    return new Analyzer(EventSink.NONE).analyze(List.of(experiments), List.of(), PARAMETERS);
  }

  /** As {@link #analyze(Path...)} under the committed (older) pipeline. */
  public static Analysis analyzeCommitted(Path... experiments) {
    return new Analyzer(EventSink.NONE)
        .analyze(List.of(experiments), List.of(), PARAMETERS.with(Pipeline.COMMITTED));
  }

  /**
   * The analysis of a fresh copy (under {@code dir}) of the recorded experiment under the committed
   * pipeline (the one its committed outputs come from); skips without it.
   */
  public static Analysis dryrun(Path dir) {
    return analyzeCommitted(SharedFixtures.copyOfDryrun(dir));
  }
}
