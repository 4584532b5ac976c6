package dev.scylla.analysis;

import dev.scylla.analysis.StatisticalResults.Correlation;
import dev.scylla.analysis.StatisticalResults.EffectSize;
import dev.scylla.analysis.StatisticalResults.InteractionTest;
import dev.scylla.analysis.StatisticalResults.JudgeAgreement;
import dev.scylla.analysis.StatisticalResults.NormalityTest;
import dev.scylla.analysis.StatisticalResults.OmnibusTest;
import dev.scylla.analysis.StatisticalResults.PairwiseComparison;
import dev.scylla.analysis.StatisticalResults.PowerAnalysis;
import dev.scylla.analysis.StatisticalResults.RetryTest;
import dev.scylla.analysis.StatisticalResults.TierDescriptive;
import dev.scylla.analysis.StatisticalResults.TierInterval;
import dev.scylla.analysis.stats.Bootstrap;
import dev.scylla.analysis.stats.CliffsDelta;
import dev.scylla.analysis.stats.Descriptive;
import dev.scylla.analysis.stats.Holm;
import dev.scylla.analysis.stats.Interval;
import dev.scylla.analysis.stats.Krippendorff;
import dev.scylla.analysis.stats.KruskalWallis;
import dev.scylla.analysis.stats.MannWhitney;
import dev.scylla.analysis.stats.Power;
import dev.scylla.analysis.stats.ScheirerRayHare;
import dev.scylla.analysis.stats.ShapiroWilk;
import dev.scylla.analysis.stats.TestResult;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@code statistical_results.json} from the run rows, as the reference computes it (α = 0.05,
 * models sorted, tiers T0..T6, consecutive tier pairs among the tiers present in the data), plus
 * our bootstrap intervals per tier, judge agreement and the retry comparison.
 */
public final class StatisticsBuilder {
  /** The metrics of the normality tests. */
  static final List<String> NORMALITY_METRICS = List.of("score", "impl_rate", "cost_usd");

  /** HEAD's metrics of the normality tests. */
  static final List<String> HEAD_NORMALITY_METRICS =
      List.of(
          "score", "impl_rate", "cost_usd", "duration_seconds", "r_prog", "cfp", "pr_revert_rate");

  /** HEAD's metrics of the omnibus tests. */
  static final List<String> HEAD_OMNIBUS_METRICS =
      List.of("pass_rate", "impl_rate", "duration_seconds", "r_prog", "cfp", "pr_revert_rate");

  /** HEAD's metrics compared between consecutive tiers besides the pass rate. */
  static final List<String> HEAD_PAIR_METRICS =
      List.of("impl_rate", "duration_seconds", "r_prog", "cfp", "pr_revert_rate");

  /** HEAD's metrics of the Scheirer–Ray–Hare interaction tests. */
  static final List<String> INTERACTION_METRICS =
      List.of("score", "impl_rate", "cost_usd", "duration_seconds");

  /** HEAD's rows needed for an interaction test. */
  static final int INTERACTION_MIN_ROWS = 10;

  /** The Cliff's δ at which HEAD reports power besides the observed one. */
  static final double MEDIUM_DELTA = 0.3;

  /** The ε² at which HEAD reports the Kruskal–Wallis power. */
  static final double MEDIUM_EPSILON_SQUARED = 0.06;

  /** The correlation pairs, in the reference's order. */
  static final List<String[]> CORRELATION_PAIRS =
      List.of(
          new String[] {"score", "cost_usd"},
          new String[] {"score", "total_tokens"},
          new String[] {"score", "duration_seconds"},
          new String[] {"score", "impl_rate"},
          new String[] {"impl_rate", "cost_usd"},
          new String[] {"impl_rate", "duration_seconds"},
          new String[] {"cost_usd", "total_tokens"});

  private final AnalysisParameters p;
  private final ExecutorService pool;

  private StatisticsBuilder(AnalysisParameters p, ExecutorService pool) {
    this.p = p;
    this.pool = pool;
  }

  /**
   * Computes every statistic. Bootstrap intervals run on {@code pool} when one is given (each from
   * its own seeded generator, so the result does not depend on the threads).
   */
  public static StatisticalResults compute(
      Dataset data, AnalysisParameters p, ExecutorService pool) {
    return new StatisticsBuilder(p, pool).build(data);
  }

