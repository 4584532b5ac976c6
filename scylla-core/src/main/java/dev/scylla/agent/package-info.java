/**
 * Coding agents behind one interface ({@link dev.scylla.agent.AgentAdapter}): Claude Code, the
 * Codex CLI, and any shell command. An adapter writes every {@code agent/} file of a run itself,
 * runs the agent through {@code agent/replay.sh} in its own process group with a timeout, and
 * returns an {@link dev.scylla.agent.AgentOutcome}: finished, failed, rate-limited, timed out or
 * cancelled.
 */
package dev.scylla.agent;
