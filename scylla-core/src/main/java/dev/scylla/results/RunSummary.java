package dev.scylla.results;

import dev.scylla.model.RunKey;
import dev.scylla.model.RunResult;
import dev.scylla.model.TokenStats;

/**
 * The few numbers of one run that subtest, tier and experiment summaries need. Summaries keep one
 * of these per run instead of the run's files, so their memory does not grow with file sizes.
 */
public record RunSummary(
    RunKey key,
    double score,
    boolean passed,
    String grade,
    double costUsd,
    TokenStats tokens,
    double durationSeconds) {

  public static RunSummary of(RunKey key, RunResult r) {
    return new RunSummary(
        key,
        r.judgeScore(),
        r.judgePassed(),
        r.judgeGrade(),
        r.costUsd(),
        r.tokenStats(),
        r.durationSeconds());
  }

  public int runNumber() {
    return key.run();
  }
}
