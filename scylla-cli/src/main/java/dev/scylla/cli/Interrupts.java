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
}
