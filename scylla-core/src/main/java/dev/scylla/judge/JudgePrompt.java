package dev.scylla.judge;

import dev.scylla.pipeline.BuildStepResult;
import dev.scylla.pipeline.PipelineResult;
import dev.scylla.pipeline.StepKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the user prompt a judge receives ({@code judge_prompt.md}), with the reference's sections
 * in its order, joined by blank lines: the rubric, the task, the agent's output, the workspace
 * state, the git diff, the deleted files, a reference patch, the baseline pipeline and the
 * post-agent pipeline, then a closing instruction. Empty optional sections are left out. Unlike the
 * reference, every section is capped ({@link PromptLimits}) with an explicit marker, and an N/A
 * pipeline step is shown as N/A with its reason instead of as PASSED.
 */
public final class JudgePrompt {
  /** The note above the diff (the reference's told the judge to use tools it no longer has). */
  static final String DIFF_NOTE =
      "*The diff shows changes to tracked files; files the agent created are listed in the"
          + " workspace state above, and their content follows under \"Untracked Files\" when it"
          + " could be read.*";

  static final String BASELINE_NOTE =
      "*The same pipeline on the repository before the agent ran. A step that already failed"
          + " here is a pre-existing failure, not a regression; a step that passed here and fails"
          + " after the agent is a regression.*";

  static final String CLOSING =
      "---\n\nEvaluate the agent's work against the rubric, following the instructions in your"
          + " system prompt, and answer with the JSON verdict only.";

  private JudgePrompt() {}

  static final String RUBRIC_HEADING = "## Rubric (Evaluation Criteria)\n\n```yaml\n";

  /**
   * A stored prompt with its rubric section replaced by {@code rubricText} (the rest, built from
   * the workspace when it existed, is kept as it was), or the prompt unchanged when it already
   * holds that rubric. A prompt without a rubric section gets one in front.
   */
  public static String withRubric(String prompt, String rubricText, PromptLimits limits) {
    String section =
        rubricText == null || rubricText.isBlank()
            ? ""
            : RUBRIC_HEADING
                + PromptLimits.head(rubricText.stripTrailing(), limits.rubricChars())
                + "\n```";
    String rest = prompt;
    if (prompt.startsWith(RUBRIC_HEADING)) {
      int end = prompt.indexOf("\n```\n\n## ", RUBRIC_HEADING.length());
      if (end < 0) {
        return prompt;
      }
      rest = prompt.substring(end + "\n```\n\n".length());
    }
    return section.isEmpty() ? rest : section + "\n\n" + rest;
  }

  public static String render(PromptInputs in, PromptLimits limits) {
    List<String> sections = new ArrayList<>();
    if (in.rubricText() != null && !in.rubricText().isBlank()) {
      sections.add(
          RUBRIC_HEADING
              + PromptLimits.head(in.rubricText().stripTrailing(), limits.rubricChars())
              + "\n```");
    }
    sections.add(
        "## Task Given to Agent\n\n"
            + PromptLimits.head(
                orNone(in.taskPrompt(), "(the task prompt is not available)"), limits.taskChars()));
    sections.add(
        "## Agent's Output\n\n"
            + PromptLimits.headTail(
                orNone(in.agentOutput(), "(the agent produced no output)"),
                limits.agentOutputChars()));
    String state = orNone(in.workspaceState(), "(no changes detected)");
    int wl = limits.workspaceLines();
    sections.add(
        "## Workspace State After Agent Execution\n\n"
            + PromptLimits.lines(state, wl, wl, 0).stripTrailing());
    if (in.patch() != null
        && !in.patch().isBlank()
        && !in.patch().strip().equals("(no changes detected)")
        && !in.patch().strip().equals("(unable to generate patchfile)")) {
      int pl = limits.patchLines();
      sections.add(
          "## Git Diff (Patchfile)\n\n"
              + DIFF_NOTE
              + "\n\n```diff\n"
              + PromptLimits.lines(in.patch().stripTrailing(), pl, pl / 2, pl / 2)
              + "\n```");
    }
    if (!in.deletedFiles().isEmpty()) {
      StringBuilder sb = new StringBuilder("## Deleted Files\n\n");
      int n = Math.min(in.deletedFiles().size(), limits.deletedFiles());
      for (int i = 0; i < n; i++) {
        sb.append("- ").append(in.deletedFiles().get(i)).append('\n');
      }
      if (in.deletedFiles().size() > n) {
        sb.append("- ... (")
            .append(in.deletedFiles().size() - n)
            .append(" more deleted files not shown)\n");
      }
      sections.add(sb.toString().stripTrailing());
    }
    if (in.referencePatch() != null && !in.referencePatch().isBlank()) {
      int rl = limits.referencePatchLines();
      sections.add(
          "## Reference Solution Patch\n\n```diff\n"
              + PromptLimits.lines(in.referencePatch().stripTrailing(), rl, rl / 2, rl / 4)
              + "\n```\n\nThe agent's solution does not have to match this patch: it only has to"
              + " be semantically equivalent.");
    }
    if (in.baseline() != null) {
      sections.add(
          "## Baseline Pipeline Results (Before Agent)\n\n"
              + BASELINE_NOTE
              + "\n\n"
              + pipeline(in.baseline(), limits));
    }
    sections.add(
        "## Build/Lint/Test Pipeline Results (After Agent)\n\n"
            + pipeline(in.afterAgent(), limits));
    sections.add(CLOSING);
    return String.join("\n\n", sections) + "\n";
  }

