package dev.scylla.temporal;

import dev.scylla.event.EventSink;
import dev.scylla.run.Orchestrator;
import dev.scylla.store.ExperimentStore;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A worker: polls the task queue for the experiment workflows and for runs, executing at most
 * {@code concurrency} runs at a time.
 *
 * <p>Workers do not keep workflows sticky (bound to the worker that ran their last task, which then
 * gets their next task and their queries): Temporal's test server never moves a workflow off the
 * sticky queue of a worker that died, so the experiment would wait forever for a dead worker. Each
 * workflow task and each gate query is instead served by any live worker, which replays the
 * workflow's history to do it (a cost that grows with the experiment: see the README's Scale out).
 */
public final class TemporalWorker implements AutoCloseable {
  private final WorkerFactory factory;

  private TemporalWorker(WorkerFactory factory) {
    this.factory = factory;
  }

  /**
   * Registers the workflow and the activities on {@code taskQueue} and starts polling.
   *
   * @param heartbeatEvery how often a run in flight heartbeats (well under the heartbeat timeout)
   */
  public static TemporalWorker start(
      WorkflowClient client,
      String taskQueue,
      int concurrency,
      Function<ExperimentStore, Orchestrator.Wiring> wirings,
      EventSink events,
      Clock clock,
      Duration heartbeatEvery) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    register(factory, client, taskQueue, concurrency, wirings, events, clock, heartbeatEvery);
    factory.start();
    return new TemporalWorker(factory);
  }

  /** Registers the workflow and activities with a factory the caller starts (tests). */
  public static Worker register(
      WorkerFactory factory,
      WorkflowClient client,
      String taskQueue,
      int concurrency,
      Function<ExperimentStore, Orchestrator.Wiring> wirings,
      EventSink events,
      Clock clock,
      Duration heartbeatEvery) {
    Worker worker =
        factory.newWorker(
            taskQueue,
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(concurrency)
                .setMaxConcurrentActivityTaskPollers(Math.min(concurrency, 4))
                .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                .build());
    worker.registerWorkflowImplementationTypes(ExperimentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RunActivitiesImpl(client, wirings, events, clock, heartbeatEvery));
    return worker;
  }

  /** Blocks until the worker is shut down (by {@link #close()} from another thread). */
  public void awaitTermination() throws InterruptedException {
    while (!factory.isTerminated()) {
      factory.awaitTermination(1, TimeUnit.HOURS);
    }
  }

  /** Stops polling; runs in flight are interrupted and retried on another worker. */
  @Override
  public void close() {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
