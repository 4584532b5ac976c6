package dev.scylla.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Loaded;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.ModelMarkdown;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one run that the generator copies with varied values: the recorded experiment's
 * {@code T0/00/run_01} when {@code ../shared} is there, else a built-in run of the same shape (a
 * Claude CLI JSON result, a command log, three judges with rubric criteria).
 *
 * @param cliResult the agent's stdout as a parsed CLI result
 * @param stderr the agent's stderr text
 * @param commandLog the agent's command log
 * @param judgments one judgment per judge slot (score, reasoning, criteria)
 * @param judgeModels the model of each slot
 * @param judgeResponse a judge's raw response text, written only with full logs
 * @param source where the template came from, for the report
 */
public record RunTemplate(
    ObjectNode cliResult,
    String stderr,
    ObjectNode commandLog,
    List<ObjectNode> judgments,
    List<String> judgeModels,
    String judgeResponse,
    String source) {

  public RunTemplate {
    judgments = List.copyOf(judgments);
    judgeModels = List.copyOf(judgeModels);
  }

  /** The recorded experiment's first run under {@code shared}, or the built-in one. */
  public static RunTemplate fromSharedOrBuiltIn(Path shared) {
    if (shared != null) {
      Path run = shared.resolve("fixtures/scylla-dryrun/experiment/T0/00/run_01");
      if (Files.isDirectory(run)) {
        RunTemplate t = fromRun(run);
        if (t != null) {
          return t;
        }
      }
    }
    return builtIn();
  }

  /** Reads a recorded run; null when any file the template needs is missing or corrupt. */
  public static RunTemplate fromRun(Path run) {
    try {
      ObjectNode cli =
          (ObjectNode) Json.parse(Files.readString(run.resolve("agent/stdout.log")).strip());
      String stderr = Files.readString(run.resolve("agent/stderr.log"), StandardCharsets.UTF_8);
      ObjectNode log = json(run.resolve("agent/command_log.json"));
      List<ObjectNode> judgments = new ArrayList<>();
      List<String> models = new ArrayList<>();
      for (int n = 1; ; n++) {
        Path slot = run.resolve(String.format("judge/judge_%02d", n));
        if (!Files.isDirectory(slot)) {
          break;
        }
        judgments.add(json(slot.resolve("judgment.json")));
        models.add(ModelMarkdown.model(Files.readString(slot.resolve("MODEL.md"))));
      }
      String response =
          Files.isRegularFile(run.resolve("judge/judge_01/response.txt"))
              ? Files.readString(run.resolve("judge/judge_01/response.txt"))
              : "";
      if (judgments.isEmpty() || log == null || models.contains(null)) {
        return null;
      }
      return new RunTemplate(cli, stderr, log, judgments, models, response, run.toString());
    } catch (Exception e) {
      return null;
    }
  }

  private static ObjectNode json(Path p) {
    Loaded<ObjectNode> l = FileReads.readJson(p, o -> o);
    return l.orNull();
  }

  /** A run of the recorded experiment's shape, written out here so bare clones can benchmark. */
  public static RunTemplate builtIn() {
    ObjectNode cli = Json.object();
    cli.put("type", "result");
    cli.put("subtype", "success");
    cli.put("is_error", false);
    cli.put("duration_ms", 29039);
    cli.put("duration_api_ms", 29535);
    cli.put("num_turns", 6);
    cli.put(
        "result",
        "Task completed successfully!\n\nI've created the `hello.py` script. It prints exactly"
            + " `Hello, World!` and exits with code 0.");
    cli.put("session_id", "00000000-0000-0000-0000-000000000000");
    cli.put("total_cost_usd", 0.1351093);
    ObjectNode usage = cli.putObject("usage");
    usage.put("input_tokens", 29);
    usage.put("cache_creation_input_tokens", 23106);
    usage.put("cache_read_input_tokens", 112686);
    usage.put("output_tokens", 656);
    usage.put("service_tier", "standard");
    ObjectNode log = Json.object();
    log.put("generated_at", "2026-01-20T06:13:51.742325+00:00");
    log.put("total_commands", 1);
    ObjectNode cmd = log.putArray("commands").addObject();
    cmd.put("timestamp", "2026-01-20T06:13:51.741691+00:00");
    cmd.putArray("command")
        .add("claude")
        .add("--model")
        .add("claude-sonnet-4-5-20250929")
        .add("--print")
        .add("--output-format")
        .add("json")
        .add("--dangerously-skip-permissions")
        .add("agent/prompt.md");
    cmd.put("cwd", "workspace");
    ObjectNode env = cmd.putObject("env_vars");
    env.put("HOME", "/home/user");
    env.put("LANG", "C.UTF-8");
    cmd.put("exit_code", 0);
    cmd.put("stdout_file", "cmd_0000_stdout.log");
    cmd.put("stderr_file", "cmd_0000_stderr.log");
    cmd.put("duration_seconds", 35.340126);
    List<ObjectNode> judgments = new ArrayList<>();
    String[] reasons = {
      "The agent created a minimal, idiomatic hello.py that meets every functional requirement.",
      "All functional requirements are met with a clean, minimal implementation; a README was"
          + " not needed.",
      "Flawless: one line of clean code, exact output, exit code 0, no over-engineering."
    };
    double[] scores = {0.96, 0.96, 1.0};
    for (int j = 0; j < 3; j++) {
      ObjectNode o = Json.object();
      o.put("score", scores[j]);
      o.put("passed", true);
      o.put("grade", scores[j] == 1.0 ? "S" : "A");
      o.put("reasoning", reasons[j]);
      o.put("is_valid", true);
      ObjectNode crit = o.putObject("criteria_scores");
      for (String cat :
          List.of("functional", "code_quality", "proportionality", "build_pipeline")) {
        ObjectNode c = crit.putObject(cat);
        c.put("achieved", 3.0);
        c.put("max", 3.0);
        c.put("score", 1.0);
        ObjectNode items = c.putObject("items");
        for (int i = 1; i <= 3; i++) {
          ObjectNode it = items.putObject(cat.substring(0, 1).toUpperCase() + i);
          it.put("achieved", 1.0);
          it.put("max", 1.0);
          it.put("reason", "Requirement " + i + " of " + cat + " is satisfied by the workspace.");
        }
      }
      judgments.add(o);
    }
    return new RunTemplate(
        cli,
        "+ cd workspace\n+ claude --model claude-sonnet-4-5-20250929 --print --output-format json\n",
        log,
        judgments,
        List.of("claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929", "claude-haiku-4-5"),
        Json.write(judgments.get(0)),
        "built-in template");
  }

  /** The reasoning of a template judgment. */
  static String reasoning(JsonNode judgment) {
    JsonNode r = judgment.get("reasoning");
    return r == null ? "" : r.asText();
  }
}
