package dev.scylla.pipeline;

import java.util.Objects;

/**
 * One step of the build pipeline.
 *
 * @param output what the tool printed (stdout, a newline, stderr), untruncated; for the Python
 *     build step followed by the root scripts' results
 * @param reason why the step is N/A or failed, in a few words; null when it passed
 * @param exitCode the tool's exit code, or null when it did not run
 * @param command the command line as run (for display), or null when nothing ran
 */
public record BuildStepResult(
    StepKind kind,
    StepStatus status,
    String output,
    String reason,
    Integer exitCode,
    boolean timedOut,
    double durationSeconds,
    String command) {

  public BuildStepResult {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    output = output == null ? "" : output;
  }

  /** A step that did not run because it does not apply. */
  public static BuildStepResult na(StepKind kind, String reason, String output) {
    return new BuildStepResult(kind, StepStatus.NA, output, reason, null, false, 0.0, null);
  }

  public boolean passed() {
    return status == StepStatus.PASSED;
  }

  public boolean failed() {
    return status == StepStatus.FAILED;
  }

  public boolean na() {
    return status == StepStatus.NA;
  }
}
