package dev.scylla.process;

import java.time.Duration;
import java.time.Instant;

/**
 * How a process ended.
 *
 * @param exitCode the exit code; for a process killed by a signal, 128 + the signal number
 * @param timedOut true when the timeout expired and the tree was killed
 * @param cancelled true when the caller cancelled and the tree was killed
 */
public record ProcessOutcome(
    int exitCode, boolean timedOut, boolean cancelled, Instant started, Instant ended) {

  public Duration elapsed() {
    return Duration.between(started, ended);
  }

  public double elapsedSeconds() {
    return elapsed().toNanos() / 1e9;
  }

  /** Exit code 0 and not killed. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut && !cancelled;
  }
}
