package dev.scylla.judge;

import dev.scylla.model.CallSpend;
import dev.scylla.model.RateLimit;

/** How one call to a judge backend ended, and what it cost ({@link #spend()}). */
public sealed interface ClientReply {

  /** The tokens and cost of this call, {@link CallSpend#UNKNOWN} when the backend told nothing. */
  default CallSpend spend() {
    return CallSpend.UNKNOWN;
  }

  /** The model answered; {@code text} is its answer (to be parsed). */
  record Answered(String text, CallSpend spend) implements ClientReply {
    public Answered {
      spend = spend == null ? CallSpend.UNKNOWN : spend;
    }

    public Answered(String text) {
      this(text, CallSpend.UNKNOWN);
    }
  }

  /**
   * A rate or usage limit: not a failure, retried after the reset; a refused call is not billed.
   */
  record Limited(RateLimit limit) implements ClientReply {
    @Override
    public CallSpend spend() {
      return new CallSpend(null, 0.0);
    }
  }

  /**
   * The call failed: a crash, a non-zero exit, an HTTP error, a timeout.
   *
   * @param configuration the failure is the setup's, not the call's (a rejected API key, an
   *     executable that cannot run): retrying cannot help until the user fixes it
   * @param spend what the failed call still cost (a CLI that reported an error with its usage)
   */
  record Failed(String reason, boolean timedOut, boolean configuration, CallSpend spend)
      implements ClientReply {
    public Failed {
      spend = spend == null ? CallSpend.UNKNOWN : spend;
    }

    public Failed(String reason, boolean timedOut, boolean configuration) {
      this(reason, timedOut, configuration, CallSpend.UNKNOWN);
    }

    public static Failed of(String reason) {
      return new Failed(reason, false, false);
    }
  }

  /** The caller cancelled the call; the process tree or request was stopped. */
  record Cancelled() implements ClientReply {}
}
