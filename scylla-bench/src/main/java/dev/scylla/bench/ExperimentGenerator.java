package dev.scylla.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.AgentResult;
import dev.scylla.model.Grades;
import dev.scylla.model.JudgeEntry;
import dev.scylla.model.Judgment;
import dev.scylla.model.RunResult;
import dev.scylla.model.TokenStats;
import dev.scylla.results.ConsensusBuilder;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.ConsensusResult;
import dev.scylla.results.RunResultBuilder;
import dev.scylla.results.SlotVerdict;
import dev.scylla.store.Json;
import dev.scylla.store.ModelJson;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a complete synthetic experiment of N runs x the template's judges in the flat layout:
 * tiers T0..T4 with four subtests each, {@code ceil(N / 20)} runs per subtest. Every run is the
 * template's files with varied values (tokens, cost, turns, durations, judge scores and votes),
 * consistent with each other: the consensus is the judges' mean, the run result is built from its
 * parts. Generation writes plainly (no fsync): it makes benchmark data, not user data.
 */
public final class ExperimentGenerator {
  /** The tiers of a generated experiment. */
  public static final List<String> TIERS = List.of("T0", "T1", "T2", "T3", "T4");

  /** Subtests per tier. */
  public static final int SUBTESTS = 4;

  /** A judge prompt's workspace section as the pipeline writes it (the rest abridged). */
  private static final String JUDGE_PROMPT =
      "## Task Given to Agent\n\n# Task: Create a Hello World Script\n\n"
          + "## Workspace State After Agent Execution\n\n"
          + "Files modified/created by agent:\n\n- `hello.py` (created)\n\n"
          + "## Build/Lint/Test Pipeline Results\n\n**Overall Status**: ALL PASSED ✓\n";

  private final RunTemplate template;
  private final long seed;
  private final boolean fullLogs;

  public ExperimentGenerator(RunTemplate template, long seed, boolean fullLogs) {
    this.template = template;
    this.seed = seed;
    this.fullLogs = fullLogs;
  }

  /** Runs per subtest for about {@code runs} runs. */
  public static int runsPerSubtest(int runs) {
    return Math.max(1, (runs + TIERS.size() * SUBTESTS - 1) / (TIERS.size() * SUBTESTS));
  }

  /** Writes the experiment into {@code dir} (which must not exist) and returns its run count. */
  public int writeTo(Path dir, int runs) throws IOException {
    if (Files.exists(dir)) {
      throw new IOException(dir + " already exists");
    }
    int perSubtest = runsPerSubtest(runs);
    writeConfig(dir, perSubtest);
    SplittableRandom rnd = new SplittableRandom(seed);
    int count = 0;
    for (String tier : TIERS) {
      for (int s = 0; s < SUBTESTS; s++) {
        String sub = String.format("%02d", s + (tier.equals("T0") ? 0 : 1));
        for (int n = 1; n <= perSubtest; n++) {
          Path run = dir.resolve(tier).resolve(sub).resolve(String.format("run_%02d", n));
          writeRun(
              new RunFiles(run),
              new dev.scylla.model.RunKey(tier, sub, n),
              tier.charAt(1) - '0',
              s,
              rnd.split());
          count++;
        }
      }
    }
    return count;
  }

  private void writeConfig(Path dir, int perSubtest) throws IOException {
    ObjectNode c = Json.object();
    c.put("experiment_id", "bench-synthetic");
    c.put("task_repo", "https://github.com/mvillmow/Hello-World");
    c.put("task_commit", "7fd1a60b01f91b314f59955a4e4d4e80d8edf11d");
    c.put("task_prompt_file", "prompt.md");
    c.put("language", "python");
    c.putArray("models").add("claude-sonnet-4-5-20250929");
    c.put("runs_per_subtest", perSubtest);
    var tiers = c.putArray("tiers_to_run");
    TIERS.forEach(tiers::add);
    var judges = c.putArray("judge_models");
    template.judgeModels().forEach(judges::add);
    c.put("timeout_seconds", 300);
    c.putNull("max_turns");
    c.putNull("max_subtests");
    c.put("use_containers", false);
    write(dir.resolve("config/experiment.json"), Json.write(c));
    ObjectNode cp = Json.object();
    cp.put("version", "2.0");
    cp.put("experiment_id", "bench-synthetic");
    cp.put("started_at", "2026-01-20T06:13:07.515053+00:00");
    cp.put("last_updated_at", "2026-01-21T06:13:07.515053+00:00");
    cp.put("status", "completed");
    write(dir.resolve("checkpoint.json"), Json.write(cp));
    write(dir.resolve("prompt.md"), "Create hello.py that prints Hello, World!\n");
  }

