package dev.scylla.analysis;

/**
 * One row of {@code judges.csv}: one judge's verdict on one run, from {@code
 * judge/judge_NN/judgment.json} and the slot's {@code MODEL.md}.
 *
 * @param judgeScore the judgment's {@code score} as written ({@code NaN} when absent)
 * @param judgeImplRate Σ achieved / Σ max over the judgment's criteria; {@code NaN} when Σ max is 0
 * @param judgeIsValid false only when the judgment says {@code "is_valid": false}
 */
public record JudgeRow(
    String experiment,
    String agentModel,
    String tier,
    String subtest,
    int runNumber,
    String judgeModel,
    int judgeNumber,
    double judgeScore,
    double judgeImplRate,
    boolean judgePassed,
    String judgeGrade,
    boolean judgeIsValid,
    String judgeReasoning) {}
