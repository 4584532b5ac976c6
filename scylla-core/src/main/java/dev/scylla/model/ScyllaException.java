package dev.scylla.model;

/**
 * The one controlled failure type of the library. Its {@link Kind} decides the process exit code in
 * the CLI; the message is a single line naming the path and the problem.
 */
public class ScyllaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an operation stopped. */
  public enum Kind {
    /** The input is not usable: not an experiment, unreadable config, bad option value. */
    BAD_INPUT(2),
    /** Another process holds the experiment's lock. */
    LOCKED(3),
    /** The work ran but some of it failed. */
    FAILED(1),
    /** The user interrupted the work. */
    INTERRUPTED(130),
    /** A bug or an environment problem we did not anticipate. */
    INTERNAL(70);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  public ScyllaException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ScyllaException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public static ScyllaException badInput(String message) {
    return new ScyllaException(Kind.BAD_INPUT, message);
  }

  public Kind kind() {
    return kind;
  }
}
