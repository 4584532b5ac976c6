package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.JudgeEntry;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunResult;
import dev.scylla.model.Tiers;
import dev.scylla.model.TokenStats;
import dev.scylla.store.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's own {@code report.json} and {@code report.md}, in the reference's formats (the recorded
 * experiment's run reports are matched line for line), rendered from its {@code run_result.json}
 * alone plus the workspace listing the judges saw.
 *
 * <p>Where the reference's format is not recorded in the fixture, the layout is ours and documented
 * in {@code docs/format.md}: the single-judge evaluation section, the criteria section (the
 * recorded runs carry no criteria in their run results), the process-metrics table, and the mark of
 * a judge whose verdict is a fallback. The workspace section lists the files of the "Workspace
 * State" section of the stored {@code judge_prompt.md} (what {@code git status} showed after the
 * agent), so it can be rebuilt after the worktree is gone; every such file is uncommitted.
 */
public final class RunReportRenderer {
  private static final Pattern LISTED_FILE = Pattern.compile("^- `(.+)` \\(([a-z ]+)\\)$");
  private static final Pattern REPORTED_FILE =
      Pattern.compile("^- \\[(.+?)\\]\\(\\./workspace/.*\\) (.*)$");
  private static final String WORKSPACE_HEADER = "## Workspace State After Agent Execution";

  private RunReportRenderer() {}

  /** A file the agent left changed, as the workspace section lists it. */
  public record WorkspaceFile(String path, boolean committed) {
    public static WorkspaceFile uncommitted(String path) {
      return new WorkspaceFile(path, false);
    }
  }

  /** {@code report.json}: the run's headline numbers (non-finite process metrics as null). */
  public static ObjectNode json(RunResult r, String generatedAt) {
    ObjectNode o = Json.object();
    o.put("run_number", r.runNumber());
    o.put("score", r.judgeScore());
    o.put("grade", r.judgeGrade());
    o.put("passed", r.judgePassed());
    o.put("cost_usd", r.costUsd());
    o.put("duration_seconds", r.durationSeconds());
    o.put("generated_at", generatedAt);
    JsonNode pm = processMetrics(r);
    if (pm != null) {
      ObjectNode m = o.putObject("process_metrics");
      pm.fields()
          .forEachRemaining(
              e -> {
                JsonNode v = e.getValue();
                if (v.isNumber() && Double.isFinite(v.doubleValue())) {
                  m.set(e.getKey(), v);
                } else if (v.isNumber() || v.isNull()) {
                  m.putNull(e.getKey());
                } else {
                  m.set(e.getKey(), v);
                }
              });
    }
    return o;
  }

