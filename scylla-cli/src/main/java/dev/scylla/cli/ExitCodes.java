package dev.scylla.cli;

import dev.scylla.model.ScyllaException;

/** The process exit codes of {@code scylla}, named. */
public final class ExitCodes {
  /** Everything asked for was done. */
  public static final int OK = 0;

  /** The command ran, but some work failed or remains (e.g. runs still failed after a rerun). */
  public static final int FAILED = ScyllaException.Kind.FAILED.exitCode();

  /** Bad input: not an experiment, an unreadable config, a bad option. */
  public static final int BAD_INPUT = ScyllaException.Kind.BAD_INPUT.exitCode();

  /** Another scylla process holds the experiment's lock. */
  public static final int LOCKED = ScyllaException.Kind.LOCKED.exitCode();

  /** Interrupted by the user (Ctrl+C). */
  public static final int INTERRUPTED = ScyllaException.Kind.INTERRUPTED.exitCode();

  /** A bug. */
  public static final int INTERNAL = ScyllaException.Kind.INTERNAL.exitCode();

  private ExitCodes() {}
}
