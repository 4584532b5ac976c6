package dev.scylla.temporal;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunMatrix;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.Ports;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunDriver;
import dev.scylla.run.RunFinal;
import dev.scylla.store.ExperimentStore;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A worker's activities: one run's state machine ({@link RunDriver}, the code of a local run) with
 * the workflow's gates, heartbeating while it runs; and the summaries.
 */
public final class RunActivitiesImpl implements RunActivities {
  private final WorkflowClient client;
  private final Function<ExperimentStore, Orchestrator.Wiring> wirings;
  private final EventSink events;
  private final Clock clock;
  private final Duration heartbeatEvery;
  private final ScheduledExecutorService beats;
  private final ExecutorService reads;

  /**
   * @param wirings the ports of an experiment on this worker (agents, judges, results)
   * @param heartbeatEvery how often a run in flight tells the cluster this worker is alive
   */
  public RunActivitiesImpl(
      WorkflowClient client,
      Function<ExperimentStore, Orchestrator.Wiring> wirings,
      EventSink events,
      Clock clock,
      Duration heartbeatEvery) {
    this.client = client;
    this.wirings = wirings;
    this.events = events;
    this.clock = clock;
    this.heartbeatEvery = heartbeatEvery;
    this.beats =
        Executors.newScheduledThreadPool(
            1,
            r -> {
              Thread t = new Thread(r, "scylla-heartbeats");
              t.setDaemon(true);
              return t;
            });
    this.reads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "scylla-workflow-reads");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Wire.RunEnd drive(Wire.RunTask task) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    String workflowId = ctx.getInfo().getWorkflowId();
    ExperimentWorkflow workflow = client.newWorkflowStub(ExperimentWorkflow.class, workflowId);
    RunControl control = new RunControl();
    WorkflowGates gates = new WorkflowGates(workflow, control, events, clock);
    String label = task.task().key().label();
    if (ctx.getInfo().getAttempt() > 1) {
      events.info(
          label
              + ": attempt "
              + ctx.getInfo().getAttempt()
              + " of its activity (the one before ended without a result); resuming from its"
              + " files");
    }
    AtomicBoolean reading = new AtomicBoolean();
    var beat =
        beats.scheduleWithFixedDelay(
            () -> heartbeat(ctx, control, gates, reading),
            0,
            heartbeatEvery.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      ExperimentStore store = ExperimentStore.open(Path.of(task.experimentDir()));
      List<String> warnings = new ArrayList<>();
      RunMatrix matrix = store.matrix(warnings);
      RunFinal f =
          RunDriver.drive(
              wirings.apply(store),
              store,
              matrix,
              task.task().toWork(),
              task.settings().toSettings(),
              control,
              gates,
              task.estimatePerRun(),
              events,
              clock);
      if (f.kind() == RunFinal.Kind.COMPLETED) {
        events.info(
            label
                + ": completed ("
                + (Boolean.TRUE.equals(f.passed()) ? "passed" : "not passed")
                + ")");
      } else if (f.kind() == RunFinal.Kind.FAILED_FINAL) {
        events.warn(label + ": final failure: " + f.reason());
      }
      return Wire.RunEnd.of(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      beat.cancel(false);
    }
  }

  /**
   * Tells the cluster this worker is alive and reads the workflow's stop. A cancelled activity
   * stops launching (its running step finishes); one the cluster no longer knows (it timed out and
   * was given to another worker) kills what it runs, so two workers do not run one run. The read is
   * a query, which a workflow may leave unanswered for seconds: it runs on its own thread, one at a
   * time per run, so it never holds up a heartbeat (of this run or of the others on this worker).
   */
  private void heartbeat(
      ActivityExecutionContext ctx,
      RunControl control,
      WorkflowGates gates,
      AtomicBoolean reading) {
    try {
      ctx.heartbeat(null);
    } catch (ActivityCanceledException e) {
      control.stopLaunching("the workflow was cancelled");
    } catch (ActivityCompletionException e) {
      events.warn("this worker's activity was taken away (" + e + "); killing its steps");
      control.cancel();
    } catch (RuntimeException e) {
      // the cluster is unreachable: keep going; it retries the run elsewhere if it must
    }
    if (reading.compareAndSet(false, true)) {
      try {
        reads.execute(
            () -> {
              try {
                gates.read("");
              } finally {
                reading.set(false);
              }
            });
      } catch (RuntimeException e) {
        reading.set(false);
      }
    }
  }

  @Override
  public void writeSummaries(String experimentDir, List<Wire.Subtest> subtests) {
    ExperimentStore store = ExperimentStore.open(Path.of(experimentDir));
    Ports.Results results = wirings.apply(store).results();
    List<Ports.SubtestId> ids =
        subtests.stream().map(s -> new Ports.SubtestId(s.tier(), s.subtest())).toList();
    events.info(
        "writing summaries of " + ids.size() + " subtest(s), their tiers and the experiment");
    try {
      results.writeSummaries(store, ids);
      results.writeExperimentSummary(store);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
