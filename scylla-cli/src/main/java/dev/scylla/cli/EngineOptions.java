package dev.scylla.cli;

import dev.scylla.model.ScyllaException;
import dev.scylla.run.RunControl;
import dev.scylla.service.Scylla;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * Where the runs of {@code run} and {@code demo} execute: on this machine (default), or on the
 * workers of a Temporal cluster. Temporal's classes are touched only with {@code --engine temporal}
 * (through {@link TemporalEngine}), so a local run never loads them.
 */
public final class EngineOptions {
  /** The executors. */
  public enum Engine {
    LOCAL,
    TEMPORAL
  }

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "local (this machine, default) or temporal: the runs execute on the scylla workers of a"
              + " Temporal cluster (see --temporal).")
  Engine engine = Engine.LOCAL;

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      description = "With --engine temporal: the Temporal server's frontend.")
  String temporal;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "With --engine temporal: the Temporal namespace (default: default).")
  String namespace = "default";

  @Option(
      names = "--task-queue",
      paramLabel = "Q",
      description = "With --engine temporal: the task queue the workers poll (default: scylla).")
  String taskQueue = "scylla";

  @Option(
      names = "--detach",
      description =
          "With --engine temporal: return once the workflow has started; it goes on on the workers.")
  boolean detach;

  boolean temporal() {
    return engine == Engine.TEMPORAL;
  }

  /**
   * The exit code of a session that executed with these options: a detached start is done once the
   * workflow runs; a starter detached by Ctrl+C was interrupted.
   */
  int exitCode(dev.scylla.service.RunReport report, RunControl control) {
    if (temporal() && report.work() != null) {
      if (detach) {
        return ExitCodes.OK;
      }
      if (control.launchingStopped()
          && control.stopReason() != null
          && control.stopReason().contains("Ctrl+C")) {
        return ExitCodes.INTERRUPTED;
      }
    }
    return RunPrinter.exitCode(report);
  }

  /**
   * Installs Ctrl+C handling and, for Temporal, the executor; the returned handle closes the
   * connection.
   */
  AutoCloseable apply(Scylla scylla, RunControl control, PrintWriter err) {
    if (!temporal()) {
      if (temporal != null || detach) {
        throw ScyllaException.badInput("--temporal and --detach need --engine temporal");
      }
      Interrupts.install(control, err);
      return () -> {};
    }
    if (temporal == null) {
      throw ScyllaException.badInput("--engine temporal needs --temporal HOST:PORT");
    }
    Interrupts.installDetach(control, err);
    return TemporalEngine.executeOn(
        scylla, temporal, namespace, taskQueue, detach, System.getenv());
  }
}
