package dev.scylla.process;

import java.io.IOException;

/** Runs external programs. Implementations must kill the whole process tree when they stop one. */
public interface ProcessLauncher {

  /**
   * Runs a process to its end, its timeout, or cancellation.
   *
   * @throws ProcessStartException when the program cannot be started
   * @throws IOException when its files cannot be written
   */
  ProcessOutcome run(ProcessSpec spec, Cancellation cancellation) throws IOException;

  default ProcessOutcome run(ProcessSpec spec) throws IOException {
    return run(spec, Cancellation.never());
  }
}
