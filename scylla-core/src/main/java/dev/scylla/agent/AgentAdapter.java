package dev.scylla.agent;

import dev.scylla.process.Cancellation;
import java.io.IOException;

/**
 * Runs a coding agent on a workspace. Implementations write every {@code agent/} file themselves
 * (through {@code AtomicFiles}; the process's stdout and stderr stream straight into {@code
 * agent/stdout.log} and {@code agent/stderr.log}), in the reference's order: {@code prompt.md},
 * {@code command_log.json}, {@code replay.sh} before the process; the command log update, {@code
 * timing.json}, {@code output.txt}, {@code result.json}, {@code MODEL.md} after it. They are
 * thread-safe: one instance serves concurrent runs.
 */
public interface AgentAdapter {

  /** {@code claude-code}, {@code codex} or {@code command}. */
  String name();

  /**
   * Runs the agent to its end, its timeout, or cancellation.
   *
   * @throws IOException when the run's files cannot be written (e.g. a full disk)
   */
  AgentOutcome run(AgentInvocation invocation, Cancellation cancellation) throws IOException;
}
