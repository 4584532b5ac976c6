package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.TestDefinition;
import dev.scylla.model.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and validates a test directory ({@code test.yaml}, the prompt, {@code
 * expected/rubric.yaml}, {@code expected/criteria.md}) as the reference's schema describes it
 * (scylla-execution.md §1.1). Every problem is a BAD_INPUT {@link ScyllaException} naming the file
 * and the field. Deliberate differences from the reference: {@code task.prompt_file} and {@code
 * validation.*} are honoured (they default to the files the reference hard-codes), {@code
 * source.repo} may be a local path (the demo's task repository is one), and the timeout may be
 * shorter than 60 s.
 */
public final class TestDefinitions {
  public static final String TEST_YAML = "test.yaml";
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}");
  private static final Set<String> TOP =
      Set.of(
          "id",
          "name",
          "description",
          "language",
          "source",
          "task",
          "validation",
          "tiers",
          "models",
          "tags");
  private static final Set<String> LANGUAGES = Set.of("python", "mojo");

  private TestDefinitions() {}

  /** True when {@code dir} looks like a test directory (it has a test.yaml). */
  public static boolean isTestDir(Path dir) {
    return Files.isRegularFile(dir.resolve(TEST_YAML));
  }

  /** Loads and validates the test in {@code dir}. */
  public static TestDefinition load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw ScyllaException.badInput(
          dir + ": " + (Files.exists(dir) ? "not a directory" : "test directory does not exist"));
    }
    Path yaml = dir.resolve(TEST_YAML);
    if (!Files.exists(yaml)) {
      throw ScyllaException.badInput(yaml + ": missing (not a test directory)");
    }
    JsonNode root = Yaml.readMapping(yaml, "test definition");
    try {
      Yaml.onlyKeys(root, "", TOP);
      String id = Yaml.reqString(root, "id", "");
      if (!ID.matcher(id).matches()) {
        throw new FieldProblem(
            "id", "'" + id + "' is not a valid id (lowercase letters, digits and single dashes)");
      }
      String name = Yaml.reqString(root, "name", "");
      String description = Yaml.string(root, "description", "", "");
      String language = Yaml.reqString(root, "language", "").trim();
      if (!LANGUAGES.contains(language)) {
        throw new FieldProblem("language", "'" + language + "' is not supported (python, mojo)");
      }
      JsonNode source = Yaml.mapping(root, "source", "");
      if (source == null) {
        throw new FieldProblem("source", "missing (required: repo and hash)");
      }
      Yaml.onlyKeys(source, "source", Set.of("repo", "hash", "branch"));
      String repo = Yaml.reqString(source, "repo", "source").trim();
      String hash = Yaml.scalarString(source, "hash", "source").trim();
      if (!HASH.matcher(hash).matches()) {
        throw new FieldProblem(
            "source.hash",
            "'" + hash + "' is not a commit hash (40 lowercase hexadecimal characters)");
      }
      String branch = Yaml.string(source, "branch", "source", "main");
      JsonNode task = Yaml.mapping(root, "task", "");
      String promptFile = "prompt.md";
      int timeout = TestDefinition.DEFAULT_TIMEOUT_SECONDS;
      if (task != null) {
        Yaml.onlyKeys(task, "task", Set.of("prompt_file", "timeout_seconds"));
        promptFile = relative(task, "prompt_file", "task", promptFile);
        Integer t = Yaml.integer(task, "timeout_seconds", "task", 1, 86400);
        if (t != null) {
          timeout = t;
        }
      }
      JsonNode validation = Yaml.mapping(root, "validation", "");
      String criteriaFile = "expected/criteria.md";
      String rubricFile = "expected/rubric.yaml";
      if (validation != null) {
        Yaml.onlyKeys(validation, "validation", Set.of("criteria_file", "rubric_file"));
        criteriaFile = relative(validation, "criteria_file", "validation", criteriaFile);
        rubricFile = relative(validation, "rubric_file", "validation", rubricFile);
      }
      List<String> tiers = new ArrayList<>();
      List<String> listed = Yaml.strings(root, "tiers", "");
      for (int i = 0; i < listed.size(); i++) {
        String t = listed.get(i).trim().toUpperCase(Locale.ROOT);
        if (!Tiers.isTier(t)) {
          throw new FieldProblem(
              "tiers[" + i + "]", "unknown tier '" + listed.get(i) + "' (expected T0..T6)");
        }
        tiers.add(t);
      }
      List<String> models = Yaml.strings(root, "models", "");
      Yaml.strings(root, "tags", "");

      String prompt = Yaml.readText(dir.resolve(promptFile), "the task prompt");
      if (prompt.isBlank()) {
        throw ScyllaException.badInput(dir.resolve(promptFile) + ": the task prompt is empty");
      }
      Path rubricPath = dir.resolve(rubricFile);
      String rubric = Yaml.readText(rubricPath, "the rubric");
      Rubrics.validate(rubricPath, rubric);
      Path criteriaPath = dir.resolve(criteriaFile);
      String criteria =
          Files.exists(criteriaPath) ? Yaml.readText(criteriaPath, "the criteria") : null;
      return new TestDefinition(
          dir,
          id,
          name,
          description,
          language,
          repo,
          hash,
          branch,
          timeout,
          promptFile,
          rubricFile,
          criteriaFile,
          tiers,
          models,
          prompt,
          rubric,
          criteria);
    } catch (FieldProblem p) {
      throw Yaml.bad(yaml, p);
    }
  }

  private static String relative(JsonNode obj, String key, String path, String dflt)
      throws FieldProblem {
    String v = Yaml.string(obj, key, path, dflt);
    String field = Yaml.join(path, key);
    if (v.isBlank()) {
      throw new FieldProblem(field, "must not be empty");
    }
    Path p = Path.of(v);
    if (p.isAbsolute() || p.normalize().startsWith("..")) {
      throw new FieldProblem(
          field, "'" + v + "' must be a path inside the test directory (relative, no '..')");
    }
    return v;
  }
}
