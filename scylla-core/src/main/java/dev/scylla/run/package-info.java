/**
 * Orchestration: the per-run state machine ({@link dev.scylla.run.RunMachine}), bounded concurrency
 * and per-model rate-limit pauses ({@link dev.scylla.run.Orchestrator}), resume, bounded retries
 * and reruns. The outside world is reached through small ports (workspace, agent, pipeline, judge,
 * results) so the orchestration is tested with fakes and wired to the real implementations in
 * {@code dev.scylla.service}.
 */
package dev.scylla.run;
