package dev.scylla.analysis;

/**
 * One row of {@code runs.csv}: a run with a readable {@code run_result.json}. Columns in the
 * reference's order; doubles are {@code NaN} when the file has no usable value.
 *
 * @param experiment the experiment directory's name
 * @param agentModel the agent model's display name ({@code Sonnet 4.5})
 * @param subtest the subtest id as written on disk ({@code 00})
 * @param score the run's consensus score ({@code judge_score})
 * @param implRate the median over the run's judges of Σ achieved / Σ max of their criteria
 * @param totalTokens input + output + cache creation + cache read
 * @param extras the reference's HEAD columns (agent calls, models, process metrics)
 */
public record RunRow(
    String experiment,
    String agentModel,
    String tier,
    String subtest,
    int runNumber,
    double score,
    double implRate,
    boolean passed,
    String grade,
    double costUsd,
    double durationSeconds,
    double agentDurationSeconds,
    double judgeDurationSeconds,
    long inputTokens,
    long outputTokens,
    long cacheCreationTokens,
    long cacheReadTokens,
    long totalTokens,
    int exitCode,
    RunExtras extras) {

  public RunRow {
    if (extras == null) {
      extras = RunExtras.NONE;
    }
  }

  /** A row without the HEAD columns. */
  public RunRow(
      String experiment,
      String agentModel,
      String tier,
      String subtest,
      int runNumber,
      double score,
      double implRate,
      boolean passed,
      String grade,
      double costUsd,
      double durationSeconds,
      double agentDurationSeconds,
      double judgeDurationSeconds,
      long inputTokens,
      long outputTokens,
      long cacheCreationTokens,
      long cacheReadTokens,
      long totalTokens,
      int exitCode) {
    this(
        experiment,
        agentModel,
        tier,
        subtest,
        runNumber,
        score,
        implRate,
        passed,
        grade,
        costUsd,
        durationSeconds,
        agentDurationSeconds,
        judgeDurationSeconds,
        inputTokens,
        outputTokens,
        cacheCreationTokens,
        cacheReadTokens,
        totalTokens,
        exitCode,
        RunExtras.NONE);
  }

  /** {@code experiment/tier/subtest/run_NN}, for messages. */
  public String label() {
    return experiment + "/" + tier + "/" + subtest + "/run_" + String.format("%02d", runNumber);
  }
}
