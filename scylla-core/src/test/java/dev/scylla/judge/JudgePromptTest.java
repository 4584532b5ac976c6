package dev.scylla.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.pipeline.BuildStepResult;
import dev.scylla.pipeline.PipelineResult;
import dev.scylla.pipeline.StepKind;
import dev.scylla.pipeline.StepStatus;
import dev.scylla.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JudgePromptTest {
  static BuildStepResult step(StepKind k, StepStatus s, String out, String reason) {
    return new BuildStepResult(k, s, out, reason, s == StepStatus.NA ? null : 0, false, 0.1, "cmd");
  }

  static PipelineResult pipeline(StepStatus format, String buildOut) {
    return new PipelineResult(
        "python",
        step(StepKind.BUILD, StepStatus.PASSED, buildOut, null),
        step(
            StepKind.FORMAT,
            format,
            "ruff not available, skipping format check",
            format == StepStatus.NA ? "ruff not installed (not found on PATH)" : "exit code 1"),
        step(StepKind.TEST, StepStatus.PASSED, "1 passed", null),
        step(
            StepKind.PRECOMMIT,
            StepStatus.NA,
            "skipped",
            "no .pre-commit-config.yaml in the workspace"),
        null);
  }

  static PromptInputs inputs(
      String agentOutput, String patch, PipelineEvidence baseline, PipelineEvidence after) {
    return new PromptInputs(
        "categories: {}\n",
        "# Task\nWrite hello.py\n",
        agentOutput,
        "Files modified/created by agent:\n- `hello.py` (created)",
        patch,
        List.of("old.py"),
        null,
        baseline,
        after);
  }

  static List<String> headings(String prompt) {
    List<String> out = new ArrayList<>();
    for (String line : prompt.split("\n")) {
      if (line.startsWith("## ") || line.startsWith("### ")) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void sectionsComeInTheReferenceOrderAndNaIsShownAsNa() {
    String prompt =
        JudgePrompt.render(
            inputs(
                "{\"result\": \"done\"}",
                "diff --git a/x b/x\n+1",
                new PipelineEvidence.Ran(pipeline(StepStatus.FAILED, "ok")),
                new PipelineEvidence.Ran(pipeline(StepStatus.NA, "Python syntax check passed"))),
            PromptLimits.defaults());
    assertThat(headings(prompt))
        .containsExactly(
            "## Rubric (Evaluation Criteria)",
            "## Task Given to Agent",
            "## Agent's Output",
            "## Workspace State After Agent Execution",
            "## Git Diff (Patchfile)",
            "## Deleted Files",
            "## Baseline Pipeline Results (Before Agent)",
            "### Python Build (PASSED)",
            "### Python Format Check (FAILED: exit code 1)",
            "### Python Test (PASSED)",
            "### Pre-commit Hooks (N/A: no .pre-commit-config.yaml in the workspace)",
            "## Build/Lint/Test Pipeline Results (After Agent)",
            "### Python Build (PASSED)",
            "### Python Format Check (N/A: ruff not installed (not found on PATH))",
            "### Python Test (PASSED)",
            "### Pre-commit Hooks (N/A: no .pre-commit-config.yaml in the workspace)");
    assertThat(prompt)
        .startsWith(
            "## Rubric (Evaluation Criteria)\n\n```yaml\ncategories: {}\n```\n\n## Task Given to Agent\n\n# Task\nWrite hello.py\n\n## Agent's Output");
    assertThat(prompt).contains("**Overall Status**: SOME FAILED \u2717 (python-format)");
    assertThat(prompt)
        .contains(
            "**Overall Status**: ALL PASSED \u2713\n\nNot applicable (neither passed nor failed): python-format (ruff not installed (not found on PATH)); pre-commit (no .pre-commit-config.yaml in the workspace).");
    assertThat(prompt).contains("## Deleted Files\n\n- old.py\n\n");
    assertThat(prompt).contains("```diff\ndiff --git a/x b/x\n+1\n```");
    assertThat(prompt).doesNotContain("Read tool");
    assertThat(prompt).endsWith("answer with the JSON verdict only.\n");
  }

  @Test
  void sentinelPatchesAndEmptyOptionalSectionsAreLeftOut() {
    for (String patch :
        new String[] {null, "(no changes detected)", "(unable to generate patchfile)", "  "}) {
      String prompt =
          JudgePrompt.render(
              new PromptInputs(
                  null,
                  "t",
                  "o",
                  "(no changes detected)",
                  patch,
                  List.of(),
                  null,
                  null,
                  new PipelineEvidence.Unavailable("the workspace is gone")),
              PromptLimits.defaults());
      assertThat(headings(prompt))
          .containsExactly(
              "## Task Given to Agent",
              "## Agent's Output",
              "## Workspace State After Agent Execution",
              "## Build/Lint/Test Pipeline Results (After Agent)");
      assertThat(prompt).contains("**Overall Status**: NOT AVAILABLE (the workspace is gone)");
    }
  }

  @Test
  void everySectionIsCappedWithAnExplicitMarker() {
    String longOutput = "A".repeat(100) + "B".repeat(100);
    StringBuilder patch = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      patch.append("+line ").append(i).append('\n');
    }
    String build = "x".repeat(60);
    PromptLimits small = new PromptLimits(10, 10, 30, 3, 10, 1, 20, 10);
    String prompt =
        JudgePrompt.render(
            new PromptInputs(
                "r".repeat(25),
                "t".repeat(25),
                longOutput,
                "l1\nl2\nl3\nl4\nl5",
                patch.toString(),
                List.of("a", "b", "c"),
                null,
                null,
                new PipelineEvidence.Ran(pipeline(StepStatus.PASSED, build))),
            small);
    assertThat(prompt).contains("rrrrrrrrrr\n... (truncated: 15 more characters not shown)");
    assertThat(prompt).contains("tttttttttt\n... (truncated: 15 more characters not shown)");
    assertThat(prompt)
        .contains(
            "A".repeat(20)
                + "\n\n... (truncated: 170 characters not shown) ...\n\n"
                + "B".repeat(10));
    assertThat(prompt).contains("l1\nl2\nl3\n\n... (truncated: 2 lines not shown) ...");
    assertThat(prompt).contains("+line 5\n\n... (truncated: 20 lines not shown) ...\n\n+line 26");
    assertThat(prompt).contains("- a\n- ... (2 more deleted files not shown)");
    assertThat(prompt)
        .contains("x".repeat(20) + "\n... (truncated: 40 more characters not shown)\n```");
  }

  @Test
  void recordedLogsAreShownWithoutInventedStatuses() {
    String prompt =
        JudgePrompt.render(
            new PromptInputs(
                null,
                "t",
                "o",
                "s",
                null,
                List.of(),
                null,
                null,
                new PipelineEvidence.Logs(
                    "python", Map.of(StepKind.BUILD, "Python syntax check passed"))),
            PromptLimits.defaults());
    assertThat(prompt).contains("**Overall Status**: UNKNOWN");
    assertThat(prompt)
        .contains("### Python Build (RECORDED)\n```\nPython syntax check passed\n```");
    assertThat(prompt).contains("### Python Test (RECORDED)\n```\n(no output recorded)\n```");
  }

  /**
   * Splits a prompt into its "## " sections, blank lines removed (the stored prompts were linted).
   */
  static Map<String, String> sections(String prompt) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    String heading = null;
    StringBuilder body = new StringBuilder();
    for (String line : prompt.split("\n")) {
      boolean top = line.startsWith("## ") && !line.startsWith("### ");
      if (top && (heading == null || KNOWN.matcher(line).matches())) {
        if (heading != null) {
          out.put(heading, body.toString());
        }
        heading = line;
        body = new StringBuilder();
      } else if (!line.isBlank()) {
        body.append(line).append('\n');
      }
    }
    out.put(heading, body.toString());
    return out;
  }

  static final Pattern KNOWN =
      Pattern.compile(
          "## (Rubric|Task Given|Agent's Output|Workspace State|Git Diff|Deleted Files|Baseline|Build/Lint).*");

  @Test
  void theRecordedPromptsSectionsAreReproducedFromTheStoredParts() throws Exception {
    Path run = SharedFixtures.dryrun().resolve("T0/00/run_01");
    String stored = Files.readString(run.resolve("judge_prompt.md"));
    String build = Files.readString(run.resolve("commands/python_build_output.log"));
    PipelineResult p =
        new PipelineResult(
            "python",
            step(StepKind.BUILD, StepStatus.PASSED, build, null),
            step(StepKind.FORMAT, StepStatus.PASSED, "All checks passed!\n\n", null),
            step(
                StepKind.TEST,
                StepStatus.PASSED,
                Files.readString(run.resolve("commands/python_test_output.log")),
                null),
            step(
                StepKind.PRECOMMIT,
                StepStatus.PASSED,
                Files.readString(run.resolve("commands/precommit_output.log")),
                null),
            null);
    String ours =
        JudgePrompt.render(
            new PromptInputs(
                Files.readString(SharedFixtures.dryrun().resolve("rubric.yaml")),
                Files.readString(run.resolve("task_prompt.md")),
                Files.readString(run.resolve("agent/output.txt")),
                "Files modified/created by agent:\n- `hello.py` (created)",
                null,
                List.of(),
                null,
                null,
                new PipelineEvidence.Ran(p)),
            PromptLimits.defaults());
    Map<String, String> a = sections(stored);
    Map<String, String> b = sections(ours);
    for (String h :
        List.of(
            "## Task Given to Agent",
            "## Agent's Output",
            "## Workspace State After Agent Execution")) {
      assertThat(b.get(h)).as(h).isEqualTo(a.get(h));
    }
    // the January heading had no "(After Agent)"; the test step's log was rewritten by a later
    // pipeline run (0.02s against the prompt's 0.08s, reference notes §1.4): compare the rest
    String storedPipeline = a.get("## Build/Lint/Test Pipeline Results");
    String ourPipeline = b.get("## Build/Lint/Test Pipeline Results (After Agent)");
    for (String sub :
        List.of(
            "### Python Build (PASSED)",
            "### Python Format Check (PASSED)",
            "### Pre-commit Hooks (PASSED)")) {
      assertThat(subsection(ourPipeline, sub)).as(sub).isEqualTo(subsection(storedPipeline, sub));
    }
    assertThat(ourPipeline).startsWith("**Overall Status**: ALL PASSED \u2713\n");
  }

  static String subsection(String body, String heading) {
    int i = body.indexOf(heading);
    assertThat(i).as(heading).isGreaterThanOrEqualTo(0);
    int end = body.indexOf("\n### ", i + 1);
    int closing = body.indexOf("\n---\n", i + 1);
    if (end < 0 || (closing >= 0 && closing < end)) {
      end = closing;
    }
    return body.substring(i, end < 0 ? body.length() : end);
  }
}
