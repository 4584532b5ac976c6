package dev.scylla.process;

import java.io.IOException;

/** The program could not be started (not found, not executable, bad working directory). */
public final class ProcessStartException extends IOException {
  private static final long serialVersionUID = 1L;

  public ProcessStartException(String message) {
    super(message);
  }

  public ProcessStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