  /** The pipeline section's body. */
  static String pipeline(PipelineEvidence e, PromptLimits limits) {
    if (e instanceof PipelineEvidence.Ran r) {
      PipelineResult p = r.result();
      List<String> parts = new ArrayList<>();
      String status =
          p.allPassed()
              ? "**Overall Status**: ALL PASSED \u2713"
              : "**Overall Status**: SOME FAILED \u2717 (" + p.failureSummary() + ")";
      List<BuildStepResult> na = p.naSteps();
      if (!na.isEmpty()) {
        List<String> names = new ArrayList<>();
        for (BuildStepResult s : na) {
          names.add(p.stepLabel(s.kind()) + (s.reason() == null ? "" : " (" + s.reason() + ")"));
        }
        status +=
            "\n\nNot applicable (neither passed nor failed): " + String.join("; ", names) + ".";
      }
      parts.add(status);
      for (BuildStepResult s : p.steps()) {
        String label = s.status().label();
        if (s.na() && s.reason() != null) {
          label += ": " + s.reason();
        } else if (s.failed() && s.reason() != null) {
          label += ": " + s.reason();
        }
        parts.add(
            "### "
                + title(p.languageTitle(), s.kind())
                + " ("
                + label
                + ")\n```\n"
                + PromptLimits.head(s.output(), limits.stepOutputChars())
                + "\n```");
      }
      return String.join("\n\n", parts);
    }
    if (e instanceof PipelineEvidence.Logs l) {
      List<String> parts = new ArrayList<>();
      parts.add(
          "**Overall Status**: UNKNOWN (only the recorded step outputs are available; whether each"
              + " step passed was not recorded)");
      String lang =
          l.language().isEmpty()
              ? l.language()
              : Character.toUpperCase(l.language().charAt(0)) + l.language().substring(1);
      for (StepKind k : StepKind.values()) {
        String out = l.outputs().get(k);
        parts.add(
            "### "
                + title(lang, k)
                + " (RECORDED)\n```\n"
                + (out == null
                    ? "(no output recorded)"
                    : PromptLimits.head(out, limits.stepOutputChars()))
                + "\n```");
      }
      return String.join("\n\n", parts);
    }
    PipelineEvidence.Unavailable u = (PipelineEvidence.Unavailable) e;
    return "**Overall Status**: NOT AVAILABLE (" + u.reason() + ")";
  }

  static String title(String lang, StepKind k) {
    return switch (k) {
      case BUILD -> lang + " Build";
      case FORMAT -> lang + " Format Check";
      case TEST -> lang + " Test";
      case PRECOMMIT -> "Pre-commit Hooks";
    };
  }

  private static String orNone(String s, String none) {
    return s == null || s.isBlank() ? none : s.strip();
  }
}
