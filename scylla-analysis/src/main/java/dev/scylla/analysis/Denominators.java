package dev.scylla.analysis;

import dev.scylla.analysis.stats.Bootstrap;
import dev.scylla.analysis.stats.Descriptive;
import dev.scylla.analysis.stats.Interval;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ours: both pass-rate denominators ({@code pass_rates.csv}) and retried runs against first
 * attempts ({@code retries.csv}), from the outcome of every expected run.
 */
public final class Denominators {
  private Denominators() {}

  /**
   * Rows for every agent model (scope {@code model}), every (model, tier) across experiments (scope
   * {@code tier}) and every (experiment, tier, subtest) (scope {@code subtest}), in that order;
   * models sorted, tiers T0..T6, subtests in order.
   */
  public static List<PassRateRow> passRates(List<RunOutcome> outcomes, AnalysisParameters p) {
    List<PassRateRow> out = new ArrayList<>();
    Map<String, List<RunOutcome>> byModel = group(outcomes, RunOutcome::agentModel, naturalOrder());
    byModel.forEach((m, list) -> out.add(row(PassRateRow.SCOPE_MODEL, "", m, "", "", list, p)));
    byModel.forEach(
        (m, list) ->
            group(list, RunOutcome::tier, Tiers.TIER_ORDER)
                .forEach((t, rows) -> out.add(row(PassRateRow.SCOPE_TIER, "", m, t, "", rows, p))));
    Map<String, List<RunOutcome>> byExperiment =
        group(outcomes, RunOutcome::experiment, naturalOrder());
    Comparator<SubtestKey> order =
        Comparator.comparing(SubtestKey::model)
            .thenComparing(SubtestKey::tier, Tiers.TIER_ORDER)
            .thenComparing(SubtestKey::subtest, Tiers.SUBTEST_ORDER);
    byExperiment.forEach(
        (e, list) ->
            group(list, o -> new SubtestKey(o.agentModel(), o.tier(), o.subtest()), order)
                .forEach(
                    (k, rows) ->
                        out.add(
                            row(
                                PassRateRow.SCOPE_SUBTEST,
                                e,
                                k.model(),
                                k.tier(),
                                k.subtest(),
                                rows,
                                p))));
    return out;
  }

  private static Comparator<String> naturalOrder() {
    return Comparator.naturalOrder();
  }

  private record SubtestKey(String model, String tier, String subtest) {}

  /** Groups by key (hashing), then orders the groups: few comparisons however many rows. */
  private static <K> Map<K, List<RunOutcome>> group(
      List<RunOutcome> list, Function<RunOutcome, K> key, Comparator<? super K> order) {
    Map<K, List<RunOutcome>> m = new HashMap<>();
    for (RunOutcome o : list) {
      m.computeIfAbsent(key.apply(o), k -> new ArrayList<>()).add(o);
    }
    List<K> keys = new ArrayList<>(m.keySet());
    keys.sort(order);
    Map<K, List<RunOutcome>> out = new LinkedHashMap<>();
    for (K k : keys) {
      out.put(k, m.get(k));
    }
    return out;
  }

