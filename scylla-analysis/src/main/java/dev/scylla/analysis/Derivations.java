package dev.scylla.analysis;

import dev.scylla.analysis.stats.Descriptive;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code subtests.csv} and {@code summary.json} from the run rows, as the reference derives them.
 */
public final class Derivations {
  private Derivations() {}

  /** The four grouping keys of subtests.csv, compared as strings (pandas sorts groups so). */
  private record SubtestKey(String experiment, String model, String tier, String subtest)
      implements Comparable<SubtestKey> {
    private static final Comparator<SubtestKey> ORDER =
        Comparator.comparing(SubtestKey::experiment)
            .thenComparing(SubtestKey::model)
            .thenComparing(SubtestKey::tier)
            .thenComparing(SubtestKey::subtest);

    @Override
    public int compareTo(SubtestKey o) {
      return ORDER.compare(this, o);
    }
  }

  /** One row per (experiment, agent model, tier, subtest), keys in lexicographic order. */
  public static List<SubtestRow> subtests(List<RunRow> runs) {
    Map<SubtestKey, List<RunRow>> groups = new TreeMap<>();
    for (RunRow r : runs) {
      groups
          .computeIfAbsent(
              new SubtestKey(r.experiment(), r.agentModel(), r.tier(), r.subtest()),
              k -> new ArrayList<>())
          .add(r);
    }
    List<SubtestRow> out = new ArrayList<>();
    groups.forEach(
        (k, rows) -> {
          double[] score = Columns.score(rows);
          double[] impl = Columns.implRate(rows);
          double[] cost = Columns.cost(rows);
          double passRate = Descriptive.mean(Columns.passed(rows));
          double meanScore = Descriptive.mean(score);
          double stdScore = Descriptive.std(score);
          double meanCost = Descriptive.mean(cost);
          GradeCounts grades = GradeCounts.NONE;
          for (RunRow r : rows) {
            grades = grades.plus(r.grade());
          }
          out.add(
              new SubtestRow(
                  k.experiment(),
                  k.model(),
                  k.tier(),
                  k.subtest(),
                  rows.size(),
                  passRate,
                  meanScore,
                  Descriptive.median(score),
                  stdScore,
                  Descriptive.mean(impl),
                  Descriptive.median(impl),
                  Descriptive.std(impl),
                  Descriptive.consistency(meanScore, stdScore),
                  meanCost,
                  Descriptive.nanSum(cost),
                  Descriptive.mean(Columns.duration(rows)),
                  Descriptive.costOfPass(meanCost, passRate),
                  grades,
                  modalGrade(rows),
                  ProcessMetrics.stats(rows)));
        });
    return out;
  }

