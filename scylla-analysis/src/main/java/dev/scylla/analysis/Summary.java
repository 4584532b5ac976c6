package dev.scylla.analysis;

import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: counts and descriptive statistics overall, per agent model and per tier.
 * Maps keep the reference's order (models by first appearance, tiers T0..T6).
 *
 * @param models agent models by first appearance
 * @param tiers tiers in lexicographic order, as the reference lists them
 */
public record Summary(
    int totalExperiments,
    int totalRuns,
    int totalJudgeEvaluations,
    int totalCriteriaScores,
    int totalSubtests,
    List<String> models,
    List<String> tiers,
    Overall overall,
    Map<String, ModelStats> byModel,
    Map<String, TierStats> byTier) {

  public Summary {
    models = List.copyOf(models);
    tiers = List.copyOf(tiers);
    byModel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byModel));
    byTier = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byTier));
  }

  /**
   * {@code overall_stats}.
   *
   * @param processMeans the mean of each process metric ({@link ProcessMetrics#NAMES}), NaN without
   *     data
   */
  public record Overall(
      double passRate,
      double meanScore,
      double meanImplRate,
      double medianImplRate,
      double totalCost,
      double meanCostPerRun,
      List<Double> processMeans) {
    public Overall {
      processMeans = List.copyOf(processMeans);
    }
  }

  /**
   * {@code by_model[model]}. Quartiles use linear interpolation (R type 7, numpy's default).
   *
   * @param cop mean cost / pass rate, {@code +Infinity} when nothing passed
   * @param frontierCop the smallest finite tier cost-of-pass, {@code +Infinity} when none
   * @param nSubtests distinct subtest labels across all tiers (the reference's definition)
   */
  public record ModelStats(
      int totalRuns,
      double passRate,
      double meanScore,
      double medianScore,
      double stdScore,
      double minScore,
      double maxScore,
      double q1Score,
      double q3Score,
      double meanImplRate,
      double medianImplRate,
      double stdImplRate,
      double minImplRate,
      double maxImplRate,
      double totalCost,
      double meanCostPerRun,
      double medianCost,
      double cop,
      double frontierCop,
      long totalTokens,
      double meanDuration,
      int nSubtests,
      List<String> tiers,
      List<Double> processMeans) {
    public ModelStats {
      tiers = List.copyOf(tiers);
      processMeans = List.copyOf(processMeans);
    }
  }

  /** {@code by_tier[tier]}, over every model's runs of the tier. */
  public record TierStats(
      int totalRuns,
      double passRate,
      double meanScore,
      double medianScore,
      double stdScore,
      double meanImplRate,
      double medianImplRate,
      double stdImplRate,
      double meanCost,
      double totalCost,
      double cop,
      int nSubtests,
      List<Double> processMeans) {
    public TierStats {
      processMeans = List.copyOf(processMeans);
    }
  }
}
