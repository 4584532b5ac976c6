package dev.scylla.cli;

import dev.scylla.model.ScyllaException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scylla worker}: execute runs for experiments started with {@code --engine temporal}. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Execute runs (agent, build pipeline, judges, run result) for experiments started with",
      "scylla run --engine temporal, until stopped. The experiment directories must be at the same",
      "path on this machine as on the starter's (a shared filesystem). A worker killed mid-run is",
      "replaced by another: the run resumes from its journal, no finished step is run again."
    })
public final class WorkerCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      required = true,
      description = "The Temporal server's frontend.")
  String temporal;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "The Temporal namespace (default: ${DEFAULT-VALUE}).")
  String namespace = "default";

  @Option(
      names = "--task-queue",
      paramLabel = "Q",
      description = "The task queue to poll (default: ${DEFAULT-VALUE}).")
  String taskQueue = "scylla";

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "Runs at a time on this worker (default: the number of processors, ${DEFAULT-VALUE}).")
  int concurrency = Runtime.getRuntime().availableProcessors();

  @Mixin GlobalOptions global;

  @Override
  public Integer call() throws InterruptedException {
    if (concurrency < 1) {
      throw ScyllaException.badInput("--concurrency must be at least 1");
    }
    var scylla = global.scylla(spec);
    TemporalEngine.work(
        scylla, temporal, namespace, taskQueue, concurrency, scylla.events(), System.getenv());
    return ExitCodes.OK;
  }
}
