/**
 * Git workspaces of runs: the shared clone of the task repository, one worktree per run at the
 * test's commit, the subtest's configuration (CLAUDE.md, skills, agents, settings) applied and
 * committed with an explicit identity, reliable removal; and the bundled demo ({@link
 * dev.scylla.workspace.DemoKit}).
 */
package dev.scylla.workspace;
