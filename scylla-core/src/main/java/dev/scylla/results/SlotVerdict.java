package dev.scylla.results;

import dev.scylla.model.Judgment;

/** The judgment a judge slot holds, with its 1-based slot number. */
public record SlotVerdict(int slot, Judgment judgment) {
  public SlotVerdict {
    if (slot < 1) {
      throw new IllegalArgumentException("slot numbers start at 1: " + slot);
    }
    if (judgment == null) {
      throw new IllegalArgumentException("judgment");
    }
  }

  /** A real verdict: not a persisted fallback, not marked invalid, and a score in [0, 1]. */
  public boolean real() {
    return judgment.isRealVerdict() && inRange();
  }

  /** Whether the score is a number in [0, 1]. */
  public boolean inRange() {
    double s = judgment.score();
    return s >= 0.0 && s <= 1.0;
  }
}