  private void writeRun(
      RunFiles f, dev.scylla.model.RunKey key, int tier, int sub, SplittableRandom rnd)
      throws IOException {
    int n = key.run();
    ObjectNode cli = template.cliResult().deepCopy();
    ObjectNode usage = cli.get("usage") instanceof ObjectNode u ? u : cli.putObject("usage");
    double scale = 0.5 + rnd.nextDouble();
    long in = Math.round(usage.path("input_tokens").asLong(29) * scale);
    long out = Math.round(usage.path("output_tokens").asLong(656) * scale);
    long cc = Math.round(usage.path("cache_creation_input_tokens").asLong(23106) * scale);
    long cr = Math.round(usage.path("cache_read_input_tokens").asLong(112686) * scale);
    usage.put("input_tokens", in);
    usage.put("output_tokens", out);
    usage.put("cache_creation_input_tokens", cc);
    usage.put("cache_read_input_tokens", cr);
    double cost = Math.round(cli.path("total_cost_usd").asDouble(0.13) * scale * 1e7) / 1e7;
    cli.put("total_cost_usd", cost);
    int turns = 2 + rnd.nextInt(12);
    cli.put("num_turns", turns);
    String stdout = Json.mapper().writeValueAsString(cli) + "\n";
    double agentSeconds = Math.round((20 + rnd.nextDouble() * 60) * 1e6) / 1e6;

    write(f.agentStdout(), stdout);
    write(f.agentOutput(), stdout);
    write(f.agentStderr(), template.stderr());
    write(f.agentModel(), "# Agent Model Information\n\n**Model**: claude-sonnet-4-5-20250929\n");
    AgentResult agent =
        new AgentResult(0, stdout, template.stderr(), new TokenStats(in, out, cc, cr), cost, turns);
    write(f.agentResult(), Json.write(ModelJson.toJson(agent)));
    ObjectNode timing = Json.object();
    timing.put("agent_duration_seconds", agentSeconds);
    timing.put("measured_at", "2026-01-20T06:13:51.742581+00:00");
    write(f.agentTiming(), Json.write(timing));
    ObjectNode log = template.commandLog().deepCopy();
    ObjectNode cmd = (ObjectNode) log.withArray("commands").get(0);
    cmd.put("duration_seconds", agentSeconds);
    cmd.put("cwd", f.workspace().toString());
    write(f.commandLog(), Json.write(log));

    List<SlotVerdict> verdicts = new ArrayList<>();
    List<JudgeEntry> entries = new ArrayList<>();
    double judgeSeconds = 0;
    for (int j = 0; j < template.judgments().size(); j++) {
      ObjectNode jd = template.judgments().get(j).deepCopy();
      double base = 0.45 + 0.08 * tier + 0.03 * sub + (rnd.nextDouble() - 0.5) * 0.4;
      double score = Math.round(Math.max(0, Math.min(1, base)) * 100) / 100.0;
      boolean passed = rnd.nextDouble() < 0.1 ? score < 0.6 : score >= 0.6;
      jd.put("score", score);
      jd.put("passed", passed);
      jd.put("grade", Grades.letter(score));
      double seconds = Math.round((10 + rnd.nextDouble() * 60) * 1e6) / 1e6;
      judgeSeconds += seconds;
      int slot = j + 1;
      String model = template.judgeModels().get(j);
      write(f.slotJudgment(slot), Json.write(jd));
      write(
          f.slotModel(slot),
          "# Judge Model Information\n\n**Model**: "
              + model
              + "\n**Claude Code Version**: 2.1.12 (Claude Code)\n**Timestamp**:"
              + " 2026-01-20T06:15:04.917974+00:00\n");
      ObjectNode st = Json.object();
      st.put("judge_duration_seconds", seconds);
      st.put("measured_at", "2026-01-20T06:15:04.918359+00:00");
      write(f.slotTiming(slot), Json.write(st));
      if (fullLogs) {
        write(f.slotDir(slot).resolve("response.txt"), template.judgeResponse());
        write(f.slotDir(slot).resolve("stdout.log"), template.judgeResponse());
      }
      Judgment parsed;
      try {
        parsed = ModelJson.judgment(jd);
      } catch (dev.scylla.store.CorruptFileException e) {
        throw new IOException("template judgment: " + e.getMessage(), e);
      }
      verdicts.add(new SlotVerdict(slot, parsed));
      entries.add(RunResultBuilder.judgeEntry(slot, model, parsed));
    }
    judgeSeconds = Math.round(judgeSeconds * 1e6) / 1e6;
    ObjectNode jt = Json.object();
    jt.put("judge_duration_seconds", judgeSeconds);
    jt.put("measured_at", "2026-01-20T06:16:41.204057+00:00");
    write(f.judgeTiming(), Json.write(jt));
    ConsensusResult consensus =
        ConsensusBuilder.build(verdicts, ConsensusPolicy.DEFAULT).orElseThrow();
    write(f.consensus(), Json.write(consensus.toJson()));
    RunResult rr =
        RunResultBuilder.build(
            n, f, agent, agentSeconds, judgeSeconds, consensus.toConsensus(), entries, null);
    write(f.runResult(), Json.write(ModelJson.toJson(rr)));
    write(f.runDir().resolve("judge_prompt.md"), JUDGE_PROMPT);
    // the run's own reports, as the reference's pipeline writes them
    List<dev.scylla.results.RunReportRenderer.WorkspaceFile> listed =
        dev.scylla.results.RunReportRenderer.workspaceFiles(JUDGE_PROMPT);
    write(
        f.report(),
        Json.write(
            dev.scylla.results.RunReportRenderer.json(rr, "2026-01-20T06:16:36.846362+00:00")));
    write(
        f.reportMarkdown(),
        dev.scylla.results.RunReportRenderer.markdown(
            key, rr, listed, "2026-01-20T06:16:36.842491+00:00"));
    Files.createDirectories(f.workspace());
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
