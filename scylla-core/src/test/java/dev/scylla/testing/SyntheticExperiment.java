package dev.scylla.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Grades;
import dev.scylla.model.Tiers;
import dev.scylla.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Builds a complete experiment directory the way the reference writes one, so every capability can
 * be tested without {@code ../shared}. Scores, tokens and costs vary by tier, subtest and run from
 * a fixed seed; every file is consistent with its parts (consensus = mean of the judges, totals =
 * sums).
 */
public final class SyntheticExperiment {
  private String experimentId = "test-synthetic";
  private final Map<String, List<String>> subtests = new LinkedHashMap<>();
  private int runs = 2;
  private List<String> judgeModels =
      List.of("claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929", "claude-haiku-4-5");
  private long seed = 42;
  private boolean phased;
  private boolean plan;
  private boolean runsOnDisk = true;

  public static SyntheticExperiment builder() {
    return new SyntheticExperiment();
  }

  public SyntheticExperiment id(String id) {
    this.experimentId = id;
    return this;
  }

  /** Adds a tier with the given subtest ids. */
  public SyntheticExperiment tier(String tier, String... subtestIds) {
    subtests.put(tier, List.of(subtestIds));
    return this;
  }

  public SyntheticExperiment runs(int n) {
    this.runs = n;
    return this;
  }

  public SyntheticExperiment judges(String... models) {
    this.judgeModels = List.of(models);
    return this;
  }

  public SyntheticExperiment seed(long s) {
    this.seed = s;
    return this;
  }

  /** Use the phased layout ({@code completed/T0/...}). */
  public SyntheticExperiment phased() {
    this.phased = true;
    return this;
  }

  /** Also write {@code plan.json}. */
  public SyntheticExperiment withPlan() {
    this.plan = true;
    return this;
  }

  /** Write only the config (and plan): an experiment created but not run yet. */
  public SyntheticExperiment noRuns() {
    this.runsOnDisk = false;
    return this;
  }

