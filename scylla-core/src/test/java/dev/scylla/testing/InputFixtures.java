package dev.scylla.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes valid test directories and catalogues that tests then damage on purpose, so loading and
 * validation are tested without {@code ../shared}.
 */
public final class InputFixtures {
  private InputFixtures() {}

  public static final String TEST_YAML =
      """
      id: "test-101"
      name: "Synthetic task"
      description: A test written by the tests.
      language: python
      source:
        repo: "https://example.invalid/repo"
        hash: "0123456789abcdef0123456789abcdef01234567"
      task:
        prompt_file: "prompt.md"
        timeout_seconds: 120
      validation:
        criteria_file: "expected/criteria.md"
        rubric_file: "expected/rubric.yaml"
      tiers: [T0, t1]
      """;

  public static final String RUBRIC =
      """
      categories:
        functional:
          weight: 0.7
          scoring_type: "checklist"
          items:
            - id: F1
              check: "File hello.py exists"
              points: 1.0
        overall_quality:
          weight: 0.3
          scoring_type: "subjective"
          items:
            - id: OQ1
              check: "Good"
              points: 2.0
      grading:
        pass_threshold: 0.60
      """;

  /** A valid test directory under {@code dir}. */
  public static Path testDir(Path dir) {
    write(dir.resolve("test.yaml"), TEST_YAML);
    write(dir.resolve("prompt.md"), "Create `hello.py` that prints \"Hello, World!\".\n");
    write(dir.resolve("expected/rubric.yaml"), RUBRIC);
    write(dir.resolve("expected/criteria.md"), "# Criteria\n");
    return dir;
  }

  /**
   * A valid catalogue under {@code dir}: T0 with 00 (empty) and 02 (blocks), T1 with 01 (skills)
   * and 02 (agents, tools, MCP, teams); two blocks, agents at L2 and L3, one skill category.
   */
  public static Path catalogue(Path dir) {
    write(
        dir.resolve("tiers.yaml"),
        """
        tiers:
          T0: {name: "Prompts", description: "d", tools_enabled: null, delegation_enabled: false}
          T1: {name: "Skills", description: "d", tools_enabled: true, delegation_enabled: true}
        """);
    write(
        dir.resolve("subtests/t0/00-empty.yaml"),
        """
        name: Empty
        description: nothing
        extends_previous: false
        system_prompt_mode: none
        resources:
          claude_md:
            blocks: []
        """);
    write(
        dir.resolve("subtests/t0/02-blocks.yaml"),
        """
        name: Blocks
        extends_previous: false
        resources:
          claude_md:
            blocks: [B02, B01]
        """);
    write(
        dir.resolve("subtests/t1/01-skills.yaml"),
        """
        name: Skills
        resources:
          skills:
            categories: [python]
        """);
    write(
        dir.resolve("subtests/t1/02-everything.yaml"),
        """
        name: Everything
        agent_teams: true
        resources:
          agents:
            levels: [2]
            names: [solo]
        tools:
          enabled: [Read, Write]
        mcp_servers:
          - name: git
          - filesystem
          - name: custom
            source: local
            config_path: .claude/mcp/custom.json
        """);
    write(dir.resolve("blocks/B01-overview.md"), "## Overview\n\nBlock one.\n");
    write(dir.resolve("blocks/B02-rules.md"), "## Rules\n\nBlock two.\n\n");
    write(dir.resolve("agents/L2/designer.md"), "---\nname: designer\n---\nDesign.\n");
    write(dir.resolve("agents/L2/architect.md"), "---\nname: architect\n---\nArchitect.\n");
    write(dir.resolve("agents/L3/solo.md"), "---\nname: solo\n---\nSolo.\n");
    write(dir.resolve("skills/python/hello/SKILL.md"), "# hello skill\n");
    write(dir.resolve("skills/python/hello/scripts/run.sh"), "#!/bin/sh\necho hi\n");
    write(dir.resolve("skills/python/verify/SKILL.md"), "# verify skill\n");
    return dir;
  }

  public static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void writeBytes(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
