package dev.scylla.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Grades;
import dev.scylla.model.Tiers;
import dev.scylla.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Writes a large synthetic experiment for the {@code analyze} benchmark, in the reference's flat
 * layout with files of the recorded experiment's sizes (judgments with five criteria and their
 * items and reasons, agent results embedding the CLI's JSON). Scores vary by tier, subtest
 * (difficulty), judge and run, so no test is degenerate; about 2% of runs are infrastructure
 * failures (crashes, rate limits), 1% were retried (an archived attempt under {@code .failed/}),
 * 0.5% never ran. Deterministic from the seed.
 */
public final class AnalysisBenchExperiment {
  /** Relative subtest counts of T0..T6, as in the reference's catalogue. */
  private static final int[] TIER_WEIGHTS = {40, 17, 25, 68, 23, 25, 2};

  private static final String[] CRITERIA = {
    "functional", "code_quality", "proportionality", "build_pipeline", "overall_quality"
  };
  private static final double[] CRITERION_MAX = {3.5, 4.0, 3.5, 1.0, 2.0};
  private static final String[] JUDGES = {
    "claude-opus-4-5-20251101", "claude-sonnet-4-5-20250929", "claude-haiku-4-5"
  };
  private static final String REASON =
      "The agent created the requested file and the build pipeline confirms the expected output;"
          + " the implementation is minimal and idiomatic, with no unused code. ";

  private AnalysisBenchExperiment() {}

  /** Writes an experiment of about {@code runs} runs (10 per subtest) into {@code dir}. */
  public static Path write(Path dir, int runs, long seed) throws IOException {
    int runsPerSubtest = 10;
    int subtests = Math.max(7, (runs + runsPerSubtest - 1) / runsPerSubtest);
    int weightSum = 0;
    for (int w : TIER_WEIGHTS) {
      weightSum += w;
    }
    int[] perTier = new int[7];
    int assigned = 0;
    for (int t = 0; t < 7; t++) {
      perTier[t] = Math.max(1, Math.round((float) subtests * TIER_WEIGHTS[t] / weightSum));
      assigned += perTier[t];
    }
    perTier[3] += subtests - assigned;
    RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    writeConfig(dir, perTier, runsPerSubtest);
    for (int t = 0; t < 7; t++) {
      for (int s = 0; s < perTier[t]; s++) {
        String sub = String.format("%02d", s + (t == 0 ? 0 : 1));
        double difficulty = (rnd.nextDouble() - 0.5) * 0.3;
        for (int n = 1; n <= runsPerSubtest; n++) {
          Path run = dir.resolve("T" + t).resolve(sub).resolve(Tiers.runDirName(n));
          double roll = rnd.nextDouble();
          if (roll < 0.005) {
            continue; // never ran
          }
          if (roll < 0.015) {
            writeFailedRun(run, rnd, false);
            continue;
          }
          if (roll < 0.025) {
            writeFailedRun(run, rnd, true);
            continue;
          }
          if (roll < 0.035) {
            writeFailedRun(
                dir.resolve("T" + t)
                    .resolve(sub)
                    .resolve(".failed")
                    .resolve(Tiers.runDirName(n) + "_attempt_1"),
                rnd,
                true);
          }
          writeRun(run, n, t, difficulty, rnd);
        }
      }
    }
    return dir;
  }

  private static void writeConfig(Path dir, int[] perTier, int runs) throws IOException {
    ObjectNode c = Json.object();
    c.put("experiment_id", "bench-analyze");
    c.put("task_repo", "https://example.invalid/hello.git");
    c.put("task_commit", "0000000000000000000000000000000000000000");
    c.put("task_prompt_file", "prompt.md");
    c.put("language", "python");
    c.putArray("models").add("claude-sonnet-4-5-20250929");
    c.put("runs_per_subtest", runs);
    ArrayNode tiers = c.putArray("tiers_to_run");
    for (int t = 0; t < 7; t++) {
      tiers.add("T" + t);
    }
    ArrayNode judges = c.putArray("judge_models");
    for (String j : JUDGES) {
      judges.add(j);
    }
    c.put("timeout_seconds", 300);
    c.putNull("max_turns");
    c.putNull("max_subtests");
    c.put("use_containers", false);
    write(dir.resolve("config/experiment.json"), Json.write(c));
    ObjectNode plan = Json.object();
    plan.put("version", 1);
    plan.put("created_at", "2026-01-01T00:00:00+00:00");
    ObjectNode pt = plan.putObject("tiers");
    for (int t = 0; t < 7; t++) {
      ArrayNode ids = pt.putArray("T" + t);
      for (int s = 0; s < perTier[t]; s++) {
        ids.add(String.format("%02d", s + (t == 0 ? 0 : 1)));
      }
    }
    write(dir.resolve("plan.json"), Json.write(plan));
    StringBuilder rubric = new StringBuilder("categories:\n");
    double[] weights = {0.35, 0.20, 0.15, 0.10, 0.20};
    for (int i = 0; i < CRITERIA.length; i++) {
      rubric
          .append("  ")
          .append(CRITERIA[i])
          .append(":\n    weight: ")
          .append(weights[i])
          .append('\n');
    }
    write(dir.resolve("rubric.yaml"), rubric.toString());
    write(dir.resolve("prompt.md"), "Create hello.py that prints Hello, World!\n");
  }