  private StatisticalResults build(Dataset data) {
    List<RunRow> runs = data.runs();
    TreeSet<String> modelSet = new TreeSet<>();
    runs.forEach(r -> modelSet.add(r.agentModel()));
    List<String> models = new ArrayList<>(modelSet);
    TreeSet<String> tierSet = new TreeSet<>(Tiers.TIER_ORDER);
    runs.forEach(r -> tierSet.add(r.tier()));
    List<String> tierOrder = new ArrayList<>(tierSet);
    Map<String, Map<String, List<RunRow>>> byModelTier = new LinkedHashMap<>();
    for (String m : models) {
      Map<String, List<RunRow>> tiers = new TreeMap<>(Tiers.TIER_ORDER);
      for (RunRow r : runs) {
        if (r.agentModel().equals(m)) {
          tiers.computeIfAbsent(r.tier(), k -> new ArrayList<>()).add(r);
        }
      }
      byModelTier.put(m, tiers);
    }

    boolean head = p.pipeline().head();
    List<Future<EffectSize>> effects = new ArrayList<>();
    List<Future<TierInterval>> intervals = new ArrayList<>();
    // the power simulations are the longest tasks: submitted first, they run while the rest is
    // computed
    List<Future<PowerAnalysis>> power = head ? power(models, tierOrder, byModelTier) : List.of();
    if (head) {
      effects.addAll(headEffects(models, tierOrder, byModelTier));
    }
    for (String metric : head ? List.<String>of() : List.of("pass_rate", "impl_rate")) {
      for (String m : models) {
        Map<String, List<RunRow>> tiers = byModelTier.get(m);
        for (int i = 0; i + 1 < tierOrder.size(); i++) {
          String t1 = tierOrder.get(i);
          String t2 = tierOrder.get(i + 1);
          double[] a = values(tiers.get(t1), metric);
          double[] b = values(tiers.get(t2), metric);
          if (a.length < 2 || b.length < 2) {
            continue;
          }
          effects.add(
              submit(
                  () -> {
                    Interval ci =
                        CliffsDelta.interval(
                            b, a, p.bootstrapResamples(), p.seed(), p.confidenceLevel());
                    return new EffectSize(
                        m, metric, t1, t2, ci.estimate(), ci.low(), ci.high(), ci.excludes(0.0));
                  }));
        }
      }
    }
    for (String m : models) {
      byModelTier
          .get(m)
          .forEach(
              (t, rows) -> {
                for (String metric : List.of("pass_rate", "impl_rate", "score")) {
                  double[] v = values(rows, metric);
                  intervals.add(
                      submit(
                          () -> {
                            Interval ci =
                                Bootstrap.mean(
                                    v, p.bootstrapResamples(), p.seed(), p.confidenceLevel());
                            return new TierInterval(
                                m, t, metric, v.length, ci.estimate(), ci.low(), ci.high());
                          }));
                }
              });
    }

    List<EffectSize> effectSizes = join(effects);
    return new StatisticalResults(
        normality(models, byModelTier, head ? HEAD_NORMALITY_METRICS : NORMALITY_METRICS),
        omnibus(
            models, byModelTier, head ? HEAD_OMNIBUS_METRICS : List.of("pass_rate", "impl_rate")),
        head
            ? headPairwise(models, tierOrder, byModelTier)
            : pairwise(models, tierOrder, byModelTier),
        effectSizes,
        correlations(models, runs),
        descriptives(models, byModelTier),
        join(intervals),
        judgeAgreement(models, data),
        retryTests(data.outcomes()),
        join(power),
        head ? interactions(runs) : List.of());
  }

