package dev.scylla.run;

import dev.scylla.event.EventSink;
import dev.scylla.process.Cancellation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gate per model. A rate or usage limit closes the model's gate until its reset time; every
 * step that needs the model waits at the gate (holding the queue) and is retried when it opens,
 * without counting as a failure.
 *
 * <p>Waiting is bounded. Limits that follow each other on a model without a step on it succeeding
 * in between form a streak; a limit that names no reset time pauses the model for the base wait,
 * doubled with every limit of the streak (at most {@link #MAX_PAUSE}); one that names a reset time
 * pauses it until then. When a streak would keep the model paused beyond {@code maxWait} from its
 * first limit, or a limit is hard with no reset time (an exhausted quota), the gate gives up: it
 * never opens again in this session, and whoever waits at it is told so ({@link Passage#GIVEN_UP})
 * with the reason ({@link #givenUp}).
 */
public final class RateLimitGates implements Gates {
  /** The longest pause back-off reaches. */
  public static final Duration MAX_PAUSE = Duration.ofMinutes(10);

  /** How a wait at a gate ended. */
  public enum Passage {
    /** The gate is open: go ahead. */
    OPEN,
    /** Cancelled while waiting. */
    CANCELLED,
    /** The limit outlasted the bound (or is hard): do not launch on this model again. */
    GIVEN_UP
  }

  private record Streak(Instant since, int limits) {}

  private final Map<String, Instant> closedUntil = new ConcurrentHashMap<>();
  private final Map<String, Streak> streaks = new ConcurrentHashMap<>();
  private final Map<String, String> givenUp = new ConcurrentHashMap<>();
  private final Clock clock;
  private final EventSink events;
  private final Listener listener;
  private final Duration baseWait;
  private final Duration maxWait;

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

  /**
   * @param baseWait the first pause of a streak when a limit names no reset time
   * @param maxWait the longest a streak may keep a model paused before the gate gives up
   */
  public RateLimitGates(
      Clock clock, EventSink events, Listener listener, Duration baseWait, Duration maxWait) {
    this.clock = clock;
    this.events = events;
    this.listener = listener;
    this.baseWait = baseWait;
    this.maxWait = maxWait;
  }

  /**
   * A limit on {@code model}: closes its gate until {@code until} (or for the back-off pause when
   * null), keeping a later time if one is set, or gives up on the model when the bound is reached.
   *
   * @param hard a usage limit that will not lift by waiting a little (an exhausted quota)
   */
  @Override
  public void close(String model, Instant until, boolean hard, String reason) {
    Instant now = clock.instant();
    Streak s =
        streaks.merge(
            model, new Streak(now, 1), (old, fresh) -> new Streak(old.since(), old.limits() + 1));
    if (hard && until == null) {
      giveUp(model, "a hard usage limit" + (reason == null ? "" : ": " + reason));
      return;
    }
    Instant at = until != null ? until : now.plus(backoff(s.limits()));
    Duration streak = Duration.between(s.since(), at);
    if (streak.compareTo(maxWait) > 0) {
      giveUp(
          model,
          (s.limits() == 1 ? "a limit" : s.limits() + " limits in a row")
              + " would keep it paused "
              + human(streak)
              + ", beyond --max-wait "
              + human(maxWait)
              + (reason == null ? "" : ": " + reason));
      return;
    }
    Instant merged = closedUntil.merge(model, at, (a, b) -> a.isAfter(b) ? a : b);
    if (merged.equals(at)) {
      events.warn(
          "rate limit for "
              + model
              + ": pausing it until "
              + at
              + " ("
              + Duration.between(now, at).toSeconds()
              + " s)"
              + (reason == null ? "" : ": " + reason));
      listener.closed(model, at);
    }
  }

  /** A step on {@code model} succeeded: its streak of limits is over. */
  @Override
  public void cleared(String model) {
    streaks.remove(model);
  }

  private Duration backoff(int limits) {
    Duration d = baseWait;
    for (int i = 1; i < limits && d.compareTo(MAX_PAUSE) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : d;
  }

  private void giveUp(String model, String why) {
    String reason = "rate limit for " + model + " did not lift: " + why;
    if (givenUp.putIfAbsent(model, reason) == null) {
      events.error(reason + "; not launching on " + model + " again in this session");
      closedUntil.remove(model);
      listener.opened(model);
    }
  }

  /** Waits until the gate of {@code model} is open, the wait is cancelled, or the gate gave up. */
  @Override
  public Passage await(String model, Cancellation c) {
    while (true) {
      if (givenUp.containsKey(model)) {
        return Passage.GIVEN_UP;
      }
      Instant until = closedUntil.get(model);
      if (until == null) {
        return Passage.OPEN;
      }
      Instant now = clock.instant();
      if (!now.isBefore(until)) {
        if (closedUntil.remove(model, until)) {
          events.info("rate limit for " + model + " lifted; resuming");
          listener.opened(model);
        }
        return Passage.OPEN;
      }
      if (c.isCancelled()) {
        return Passage.CANCELLED;
      }
      long ms = Math.min(Duration.between(now, until).toMillis(), 500);
      try {
        Thread.sleep(Math.max(ms, 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Passage.CANCELLED;
      }
    }
  }

  /**
   * Until when the gate of {@code model} is closed by its latest limit, or null when no limit is
   * recorded (a time in the past means it has lifted; {@link #await} forgets it when passing).
   */
  public Instant closedUntil(String model) {
    return closedUntil.get(model);
  }

  /** How many limits in a row {@code model} had without a step on it succeeding in between. */
  public int streak(String model) {
    Streak s = streaks.get(model);
    return s == null ? 0 : s.limits();
  }

  public boolean isClosed(String model) {
    Instant until = closedUntil.get(model);
    return givenUp.containsKey(model) || until != null && clock.instant().isBefore(until);
  }

  /** Why the gate of {@code model} gave up, or null when it has not. */
  @Override
  public String givenUp(String model) {
    return givenUp.get(model);
  }

  /** Every model given up on, with the reason. */
  public Map<String, String> givenUp() {
    return new LinkedHashMap<>(givenUp);
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return (s / 60) + " min";
    }
    return String.format("%.1f h", s / 3600.0);
  }
}
