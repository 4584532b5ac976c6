package dev.scylla.model;

/**
 * {@code judge/timing.json} (the wall time of all judges of a run) or {@code
 * judge/judge_NN/timing.json} (one slot).
 *
 * @param failed true when the file records a failed attempt ({@code failed: true})
 */
public record JudgeTiming(double judgeDurationSeconds, String measuredAt, boolean failed) {}
