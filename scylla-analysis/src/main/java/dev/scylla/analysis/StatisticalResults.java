package dev.scylla.analysis;

import java.util.List;

/**
 * {@code statistical_results.json}. The first six lists are the reference's, in its key order; the
 * rest are ours (bootstrap intervals per tier, judge agreement, retried runs against first
 * attempts). A statistic that cannot be computed (too few values) is {@code NaN}, written as JSON
 * {@code null}.
 */
public record StatisticalResults(
    List<NormalityTest> normalityTests,
    List<OmnibusTest> omnibusTests,
    List<PairwiseComparison> pairwiseComparisons,
    List<EffectSize> effectSizes,
    List<Correlation> correlations,
    List<TierDescriptive> tierDescriptives,
    List<TierInterval> tierIntervals,
    List<JudgeAgreement> judgeAgreement,
    List<RetryTest> retryTests,
    List<PowerAnalysis> powerAnalysis,
    List<InteractionTest> interactionTests) {

  public StatisticalResults {
    normalityTests = List.copyOf(normalityTests);
    omnibusTests = List.copyOf(omnibusTests);
    pairwiseComparisons = List.copyOf(pairwiseComparisons);
    effectSizes = List.copyOf(effectSizes);
    correlations = List.copyOf(correlations);
    tierDescriptives = List.copyOf(tierDescriptives);
    tierIntervals = List.copyOf(tierIntervals);
    judgeAgreement = List.copyOf(judgeAgreement);
    retryTests = List.copyOf(retryTests);
    powerAnalysis = List.copyOf(powerAnalysis);
    interactionTests = List.copyOf(interactionTests);
  }

  /** Shapiro–Wilk per (model, tier, metric) with at least 3 values; normal when p > α. */
  public record NormalityTest(
      String model,
      String tier,
      String metric,
      int n,
      double wStatistic,
      double pValue,
      boolean isNormal) {}

  /** Kruskal–Wallis H across a model's tiers; NaN when any tier has fewer than 2 values. */
  public record OmnibusTest(
      String model,
      String metric,
      int nGroups,
      double hStatistic,
      double pValue,
      boolean isSignificant) {}

  /**
   * Mann–Whitney U between consecutive tiers; {@code pValue} is Holm–Bonferroni corrected within
   * the (model, metric) family, {@code pValueRaw} is not. {@code uStatistic} is U of tier1. {@code
   * overallContrast} marks HEAD's first→last tier pass-rate contrast.
   */
  public record PairwiseComparison(
      String model,
      String tier1,
      String tier2,
      int n1,
      int n2,
      double uStatistic,
      String metric,
      double pValueRaw,
      double pValue,
      boolean isSignificant,
      boolean overallContrast) {
    public PairwiseComparison(
        String model,
        String tier1,
        String tier2,
        int n1,
        int n2,
        double uStatistic,
        String metric,
        double pValueRaw,
        double pValue,
        boolean isSignificant) {
      this(
          model, tier1, tier2, n1, n2, uStatistic, metric, pValueRaw, pValue, isSignificant, false);
    }
  }

  /**
   * HEAD: simulated power of a consecutive-tier pass-rate comparison (metric {@code pass_rate}) at
   * the observed Cliff's δ and at δ = 0.3; or, with metric {@code pass_rate_omnibus}, of the
   * Kruskal–Wallis test across the model's tiers at ε² = 0.06 ({@code n1} = the model's runs,
   * {@code n2} and the observed values absent: NaN and null).
   */
  public record PowerAnalysis(
      String model,
      String metric,
      String tier1,
      String tier2,
      int n1,
      Integer n2,
      double observedDelta,
      double powerAtObserved,
      double powerAtMedium) {
    public boolean isOmnibus() {
      return "pass_rate_omnibus".equals(metric);
    }
  }

  /**
   * HEAD: Scheirer–Ray–Hare over all runs for one metric; {@code effect} is {@code agent_model},
   * {@code tier} or {@code interaction}.
   */
  public record InteractionTest(
      String metric,
      String effect,
      double hStatistic,
      int df,
      double pValue,
      boolean isSignificant) {}

  /**
   * Cliff's δ of tier2 against tier1 with its BCa bootstrap interval; significant when the interval
   * excludes 0.
   */
  public record EffectSize(
      String model,
      String metric,
      String tier1,
      String tier2,
      double cliffsDelta,
      double ciLow,
      double ciHigh,
      boolean isSignificant) {}

  /** Spearman's ρ between two run metrics of a model (uncorrected p, t approximation). */
  public record Correlation(
      String model,
      String metric1,
      String metric2,
      int n,
      double spearmanRho,
      double pValue,
      boolean isSignificant) {}

  /**
   * Pass rate and cost per (model, tier); then one row per model with {@code tier = "frontier"},
   * {@code n} = the model's runs, the smallest finite cost-of-pass and the tier it belongs to
   * ({@code frontierTier}, null on the per-tier rows). {@code cop} is {@code +Infinity} when
   * nothing passed.
   */
  public record TierDescriptive(
      String model,
      String tier,
      int n,
      double passRate,
      double meanCost,
      double medianCost,
      double cop,
      String frontierTier) {
    public boolean isFrontier() {
      return "frontier".equals(tier);
    }
  }

  /**
   * Ours: the mean of a metric over a (model, tier) with its 95% BCa bootstrap interval (10,000
   * resamples, fixed seed). Metrics {@code pass_rate}, {@code impl_rate}, {@code score}; for a
   * single run, or identical values, the interval collapses to the mean.
   */
  public record TierInterval(
      String model, String tier, String metric, int n, double mean, double ciLow, double ciHigh) {}

  /**
   * Ours: agreement of the judges on run scores, from valid verdicts only. One row per pair of
   * judge slots (Spearman, Pearson, mean |Δ score| over runs both scored), and one row with {@code
   * judge2 = 0} for Krippendorff's α (interval) over all judges (runs missing a judge are left out,
   * as the reference does).
   *
   * @param judge1 judge slot number
   * @param judge2 the other judge's slot, or 0 on the α row
   */
  public record JudgeAgreement(
      String model,
      int judge1,
      int judge2,
      String judgeModel1,
      String judgeModel2,
      int n,
      double spearmanRho,
      double pearsonR,
      double meanAbsDiff,
      double krippendorffAlpha) {
    public boolean isAlphaRow() {
      return judge2 == 0;
    }
  }

  /**
   * Ours: scored runs that needed retries against runs scored at their first attempt, per model and
   * metric ({@code pass_rate}, {@code score}): Mann–Whitney U (uncorrected) and Cliff's δ of
   * retried against first-attempt runs.
   */
  public record RetryTest(
      String model,
      String metric,
      int nFirstAttempt,
      int nRetried,
      double meanFirstAttempt,
      double meanRetried,
      double uStatistic,
      double pValue,
      double cliffsDelta,
      boolean isSignificant) {}
}