  /**
   * pandas {@code mode()[0]} of the grades: the most frequent, ties to the smallest string; "F"
   * when there are none.
   */
  static String modalGrade(List<RunRow> rows) {
    Map<String, Integer> counts = new TreeMap<>();
    for (RunRow r : rows) {
      if (r.grade() != null) {
        counts.merge(r.grade(), 1, Integer::sum);
      }
    }
    String best = "F";
    int bestCount = 0;
    for (var e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  /** {@code summary.json}. */
  public static Summary summary(Dataset data, List<SubtestRow> subtests) {
    List<RunRow> runs = data.runs();
    List<String> models =
        new ArrayList<>(new LinkedHashSet<>(runs.stream().map(RunRow::agentModel).toList()));
    List<String> tiers = new ArrayList<>(new TreeSet<>(runs.stream().map(RunRow::tier).toList()));
    double[] cost = Columns.cost(runs);
    double[] impl = Columns.implRate(runs);
    Summary.Overall overall =
        new Summary.Overall(
            Descriptive.mean(Columns.passed(runs)),
            Descriptive.mean(Columns.score(runs)),
            Descriptive.mean(impl),
            Descriptive.median(impl),
            Descriptive.nanSum(cost),
            Descriptive.mean(cost),
            ProcessMetrics.means(runs));
    Map<String, Summary.ModelStats> byModel = new LinkedHashMap<>();
    for (String m : models) {
      List<RunRow> rows = runs.stream().filter(r -> r.agentModel().equals(m)).toList();
      byModel.put(m, modelStats(rows));
    }
    Map<String, Summary.TierStats> byTier = new LinkedHashMap<>();
    List<String> natural = new ArrayList<>(tiers);
    natural.sort(Tiers.TIER_ORDER);
    for (String t : natural) {
      List<RunRow> rows = runs.stream().filter(r -> r.tier().equals(t)).toList();
      byTier.put(t, tierStats(rows));
    }
    return new Summary(
        data.experiments().size(),
        runs.size(),
        data.judges().size(),
        data.criteria().size(),
        subtests.size(),
        models,
        tiers,
        overall,
        byModel,
        byTier);
  }

  private static Summary.ModelStats modelStats(List<RunRow> rows) {
    double[] score = Columns.score(rows);
    double[] impl = Columns.implRate(rows);
    double[] cost = Columns.cost(rows);
    double passRate = Descriptive.mean(Columns.passed(rows));
    double meanCost = Descriptive.mean(cost);
    long tokens = 0;
    for (RunRow r : rows) {
      tokens += r.totalTokens();
    }
    return new Summary.ModelStats(
        rows.size(),
        passRate,
        Descriptive.mean(score),
        Descriptive.median(score),
        Descriptive.std(score),
        Descriptive.min(score),
        Descriptive.max(score),
        Descriptive.quantile(score, 0.25),
        Descriptive.quantile(score, 0.75),
        Descriptive.mean(impl),
        Descriptive.median(impl),
        Descriptive.std(impl),
        Descriptive.min(impl),
        Descriptive.max(impl),
        Descriptive.nanSum(cost),
        meanCost,
        Descriptive.median(cost),
        Descriptive.costOfPass(meanCost, passRate),
        frontier(rows).cop(),
        tokens,
        Descriptive.mean(Columns.duration(rows)),
        (int) rows.stream().map(RunRow::subtest).distinct().count(),
        new ArrayList<>(new TreeSet<>(rows.stream().map(RunRow::tier).toList())),
        ProcessMetrics.means(rows));
  }

  private static Summary.TierStats tierStats(List<RunRow> rows) {
    double[] score = Columns.score(rows);
    double[] impl = Columns.implRate(rows);
    double[] cost = Columns.cost(rows);
    double passRate = Descriptive.mean(Columns.passed(rows));
    double meanCost = Descriptive.mean(cost);
    return new Summary.TierStats(
        rows.size(),
        passRate,
        Descriptive.mean(score),
        Descriptive.median(score),
        Descriptive.std(score),
        Descriptive.mean(impl),
        Descriptive.median(impl),
        Descriptive.std(impl),
        meanCost,
        Descriptive.nanSum(cost),
        Descriptive.costOfPass(meanCost, passRate),
        (int) rows.stream().map(RunRow::subtest).distinct().count(),
        ProcessMetrics.means(rows));
  }

  /** The smallest finite tier cost-of-pass of a model's runs and its tier (first on ties). */
  record Frontier(double cop, String tier) {}

  static Frontier frontier(List<RunRow> modelRows) {
    Map<String, List<RunRow>> byTier = new TreeMap<>(Tiers.TIER_ORDER);
    for (RunRow r : modelRows) {
      byTier.computeIfAbsent(r.tier(), k -> new ArrayList<>()).add(r);
    }
    double best = Double.POSITIVE_INFINITY;
    String tier = null;
    for (var e : byTier.entrySet()) {
      double cop =
          Descriptive.costOfPass(
              Descriptive.mean(Columns.cost(e.getValue())),
              Descriptive.mean(Columns.passed(e.getValue())));
      if (Double.isFinite(cop) && cop < best) {
        best = cop;
        tier = e.getKey();
      }
    }
    return new Frontier(best, tier);
  }
}
