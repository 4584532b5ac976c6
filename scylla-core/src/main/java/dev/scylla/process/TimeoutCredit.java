package dev.scylla.process;

import java.time.Duration;

/**
 * Time a running process has spent waiting on something outside its control (an API's rate limit it
 * waits out itself), which does not count against its timeout. The launcher asks while it waits for
 * the process, from its own thread, several times a second: an implementation must be cheap and
 * must never block.
 */
@FunctionalInterface
public interface TimeoutCredit {

  /** The time credited so far; it never shrinks. */
  Duration credited();
}
