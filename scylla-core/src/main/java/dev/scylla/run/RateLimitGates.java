package dev.scylla.run;

import dev.scylla.event.EventSink;
import dev.scylla.process.Cancellation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gate per model. A rate or usage limit closes the model's gate until its reset time; every
 * step that needs the model waits at the gate (holding the queue) and is retried when it opens,
 * without counting as a failure.
 */
public final class RateLimitGates {
  private final Map<String, Instant> closedUntil = new ConcurrentHashMap<>();
  private final Clock clock;
  private final EventSink events;
  private final Listener listener;

  /** Told when a gate closes and opens, e.g. to record the pause in the checkpoint. */
  public interface Listener {
    void closed(String model, Instant until);

    void opened(String model);

    Listener NONE =
        new Listener() {
          @Override
          public void closed(String model, Instant until) {}

          @Override
          public void opened(String model) {}
        };
  }

  public RateLimitGates(Clock clock, EventSink events, Listener listener) {
    this.clock = clock;
    this.events = events;
    this.listener = listener;
  }

  /** Closes the gate of {@code model} until {@code until} (keeping a later time if one is set). */
  public void close(String model, Instant until, String reason) {
    Instant merged = closedUntil.merge(model, until, (a, b) -> a.isAfter(b) ? a : b);
    if (merged.equals(until)) {
      events.warn(
          "rate limit for "
              + model
              + ": pausing it until "
              + until
              + " ("
              + Duration.between(clock.instant(), until).toSeconds()
              + " s)"
              + (reason == null ? "" : ": " + reason));
      listener.closed(model, until);
    }
  }

  /** Waits until the gate of {@code model} is open; returns false when cancelled first. */
  public boolean await(String model, Cancellation c) {
    while (true) {
      Instant until = closedUntil.get(model);
      if (until == null) {
        return true;
      }
      Instant now = clock.instant();
      if (!now.isBefore(until)) {
        if (closedUntil.remove(model, until)) {
          events.info("rate limit for " + model + " lifted; resuming");
          listener.opened(model);
        }
        return true;
      }
      if (c.isCancelled()) {
        return false;
      }
      long ms = Math.min(Duration.between(now, until).toMillis(), 500);
      try {
        Thread.sleep(Math.max(ms, 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  public boolean isClosed(String model) {
    Instant until = closedUntil.get(model);
    return until != null && clock.instant().isBefore(until);
  }
}
