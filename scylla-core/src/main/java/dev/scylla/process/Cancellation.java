package dev.scylla.process;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A cancellation signal shared by the work of one command. Cancelling runs every registered
 * callback once (each launcher kills its process tree).
 */
public final class Cancellation {
  private volatile boolean cancelled;
  private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

  /** A signal that is never raised. */
  public static Cancellation never() {
    return new Cancellation();
  }

  public boolean isCancelled() {
    return cancelled;
  }

  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      callbacks.forEach(Runnable::run);
    }
  }

  /** Registers a callback; runs it at once when already cancelled. Returns an unregister hook. */
  public Runnable onCancel(Runnable r) {
    callbacks.add(r);
    if (cancelled) {
      r.run();
    }
    return () -> callbacks.remove(r);
  }
}
