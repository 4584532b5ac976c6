package dev.scylla.temporal;

import dev.scylla.event.EventSink;
import dev.scylla.run.RateLimitGates;
import dev.scylla.run.RunFinal;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The workflow of one experiment. Deterministic: it decides only from its input, the activities'
 * results and the signals, with the workflow's time; what a run does is decided by the worker from
 * the files.
 */
public final class ExperimentWorkflowImpl implements ExperimentWorkflow {
  /** How often the activities of a run may be retried after a worker died or failed. */
  static final int ACTIVITY_ATTEMPTS = 10;

  private RateLimitGates gates;
  private Wire.ExperimentResult outcome;
  private String stopReason;
  private int total;
  private int done;
  private int running;
  private int failed;
  private double spent;
  private double agentSpent;
  private int agentRunsPriced;

  @Override
  public Wire.ExperimentResult run(Wire.ExperimentInput in) {
    gates(in.settings());
    for (List<Wire.Task> phase : in.phases()) {
      total += phase.size();
    }
    // the session's work is not cancelled with the workflow: a cancel stops launching (below),
    // the runs in flight finish their steps
    Async.procedure(
        () -> {
          try {
            Workflow.await(() -> false);
          } catch (CanceledFailure e) {
            stop("the workflow was cancelled");
          }
        });
    Wire.ExperimentResult[] result = new Wire.ExperimentResult[1];
    Workflow.newDetachedCancellationScope(() -> result[0] = session(in)).run();
    outcome = result[0];
    return result[0];
  }

  private Wire.ExperimentResult session(Wire.ExperimentInput in) {
    long started = Workflow.currentTimeMillis();
    RunActivities runs =
        Workflow.newActivityStub(
            RunActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofDays(7))
                .setHeartbeatTimeout(Duration.ofMillis(in.heartbeatTimeoutMs()))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofSeconds(30))
                        .setMaximumAttempts(ACTIVITY_ATTEMPTS)
                        .build())
                .build());
    List<Wire.RunEnd> ends = new ArrayList<>();
    Double limit = in.settings().maxCostUsd();
    for (List<Wire.Task> phase : in.phases()) {
      Deque<Wire.Task> queue = new ArrayDeque<>(phase);
      List<Promise<Wire.RunEnd>> inFlight = new ArrayList<>();
      List<Wire.Task> inFlightTasks = new ArrayList<>();
      while (!queue.isEmpty() || !inFlight.isEmpty()) {
        while (stopReason == null && !queue.isEmpty() && inFlight.size() < in.concurrency()) {
          if (limit != null) {
            double perRun =
                agentRunsPriced > 0 ? agentSpent / agentRunsPriced : in.estimatePerRun();
            if (spent + perRun * (inFlight.size() + 1) > limit) {
              stop(
                  String.format(
                      "cost limit: $%.4f spent of $%.4f; the next run would exceed it",
                      spent, limit));
              break;
            }
          }
          Wire.Task t = queue.poll();
          Wire.Settings s =
              limit == null ? in.settings() : in.settings().withMaxCost(Math.max(0, limit - spent));
          inFlight.add(
              Async.function(
                  runs::drive, new Wire.RunTask(in.experimentDir(), t, s, in.estimatePerRun())));
          inFlightTasks.add(t);
          running++;
        }
        if (stopReason != null) {
          while (!queue.isEmpty()) {
            ends.add(Wire.RunEnd.without(queue.poll(), RunFinal.Kind.STOPPED, stopReason));
            done++;
          }
        }
        if (inFlight.isEmpty()) {
          break;
        }
        Promise.anyOf(inFlight).get();
        for (int i = inFlight.size() - 1; i >= 0; i--) {
          Promise<Wire.RunEnd> p = inFlight.get(i);
          if (!p.isCompleted()) {
            continue;
          }
          Wire.Task t = inFlightTasks.get(i);
          inFlight.remove(i);
          inFlightTasks.remove(i);
          RuntimeException failure = p.getFailure();
          Wire.RunEnd end =
              failure == null
                  ? p.get()
                  : Wire.RunEnd.without(
                      t,
                      RunFinal.Kind.INTERRUPTED,
                      "the run's activity failed "
                          + ACTIVITY_ATTEMPTS
                          + " times: "
                          + rootMessage(failure));
          ends.add(end);
          running--;
          done++;
          spent += end.totalCostUsd();
          if (end.costUsd() > 0) {
            agentSpent += end.costUsd();
            agentRunsPriced++;
          }
          if (RunFinal.Kind.FAILED_FINAL.name().equals(end.kind())) {
            failed++;
          }
        }
      }
    }
    if (in.settings().writeSummaries()) {
      Set<Wire.Subtest> touched = new LinkedHashSet<>();
      for (Wire.RunEnd e : ends) {
        if (RunFinal.Kind.COMPLETED.name().equals(e.kind())
            || e.agentLaunches() > 0
            || e.judgeCalls() > 0) {
          touched.add(new Wire.Subtest(e.tier(), e.subtest()));
        }
      }
      if (!touched.isEmpty()) {
        Workflow.newActivityStub(
                RunActivities.class,
                ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofHours(1))
                    .setRetryOptions(
                        RetryOptions.newBuilder().setMaximumAttempts(ACTIVITY_ATTEMPTS).build())
                    .build())
            .writeSummaries(in.experimentDir(), new ArrayList<>(touched));
      }
    }
    String why = stopReason;
    if (why == null && !gates.givenUp().isEmpty()) {
      why = String.join("; ", gates.givenUp().values());
    }
    return new Wire.ExperimentResult(ends, spent, Workflow.currentTimeMillis() - started, why);
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }

  private void stop(String why) {
    if (stopReason == null) {
      stopReason = why;
    }
  }

  private RateLimitGates gates(Wire.Settings s) {
    if (gates == null) {
      Wire.Settings d = s != null ? s : Wire.Settings.of(dev.scylla.run.RunSettings.defaults());
      gates =
          new RateLimitGates(
              new WorkflowClock(),
              EventSink.NONE,
              RateLimitGates.Listener.NONE,
              Duration.ofMillis(d.defaultRateLimitWaitMs()),
              Duration.ofMillis(d.maxRateLimitWaitMs()));
    }
    return gates;
  }

  @Override
  public void limited(String model, Long untilEpochMs, boolean hard, String reason) {
    gates(null)
        .close(
            model, untilEpochMs == null ? null : Instant.ofEpochMilli(untilEpochMs), hard, reason);
  }

  @Override
  public void cleared(String model) {
    gates(null).cleared(model);
  }

  @Override
  public Wire.GateState gate(String model) {
    if (gates == null) {
      return new Wire.GateState(null, null, 0, stopReason);
    }
    Instant until = gates.closedUntil(model);
    return new Wire.GateState(
        gates.givenUp(model),
        until == null ? null : until.toEpochMilli(),
        gates.streak(model),
        stopReason);
  }

  @Override
  public Wire.ExperimentResult outcome() {
    return outcome;
  }

  @Override
  public Wire.Progress progress() {
    return new Wire.Progress(total, done, running, failed, spent, stopReason);
  }
}
