/**
 * An offline simulator of the Claude Code CLI ({@link dev.scylla.simulator.ClaudeSimulator}), in
 * agent and judge modes with the real CLI's output formats, configurable latency and token use, and
 * injectable failures (crash, hang, the API failures the real CLI reports: 429, 500, 529, 401,
 * malformed or empty output), plus {@link dev.scylla.simulator.SimulatorLauncher}, which installs a
 * {@code claude} launcher script. It lets {@code scylla demo} and the tests run whole experiments
 * with no network and no API key. Its entry point is a program: it prints what the real CLI prints,
 * in the shapes recorded from the real CLI (scylla-core's test fixtures {@code
 * claude-cli/<version>/}, checked by {@code SimulatorConformanceTest}).
 */
package dev.scylla.simulator;
