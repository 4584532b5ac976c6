package dev.scylla.run;

import dev.scylla.process.Cancellation;

/**
 * The user's hand on a running experiment. {@link #stopLaunching()} (the first Ctrl+C) lets the
 * steps in flight finish and starts nothing new; {@link #cancel()} (the second) kills what runs and
 * records it as interrupted.
 */
public final class RunControl {
  private volatile boolean stopLaunching;
  private volatile String stopReason;
  private final Cancellation cancellation = new Cancellation();

  public void stopLaunching() {
    stopLaunching("stopped by the user");
  }

  public void stopLaunching(String reason) {
    if (!stopLaunching) {
      stopReason = reason;
      stopLaunching = true;
    }
  }

  public void cancel() {
    stopLaunching("cancelled by the user");
    cancellation.cancel();
  }

  public boolean launchingStopped() {
    return stopLaunching;
  }

  public String stopReason() {
    return stopReason;
  }

  public boolean cancelled() {
    return cancellation.isCancelled();
  }

  public Cancellation cancellation() {
    return cancellation;
  }
}
