package dev.scylla.analysis.tables;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.GradeCounts;
import dev.scylla.analysis.PassRateRow;
import dev.scylla.analysis.RunOutcome;
import dev.scylla.analysis.RunRow;
import dev.scylla.analysis.StatisticalResults.TierDescriptive;
import dev.scylla.analysis.StatisticalResults.TierInterval;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The per (agent model, tier) aggregates that tables and figures share, computed once from an
 * {@link Analysis}: distributions of score, implementation rate and cost, token and duration means,
 * grade counts, and the pass-rate rows and intervals the statistics computed. Figures draw these
 * aggregates, never one shape per run.
 *
 * <p>A tier appears when it has a scored run or an attempted one (a tier whose runs all failed for
 * infrastructure reasons has no scored run but still a strict pass rate of 0).
 */
public final class TierView {

  /**
   * The aggregates of one (model, tier).
   *
   * @param runs scored runs (rows of runs.csv)
   * @param subtests distinct (experiment, subtest) pairs planned or scored in the tier
   * @param passed scored runs that passed
   * @param score distribution of the consensus score over the scored runs
   * @param passRates both pass-rate denominators of the tier (null when the outcomes lack it)
   * @param descriptive the statistics' tier descriptives (cost-of-pass), or null
   * @param intervals the statistics' BCa intervals by metric ({@code pass_rate}, {@code score},
   *     {@code impl_rate})
   */
  public record Group(
      String model,
      String tier,
      int runs,
      int subtests,
      int passed,
      Dist score,
      Dist implRate,
      Dist cost,
      double totalCost,
      double meanDuration,
      double meanAgentDuration,
      double meanJudgeDuration,
      double meanInputTokens,
      double meanOutputTokens,
      double meanCacheCreationTokens,
      double meanCacheReadTokens,
      double meanTotalTokens,
      long totalTokens,
      GradeCounts grades,
      PassRateRow passRates,
      TierDescriptive descriptive,
      Map<String, TierInterval> intervals) {

    /** The reference's pass rate: passed / scored runs (NaN without scored runs). */
    public double passRate() {
      return runs == 0 ? Double.NaN : (double) passed / runs;
    }

    /** Cost-of-pass: the statistics' value when present, else mean cost / pass rate. */
    public double cop() {
      if (descriptive != null) {
        return descriptive.cop();
      }
      if (runs == 0) {
        return Double.NaN;
      }
      return passed == 0 ? Double.POSITIVE_INFINITY : cost.mean() / passRate();
    }

    public TierInterval interval(String metric) {
      return intervals.get(metric);
    }
  }

  private final List<String> models;
  private final Map<String, List<String>> tiers;
  private final Map<String, Group> groups;

  private TierView(
      List<String> models, Map<String, List<String>> tiers, Map<String, Group> groups) {
    this.models = models;
    this.tiers = tiers;
    this.groups = groups;
  }

  /** Agent models in the summary's order (first appearance), then any others found. */
  public List<String> models() {
    return models;
  }

  /** The tiers of a model in T0..T6 order. */
  public List<String> tiers(String model) {
    return tiers.getOrDefault(model, List.of());
  }

