package dev.scylla.cli;

import picocli.CommandLine.Option;

/** Which Claude Code executable agents and judges use, for commands that launch them. */
public final class ClaudeOptions {
  @Option(
      names = "--claude",
      paramLabel = "PATH",
      description =
          "The Claude Code executable for agents and judges (default: the experiment's, else"
              + " $SCYLLA_CLAUDE, else claude on PATH).")
  String claude;

  @Option(
      names = "--simulator",
      description =
          "Use the bundled offline simulator of the Claude Code CLI (no network, no API key).")
  boolean simulator;

  boolean given() {
    return claude != null || simulator;
  }
}
