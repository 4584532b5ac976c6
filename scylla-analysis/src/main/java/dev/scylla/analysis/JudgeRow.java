package dev.scylla.analysis;

import dev.scylla.model.JudgeSpend;

/**
 * One row of {@code judges.csv}: one judge's verdict on one run, from {@code
 * judge/judge_NN/judgment.json} and the slot's {@code MODEL.md}.
 *
 * @param judgeScore the judgment's {@code score} as written ({@code NaN} when absent)
 * @param judgeImplRate Σ achieved / Σ max over the judgment's criteria; {@code NaN} when Σ max is 0
 * @param judgeIsValid false only when the judgment says {@code "is_valid": false}
 * @param spend the judge calls the slot's attempt journal records (every attempt and reminder of
 *     the slot as it is; set-aside journals are archived spend), {@link JudgeSpend#NONE} without
 *     one
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
    String judgeReasoning,
    JudgeSpend spend) {

  public JudgeRow {
    spend = spend == null ? JudgeSpend.NONE : spend;
  }

  public JudgeRow(
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
      String judgeReasoning) {
    this(
        experiment,
        agentModel,
        tier,
        subtest,
        runNumber,
        judgeModel,
        judgeNumber,
        judgeScore,
        judgeImplRate,
        judgePassed,
        judgeGrade,
        judgeIsValid,
        judgeReasoning,
        JudgeSpend.NONE);
  }

  /** The known cost of the slot's calls; NaN when it records none of known cost. */
  public double judgeCostUsd() {
    return spend.calls() - spend.unpricedCalls() > 0 ? spend.costUsd() : Double.NaN;
  }

  /** {@code experiment/tier/subtest/run_NN} of the run judged. */
  public String runLabel() {
    return experiment + "/" + tier + "/" + subtest + "/run_" + String.format("%02d", runNumber);
  }
}
