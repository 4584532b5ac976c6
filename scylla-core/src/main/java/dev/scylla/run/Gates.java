package dev.scylla.run;

import dev.scylla.process.Cancellation;
import java.time.Instant;

/**
 * The rate-limit gates a run's steps pass before they launch work on a model. {@link
 * RateLimitGates} keeps them in this process; a distributed executor keeps them where every worker
 * sees them (e.g. in a Temporal workflow), so one model's limit closes it for all.
 */
public interface Gates {
  /** Waits until the gate of {@code model} is open, the wait is cancelled, or the gate gave up. */
  RateLimitGates.Passage await(String model, Cancellation c);

  /**
   * A limit on {@code model}: closes its gate until {@code until} (or for the back-off pause when
   * null), or gives up on the model when the bound is reached.
   *
   * @param hard a usage limit that will not lift by waiting a little (an exhausted quota)
   */
  void close(String model, Instant until, boolean hard, String reason);

  /** A step on {@code model} succeeded: its streak of limits is over. */
  void cleared(String model);

  /** Why the gate of {@code model} gave up, or null when it has not. */
  String givenUp(String model);
}