  /** An attempt that failed: a crash (exit −1, no tokens) or a rate limit; no run_result.json. */
  private static void writeFailedRun(Path run, RandomGenerator rnd, boolean rateLimit)
      throws IOException {
    Path agent = run.resolve("agent");
    write(agent.resolve("prompt.md"), "Create hello.py\n");
    if (rateLimit) {
      String out =
          "{\"type\":\"result\",\"subtype\":\"error\",\"is_error\":true,\"result\":\"You've hit"
              + " your limit \u00b7 resets 5pm (UTC)\",\"total_cost_usd\":0}\n";
      write(agent.resolve("stdout.log"), out);
      write(agent.resolve("stderr.log"), "");
      write(agent.resolve("output.txt"), "");
    } else {
      write(agent.resolve("stderr.log"), "Agent process failed: exit -1\n");
      write(agent.resolve("stdout.log"), "");
    }
    ObjectNode result = Json.object();
    result.put("exit_code", -1);
    result.put("stdout", "");
    result.put("stderr", rateLimit ? "" : "Agent process failed: exit -1");
    result.set("token_stats", tokens(0, 0, 0, 0));
    result.put("cost_usd", 0.0);
    write(agent.resolve("result.json"), Json.write(result));
    ObjectNode timing = Json.object();
    timing.put("agent_duration_seconds", Math.round(rnd.nextDouble() * 5e6) / 1e6);
    timing.put("measured_at", "2026-01-01T00:00:00+00:00");
    write(agent.resolve("timing.json"), Json.write(timing));
  }

