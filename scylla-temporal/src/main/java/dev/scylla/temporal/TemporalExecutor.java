package dev.scylla.temporal;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.run.Executor;
import dev.scylla.run.OrchestrationReport;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunFinal;
import dev.scylla.run.RunSettings;
import dev.scylla.run.Work;
import dev.scylla.store.ExperimentStore;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Executes a session's plan as one Temporal workflow per experiment, on whatever workers poll the
 * task queue. The workflow's id is derived from the experiment directory, so a second start while
 * it runs (a starter restarted, another user) attaches to it instead of running the runs twice.
 * Waiting, it reports the workflow's progress; a stop of the starter (Ctrl+C) detaches and leaves
 * the workflow running; {@code detach} returns as soon as the workflow has started.
 */
public final class TemporalExecutor implements Executor {
  /** The default time a worker may stay silent before its run is retried on another. */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);

  private final WorkflowClient client;
  private final String taskQueue;
  private final boolean detach;
  private final Duration heartbeatTimeout;
  private final EventSink events;

  public TemporalExecutor(
      WorkflowClient client,
      String taskQueue,
      boolean detach,
      Duration heartbeatTimeout,
      EventSink events) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.detach = detach;
    this.heartbeatTimeout = heartbeatTimeout;
    this.events = events;
  }

  /**
   * The workflow id of an experiment: {@code scylla-<directory name>-<12 hex digits of the SHA-256
   * of its absolute path>}, the same from every machine that sees it at the same path.
   */
  public static String workflowId(java.nio.file.Path experimentDir) {
    String path = experimentDir.toAbsolutePath().normalize().toString();
    String name = experimentDir.toAbsolutePath().normalize().getFileName().toString();
    name = name.replaceAll("[^A-Za-z0-9._-]", "_");
    if (name.length() > 80) {
      name = name.substring(0, 80);
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
      return "scylla-" + name + "-" + HexFormat.of().formatHex(h).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public OrchestrationReport execute(
      ExperimentStore store,
      RunMatrix matrix,
      List<Work> work,
      int concurrency,
      RunSettings settings,
      RunControl control,
      double estimatePerRun)
      throws IOException {
    return executePhases(
        store, matrix, List.of(work), concurrency, settings, control, estimatePerRun);
  }

  @Override
  public OrchestrationReport executePhases(
      ExperimentStore store,
      RunMatrix matrix,
      List<List<Work>> phases,
      int concurrency,
      RunSettings settings,
      RunControl control,
      double estimatePerRun) {
    String id = workflowId(store.root());
    Wire.ExperimentInput input =
        new Wire.ExperimentInput(
            store.root().toAbsolutePath().normalize().toString(),
            phases.stream().map(p -> p.stream().map(Wire.Task::of).toList()).toList(),
            concurrency,
            Wire.Settings.of(settings),
            estimatePerRun,
            heartbeatTimeout.toMillis());
    Set<RunKey> wanted = new HashSet<>();
    phases.forEach(p -> p.forEach(w -> wanted.add(w.key())));
    List<RunFinal> finals = new ArrayList<>();
    double spent = 0;
    Duration elapsed = Duration.ZERO;
    String stop = null;
    // at most twice: a workflow found running (started by an earlier starter) may have had other
    // runs to do; what it left of this plan is started again once it has ended
    for (int round = 0; round < 2; round++) {
      boolean attached = start(id, input);
      if (detach) {
        events.info(
            "detached: the workflow "
                + id
                + " goes on on the workers; follow it with scylla status, wait for it with scylla"
                + " run EXP --engine temporal");
        return stopped(wanted, finals, "detached: running in the workflow " + id);
      }
      Wire.ExperimentResult r = await(id, control);
      if (r == null) {
        return stopped(
            wanted,
            finals,
            "detached (" + control.stopReason() + "): the workflow " + id + " goes on");
      }
      OrchestrationReport rep = r.toReport();
      for (RunFinal f : rep.runs()) {
        if (wanted.remove(f.key())) {
          finals.add(f);
        }
      }
      spent += rep.spentUsd();
      elapsed = elapsed.plus(rep.elapsed());
      stop = stop != null ? stop : rep.stopReason();
      if (wanted.isEmpty() || !attached || stop != null) {
        break;
      }
      List<List<Wire.Task>> left = new ArrayList<>();
      for (List<Wire.Task> p : input.phases()) {
        List<Wire.Task> l = p.stream().filter(t -> wanted.contains(t.key())).toList();
        if (!l.isEmpty()) {
          left.add(l);
        }
      }
      input =
          new Wire.ExperimentInput(
              input.experimentDir(),
              left,
              concurrency,
              input.settings(),
              estimatePerRun,
              input.heartbeatTimeoutMs());
    }
    for (RunKey k : wanted) {
      finals.add(
          new RunFinal(
              k,
              RunFinal.Kind.STOPPED,
              stop != null ? stop : "not run by the workflow",
              null,
              0,
              0,
              0));
    }
    return new OrchestrationReport(finals, spent, elapsed, stop);
  }

  /** Starts the workflow; true when one with this id was already running (attached to it). */
  private boolean start(String id, Wire.ExperimentInput input) {
    ExperimentWorkflow wf =
        client.newWorkflowStub(
            ExperimentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(wf::run, input);
      events.info("started the workflow " + id + " on the task queue " + taskQueue);
      return false;
    } catch (WorkflowExecutionAlreadyStarted e) {
      events.info("the workflow " + id + " is running already: attaching to it");
      return true;
    }
  }

  /** The workflow's result, or null when the starter was stopped while waiting. */
  private Wire.ExperimentResult await(String id, RunControl control) {
    WorkflowStub stub = client.newUntypedWorkflowStub(id, Optional.empty(), Optional.empty());
    ExperimentWorkflow typed = client.newWorkflowStub(ExperimentWorkflow.class, id);
    CompletableFuture<Wire.ExperimentResult> result =
        stub.getResultAsync(Wire.ExperimentResult.class);
    while (true) {
      try {
        return result.get(1, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        if (control.launchingStopped()) {
          return null;
        }
        try {
          Wire.Progress p = typed.progress();
          events.progress(
              "runs",
              p.done(),
              p.total(),
              String.format(
                  "%d running on the workers, %d failed, $%.2f spent",
                  p.running(), p.failed(), p.spentUsd()));
        } catch (RuntimeException ignored) {
          // a query that fails (the workflow between tasks) just skips one progress line
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof io.temporal.client.WorkflowFailedException f
            && f.getCause() instanceof io.temporal.failure.CanceledFailure) {
          // cancelled: it stopped launching and let its runs finish; what it did is its outcome
          try {
            Wire.ExperimentResult r = typed.outcome();
            if (r != null) {
              return r;
            }
          } catch (RuntimeException ignored) {
            // no worker to answer: the files say what was done
          }
          return new Wire.ExperimentResult(List.of(), 0, 0, "the workflow was cancelled");
        }
        throw new dev.scylla.model.ScyllaException(
            dev.scylla.model.ScyllaException.Kind.FAILED,
            "the workflow " + id + " failed: " + e.getCause().getMessage(),
            e.getCause());
      }
    }
  }

  private static OrchestrationReport stopped(Set<RunKey> wanted, List<RunFinal> done, String why) {
    List<RunFinal> finals = new ArrayList<>(done);
    for (RunKey k : wanted) {
      finals.add(new RunFinal(k, RunFinal.Kind.STOPPED, why, null, 0, 0, 0));
    }
    return new OrchestrationReport(finals, 0, Duration.ZERO, why);
  }
}
