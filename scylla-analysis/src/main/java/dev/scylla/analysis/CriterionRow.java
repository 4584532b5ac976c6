package dev.scylla.analysis;

/**
 * One row of {@code criteria.csv}: one criterion of one judgment, in the judgment's key order.
 * Values are as written; a value that is not a number is {@code NaN}.
 */
public record CriterionRow(
    String experiment,
    String agentModel,
    String tier,
    String subtest,
    int runNumber,
    String judgeModel,
    int judgeNumber,
    String criterion,
    double criterionScore,
    double criterionAchieved,
    double criterionMax) {}
