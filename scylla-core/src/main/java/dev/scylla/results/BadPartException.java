package dev.scylla.results;

/**
 * A part a result is rebuilt from is missing or corrupt. The message names the file (relative to
 * the run directory) and the problem, on one line.
 */
public final class BadPartException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadPartException(String message) {
    super(message);
  }
}
