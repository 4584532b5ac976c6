package dev.scylla.pipeline;

import java.util.Locale;

/** How a pipeline step ended. */
public enum StepStatus {
  /** The tool ran and reported success. */
  PASSED,
  /** The tool ran and reported failure, or it timed out. */
  FAILED,
  /**
   * The step does not apply: the tool is not installed, there is nothing for it to check (no tests,
   * no pre-commit configuration), or the language has no such step. Neither a pass nor a failure.
   */
  NA;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How the judge prompt labels the step. */
  public String label() {
    return switch (this) {
      case PASSED -> "PASSED";
      case FAILED -> "FAILED";
      case NA -> "N/A";
    };
  }

  public static StepStatus parse(String s) {
    for (StepStatus v : values()) {
      if (v.jsonName().equalsIgnoreCase(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown step status '" + s + "'");
  }
}
