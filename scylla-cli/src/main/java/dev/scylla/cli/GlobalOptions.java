package dev.scylla.cli;

import dev.scylla.event.EventSink;
import dev.scylla.service.Scylla;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every command has. */
public final class GlobalOptions {
  /** When to draw a progress bar. */
  public enum Progress {
    AUTO,
    ALWAYS,
    NEVER
  }

  @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
  boolean stacktrace;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print only results and errors.")
  boolean quiet;

  @Option(
      names = "--progress",
      paramLabel = "WHEN",
      description = "Progress bar: auto (on a terminal), always, never. Default: ${DEFAULT-VALUE}.",
      defaultValue = "auto")
  Progress progress = Progress.AUTO;

  /** The event renderer for this invocation. */
  ConsoleEvents events(CommandLine.Model.CommandSpec spec) {
    boolean bar =
        switch (progress) {
          case ALWAYS -> true;
          case NEVER -> false;
          case AUTO -> System.console() != null;
        };
    return new ConsoleEvents(spec.commandLine().getErr(), bar, quiet);
  }

  /** The library facade, reporting events to the console. */
  Scylla scylla(CommandLine.Model.CommandSpec spec) {
    EventSink sink = events(spec);
    return Scylla.ofProcess(sink);
  }

  /**
   * The facade with the Claude Code executable for agents and judges replaced: {@code claude} names
   * one, {@code simulator} installs the bundled simulator's launcher and uses it.
   */
  Scylla scylla(CommandLine.Model.CommandSpec spec, ClaudeOptions executable) {
    if (!executable.given()) {
      return scylla(spec);
    }
    java.nio.file.Path claude;
    if (executable.simulator) {
      try {
        java.nio.file.Path bin = java.nio.file.Files.createTempDirectory("scylla-simulator-");
        claude = dev.scylla.simulator.SimulatorLauncher.install(bin);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    } else {
      claude = java.nio.file.Path.of(executable.claude);
    }
    return scylla(spec).withClaude(claude);
  }
}