  /** All tiers of any model, in T0..T6 order. */
  public List<String> allTiers() {
    Set<String> all = new TreeSet<>(Tiers.TIER_ORDER);
    tiers.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  /** The group of (model, tier), or null. */
  public Group group(String model, String tier) {
    return groups.get(model + "\u0000" + tier);
  }

  /** A model's groups in tier order. */
  public List<Group> groups(String model) {
    List<Group> out = new ArrayList<>();
    for (String t : tiers(model)) {
      out.add(group(model, t));
    }
    return out;
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }

  public static TierView of(Analysis a) {
    Map<String, List<RunRow>> byKey = new LinkedHashMap<>();
    Set<String> modelSet =
        new LinkedHashSet<>(a.summary() == null ? List.of() : a.summary().models());
    Map<String, Set<String>> tierSets = new HashMap<>();
    for (RunRow r : a.data().runs()) {
      modelSet.add(r.agentModel());
      tierSets.computeIfAbsent(r.agentModel(), k -> new TreeSet<>(Tiers.TIER_ORDER)).add(r.tier());
      byKey.computeIfAbsent(key(r.agentModel(), r.tier()), k -> new ArrayList<>()).add(r);
    }
    Map<String, PassRateRow> passRates = new HashMap<>();
    for (PassRateRow p : a.passRates()) {
      if (PassRateRow.SCOPE_TIER.equals(p.scope())) {
        passRates.put(key(p.agentModel(), p.tier()), p);
        if (p.attempted() > 0) {
          modelSet.add(p.agentModel());
          tierSets
              .computeIfAbsent(p.agentModel(), k -> new TreeSet<>(Tiers.TIER_ORDER))
              .add(p.tier());
        }
      }
    }
    Map<String, Set<String>> plannedSubtests = new HashMap<>();
    for (RunOutcome o : a.data().outcomes()) {
      plannedSubtests
          .computeIfAbsent(key(o.agentModel(), o.tier()), k -> new LinkedHashSet<>())
          .add(o.experiment() + "\u0000" + o.subtest());
      if (o.outcome() != dev.scylla.analysis.Outcome.NOT_RUN) {
        modelSet.add(o.agentModel());
        tierSets
            .computeIfAbsent(o.agentModel(), k -> new TreeSet<>(Tiers.TIER_ORDER))
            .add(o.tier());
      }
    }
    Map<String, TierDescriptive> descriptives = new HashMap<>();
    Map<String, Map<String, TierInterval>> intervals = new HashMap<>();
    if (a.statistics() != null) {
      for (TierDescriptive d : a.statistics().tierDescriptives()) {
        if (!d.isFrontier()) {
          descriptives.put(key(d.model(), d.tier()), d);
        }
      }
      for (TierInterval i : a.statistics().tierIntervals()) {
        intervals
            .computeIfAbsent(key(i.model(), i.tier()), k -> new HashMap<>())
            .put(i.metric(), i);
      }
    }
    List<String> models = new ArrayList<>();
    Map<String, List<String>> tiers = new LinkedHashMap<>();
    Map<String, Group> groups = new HashMap<>();
    for (String m : modelSet) {
      Set<String> ts = tierSets.get(m);
      if (ts == null || ts.isEmpty()) {
        continue;
      }
      models.add(m);
      tiers.put(m, List.copyOf(ts));
      for (String t : ts) {
        String k = key(m, t);
        groups.put(
            k,
            group(
                m,
                t,
                byKey.getOrDefault(k, List.of()),
                plannedSubtests.getOrDefault(k, Set.of()),
                passRates.get(k),
                descriptives.get(k),
                intervals.getOrDefault(k, Map.of())));
      }
    }
    return new TierView(List.copyOf(models), tiers, groups);
  }

  private static String key(String model, String tier) {
    return model + "\u0000" + tier;
  }

  private static Group group(
      String model,
      String tier,
      List<RunRow> runs,
      Set<String> planned,
      PassRateRow pr,
      TierDescriptive d,
      Map<String, TierInterval> intervals) {
    int n = runs.size();
    double[] score = new double[n];
    double[] impl = new double[n];
    double[] cost = new double[n];
    double totalCost = 0;
    double dur = 0;
    double agent = 0;
    double judge = 0;
    int durN = 0;
    int agentN = 0;
    int judgeN = 0;
    long in = 0;
    long out = 0;
    long cc = 0;
    long cr = 0;
    long total = 0;
    int passed = 0;
    GradeCounts grades = GradeCounts.NONE;
    Set<String> subtests = new LinkedHashSet<>(planned);
    for (int i = 0; i < n; i++) {
      RunRow r = runs.get(i);
      score[i] = r.score();
      impl[i] = r.implRate();
      cost[i] = r.costUsd();
      if (!Double.isNaN(r.costUsd())) {
        totalCost += r.costUsd();
      }
      if (!Double.isNaN(r.durationSeconds())) {
        dur += r.durationSeconds();
        durN++;
      }
      if (!Double.isNaN(r.agentDurationSeconds())) {
        agent += r.agentDurationSeconds();
        agentN++;
      }
      if (!Double.isNaN(r.judgeDurationSeconds())) {
        judge += r.judgeDurationSeconds();
        judgeN++;
      }
      in += r.inputTokens();
      out += r.outputTokens();
      cc += r.cacheCreationTokens();
      cr += r.cacheReadTokens();
      total += r.totalTokens();
      passed += r.passed() ? 1 : 0;
      grades = grades.plus(r.grade());
      subtests.add(r.experiment() + "\u0000" + r.subtest());
    }
    double nn = n == 0 ? Double.NaN : n;
    return new Group(
        model,
        tier,
        n,
        subtests.size(),
        passed,
        Dist.of(score),
        Dist.of(impl),
        Dist.of(cost),
        totalCost,
        durN == 0 ? Double.NaN : dur / durN,
        agentN == 0 ? Double.NaN : agent / agentN,
        judgeN == 0 ? Double.NaN : judge / judgeN,
        in / nn,
        out / nn,
        cc / nn,
        cr / nn,
        total / nn,
        total,
        grades,
        pr,
        d,
        Map.copyOf(intervals));
  }
}