  private static void writeRun(Path run, int n, int tier, double difficulty, RandomGenerator rnd)
      throws IOException {
    long input = 20 + rnd.nextInt(30);
    long output = 400 + rnd.nextInt(800) + 60L * tier;
    long cacheCreation = 15_000 + rnd.nextInt(15_000) + 3_000L * tier;
    long cacheRead = 60_000 + rnd.nextInt(150_000) + 20_000L * tier;
    double cost = Math.round((0.05 + 0.015 * tier + rnd.nextDouble() * 0.2) * 1e8) / 1e8;
    double agentSeconds = Math.round((20 + rnd.nextDouble() * 40 + 3 * tier) * 1e6) / 1e6;
    String cli =
        String.format(
            "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"duration_ms\":%d,"
                + "\"num_turns\":%d,\"result\":\"%s\",\"total_cost_usd\":%s,\"usage\":"
                + "{\"input_tokens\":%d,\"cache_creation_input_tokens\":%d,"
                + "\"cache_read_input_tokens\":%d,\"output_tokens\":%d}}\n",
            (long) (agentSeconds * 1000),
            3 + n,
            "Task completed successfully. I created hello.py, which prints exactly Hello, World!"
                + " and exits with code 0. ".repeat(6),
            Json.formatDouble(cost),
            input,
            cacheCreation,
            cacheRead,
            output);
    Path agent = run.resolve("agent");
    write(agent.resolve("stdout.log"), cli);
    write(agent.resolve("output.txt"), cli);
    write(agent.resolve("stderr.log"), "");
    write(agent.resolve("prompt.md"), "Create hello.py\n");
    write(
        agent.resolve("MODEL.md"),
        "# Agent Model Information\n\n**Model**: claude-sonnet-4-5-20250929\n");
    ObjectNode result = Json.object();
    result.put("exit_code", 0);
    result.put("stdout", cli);
    result.put("stderr", "");
    result.set("token_stats", tokens(input, output, cacheCreation, cacheRead));
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
    cmd.putArray("command").add("claude").add("--print").add("--output-format").add("json");
    cmd.put("cwd", "/original/machine/workspace");
    cmd.putObject("env_vars").put("LANG", "C.UTF-8");
    cmd.put("exit_code", 0);
    cmd.put("stdout_file", "cmd_0000_stdout.log");
    cmd.put("stderr_file", "cmd_0000_stderr.log");
    cmd.put("duration_seconds", agentSeconds);
    write(agent.resolve("command_log.json"), Json.write(log));

    double base = Math.max(0.05, Math.min(0.98, 0.45 + 0.07 * tier + difficulty));
    double runEffect = (rnd.nextDouble() - 0.5) * 0.25;
    List<ObjectNode> entries = new ArrayList<>();
    double sum = 0;
    int votes = 0;
    double judgeSeconds = 0;
    String firstReasoning = "";
    for (int j = 1; j <= JUDGES.length; j++) {
      double judgeBias = (j - 2) * 0.03;
      double noise = (rnd.nextDouble() - 0.5) * 0.12;
      double score =
          Math.round(Math.max(0, Math.min(1, base + runEffect + judgeBias + noise)) * 100) / 100.0;
      boolean passed = score >= 0.6;
      String reasoning = REASON.repeat(2) + "Judge " + j + " scored " + score + ".";
      if (j == 1) {
        firstReasoning = reasoning;
      }
      double seconds = Math.round((30 + rnd.nextDouble() * 40) * 1e6) / 1e6;
      judgeSeconds += seconds;
      Path slot = run.resolve("judge").resolve(Tiers.slotDirName(j));
      ObjectNode jd = Json.object();
      jd.put("score", score);
      jd.put("passed", passed);
      jd.put("grade", Grades.letter(score));
      jd.put("reasoning", reasoning);
      jd.put("is_valid", true);
      jd.set("criteria_scores", criteria(score, rnd));
      String judgment = Json.write(jd);
      write(slot.resolve("judgment.json"), judgment);
      write(slot.resolve("response.txt"), judgment);
      write(
          slot.resolve("MODEL.md"),
          "# Judge Model Information\n\n**Model**: " + JUDGES[j - 1] + "\n");
      ObjectNode jt = Json.object();
      jt.put("judge_duration_seconds", seconds);
      jt.put("measured_at", "2026-01-01T00:00:00+00:00");
      write(slot.resolve("timing.json"), Json.write(jt));
      ObjectNode entry = Json.object();
      entry.put("model", JUDGES[j - 1]);
      entry.put("score", score);
      entry.put("passed", passed);
      entry.put("grade", Grades.letter(score));
      entry.put("reasoning", reasoning);
      entry.put("judge_number", j);
      entries.add(entry);
      sum += score;
      votes += passed ? 1 : 0;
    }
    double consensus = sum / JUDGES.length;
    boolean passed = votes * 2 > JUDGES.length;
    String grade = Grades.letter(consensus);
    ObjectNode cons = Json.object();
    cons.put("score", consensus);
    cons.put("passed", passed);
    cons.put("grade", grade);
    cons.put("reasoning", firstReasoning);
    write(run.resolve("judge/result.json"), Json.write(cons));
    judgeSeconds = Math.round(judgeSeconds * 1e6) / 1e6;
    ObjectNode rr = Json.object();
    rr.put("run_number", n);
    rr.put("exit_code", 0);
    rr.set("token_stats", tokens(input, output, cacheCreation, cacheRead));
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
    rr.put("workspace_path", "/original/machine/workspace");
    rr.put("logs_path", "/original/machine/agent");
    rr.put("command_log_path", "/original/machine/agent/command_log.json");
    rr.putObject("criteria_scores");
    write(run.resolve("run_result.json"), Json.write(rr));
  }

  private static ObjectNode criteria(double score, RandomGenerator rnd) {
    ObjectNode c = Json.object();
    for (int i = 0; i < CRITERIA.length; i++) {
      double max = CRITERION_MAX[i];
      double share = Math.max(0, Math.min(1, score + (rnd.nextDouble() - 0.5) * 0.2));
      double achieved = Math.round(share * max * 20) / 20.0;
      ObjectNode k = c.putObject(CRITERIA[i]);
      k.put("achieved", achieved);
      k.put("max", max);
      k.put("score", Math.round(achieved / max * 1000) / 1000.0);
      ObjectNode items = k.putObject("items");
      int nItems = (int) Math.ceil(max);
      double left = achieved;
      for (int it = 1; it <= nItems; it++) {
        double itemMax = it < nItems ? 1.0 : max - (nItems - 1);
        double got = Math.min(itemMax, left);
        left -= got;
        ObjectNode item = items.putObject(CRITERIA[i].substring(0, 1).toUpperCase() + it);
        item.put("achieved", Math.round(got * 100) / 100.0);
        item.put("max", itemMax);
        item.put("reason", REASON);
      }
    }
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
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
