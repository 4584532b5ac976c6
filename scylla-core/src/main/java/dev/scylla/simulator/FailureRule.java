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
    /** The CLI's rate-limit result ({@code is_error: true}) with a retry time, exit 1. */
    RATE_LIMIT,
    /** A truncated JSON result, exit 0. */
    MALFORMED,
    /** No output at all, exit 0. */
    EMPTY;

    public static Kind parse(String s) {
      String k = s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      if (k.equals("RATELIMIT")) {
        k = "RATE_LIMIT";
      }
      try {
        return Kind.valueOf(k);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown failure kind '" + s + "' (crash, hang, rate_limit, malformed, empty)");
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
