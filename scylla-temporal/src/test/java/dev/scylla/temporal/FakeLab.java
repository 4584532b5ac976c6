package dev.scylla.temporal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.RunKey;
import dev.scylla.model.Tiers;
import dev.scylla.process.Cancellation;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.RunRegenerator;
import dev.scylla.results.SummaryRebuilder;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.Ports;
import dev.scylla.run.RunContext;
import dev.scylla.run.StepOutcome;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small experiment (tier T0, 4 subtests × N runs, 2 judges) with ports that write what the real
 * ones write, instantly; hooks decide what an agent launch or a judge call does, and every launch
 * and call is counted per run.
 */
final class FakeLab {
  static final String MODEL = "claude-sonnet-4-6";

  /** What one agent launch does. */
  interface AgentHook {
    StepOutcome run(RunContext ctx, int launchOfThisRun, Cancellation c) throws IOException;
  }

  /** Before one judge call; may throw to fail the activity. */
  interface JudgeHook {
    void before(RunContext ctx, int slot, int callOfThisRun) throws IOException;
  }

  final Path experiment;
  final Map<RunKey, AtomicInteger> agentLaunches = new ConcurrentHashMap<>();
  final Map<RunKey, AtomicInteger> judgeCalls = new ConcurrentHashMap<>();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final AtomicInteger summaries = new AtomicInteger();
  volatile AgentHook agent = (ctx, n, c) -> StepOutcome.done();
  volatile JudgeHook judge = (ctx, slot, n) -> {};

  FakeLab(Path dir, int runsPerSubtest) throws IOException {
    experiment = dir.resolve("exp");
    ObjectNode c = Json.object();
    c.put("experiment_id", "temporal-test");
    c.put("language", "python");
    c.putArray("models").add(MODEL);
    c.put("runs_per_subtest", runsPerSubtest);
    c.putArray("tiers_to_run").add("T0");
    c.putArray("judge_models").add("judge-1").add("judge-2");
    AtomicFiles.writeJson(experiment.resolve("config/experiment.json"), c);
    ObjectNode plan = Json.object();
    plan.put("version", 1);
    plan.put("created_at", "2026-01-01T00:00:00+00:00");
    plan.putObject("tiers").putArray("T0").add("00").add("01").add("02").add("03");
    AtomicFiles.writeJson(experiment.resolve("plan.json"), plan);
  }