  /** Writes the experiment into {@code dir} (created) and returns {@code dir}. */
  public Path writeTo(Path dir) {
    if (subtests.isEmpty()) {
      tier("T0", "00");
      tier("T1", "01");
    }
    try {
      writeConfig(dir);
      RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
      Path tierRoot = phased ? dir.resolve("completed") : dir;
      for (var e :
          runsOnDisk ? subtests.entrySet() : java.util.Set.<Map.Entry<String, List<String>>>of()) {
        int tierIndex = e.getKey().charAt(1) - '0';
        for (String sub : e.getValue()) {
          for (int n = 1; n <= runs; n++) {
            Path run = tierRoot.resolve(e.getKey()).resolve(sub).resolve(Tiers.runDirName(n));
            writeRun(run, new dev.scylla.model.RunKey(e.getKey(), sub, n), tierIndex, rnd);
          }
        }
      }
      if (plan) {
        ObjectNode p = Json.object();
        p.put("version", 1);
        p.put("created_at", "2026-01-01T00:00:00+00:00");
        ObjectNode t = p.putObject("tiers");
        subtests.forEach((tier, ids) -> ids.forEach(t.withArray(tier)::add));
        write(dir.resolve("plan.json"), Json.write(p));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeConfig(Path dir) throws IOException {
    ObjectNode c = Json.object();
    c.put("experiment_id", experimentId);
    c.put("task_repo", "https://example.invalid/hello.git");
    c.put("task_commit", "0000000000000000000000000000000000000000");
    c.put("task_prompt_file", "prompt.md");
    c.put("language", "python");
    c.putArray("models").add("claude-sonnet-4-5-20250929");
    c.put("runs_per_subtest", runs);
    ArrayNode tiers = c.putArray("tiers_to_run");
    subtests.keySet().forEach(tiers::add);
    ArrayNode judges = c.putArray("judge_models");
    judgeModels.forEach(judges::add);
    c.put("timeout_seconds", 300);
    c.putNull("max_turns");
    c.putNull("max_subtests");
    c.put("use_containers", false);
    write(dir.resolve("config/experiment.json"), Json.write(c));
    write(dir.resolve("prompt.md"), "Create hello.py that prints Hello, World!\n");
  }

  private void writeRun(Path run, dev.scylla.model.RunKey key, int tierIndex, RandomGenerator rnd)
      throws IOException {
    int n = key.run();
    long input = 20 + rnd.nextInt(30);
    long output = 400 + rnd.nextInt(800);
    long cacheCreation = 15_000 + rnd.nextInt(15_000);
    long cacheRead = 60_000 + rnd.nextInt(150_000);
    double cost = Math.round((0.05 + rnd.nextDouble() * 0.2) * 1e7) / 1e7;
    double agentSeconds = Math.round((20 + rnd.nextDouble() * 40) * 1e6) / 1e6;
    String cli =
        String.format(
            "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":%d,"
                + "\"result\":\"Done.\",\"total_cost_usd\":%s,\"usage\":{\"input_tokens\":%d,"
                + "\"cache_creation_input_tokens\":%d,\"cache_read_input_tokens\":%d,\"output_tokens\":%d}}\n",
            3 + n, Json.formatDouble(cost), input, cacheCreation, cacheRead, output);
    Path agent = run.resolve("agent");
    write(agent.resolve("stdout.log"), cli);
    write(agent.resolve("output.txt"), cli);
    write(agent.resolve("stderr.log"), "");
    write(agent.resolve("prompt.md"), "Create hello.py\n");
    write(
        agent.resolve("MODEL.md"),
        "# Agent Model Information\n\n**Model**: claude-sonnet-4-5-20250929\n");
    ObjectNode tokens = tokens(input, output, cacheCreation, cacheRead);
    ObjectNode result = Json.object();
    result.put("exit_code", 0);
    result.put("stdout", cli);
    result.put("stderr", "");
    result.set("token_stats", tokens);
    result.put("cost_usd", cost);
    result.put("api_calls", 3 + n);
    write(agent.resolve("result.json"), Json.write(result));
    ObjectNode timing = Json.object();
    timing.put("agent_duration_seconds", agentSeconds);
    timing.put("measured_at", "2026-01-01T00:00:00+00:00");
    write(agent.resolve("timing.json"), Json.write(timing));
    ObjectNode log = Json.object();
    log.put("generated_at", "2026-01-01T00:00:00+00:00");
    log.put("total_commands", 1);
    ObjectNode cmd = log.putArray("commands").addObject();
    cmd.put("timestamp", "2026-01-01T00:00:00+00:00");
    cmd.putArray("command").add("claude").add("--print");
    cmd.put("cwd", run.resolve("workspace").toString());
    cmd.putObject("env_vars").put("LANG", "C.UTF-8");
    cmd.put("exit_code", 0);
    cmd.put("stdout_file", "cmd_0000_stdout.log");
    cmd.put("stderr_file", "cmd_0000_stderr.log");
    cmd.put("duration_seconds", agentSeconds);
    write(agent.resolve("command_log.json"), Json.write(log));
    write(run.resolve("judge_prompt.md"), "# Judge prompt\n");

    List<ObjectNode> entries = new ArrayList<>();
    double sum = 0;
    int passedVotes = 0;
    double judgeSeconds = 0;
    String firstReasoning = "";
    for (int j = 1; j <= judgeModels.size(); j++) {
      double base = 0.45 + 0.07 * tierIndex + (rnd.nextDouble() - 0.5) * 0.3;
      double score = Math.round(Math.max(0, Math.min(1, base)) * 100) / 100.0;
      boolean passed = score >= 0.6;
      String reasoning = "Judge " + j + " reasoning for run " + n + ".";
      if (j == 1) {
        firstReasoning = reasoning;
      }
      double seconds = Math.round((10 + rnd.nextDouble() * 50) * 1e6) / 1e6;
      judgeSeconds += seconds;
      Path slot = run.resolve("judge").resolve(Tiers.slotDirName(j));
      ObjectNode jd = Json.object();
      jd.put("score", score);
      jd.put("passed", passed);
      jd.put("grade", Grades.letter(score));
      jd.put("reasoning", reasoning);
      jd.put("is_valid", true);
      jd.set("criteria_scores", criteria(score));
      write(slot.resolve("judgment.json"), Json.write(jd));
      write(slot.resolve("response.txt"), Json.write(jd));
      write(
          slot.resolve("MODEL.md"),
          "# Judge Model Information\n\n**Model**: " + judgeModels.get(j - 1) + "\n");
      ObjectNode jt = Json.object();
      jt.put("judge_duration_seconds", seconds);
      jt.put("measured_at", "2026-01-01T00:00:00+00:00");
      write(slot.resolve("timing.json"), Json.write(jt));
      ObjectNode entry = Json.object();
      entry.put("model", judgeModels.get(j - 1));
      entry.put("score", score);
      entry.put("passed", passed);
      entry.put("grade", Grades.letter(score));
      entry.put("reasoning", reasoning);
      entry.put("judge_number", j);
      entries.add(entry);
      sum += score;
      passedVotes += passed ? 1 : 0;
    }
    double consensus = judgeModels.isEmpty() ? 0.0 : sum / judgeModels.size();
    boolean passed = passedVotes * 2 > judgeModels.size();
    String grade = Grades.letter(consensus);
    ObjectNode cons = Json.object();
    cons.put("score", consensus);
    cons.put("passed", passed);
    cons.put("grade", grade);
    cons.put("reasoning", firstReasoning);
    write(run.resolve("judge/result.json"), Json.write(cons));
    judgeSeconds = Math.round(judgeSeconds * 1e6) / 1e6;
    ObjectNode jt = Json.object();
    jt.put("judge_duration_seconds", judgeSeconds);
    jt.put("measured_at", "2026-01-01T00:00:00+00:00");
    write(run.resolve("judge/timing.json"), Json.write(jt));

    ObjectNode rr = Json.object();
    rr.put("run_number", n);
    rr.put("exit_code", 0);
    rr.set("token_stats", tokens.deepCopy());
    rr.put("tokens_input", input + cacheRead);
    rr.put("tokens_output", output);
    rr.put("cost_usd", cost);
    rr.put("duration_seconds", agentSeconds + judgeSeconds);
    rr.put("agent_duration_seconds", agentSeconds);
    rr.put("judge_duration_seconds", judgeSeconds);
    rr.put("judge_score", consensus);
    rr.put("judge_passed", passed);
    rr.put("judge_grade", grade);
    rr.put("judge_reasoning", firstReasoning);
    ArrayNode judges = rr.putArray("judges");
    entries.forEach(judges::add);
    rr.put("workspace_path", "/original/machine/" + run.getFileName() + "/workspace");
    rr.put("logs_path", "/original/machine/" + run.getFileName() + "/agent");
    rr.put(
        "command_log_path", "/original/machine/" + run.getFileName() + "/agent/command_log.json");
    rr.putObject("criteria_scores");
    write(run.resolve("run_result.json"), Json.write(rr));

    // the run's own reports, as the reference's pipeline writes them after the run result
    dev.scylla.model.RunResult parsed;
    try {
      parsed = dev.scylla.store.ModelJson.runResult(rr);
    } catch (dev.scylla.store.CorruptFileException e) {
      throw new IllegalStateException(e);
    }
    String stamp = "2026-01-01T00:00:00.000000+00:00";
    write(
        run.resolve("report.json"),
        Json.write(dev.scylla.results.RunReportRenderer.json(parsed, stamp)));
    write(
        run.resolve("report.md"),
        dev.scylla.results.RunReportRenderer.markdown(key, parsed, List.of(), stamp));
  }

  private static ObjectNode criteria(double score) {
    ObjectNode c = Json.object();
    ObjectNode functional = c.putObject("functional");
    double achieved = Math.round(score * 3.0 * 100) / 100.0;
    functional.put("achieved", achieved);
    functional.put("max", 3.0);
    functional.put("score", Math.round(achieved / 3.0 * 1e4) / 1e4);
    ObjectNode items = functional.putObject("items");
    ObjectNode f1 = items.putObject("F1");
    f1.put("achieved", Math.min(1.0, achieved));
    f1.put("max", 1.0);
    f1.put("reason", "file exists");
    ObjectNode f2 = items.putObject("F2");
    f2.put("achieved", Math.max(0.0, achieved - 1.0));
    f2.put("max", 2.0);
    f2.put("reason", "output matches");
    return c;
  }

  private static ObjectNode tokens(long in, long out, long cc, long cr) {
    ObjectNode t = Json.object();
    t.put("input_tokens", in);
    t.put("output_tokens", out);
    t.put("cache_creation_tokens", cc);
    t.put("cache_read_tokens", cr);
    return t;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