  /**
   * HEAD's effect sizes: per model and consecutive pair of tiers with at least 2 runs each, Cliff's
   * δ of the pass rate, then of each other metric with at least 2 values on both sides.
   */
  private List<Future<EffectSize>> headEffects(
      List<String> models,
      List<String> tierOrder,
      Map<String, Map<String, List<RunRow>>> byModelTier) {
    List<Future<EffectSize>> out = new ArrayList<>();
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byModelTier.get(m);
      for (int i = 0; i + 1 < tierOrder.size(); i++) {
        String t1 = tierOrder.get(i);
        String t2 = tierOrder.get(i + 1);
        List<RunRow> r1 = tiers.getOrDefault(t1, List.of());
        List<RunRow> r2 = tiers.getOrDefault(t2, List.of());
        if (r1.size() < 2 || r2.size() < 2) {
          continue;
        }
        List<String> metrics = new ArrayList<>();
        metrics.add("pass_rate");
        metrics.addAll(HEAD_PAIR_METRICS);
        for (String metric : metrics) {
          double[] a = values(r1, metric);
          double[] b = values(r2, metric);
          if (a.length < 2 || b.length < 2) {
            continue;
          }
          out.add(
              submit(
                  () -> {
                    Interval ci =
                        CliffsDelta.interval(
                            b, a, p.bootstrapResamples(), p.seed(), p.confidenceLevel());
                    return new EffectSize(
                        m, metric, t1, t2, ci.estimate(), ci.low(), ci.high(), ci.excludes(0.0));
                  }));
        }
      }
    }
    return out;
  }

  /**
   * HEAD's power analysis: per model, each consecutive pair with at least 2 runs on both sides (the
   * pairs that have a pass-rate effect size; the observed δ is that effect size's estimate, Cliff's
   * δ of the later tier's passes against the earlier's), then the Kruskal–Wallis power across the
   * model's tiers.
   */
  private List<Future<PowerAnalysis>> power(
      List<String> models,
      List<String> tierOrder,
      Map<String, Map<String, List<RunRow>>> byModelTier) {
    List<Future<PowerAnalysis>> out = new ArrayList<>();
    int sims = p.powerSimulations();
    long seed = p.powerSeed();
    double alpha = p.alpha();
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byModelTier.get(m);
      for (int i = 0; i + 1 < tierOrder.size(); i++) {
        String t1 = tierOrder.get(i);
        String t2 = tierOrder.get(i + 1);
        int n1 = tiers.getOrDefault(t1, List.of()).size();
        int n2 = tiers.getOrDefault(t2, List.of()).size();
        if (n1 < 2 || n2 < 2) {
          continue;
        }
        double delta =
            CliffsDelta.delta(
                values(tiers.get(t2), "pass_rate"), values(tiers.get(t1), "pass_rate"));
        out.add(
            submit(
                () -> {
                  double[] pw =
                      Power.mannWhitney(
                          n1, n2, new double[] {Math.abs(delta), MEDIUM_DELTA}, alpha, sims, seed);
                  return new PowerAnalysis(m, "pass_rate", t1, t2, n1, n2, delta, pw[0], pw[1]);
                }));
      }
      List<Integer> sizes = new ArrayList<>();
      for (String t : tierOrder) {
        int n = tiers.getOrDefault(t, List.of()).size();
        if (n > 0) {
          sizes.add(n);
        }
      }
      if (sizes.size() >= 2) {
        int total = sizes.stream().mapToInt(Integer::intValue).sum();
        out.add(
            submit(
                () ->
                    new PowerAnalysis(
                        m,
                        "pass_rate_omnibus",
                        tierOrder.get(0),
                        tierOrder.get(tierOrder.size() - 1),
                        total,
                        null,
                        Double.NaN,
                        Double.NaN,
                        Power.kruskalWallis(sizes, MEDIUM_EPSILON_SQUARED, alpha, sims, seed))));
      }
    }
    return out;
  }

  /** HEAD's Scheirer–Ray–Hare tests of agent model × tier over every run with the metric. */
  private List<InteractionTest> interactions(List<RunRow> runs) {
    List<InteractionTest> out = new ArrayList<>();
    for (String metric : INTERACTION_METRICS) {
      List<RunRow> rows =
          runs.stream().filter(r -> !Double.isNaN(Columns.metric(r, metric))).toList();
      if (rows.size() < INTERACTION_MIN_ROWS) {
        continue;
      }
      ScheirerRayHare.Result r =
          ScheirerRayHare.test(
              Columns.metric(rows, metric),
              rows.stream().map(RunRow::agentModel).toList(),
              rows.stream().map(RunRow::tier).toList());
      addTerm(out, metric, "agent_model", r.a());
      addTerm(out, metric, "tier", r.b());
      addTerm(out, metric, "interaction", r.interaction());
    }
    return out;
  }

  private void addTerm(
      List<InteractionTest> out, String metric, String effect, ScheirerRayHare.Term t) {
    out.add(new InteractionTest(metric, effect, t.h(), t.df(), t.p(), t.p() < p.alpha()));
  }

  /**
   * HEAD's pairwise comparisons, per model: the pass rate between consecutive tiers with runs on
   * both sides plus the first→last tier contrast, one Holm family; then each other metric between
   * consecutive tiers with at least 2 values on both sides, a family each. Fully tied pairs are
   * tests with p = 1 (kept in the family).
   */
  private List<PairwiseComparison> headPairwise(
      List<String> models,
      List<String> tierOrder,
      Map<String, Map<String, List<RunRow>>> byModelTier) {
    List<PairwiseComparison> out = new ArrayList<>();
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byModelTier.get(m);
      List<String[]> pairs = new ArrayList<>();
      for (int i = 0; i + 1 < tierOrder.size(); i++) {
        pairs.add(new String[] {tierOrder.get(i), tierOrder.get(i + 1)});
      }
      family(out, m, "pass_rate", tiers, pairs, 1, true, tierOrder);
      for (String metric : HEAD_PAIR_METRICS) {
        family(out, m, metric, tiers, pairs, 2, false, tierOrder);
      }
    }
    return out;
  }

  private void family(
      List<PairwiseComparison> out,
      String model,
      String metric,
      Map<String, List<RunRow>> tiers,
      List<String[]> pairs,
      int min,
      boolean contrast,
      List<String> tierOrder) {
    List<String[]> kept = new ArrayList<>();
    List<double[][]> samples = new ArrayList<>();
    List<Boolean> overall = new ArrayList<>();
    for (String[] pair : pairs) {
      double[] a = values(tiers.get(pair[0]), metric);
      double[] b = values(tiers.get(pair[1]), metric);
      if (a.length < min || b.length < min) {
        continue;
      }
      kept.add(pair);
      samples.add(new double[][] {a, b});
      overall.add(false);
    }
    if (contrast && !tierOrder.isEmpty()) {
      String first = tierOrder.get(0);
      String last = tierOrder.get(tierOrder.size() - 1);
      double[] a = values(tiers.get(first), metric);
      double[] b = values(tiers.get(last), metric);
      if (a.length > 0 && b.length > 0) {
        kept.add(new String[] {first, last});
        samples.add(new double[][] {a, b});
        overall.add(true);
      }
    }
    double[] raw = new double[kept.size()];
    double[] u = new double[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      TestResult r = MannWhitney.headGuarded(samples.get(i)[0], samples.get(i)[1]);
      u[i] = r.statistic();
      raw[i] = r.pValue();
    }
    double[] corrected = Holm.correct(raw);
    for (int i = 0; i < kept.size(); i++) {
      out.add(
          new PairwiseComparison(
              model,
              kept.get(i)[0],
              kept.get(i)[1],
              samples.get(i)[0].length,
              samples.get(i)[1].length,
              u[i],
              metric,
              raw[i],
              corrected[i],
              corrected[i] < p.alpha(),
              overall.get(i)));
    }
  }

  private <T> Future<T> submit(Callable<T> task) {
    if (pool != null) {
      return pool.submit(task);
    }
    java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
    try {
      f.complete(task.call());
    } catch (Exception e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  private static <T> List<T> join(List<Future<T>> futures) {
    List<T> out = new ArrayList<>(futures.size());
    for (Future<T> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(c);
      }
    }
    return out;
  }

  /** A metric's non-NaN values over rows (pass_rate as 0/1); empty for a null list. */
  static double[] values(List<RunRow> rows, String metric) {
    if (rows == null) {
      return new double[0];
    }
    return Descriptive.finite(Columns.metric(rows, metric));
  }

  private List<NormalityTest> normality(
      List<String> models,
      Map<String, Map<String, List<RunRow>>> byModelTier,
      List<String> metrics) {
    List<NormalityTest> out = new ArrayList<>();
    for (String m : models) {
      byModelTier
          .get(m)
          .forEach(
              (t, rows) -> {
                if (rows.size() < 3) {
                  return;
                }
                for (String metric : metrics) {
                  double[] v = values(rows, metric);
                  if (v.length < 3) {
                    continue;
                  }
                  TestResult r = ShapiroWilk.test(v);
                  out.add(
                      new NormalityTest(
                          m,
                          t,
                          metric,
                          v.length,
                          r.statistic(),
                          r.pValue(),
                          r.pValue() > p.alpha()));
                }
              });
    }
    return out;
  }

  private List<OmnibusTest> omnibus(
      List<String> models,
      Map<String, Map<String, List<RunRow>>> byModelTier,
      List<String> metrics) {
    List<OmnibusTest> out = new ArrayList<>();
    for (String m : models) {
      for (String metric : metrics) {
        List<double[]> groups = new ArrayList<>();
        byModelTier
            .get(m)
            .values()
            .forEach(
                rows -> {
                  double[] v = values(rows, metric);
                  if (v.length > 0) {
                    groups.add(v);
                  }
                });
        if (groups.size() < 2) {
          continue;
        }
        TestResult r = KruskalWallis.test(groups);
        out.add(
            new OmnibusTest(
                m, metric, groups.size(), r.statistic(), r.pValue(), r.significant(p.alpha())));
      }
    }
    return out;
  }

  private List<PairwiseComparison> pairwise(
      List<String> models,
      List<String> tierOrder,
      Map<String, Map<String, List<RunRow>>> byModelTier) {
    List<PairwiseComparison> out = new ArrayList<>();
    for (String metric : List.of("pass_rate", "impl_rate")) {
      int min = metric.equals("pass_rate") ? 1 : 2;
      for (String m : models) {
        Map<String, List<RunRow>> tiers = byModelTier.get(m);
        List<String[]> pairs = new ArrayList<>();
        List<double[][]> samples = new ArrayList<>();
        for (int i = 0; i + 1 < tierOrder.size(); i++) {
          double[] a = values(tiers.get(tierOrder.get(i)), metric);
          double[] b = values(tiers.get(tierOrder.get(i + 1)), metric);
          if (a.length < min || b.length < min) {
            continue;
          }
          pairs.add(new String[] {tierOrder.get(i), tierOrder.get(i + 1)});
          samples.add(new double[][] {a, b});
        }
        double[] raw = new double[pairs.size()];
        double[] u = new double[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
          TestResult r = MannWhitney.guarded(samples.get(i)[0], samples.get(i)[1]);
          u[i] = r.statistic();
          raw[i] = r.pValue();
        }
        double[] corrected = Holm.correct(raw);
        for (int i = 0; i < pairs.size(); i++) {
          out.add(
              new PairwiseComparison(
                  m,
                  pairs.get(i)[0],
                  pairs.get(i)[1],
                  samples.get(i)[0].length,
                  samples.get(i)[1].length,
                  u[i],
                  metric,
                  raw[i],
                  corrected[i],
                  corrected[i] < p.alpha()));
        }
      }
    }
    return out;
  }

  private List<Correlation> correlations(List<String> models, List<RunRow> runs) {
    List<Correlation> out = new ArrayList<>();
    for (String m : models) {
      List<RunRow> rows = runs.stream().filter(r -> r.agentModel().equals(m)).toList();
      for (String[] pair : CORRELATION_PAIRS) {
        List<double[]> xy = new ArrayList<>();
        for (RunRow r : rows) {
          double x = Columns.metric(r, pair[0]);
          double y = Columns.metric(r, pair[1]);
          if (!Double.isNaN(x) && !Double.isNaN(y)) {
            xy.add(new double[] {x, y});
          }
        }
        if (xy.size() < 3) {
          continue;
        }
        double[] x = xy.stream().mapToDouble(v -> v[0]).toArray();
        double[] y = xy.stream().mapToDouble(v -> v[1]).toArray();
        TestResult r = dev.scylla.analysis.stats.Correlation.spearman(x, y);
        out.add(
            new Correlation(
                m,
                pair[0],
                pair[1],
                x.length,
                r.statistic(),
                r.pValue(),
                r.significant(p.alpha())));
      }
    }
    return out;
  }

  private static List<TierDescriptive> descriptives(
      List<String> models, Map<String, Map<String, List<RunRow>>> byModelTier) {
    List<TierDescriptive> out = new ArrayList<>();
    for (String m : models) {
      Map<String, List<RunRow>> tiers = byModelTier.get(m);
      List<RunRow> all = new ArrayList<>();
      tiers.forEach(
          (t, rows) -> {
            all.addAll(rows);
            double[] cost = Columns.cost(rows);
            double pass = Descriptive.mean(Columns.passed(rows));
            double mean = Descriptive.mean(cost);
            out.add(
                new TierDescriptive(
                    m,
                    t,
                    rows.size(),
                    pass,
                    mean,
                    Descriptive.median(cost),
                    Descriptive.costOfPass(mean, pass),
                    null));
          });
      Derivations.Frontier f = Derivations.frontier(all);
      out.add(
          new TierDescriptive(
              m, "frontier", all.size(), Double.NaN, Double.NaN, Double.NaN, f.cop(), f.tier()));
    }
    return out;
  }

  /** Judge agreement per agent model over the runs' judge scores. */
  private static List<JudgeAgreement> judgeAgreement(List<String> models, Dataset data) {
    List<JudgeAgreement> out = new ArrayList<>();
    for (String m : models) {
      // run → judge number → score
      Map<String, Map<Integer, Double>> pivot = new LinkedHashMap<>();
      Map<Integer, String> judgeModels = new TreeMap<>();
      for (JudgeRow j : data.judges()) {
        // only valid verdicts: an invalid or fallback judgment is no judge's assessment
        if (!j.agentModel().equals(m) || !j.judgeIsValid()) {
          continue;
        }
        String run = j.experiment() + "/" + j.tier() + "/" + j.subtest() + "/" + j.runNumber();
        pivot.computeIfAbsent(run, k -> new TreeMap<>()).put(j.judgeNumber(), j.judgeScore());
        judgeModels.putIfAbsent(j.judgeNumber(), j.judgeModel());
      }
      List<Integer> judges = new ArrayList<>(judgeModels.keySet());
      if (judges.size() < 2) {
        continue;
      }
      for (int a = 0; a < judges.size(); a++) {
        for (int b = a + 1; b < judges.size(); b++) {
          int ja = judges.get(a);
          int jb = judges.get(b);
          List<double[]> xy = new ArrayList<>();
          for (Map<Integer, Double> s : pivot.values()) {
            Double x = s.get(ja);
            Double y = s.get(jb);
            if (x != null && y != null && !x.isNaN() && !y.isNaN()) {
              xy.add(new double[] {x, y});
            }
          }
          double[] x = xy.stream().mapToDouble(v -> v[0]).toArray();
          double[] y = xy.stream().mapToDouble(v -> v[1]).toArray();
          double[] diff = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            diff[i] = Math.abs(x[i] - y[i]);
          }
          out.add(
              new JudgeAgreement(
                  m,
                  ja,
                  jb,
                  judgeModels.get(ja),
                  judgeModels.get(jb),
                  x.length,
                  dev.scylla.analysis.stats.Correlation.spearman(x, y).statistic(),
                  dev.scylla.analysis.stats.Correlation.pearson(x, y).statistic(),
                  Descriptive.mean(diff),
                  Double.NaN));
        }
      }
      // Krippendorff's α over the runs every judge scored (the reference drops incomplete rows)
      List<double[]> complete = new ArrayList<>();
      for (Map<Integer, Double> s : pivot.values()) {
        double[] row = new double[judges.size()];
        boolean ok = true;
        for (int i = 0; i < judges.size(); i++) {
          Double v = s.get(judges.get(i));
          if (v == null || v.isNaN()) {
            ok = false;
            break;
          }
          row[i] = v;
        }
        if (ok) {
          complete.add(row);
        }
      }
      double[][] matrix = new double[judges.size()][complete.size()];
      for (int u = 0; u < complete.size(); u++) {
        for (int c = 0; c < judges.size(); c++) {
          matrix[c][u] = complete.get(u)[c];
        }
      }
      double alpha =
          complete.isEmpty() ? Double.NaN : Krippendorff.alpha(matrix, Krippendorff.Level.INTERVAL);
      out.add(
          new JudgeAgreement(
              m, 0, 0, null, null, complete.size(), Double.NaN, Double.NaN, Double.NaN, alpha));
    }
    return out;
  }

  private List<RetryTest> retryTests(List<RunOutcome> outcomes) {
    TreeSet<String> models = new TreeSet<>();
    outcomes.forEach(o -> models.add(o.agentModel()));
    List<RetryTest> out = new ArrayList<>();
    for (String m : models) {
      List<RunOutcome> first = new ArrayList<>();
      List<RunOutcome> retried = new ArrayList<>();
      for (RunOutcome o : outcomes) {
        if (o.agentModel().equals(m) && o.outcome() == Outcome.SCORED) {
          (o.retried() ? retried : first).add(o);
        }
      }
      for (String metric : List.of("pass_rate", "score")) {
        double[] a =
            Descriptive.finite(
                metric.equals("pass_rate")
                    ? Denominators.passes(first)
                    : Denominators.scores(first));
        double[] b =
            Descriptive.finite(
                metric.equals("pass_rate")
                    ? Denominators.passes(retried)
                    : Denominators.scores(retried));
        TestResult r =
            a.length < 2 || b.length < 2 ? TestResult.UNDEFINED : MannWhitney.guarded(b, a);
        out.add(
            new RetryTest(
                m,
                metric,
                a.length,
                b.length,
                Descriptive.mean(a),
                Descriptive.mean(b),
                r.statistic(),
                r.pValue(),
                CliffsDelta.delta(b, a),
                r.significant(p.alpha())));
      }
    }
    return out;
  }
}
