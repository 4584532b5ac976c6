package dev.scylla.pipeline;

import java.util.Locale;

/** The four steps of the build pipeline, in the order they run. */
public enum StepKind {
  BUILD,
  FORMAT,
  TEST,
  PRECOMMIT;

  /** The step's name in JSON field names ({@code build_passed}, ...). */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
