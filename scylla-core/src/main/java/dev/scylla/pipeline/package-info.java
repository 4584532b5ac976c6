/**
 * The build pipeline run in a workspace before and after the agent: Python (byte-compile, root
 * scripts, {@code ruff check}, {@code pytest}, {@code pre-commit}) or Mojo. A tool that is not
 * installed is reported as N/A, never as a pass; each step's command and output are captured under
 * the run's {@code commands/} directory.
 */
package dev.scylla.pipeline;
