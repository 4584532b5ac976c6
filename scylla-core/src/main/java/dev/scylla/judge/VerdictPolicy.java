package dev.scylla.judge;

import java.util.Locale;

/** Which JSON verdict of a response counts when the model wrote more than one. */
public enum VerdictPolicy {
  /** The last verdict: the model's final answer after any self-correction (the default). */
  FINAL,
  /**
   * The reference's rule, kept to reproduce recorded judgments: the first fenced block, else the
   * first brace-balanced span.
   */
  FIRST;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VerdictPolicy parse(String s) {
    for (VerdictPolicy p : values()) {
      if (p.jsonName().equalsIgnoreCase(s.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException("'" + s + "' is neither final nor first");
  }
}
