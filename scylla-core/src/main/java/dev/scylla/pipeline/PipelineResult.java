package dev.scylla.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The build pipeline's result for one workspace (the reference's {@code BuildPipelineResult}).
 *
 * @param language "python", "mojo", or another language (every step N/A)
 * @param measuredAt when the pipeline finished (ISO-8601), or null when unknown
 */
public record PipelineResult(
    String language,
    BuildStepResult build,
    BuildStepResult format,
    BuildStepResult test,
    BuildStepResult precommit,
    String measuredAt) {

  public PipelineResult {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(precommit, "precommit");
  }

  public List<BuildStepResult> steps() {
    return List.of(build, format, test, precommit);
  }

  public BuildStepResult step(StepKind kind) {
    return switch (kind) {
      case BUILD -> build;
      case FORMAT -> format;
      case TEST -> test;
      case PRECOMMIT -> precommit;
    };
  }

  /** No step failed (N/A steps neither pass nor fail). */
  public boolean allPassed() {
    return steps().stream().noneMatch(BuildStepResult::failed);
  }

  /** The steps that are N/A. */
  public List<BuildStepResult> naSteps() {
    return steps().stream().filter(BuildStepResult::na).toList();
  }

  /** "Python" or "Mojo": the language as the prompt names it. */
  public String languageTitle() {
    return language.isEmpty()
        ? language
        : language.substring(0, 1).toUpperCase(Locale.ROOT) + language.substring(1);
  }

  /** The reference's label of a step: {@code python-build}, ..., {@code pre-commit}. */
  public String stepLabel(StepKind kind) {
    return switch (kind) {
      case BUILD -> language + "-build";
      case FORMAT -> language + "-format";
      case TEST -> language + "-test";
      case PRECOMMIT -> "pre-commit";
    };
  }

  /** The failed steps' labels joined by ", ", or "none". */
  public String failureSummary() {
    List<String> failed = new ArrayList<>();
    for (BuildStepResult s : steps()) {
      if (s.failed()) {
        failed.add(stepLabel(s.kind()));
      }
    }
    return failed.isEmpty() ? "none" : String.join(", ", failed);
  }

  /** One line for logs: {@code [python-build(✅), python-format(🏳️), ...]}. */
  public String statusSummary() {
    List<String> parts = new ArrayList<>();
    for (BuildStepResult s : steps()) {
      String mark =
          switch (s.status()) {
            case PASSED -> "\u2705";
            case FAILED -> "\u274c";
            case NA -> "\ud83c\udff3\ufe0f";
          };
      parts.add(stepLabel(s.kind()) + "(" + mark + ")");
    }
    return "[" + String.join(", ", parts) + "]";
  }
}
