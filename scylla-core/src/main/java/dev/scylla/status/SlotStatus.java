package dev.scylla.status;

import java.util.Locale;

/** The state of one judge slot of one run. */
public enum SlotStatus {
  /** A valid judgment. */
  COMPLETE,
  /** A persisted fallback judgment: terminal, retried only when asked. */
  FALLBACK,
  /** No slot directory. */
  MISSING,
  /** A slot directory without judgment and without a recorded failure: interrupted. */
  PARTIAL,
  /** A recorded failure, or a judgment that is corrupt or invalid. */
  FAILED,
  /** The run's agent did not finish, so there is nothing to judge. */
  AGENT_FAILED;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Complete or fallback: a scan will not pick this slot up again without being asked. */
  public boolean terminal() {
    return this == COMPLETE || this == FALLBACK;
  }

  public static SlotStatus parse(String text) {
    String t = text.trim().replace('-', '_');
    for (SlotStatus s : values()) {
      if (s.jsonName().equalsIgnoreCase(t)) {
        return s;
      }
    }
    throw dev.scylla.model.ScyllaException.badInput(
        "unknown judge slot status '"
            + text
            + "': expected complete, fallback, missing, partial, failed or agent_failed");
  }
}
