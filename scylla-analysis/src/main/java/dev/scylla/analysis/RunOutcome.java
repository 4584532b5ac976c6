package dev.scylla.analysis;

import java.util.List;

/**
 * One row of {@code outcomes.csv} (ours): every expected run of every experiment, including runs
 * that have no row in {@code runs.csv}, with what it contributes to the pass-rate denominators and
 * how many attempts it took.
 *
 * @param status the run's classification ({@code completed}, {@code results}, {@code failed},
 *     {@code partial}, {@code missing}), as {@code scylla status} reports it
 * @param failure why an {@link Outcome#INFRA_FAILURE} run failed; null otherwise
 * @param passed the verdict of a run with a {@code runs.csv} row; null when it has none
 * @param score the consensus score of a run with a {@code runs.csv} row, else {@code NaN}
 * @param attempts 1 + the archived earlier attempts of this run
 * @param archived the failure kind of each archived attempt, oldest first
 * @param reason one line saying why the run has this outcome
 */
public record RunOutcome(
    String experiment,
    String agentModel,
    String tier,
    String subtest,
    int runNumber,
    String status,
    Outcome outcome,
    FailureKind failure,
    Boolean passed,
    double score,
    int attempts,
    List<FailureKind> archived,
    String reason) {

  public RunOutcome {
    archived = List.copyOf(archived);
  }

  /** True when the run needed more than one attempt. */
  public boolean retried() {
    return attempts > 1;
  }

  /** True when the run has a verdict that counts and it passed. */
  public boolean passedScored() {
    return outcome == Outcome.SCORED && Boolean.TRUE.equals(passed);
  }
}
