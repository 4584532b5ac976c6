package dev.scylla.temporal;

import dev.scylla.event.EventSink;
import dev.scylla.process.Cancellation;
import dev.scylla.run.Gates;
import dev.scylla.run.RateLimitGates;
import dev.scylla.run.RunControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gates of a workflow as a worker's run passes them: every wait reads the model's gate from the
 * workflow (a query), every limit and every success after limits is reported to it (a signal), so a
 * limit one worker meets pauses the model on every worker. A stop the workflow knows of (it was
 * cancelled, the cost limit was reached) stops this run's launching too.
 */
final class WorkflowGates implements Gates {
  /** How long a worker keeps asking a workflow it cannot reach before it goes ahead. */
  static final Duration UNREACHABLE = Duration.ofSeconds(60);

  private final ExperimentWorkflow workflow;
  private final RunControl control;
  private final EventSink events;
  private final Clock clock;
  private final Map<String, Wire.GateState> last = new ConcurrentHashMap<>();

  WorkflowGates(ExperimentWorkflow workflow, RunControl control, EventSink events, Clock clock) {
    this.workflow = workflow;
    this.control = control;
    this.events = events;
    this.clock = clock;
  }

  /** The workflow's gate of {@code model}, or null when the workflow cannot be reached. */
  Wire.GateState read(String model) {
    try {
      Wire.GateState g = workflow.gate(model);
      last.put(model, g);
      if (g.stopReason() != null) {
        control.stopLaunching(g.stopReason());
      }
      return g;
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public RateLimitGates.Passage await(String model, Cancellation c) {
    Instant unreachableSince = null;
    while (true) {
      Wire.GateState g = read(model);
      Instant now = clock.instant();
      long sleep;
      if (g == null) {
        if (unreachableSince == null) {
          unreachableSince = now;
        } else if (Duration.between(unreachableSince, now).compareTo(UNREACHABLE) > 0) {
          events.warn(
              "the workflow's gate of "
                  + model
                  + " cannot be read for "
                  + UNREACHABLE.toSeconds()
                  + " s; going ahead");
          return RateLimitGates.Passage.OPEN;
        }
        sleep = 1000;
      } else {
        unreachableSince = null;
        if (g.givenUp() != null) {
          return RateLimitGates.Passage.GIVEN_UP;
        }
        if (g.closedUntilMs() == null || now.toEpochMilli() >= g.closedUntilMs()) {
          return RateLimitGates.Passage.OPEN;
        }
        sleep = Math.min(g.closedUntilMs() - now.toEpochMilli(), 1000);
      }
      if (c.isCancelled()) {
        return RateLimitGates.Passage.CANCELLED;
      }
      try {
        Thread.sleep(Math.max(sleep, 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return RateLimitGates.Passage.CANCELLED;
      }
    }
  }

  @Override
  public void close(String model, Instant until, boolean hard, String reason) {
    events.warn(
        "rate limit for "
            + model
            + (until == null ? "" : " until " + until)
            + (reason == null ? "" : ": " + reason)
            + "; pausing it on every worker");
    try {
      workflow.limited(model, until == null ? null : until.toEpochMilli(), hard, reason);
    } catch (RuntimeException e) {
      events.warn("could not report the rate limit for " + model + " to the workflow: " + e);
    }
  }

  @Override
  public void cleared(String model) {
    Wire.GateState g = last.get(model);
    if (g == null || g.streak() == 0) {
      return; // no limits in a row to end: no signal
    }
    try {
      workflow.cleared(model);
      last.remove(model);
    } catch (RuntimeException e) {
      events.warn("could not report to the workflow that " + model + " works again: " + e);
    }
  }

  @Override
  public String givenUp(String model) {
    Wire.GateState g = read(model);
    if (g == null) {
      g = last.get(model);
    }
    return g == null ? null : g.givenUp();
  }
}
