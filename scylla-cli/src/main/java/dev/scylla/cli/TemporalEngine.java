package dev.scylla.cli;

import dev.scylla.event.EventSink;
import dev.scylla.service.Scylla;
import dev.scylla.temporal.TemporalExecutor;
import dev.scylla.temporal.TemporalTarget;
import dev.scylla.temporal.TemporalWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The command line's one door to {@code scylla-temporal}. Its signatures name only JDK and library
 * types, and nothing refers to it outside the {@code --engine temporal} and {@code worker} paths,
 * so the JVM loads Temporal's classes only there.
 */
final class TemporalEngine {
  private TemporalEngine() {}

  /** Makes {@code scylla}'s runs execute as a workflow on the cluster; close the handle after. */
  static AutoCloseable executeOn(
      Scylla scylla,
      String address,
      String namespace,
      String taskQueue,
      boolean detach,
      Map<String, String> env) {
    TemporalTarget target = new TemporalTarget(address, namespace, taskQueue);
    TemporalTarget.Connection c = target.connect(env);
    scylla.executeWith(
        w ->
            new TemporalExecutor(
                c.client(),
                taskQueue,
                detach,
                TemporalExecutor.HEARTBEAT_TIMEOUT,
                scylla.events()));
    return c;
  }

  /** Runs a worker until the process is stopped. */
  static void work(
      Scylla scylla,
      String address,
      String namespace,
      String taskQueue,
      int concurrency,
      EventSink events,
      Map<String, String> env)
      throws InterruptedException {
    TemporalTarget target = new TemporalTarget(address, namespace, taskQueue);
    TemporalTarget.Connection c = target.connect(env);
    TemporalWorker worker =
        TemporalWorker.start(
            c.client(),
            taskQueue,
            concurrency,
            scylla::wiring,
            events,
            Clock.systemUTC(),
            Duration.ofSeconds(3));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.close();
                  c.close();
                },
                "scylla-worker-shutdown"));
    events.info(
        "worker polling the task queue "
            + taskQueue
            + " of "
            + address
            + " (namespace "
            + namespace
            + "), "
            + concurrency
            + " run(s) at a time");
    worker.awaitTermination();
  }
}