  private static PassRateRow row(
      String scope,
      String experiment,
      String model,
      String tier,
      String subtest,
      List<RunOutcome> rows,
      AnalysisParameters p) {
    int notRun = 0;
    int infra = 0;
    int rate = 0;
    int crash = 0;
    int timeout = 0;
    int interrupted = 0;
    int noVerdict = 0;
    int scoredInfra = 0;
    int scored = 0;
    int passed = 0;
    int verdicts = 0;
    int verdictPasses = 0;
    for (RunOutcome o : rows) {
      if (o.passed() != null) {
        verdicts++;
        if (o.passed()) {
          verdictPasses++;
        }
      }
      switch (o.outcome()) {
        case NOT_RUN -> notRun++;
        case SCORED -> {
          scored++;
          if (Boolean.TRUE.equals(o.passed())) {
            passed++;
          }
        }
        case INFRA_FAILURE -> {
          infra++;
          if (o.passed() != null) {
            scoredInfra++;
          }
          switch (o.failure()) {
            case RATE_LIMIT -> rate++;
            case CRASH -> crash++;
            case TIMEOUT -> timeout++;
            case INTERRUPTED -> interrupted++;
            case NO_VERDICT -> noVerdict++;
            default -> {}
          }
        }
      }
    }
    int attempted = rows.size() - notRun;
    double[] strict = new double[attempted];
    for (int i = 0; i < passed; i++) {
      strict[i] = 1.0;
    }
    double[] excl = new double[attempted - infra];
    for (int i = 0; i < passed; i++) {
      excl[i] = 1.0;
    }
    Interval s = Bootstrap.mean(strict, p.bootstrapResamples(), p.seed(), p.confidenceLevel());
    Interval x = Bootstrap.mean(excl, p.bootstrapResamples(), p.seed(), p.confidenceLevel());
    return new PassRateRow(
        scope,
        experiment,
        model,
        tier,
        subtest,
        rows.size(),
        notRun,
        attempted,
        infra,
        rate,
        crash,
        timeout,
        interrupted,
        noVerdict,
        scoredInfra,
        scored,
        passed,
        verdicts == 0 ? Double.NaN : (double) verdictPasses / verdicts,
        s.estimate(),
        s.low(),
        s.high(),
        x.estimate(),
        x.low(),
        x.high());
  }

  /**
   * Scored runs by whether they needed retries, per agent model (tier empty) and per (model, tier);
   * models sorted, tiers T0..T6.
   */
  public static List<RetryRow> retries(List<RunOutcome> outcomes) {
    List<RetryRow> out = new ArrayList<>();
    Map<String, List<RunOutcome>> byModel = group(outcomes, RunOutcome::agentModel, naturalOrder());
    byModel.forEach(
        (m, list) -> {
          out.add(retryRow(m, "", list));
          group(list, RunOutcome::tier, Tiers.TIER_ORDER)
              .forEach((t, rows) -> out.add(retryRow(m, t, rows)));
        });
    return out;
  }

  private static RetryRow retryRow(String model, String tier, List<RunOutcome> rows) {
    List<RunOutcome> first = new ArrayList<>();
    List<RunOutcome> retried = new ArrayList<>();
    Map<FailureKind, Integer> kinds = new LinkedHashMap<>();
    int archived = 0;
    for (RunOutcome o : rows) {
      for (FailureKind k : o.archived()) {
        kinds.merge(k, 1, Integer::sum);
        archived++;
      }
      if (o.outcome() != Outcome.SCORED) {
        continue;
      }
      (o.retried() ? retried : first).add(o);
    }
    double meanAttempts =
        retried.isEmpty()
            ? Double.NaN
            : retried.stream().mapToInt(RunOutcome::attempts).sum() / (double) retried.size();
    return new RetryRow(
        model,
        tier,
        first.size(),
        (int) first.stream().filter(RunOutcome::passedScored).count(),
        Descriptive.mean(passes(first)),
        Descriptive.mean(scores(first)),
        retried.size(),
        (int) retried.stream().filter(RunOutcome::passedScored).count(),
        Descriptive.mean(passes(retried)),
        Descriptive.mean(scores(retried)),
        meanAttempts,
        archived,
        kinds.getOrDefault(FailureKind.RATE_LIMIT, 0),
        kinds.getOrDefault(FailureKind.CRASH, 0),
        kinds.getOrDefault(FailureKind.TIMEOUT, 0),
        kinds.getOrDefault(FailureKind.INTERRUPTED, 0),
        kinds.getOrDefault(FailureKind.NO_VERDICT, 0),
        kinds.getOrDefault(FailureKind.OTHER, 0));
  }

  static double[] passes(List<RunOutcome> rows) {
    return rows.stream().mapToDouble(o -> o.passedScored() ? 1.0 : 0.0).toArray();
  }

  static double[] scores(List<RunOutcome> rows) {
    return rows.stream().mapToDouble(RunOutcome::score).toArray();
  }
}