  int launches() {
    return agentLaunches.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  int calls() {
    return judgeCalls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  Orchestrator.Wiring wiring() {
    Ports.Workspace ws =
        new Ports.Workspace() {
          @Override
          public void prepare(RunContext ctx, Cancellation c) throws IOException {
            Files.createDirectories(ctx.workspace());
          }

          @Override
          public void remove(RunContext ctx) throws IOException {
            deleteTree(ctx.workspace());
          }

          @Override
          public void prune(RunContext ctx) {}

          @Override
          public String unavailable(ExperimentStore store) {
            return null;
          }
        };
    Ports.Agent a =
        new Ports.Agent() {
          @Override
          public StepOutcome run(RunContext ctx, Cancellation c) throws IOException {
            int n =
                agentLaunches
                    .computeIfAbsent(ctx.key(), k -> new AtomicInteger())
                    .incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
              StepOutcome r = agent.run(ctx, n, c);
              if (r.kind() == StepOutcome.Kind.DONE) {
                writeAgent(ctx.runDir().resolve("agent"));
              }
              return r;
            } finally {
              inFlight.decrementAndGet();
            }
          }

          @Override
          public String model(RunContext ctx) {
            return MODEL;
          }
        };
    Ports.Pipeline pipeline =
        new Ports.Pipeline() {
          @Override
          public boolean done(RunContext ctx) {
            return true;
          }

          @Override
          public StepOutcome run(RunContext ctx, Cancellation c) {
            return StepOutcome.done();
          }
        };
    Ports.Judge j =
        new Ports.Judge() {
          @Override
          public void preparePrompt(RunContext ctx) throws IOException {
            AtomicFiles.writeString(ctx.runDir().resolve("judge_prompt.md"), "# prompt\n");
          }

          @Override
          public StepOutcome judgeSlot(
              RunContext ctx, int slot, Ports.SlotOptions options, Cancellation c)
              throws IOException {
            int n =
                judgeCalls.computeIfAbsent(ctx.key(), k -> new AtomicInteger()).incrementAndGet();
            judge.before(ctx, slot, n);
            Path d = ctx.runDir().resolve("judge").resolve(Tiers.slotDirName(slot));
            writeJudge(d, ctx.matrix().judgeModel(slot), 0.5 + 0.1 * slot);
            return StepOutcome.done().withJudgeCalls(1, dev.scylla.model.JudgeSpend.NONE);
          }
        };
    Ports.Results results =
        new Ports.Results() {
          @Override
          public void rebuildAgentResult(RunContext ctx) throws IOException {
            apply(ctx);
          }

          @Override
          public Ports.Finalized finalizeRun(RunContext ctx, Double judgeSeconds)
              throws IOException {
            apply(ctx);
            return new Ports.Finalized(true, 0.7, 0.1);
          }

          private void apply(RunContext ctx) throws IOException {
            RunRegenerator.apply(
                new RunRegenerator(ctx.store(), ctx.matrix(), ConsensusPolicy.DEFAULT)
                    .plan(ctx.key()));
          }

          @Override
          public void writeSummaries(ExperimentStore store, Collection<Ports.SubtestId> subtests)
              throws IOException {
            summaries.incrementAndGet();
            SummaryRebuilder s =
                new SummaryRebuilder(
                    store,
                    store.matrix(new ArrayList<>()),
                    ConsensusPolicy.DEFAULT,
                    Clock.systemUTC(),
                    false);
            for (Ports.SubtestId id : subtests) {
              s.rewriteTier(id.tier());
            }
          }

          @Override
          public void writeExperimentSummary(ExperimentStore store) {}
        };
    return new Orchestrator.Wiring(ws, a, pipeline, j, results);
  }

  static List<RunKey> keys(int runsPerSubtest) {
    List<RunKey> keys = new ArrayList<>();
    for (String s : List.of("00", "01", "02", "03")) {
      for (int r = 1; r <= runsPerSubtest; r++) {
        keys.add(new RunKey("T0", s, r));
      }
    }
    return keys;
  }

  private static void writeAgent(Path agent) throws IOException {
    String cli =
        "{\"type\":\"result\",\"num_turns\":3,\"total_cost_usd\":0.1,\"usage\":{\"input_tokens\":20,"
            + "\"output_tokens\":600,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}\n";
    AtomicFiles.writeString(agent.resolve("stdout.log"), cli);
    AtomicFiles.writeString(agent.resolve("stderr.log"), "");
    ObjectNode log = Json.object();
    log.put("generated_at", "2026-01-01T00:00:00+00:00");
    log.put("total_commands", 1);
    ObjectNode cmd = log.putArray("commands").addObject();
    cmd.putArray("command").add("claude");
    cmd.put("exit_code", 0);
    AtomicFiles.writeJson(agent.resolve("command_log.json"), log);
    ObjectNode timing = Json.object();
    timing.put("agent_duration_seconds", 0.25);
    timing.put("measured_at", "2026-01-01T00:00:00+00:00");
    AtomicFiles.writeJson(agent.resolve("timing.json"), timing);
    AtomicFiles.writeString(agent.resolve("output.txt"), cli);
    ObjectNode r = Json.object();
    r.put("exit_code", 0);
    r.put("stdout", cli);
    r.put("stderr", "");
    ObjectNode t = r.putObject("token_stats");
    t.put("input_tokens", 20);
    t.put("output_tokens", 600);
    t.put("cache_creation_tokens", 0);
    t.put("cache_read_tokens", 0);
    r.put("cost_usd", 0.1);
    r.put("api_calls", 3);
    AtomicFiles.writeJson(agent.resolve("result.json"), r);
    AtomicFiles.writeString(agent.resolve("MODEL.md"), "**Model**: " + MODEL + "\n");
  }

  private static void writeJudge(Path slot, String model, double score) throws IOException {
    ObjectNode j = Json.object();
    j.put("score", score);
    j.put("passed", score >= 0.6);
    j.put("grade", dev.scylla.model.Grades.letter(score));
    j.put("reasoning", "fake");
    j.put("is_valid", true);
    AtomicFiles.writeJson(slot.resolve("judgment.json"), j);
    AtomicFiles.writeString(
        slot.resolve("MODEL.md"), "# Judge Model Information\n\n**Model**: " + model + "\n");
    ObjectNode t = Json.object();
    t.put("judge_duration_seconds", 0.0);
    t.put("measured_at", "2026-01-01T00:00:00+00:00");
    AtomicFiles.writeJson(slot.resolve("timing.json"), t);
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
