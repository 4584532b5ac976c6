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
  AGENT_FAILED,
  /**
   * The run's agent used up its turns and the experiment scores such runs as failures without
   * judging them ({@code scylla.turn_limited: "fail"}): terminal, nothing to pay for.
   */
  NOT_JUDGED;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Complete, fallback or not judged: a scan will not pick this slot up again without being asked.
   */
  public boolean terminal() {
    return this == COMPLETE || this == FALLBACK || this == NOT_JUDGED;
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
            + "': expected complete, fallback, missing, partial, failed, agent_failed or not_judged");
  }
}