  /**
   * {@code report.md}.
   *
   * @param workspaceFiles the files the agent left changed (see {@link #workspaceFiles}); empty
   *     when none or unknown
   */
  public static String markdown(
      RunKey key, RunResult r, List<WorkspaceFile> workspaceFiles, String generatedAt) {
    StringBuilder b = new StringBuilder(4096);
    b.append("# Run Report: ").append(key.label()).append("\n\n");
    b.append("**Generated**: ").append(generatedAt).append("\n\n");
    b.append("## Summary\n\n");
    b.append("| Metric | Value |\n|--------|-------|\n");
    TokenStats t = r.tokenStats();
    SummaryMarkdown.row(b, "Score", PyFormat.fixed(r.judgeScore(), 3));
    SummaryMarkdown.row(b, "Grade", r.judgeGrade());
    SummaryMarkdown.row(b, "Status", r.judgePassed() ? "✓ PASS" : "✗ FAIL");
    SummaryMarkdown.row(b, "Cost", "$" + PyFormat.fixed(r.costUsd(), 4));
    SummaryMarkdown.row(b, "Duration (Total)", PyFormat.fixed(r.durationSeconds(), 2) + "s");
    SummaryMarkdown.row(b, "- Agent", PyFormat.fixed(r.agentDurationSeconds(), 2) + "s");
    SummaryMarkdown.row(b, "- Judge", PyFormat.fixed(r.judgeDurationSeconds(), 2) + "s");
    SummaryMarkdown.row(
        b,
        "Tokens",
        PyFormat.thousands(t.tokensInput())
            + " in ("
            + PyFormat.thousands(t.cacheReadTokens())
            + " cached) / "
            + PyFormat.thousands(t.outputTokens())
            + " out / "
            + PyFormat.thousands(t.cacheCreationTokens())
            + " cache created");
    SummaryMarkdown.row(b, "Exit Code", Integer.toString(r.exitCode()));
    b.append("\n### Token Breakdown\n\n");
    b.append("| Type | Count |\n|------|-------|\n");
    SummaryMarkdown.tokenRows(b, t);
    b.append("\n---\n\n## Task\n\n[View task prompt](./task_prompt.md)\n\n---\n\n");

    judges(b, r);
    criteria(b, r.criteriaScores());

    b.append("## Workspace State\n\n");
    if (workspaceFiles.isEmpty()) {
      b.append("No files created\n");
    } else {
      b.append("Files created/modified:\n\n");
      for (WorkspaceFile f : workspaceFiles) {
        b.append("- [")
            .append(f.path())
            .append("](./workspace/")
            .append(f.path())
            .append(f.committed() ? ") ✓ committed\n" : ") ⚠ uncommitted\n");
      }
    }
    b.append("\n---\n\n");

    JsonNode pm = processMetrics(r);
    if (pm != null) {
      b.append("## Process Metrics\n\n| Metric | Value |\n|--------|-------|\n");
      pm.fields()
          .forEachRemaining(
              e ->
                  SummaryMarkdown.row(
                      b,
                      e.getKey(),
                      e.getValue().isNumber() && Double.isFinite(e.getValue().doubleValue())
                          ? PyFormat.fixed(e.getValue().doubleValue(), 3)
                          : "N/A"));
      b.append("\n---\n\n");
    }

    b.append("## Agent Output\n\n");
    b.append("- [View agent output](./agent/output.txt)\n");
    b.append("- [View agent result JSON](./agent/result.json)\n");
    b.append("\n---\n\n").append(SummaryMarkdown.FOOTER).append('\n');
    return b.toString();
  }

  private static void judges(StringBuilder b, RunResult r) {
    List<JudgeEntry> judges = r.judges();
    if (judges.size() <= 1) {
      b.append("## Judge Evaluation\n\n");
      consensusTable(b, r);
      if (r.judgeReasoning() != null && !r.judgeReasoning().isBlank()) {
        b.append("\n**Reasoning:** ").append(r.judgeReasoning()).append('\n');
      }
      if (judges.size() == 1) {
        b.append("\n- [View judgment](")
            .append(judgmentLink(judges.get(0).judgeNumber()))
            .append(")\n");
      }
      b.append("\n---\n\n");
      return;
    }
    b.append("## Judge Evaluation (Consensus)\n\n");
    consensusTable(b, r);
    b.append("\n### Individual Judges\n\n");
    for (JudgeEntry j : judges) {
      b.append("#### Judge ").append(j.judgeNumber()).append(": ").append(j.model());
      if (Boolean.FALSE.equals(j.isValid())) {
        b.append(" (fallback verdict, not counted)");
      }
      b.append("\n\n| Metric | Value |\n|--------|-------|\n");
      SummaryMarkdown.row(b, "Score", PyFormat.fixed(j.score(), 3));
      SummaryMarkdown.row(b, "Passed", j.passed() ? "✅" : "❌");
      SummaryMarkdown.row(b, "Grade", j.grade());
      if (j.reasoning() != null && !j.reasoning().isBlank()) {
        b.append("\n**Reasoning:** ").append(j.reasoning()).append('\n');
      }
      b.append("\n- [View judgment](").append(judgmentLink(j.judgeNumber())).append(")\n\n");
    }
    b.append("---\n\n");
  }

  private static void consensusTable(StringBuilder b, RunResult r) {
    b.append("| Metric | Value |\n|--------|-------|\n");
    SummaryMarkdown.row(b, "Score", PyFormat.fixed(r.judgeScore(), 3));
    SummaryMarkdown.row(b, "Grade", r.judgeGrade());
    SummaryMarkdown.row(b, "Passed", r.judgePassed() ? "✅" : "❌");
  }

