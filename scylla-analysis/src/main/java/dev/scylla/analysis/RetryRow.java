package dev.scylla.analysis;

/**
 * One row of {@code retries.csv} (ours): runs scored at their first attempt against runs that
 * needed retries (earlier attempts archived under {@code .failed/}), per agent model and tier
 * ({@code tier} empty for the model's total). Means and rates are {@code NaN} for an empty side.
 *
 * @param archivedAttempts archived earlier attempts of this group's runs, by failure kind below
 */
public record RetryRow(
    String agentModel,
    String tier,
    int firstAttemptRuns,
    int firstAttemptPassed,
    double firstAttemptPassRate,
    double firstAttemptMeanScore,
    int retriedRuns,
    int retriedPassed,
    double retriedPassRate,
    double retriedMeanScore,
    double meanAttemptsRetried,
    int archivedAttempts,
    int archivedRateLimited,
    int archivedCrashed,
    int archivedTimedOut,
    int archivedInterrupted,
    int archivedNoVerdict,
    int archivedOther) {}
