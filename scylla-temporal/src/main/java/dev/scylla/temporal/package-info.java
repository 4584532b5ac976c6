/**
 * The distributed executor: an experiment's runs as activities of one Temporal workflow per
 * experiment, executed by {@code scylla worker} processes on any machine that sees the experiment
 * directory at the same path. The workflow holds what the workers share (the rate-limit gates, the
 * stop, the cost limit, the progress); the files stay the truth, so a run retried on another worker
 * resumes from its journal at its first unfinished step. Only this package touches Temporal.
 */
package dev.scylla.temporal;