  private static String judgmentLink(int slot) {
    return "./judge/" + Tiers.slotDirName(slot) + "/judgment.json";
  }

  /**
   * The criteria of the run (the judge closest to the consensus): a table of categories, then each
   * category's items with their reasons. Nothing when the run result holds none.
   */
  private static void criteria(StringBuilder b, JsonNode criteria) {
    if (criteria == null || !criteria.isObject() || criteria.isEmpty()) {
      return;
    }
    b.append("## Criteria Scores\n\n");
    b.append("| Criterion | Score | Points |\n|-----------|-------|--------|\n");
    Iterator<Map.Entry<String, JsonNode>> it = criteria.fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode c = e.getValue();
      SummaryMarkdown.row(
          b,
          e.getKey(),
          c.path("score").isNumber() ? PyFormat.fixed(c.get("score").doubleValue(), 3) : "N/A",
          points(c.get("achieved"), c.get("max")));
    }
    it = criteria.fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode items = e.getValue().path("items");
      if (!items.isObject() || items.isEmpty()) {
        continue;
      }
      b.append("\n### ").append(e.getKey()).append("\n\n");
      items
          .fields()
          .forEachRemaining(
              i -> {
                JsonNode item = i.getValue();
                b.append("- **")
                    .append(i.getKey())
                    .append("** (")
                    .append(points(item.get("achieved"), item.get("max")))
                    .append(")");
                String reason = item.path("reason").asText("");
                if (!reason.isBlank()) {
                  b.append(": ").append(reason.replace('\n', ' ').strip());
                }
                b.append('\n');
              });
    }
    b.append("\n---\n\n");
  }

  private static String points(JsonNode achieved, JsonNode max) {
    if (achieved == null || max == null || !achieved.isNumber() || !max.isNumber()) {
      return "N/A";
    }
    return Json.formatDouble(achieved.doubleValue()) + " / " + Json.formatDouble(max.doubleValue());
  }

  private static JsonNode processMetrics(RunResult r) {
    if (r.raw() == null) {
      return null;
    }
    JsonNode pm = r.raw().get("process_metrics");
    return pm != null && pm.isObject() ? pm : null;
  }

  /**
   * The files listed in the "Workspace State" section of an existing run report ({@code -
   * [path](./workspace/path) ...} lines); empty when it lists none or {@code report} is null.
   */
  public static List<WorkspaceFile> workspaceFilesOfReport(String report) {
    List<WorkspaceFile> out = new ArrayList<>();
    if (report == null) {
      return out;
    }
    int at = report.indexOf("\n## Workspace State\n");
    if (at < 0) {
      return out;
    }
    int end = report.indexOf("\n---", at + 1);
    String section = report.substring(at, end < 0 ? report.length() : end);
    for (String line : section.split("\n")) {
      Matcher m = REPORTED_FILE.matcher(line);
      if (m.matches()) {
        out.add(new WorkspaceFile(m.group(1), m.group(2).startsWith("✓")));
      }
    }
    return out;
  }

  /**
   * The files listed in the "Workspace State" section of a stored judge prompt ({@code - `path`
   * (created)} lines), in their order; empty when the prompt lists none.
   */
  public static List<WorkspaceFile> workspaceFiles(String judgePrompt) {
    List<WorkspaceFile> out = new ArrayList<>();
    if (judgePrompt == null) {
      return out;
    }
    int at = judgePrompt.indexOf(WORKSPACE_HEADER);
    if (at < 0) {
      return out;
    }
    int end = judgePrompt.indexOf("\n## ", at + WORKSPACE_HEADER.length());
    String section =
        judgePrompt.substring(at + WORKSPACE_HEADER.length(), end < 0 ? judgePrompt.length() : end);
    for (String line : section.split("\n")) {
      Matcher m = LISTED_FILE.matcher(line.strip());
      if (m.matches() && !m.group(2).equals("deleted")) {
        out.add(WorkspaceFile.uncommitted(m.group(1)));
      }
    }
    return out;
  }
}
