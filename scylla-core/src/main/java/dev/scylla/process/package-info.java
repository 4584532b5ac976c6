/**
 * Subprocesses: every external program (agent CLIs, judge CLIs, git, build tools) runs through
 * {@link dev.scylla.process.ProcessLauncher}, in its own process group, with its output streamed to
 * files, a timeout, and the whole process tree killed on timeout or cancellation.
 */
package dev.scylla.process;
