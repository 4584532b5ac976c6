package dev.scylla.judge;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a run's judge prompt comes from.
 *
 * @param runLabel how messages name the run ({@code T0/00/run_01})
 * @param language the experiment's language, for the build pipeline
 * @param workspace the run's workspace, or null for {@code <run>/workspace}
 * @param baseRef the commit the agent started from, or null for the reference's diff rule
 */
public record PromptSpec(
    Path experimentRoot,
    Path runDir,
    String runLabel,
    String language,
    Path workspace,
    String baseRef,
    PromptLimits limits) {

  public PromptSpec {
    Objects.requireNonNull(experimentRoot, "experimentRoot");
    Objects.requireNonNull(runDir, "runDir");
    runLabel = runLabel == null ? runDir.toString() : runLabel;
    language = language == null ? "python" : language;
    limits = limits == null ? PromptLimits.defaults() : limits;
  }

  public static PromptSpec of(Path experimentRoot, Path runDir, String runLabel, String language) {
    return new PromptSpec(experimentRoot, runDir, runLabel, language, null, null, null);
  }

  public Path workspaceDir() {
    return workspace != null ? workspace : runDir.resolve("workspace");
  }
}
