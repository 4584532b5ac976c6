package dev.scylla.store;

/** A file that exists but does not parse, or lacks or mistypes a required field. */
public final class CorruptFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public CorruptFileException(String reason) {
    super(reason);
  }
}
