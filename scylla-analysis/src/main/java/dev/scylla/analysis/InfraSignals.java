package dev.scylla.analysis;

import dev.scylla.model.RateLimit;
import java.util.Locale;

/**
 * Signs of an infrastructure failure in an agent's output, with the reference's patterns
 * (scylla-execution.md §3.9): a rate-limit or usage-limit message, or a timeout.
 */
public final class InfraSignals {
  private InfraSignals() {}

  /**
   * Whether the agent CLI's JSON output (one document, or stream-json lines) holds an error result
   * whose {@code result} or {@code error} text names a rate or usage limit.
   */
  public static boolean rateLimitInStdout(String stdout) {
    return stdout != null && RateLimit.limitInResult(stdout) != null;
  }

  /** Whether stderr names a rate or usage limit ("429" case-sensitively, the rest not). */
  public static boolean rateLimitInStderr(String stderr) {
    return stderr != null && RateLimit.stderrNamesLimit(stderr);
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
