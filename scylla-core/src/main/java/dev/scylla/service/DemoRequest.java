package dev.scylla.service;

import java.nio.file.Path;

/**
 * Run the bundled demo: a small experiment (2 tiers × 2 subtests × 2 runs, 3 judges) with the
 * offline simulator of the Claude Code CLI, a few injected failures that recover on retry.
 */
public record DemoRequest(Path resultsDir, int concurrency, long seed) {}
