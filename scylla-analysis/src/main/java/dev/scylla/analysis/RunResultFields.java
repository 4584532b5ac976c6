package dev.scylla.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The fields of {@code run_result.json} that {@code runs.csv} exports, coerced the way the
 * reference's loader coerces them: numbers through {@code float()} (numeric strings convert;
 * anything else, NaN and ±Infinity become NaN), {@code judge_passed} through its boolean rules
 * (true/yes/1, false/no/0, else false), {@code exit_code} to an integer (default −1), {@code
 * judge_grade} as written (default F). Token counters are read by their canonical names and, where
 * those are absent, by the Claude CLI's names (the reference's regenerator wrote those; its
 * analysis then exported 0 — we export the real counts).
 */
record RunResultFields(
    double score,
    boolean passed,
    String grade,
    double costUsd,
    double durationSeconds,
    double agentDurationSeconds,
    double judgeDurationSeconds,
    long inputTokens,
    long outputTokens,
    long cacheCreationTokens,
    long cacheReadTokens,
    int exitCode) {

  static RunResultFields of(ObjectNode o) {
    JsonNode tokens = o.get("token_stats");
    if (tokens != null && !tokens.isObject()) {
      tokens = null;
    }
    return new RunResultFields(
        number(o.get("judge_score")),
        bool(o.get("judge_passed")),
        grade(o.get("judge_grade")),
        number(o.get("cost_usd")),
        number(o.get("duration_seconds")),
        number(o.get("agent_duration_seconds")),
        number(o.get("judge_duration_seconds")),
        count(tokens, "input_tokens", null),
        count(tokens, "output_tokens", null),
        count(tokens, "cache_creation_tokens", "cache_creation_input_tokens"),
        count(tokens, "cache_read_tokens", "cache_read_input_tokens"),
        integer(o.get("exit_code"), -1));
  }

  /** Python's {@code float(v)} with failures, NaN and infinities as NaN. */
  static double number(JsonNode v) {
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    double d;
    if (v.isNumber()) {
      d = v.doubleValue();
    } else if (v.isBoolean()) {
      d = v.booleanValue() ? 1.0 : 0.0;
    } else if (v.isTextual()) {
      try {
        d = Double.parseDouble(v.textValue().strip());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    } else {
      return Double.NaN;
    }
    return Double.isFinite(d) ? d : Double.NaN;
  }

  private static boolean bool(JsonNode v) {
    if (v == null || v.isNull()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      String t = v.textValue().strip().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("yes") || t.equals("1")) {
        return true;
      }
      if (t.equals("false") || t.equals("no") || t.equals("0")) {
        return false;
      }
      try {
        return Long.parseLong(t) != 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (v.isNumber()) {
      return (long) v.doubleValue() != 0;
    }
    return false;
  }

  private static String grade(JsonNode v) {
    if (v == null || v.isNull()) {
      return "F";
    }
    return v.isTextual() ? v.textValue() : v.toString();
  }

  private static int integer(JsonNode v, int dflt) {
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v.isNumber() && Double.isFinite(v.doubleValue())) {
      return (int) v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Integer.parseInt(v.textValue().strip());
      } catch (NumberFormatException e) {
        return dflt;
      }
    }
    return dflt;
  }

  private static long count(JsonNode tokens, String name, String cliName) {
    if (tokens == null) {
      return 0;
    }
    JsonNode v = tokens.get(name);
    if ((v == null || v.isNull()) && cliName != null) {
      v = tokens.get(cliName);
    }
    if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
      return 0;
    }
    return v.longValue();
  }

  long totalTokens() {
    return inputTokens + cacheReadTokens + outputTokens + cacheCreationTokens;
  }
}
