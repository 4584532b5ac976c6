package dev.scylla.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.store.CorruptFileException;
import dev.scylla.store.Json;
import java.util.List;
import java.util.Locale;

/**
 * Signs of an infrastructure failure in an agent's output, with the reference's patterns
 * (scylla-execution.md §3.9): a rate-limit or usage-limit message, or a timeout.
 */
public final class InfraSignals {
  private static final List<String> STDOUT_LIMIT =
      List.of(
          "rate limit",
          "rate_limit",
          "ratelimit",
          "overloaded",
          "429",
          "hit your limit",
          "resets",
          "weekly usage limit",
          "upgrade to continue",
          "failed to configure provider");
  private static final List<String> STDERR_LIMIT =
      List.of(
          "weekly usage limit",
          "upgrade to continue",
          "failed to configure provider",
          "rate limit",
          "ratelimit",
          "hit your limit",
          "overloaded",
          "resets ");

  private InfraSignals() {}

  /**
   * Whether the agent CLI's JSON output (one document, or stream-json lines) holds an error result
   * whose {@code result} or {@code error} text names a rate or usage limit.
   */
  public static boolean rateLimitInStdout(String stdout) {
    if (stdout == null || stdout.isBlank()) {
      return false;
    }
    if (!IS_ERROR_TRUE.matcher(stdout).find()) {
      return false;
    }
    if (limitObject(stdout.strip())) {
      return true;
    }
    for (String line : stdout.split("\n")) {
      String l = line.strip();
      if (l.startsWith("{") && limitObject(l)) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.regex.Pattern IS_ERROR_TRUE =
      java.util.regex.Pattern.compile("\"is_error\"\\s*:\\s*true");

  private static boolean limitObject(String text) {
    // cheap test first: only an error result can name a limit
    if (!text.startsWith("{") || !IS_ERROR_TRUE.matcher(text).find()) {
      return false;
    }
    JsonNode o;
    try {
      o = Json.parse(text);
    } catch (CorruptFileException e) {
      return false;
    }
    JsonNode err = o.get("is_error");
    if (err == null || !err.isBoolean() || !err.booleanValue()) {
      return false;
    }
    for (String f : List.of("result", "error")) {
      JsonNode v = o.get(f);
      if (v != null && v.isTextual()) {
        String t = v.textValue().toLowerCase(Locale.ROOT);
        for (String p : STDOUT_LIMIT) {
          if (t.contains(p)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether stderr names a rate or usage limit ("429" case-sensitively, the rest not). */
  public static boolean rateLimitInStderr(String stderr) {
    if (stderr == null || stderr.isEmpty()) {
      return false;
    }
    if (stderr.contains("429")) {
      return true;
    }
    String t = stderr.toLowerCase(Locale.ROOT);
    for (String p : STDERR_LIMIT) {
      if (t.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a message says the process timed out. */
  public static boolean timeout(String text) {
    if (text == null) {
      return false;
    }
    String t = text.toLowerCase(Locale.ROOT);
    return t.contains("timed out") || t.contains("timeout");
  }
}
