package dev.scylla.simulator;

import java.util.Locale;

/**
 * One injected failure of the simulator.
 *
 * @param kind what goes wrong
 * @param mode which calls it applies to: {@code agent}, {@code judge} or {@code any}
 * @param match a substring the call's key must contain (the run identity for agents: {@code
 *     SCYLLA_SIM_RUN} or the working directory; {@code judge:<model>:<prompt hash>} for judges), or
 *     null for every call
 * @param probability the chance that a matching key (with {@code firstCalls}) or call (without)
 *     fails, drawn from the seed
 * @param firstCalls fail only the first K calls of each selected key (needs a state directory to
 *     count calls), or null for every call
 */
public record FailureRule(
    Kind kind, String mode, String match, double probability, Integer firstCalls) {

  /** The failures the simulator can play. */
  public enum Kind {
    /** Non-zero exit, a stack trace on stderr, nothing on stdout. */
    CRASH,
    /** Sleeps past any timeout (hang_seconds), printing nothing. */
    HANG,
    /**
     * The API answers 429 until the CLI gives up: its retries ({@code api_retry} events in
     * stream-json, {@code retry_delay_ms} from {@code retry_after_seconds}), then the result {@code
     * is_error: true, api_error_status: 429} with the real CLI's text, which names no reset time;
     * exit 1. With {@code rate_limit_style: usage_limit}, a subscription's "You've hit your limit ·
     * resets 5pm (UTC)" instead, not retried.
     */
    RATE_LIMIT,
    /** One 429 the CLI waits out itself (an {@code api_retry} event in stream-json), then works. */
    RATE_LIMIT_RECOVERED,
    /** The API answers 500 until the CLI gives up: "API Error: 500 Internal server error. …". */
    SERVER_ERROR,
    /** The API answers 529 until the CLI gives up: "API Error: 529 Overloaded. …". */
    OVERLOADED,
    /** The API rejects the key (401): "Invalid API key · Fix external API key", after retries. */
    AUTH_ERROR,
    /** A truncated JSON result, exit 0. */
    MALFORMED,
    /** No output at all, exit 0. */
    EMPTY;

    public static Kind parse(String s) {
      String k = s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      k =
          switch (k) {
            case "RATELIMIT", "429" -> "RATE_LIMIT";
            case "RETRIED_RATE_LIMIT", "RATE_LIMIT_RETRIED" -> "RATE_LIMIT_RECOVERED";
            case "500", "API_ERROR" -> "SERVER_ERROR";
            case "529" -> "OVERLOADED";
            case "401", "AUTH" -> "AUTH_ERROR";
            default -> k;
          };
      try {
        return Kind.valueOf(k);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown failure kind '"
                + s
                + "' (crash, hang, rate_limit, rate_limit_recovered, server_error, overloaded,"
                + " auth_error, malformed, empty)");
      }
    }
  }

  public FailureRule {
    if (mode == null || mode.isBlank()) {
      mode = "any";
    }
    if (!mode.equals("any") && !mode.equals("agent") && !mode.equals("judge")) {
      throw new IllegalArgumentException("mode must be agent, judge or any: " + mode);
    }
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
    }
    if (firstCalls != null && firstCalls < 0) {
      throw new IllegalArgumentException("first_calls must be >= 0: " + firstCalls);
    }
  }

  /** Whether the rule concerns a call in {@code callMode} with key {@code key}. */
  boolean concerns(String callMode, String key) {
    return (mode.equals("any") || mode.equals(callMode)) && (match == null || key.contains(match));
  }
}
