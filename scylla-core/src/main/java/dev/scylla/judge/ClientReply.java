package dev.scylla.judge;

/** How one call to a judge backend ended. */
public sealed interface ClientReply {

  /** The model answered; {@code text} is its answer (to be parsed). */
  record Answered(String text) implements ClientReply {}

  /** A rate or usage limit: not a failure, retried after the reset. */
  record Limited(RateLimit limit) implements ClientReply {}

  /**
   * The call failed: a crash, a non-zero exit, an HTTP error, a timeout.
   *
   * @param configuration the failure is the setup's, not the call's (a rejected API key, an
   *     executable that cannot run): retrying cannot help until the user fixes it
   */
  record Failed(String reason, boolean timedOut, boolean configuration) implements ClientReply {
    public static Failed of(String reason) {
      return new Failed(reason, false, false);
    }
  }

  /** The caller cancelled the call; the process tree or request was stopped. */
  record Cancelled() implements ClientReply {}
}
