package dev.scylla.agent;

import dev.scylla.model.TokenStats;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference's fallbacks for agents that print no structured result (scylla-execution.md §4.2,
 * §4.3): token counts and API calls read from free text.
 */
final class OutputHeuristics {
  private static final Pattern INPUT =
      Pattern.compile("input[ _]tokens?:\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern OUTPUT =
      Pattern.compile("output[ _]tokens?:\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern PAIR =
      Pattern.compile(
          "(\\d+)\\s*(?:input|in)\\s*(?:,|/)\\s*(\\d+)\\s*(?:output|out)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern API_CALLS =
      Pattern.compile("api calls:\\s*(\\d+)|(\\d+)\\s+api calls", Pattern.CASE_INSENSITIVE);
  private static final Pattern MARKERS = Pattern.compile("Response:|Completion:");

  private OutputHeuristics() {}

  static TokenStats tokens(String text) {
    long in = 0;
    long out = 0;
    Matcher m = INPUT.matcher(text);
    if (m.find()) {
      in = Long.parseLong(m.group(1));
    }
    m = OUTPUT.matcher(text);
    if (m.find()) {
      out = Long.parseLong(m.group(1));
    }
    if (in == 0 && out == 0) {
      m = PAIR.matcher(text);
      if (m.find()) {
        in = Long.parseLong(m.group(1));
        out = Long.parseLong(m.group(2));
      }
    }
    return new TokenStats(in, out, 0, 0);
  }

  /** "API calls: N" / "N API calls", else the number of response markers, else 1 if > 100 chars. */
  static int apiCalls(String stdout) {
    Matcher m = API_CALLS.matcher(stdout);
    if (m.find()) {
      return Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
    }
    int markers = 0;
    Matcher k = MARKERS.matcher(stdout);
    while (k.find()) {
      markers++;
    }
    if (markers > 0) {
      return markers;
    }
    return stdout.length() > 100 ? 1 : 0;
  }
}
