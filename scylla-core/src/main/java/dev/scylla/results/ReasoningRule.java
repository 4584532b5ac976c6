package dev.scylla.results;

import dev.scylla.model.ScyllaException;
import java.util.Locale;

/**
 * Which judge's reasoning (and criteria) stands for the consensus of a run.
 *
 * <ul>
 *   <li>{@link #FIRST}: the counted judge with the lowest slot number. The recorded experiment
 *       (January 2026) took judge 1's reasoning in every run, so this is the default.
 *   <li>{@link #CLOSEST}: the counted judge whose score is closest to the consensus score, ties to
 *       the lowest slot (the reference's rule since February 2026, restricted to counted judges).
 * </ul>
 */
public enum ReasoningRule {
  FIRST,
  CLOSEST;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReasoningRule parse(String text) {
    for (ReasoningRule r : values()) {
      if (r.jsonName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return r;
      }
    }
    throw ScyllaException.badInput(
        "unknown reasoning rule '" + text + "': expected first or closest");
  }
}
