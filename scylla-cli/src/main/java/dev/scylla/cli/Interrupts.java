package dev.scylla.cli;

import dev.scylla.run.RunControl;
import java.io.PrintWriter;
import sun.misc.Signal;

/**
 * Two-stage Ctrl+C for commands that launch work: the first stops launching and lets running steps
 * finish; the second kills what runs (recorded as interrupted, resumable).
 */
final class Interrupts {
  private Interrupts() {}

  @SuppressWarnings("removal")
  static void install(RunControl control, PrintWriter err) {
    try {
      Signal.handle(
          new Signal("INT"),
          s -> {
            if (!control.launchingStopped()) {
              control.stopLaunching("interrupted (Ctrl+C)");
              err.println(
                  "\nscylla: stopping: no new work starts, running steps finish."
                      + " Press Ctrl+C again to kill them.");
            } else {
              control.cancel();
              err.println("\nscylla: killing running steps; they are recorded as interrupted.");
            }
            err.flush();
          });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // no SIGINT on this platform: the JVM's default handling stays
    }
  }

  /**
   * Ctrl+C of a command waiting on a Temporal workflow: it detaches and leaves the workflow running
   * on the workers.
   */
  @SuppressWarnings("removal")
  static void installDetach(RunControl control, PrintWriter err) {
    try {
      Signal.handle(
          new Signal("INT"),
          s -> {
            control.stopLaunching("detached by Ctrl+C");
            err.println(
                "\nscylla: detaching; the workflow goes on on the workers (cancel it with"
                    + " temporal workflow cancel).");
            err.flush();
          });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // no SIGINT on this platform: the JVM's default handling stays
    }
  }
}
