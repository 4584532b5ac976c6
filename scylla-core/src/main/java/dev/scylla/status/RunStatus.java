package dev.scylla.status;

import java.util.Locale;

/** The state of one expected run. */
public enum RunStatus {
  /** Agent output, a valid agent result and a valid run_result.json: nothing to do. */
  COMPLETED,
  /** The agent finished but result files are missing or corrupt: rebuild, never re-run. */
  RESULTS,
  /** The agent ran and failed: re-run. */
  FAILED,
  /** The agent started but did not finish: re-run. */
  PARTIAL,
  /** No run directory, or an empty one: run. */
  MISSING;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when the agent did not finish, so the run's judge slots cannot be judged. */
  public boolean agentUnfinished() {
    return this == FAILED || this == PARTIAL || this == MISSING;
  }

  public static RunStatus parse(String text) {
    for (RunStatus s : values()) {
      if (s.jsonName().equalsIgnoreCase(text.trim())) {
        return s;
      }
    }
    throw dev.scylla.model.ScyllaException.badInput(
        "unknown run status '"
            + text
            + "': expected completed, results, failed, partial or missing");
  }
}
