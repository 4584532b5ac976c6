package dev.scylla.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A test case: {@code test.yaml} with its prompt, rubric and criteria, as loaded and validated by
 * {@code dev.scylla.store.TestDefinitions}.
 *
 * @param dir the test directory
 * @param id the test id ({@code test-001}); the default experiment id
 * @param language {@code python} or {@code mojo}: selects the build pipeline
 * @param repo {@code source.repo}: a URL or a local path of the task repository
 * @param commit {@code source.hash}: the 40-hex commit the agent starts from
 * @param branch {@code source.branch} (informational; default {@code main})
 * @param timeoutSeconds {@code task.timeout_seconds}: the agent's wall-clock limit (default 3600)
 * @param promptFile the prompt file relative to {@code dir} ({@code task.prompt_file})
 * @param rubricFile the rubric relative to {@code dir} ({@code validation.rubric_file})
 * @param criteriaFile the criteria relative to {@code dir} ({@code validation.criteria_file})
 * @param tiers {@code tiers} of test.yaml (informational: tiers come from the run's options)
 * @param promptText the task prompt, verbatim
 * @param rubricText the rubric YAML, verbatim (the judge receives it as text)
 * @param criteriaText the criteria Markdown, or null when the file is absent
 */
public record TestDefinition(
    Path dir,
    String id,
    String name,
    String description,
    String language,
    String repo,
    String commit,
    String branch,
    int timeoutSeconds,
    String promptFile,
    String rubricFile,
    String criteriaFile,
    List<String> tiers,
    List<String> models,
    String promptText,
    String rubricText,
    String criteriaText) {

  /** The reference's default agent timeout when test.yaml gives none. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 3600;

  public TestDefinition {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(id, "id");
    tiers = List.copyOf(tiers);
    models = List.copyOf(models);
  }

  public Path promptPath() {
    return dir.resolve(promptFile);
  }

  public Path rubricPath() {
    return dir.resolve(rubricFile);
  }

  /** The criteria file (it may not exist: see {@link #criteriaText()}). */
  public Path criteriaPath() {
    return dir.resolve(criteriaFile);
  }
}
