package dev.scylla.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.Tiers;
import dev.scylla.process.Cancellation;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.RunPlan;
import dev.scylla.results.RunRegenerator;
import dev.scylla.results.SummaryRebuilder;
import dev.scylla.run.CostEstimate;
import dev.scylla.run.OrchestrationReport;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.Ports;
import dev.scylla.run.RunContext;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunFinal;
import dev.scylla.run.RunSettings;
import dev.scylla.run.Session;
import dev.scylla.run.StepOutcome;
import dev.scylla.run.Work;
import dev.scylla.status.Selection;
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

/**
 * The orchestrator's scaling: N simulated runs whose agent takes a fixed latency, at several
 * concurrencies, against the ideal {@code N × latency / concurrency}. Everything but the agent's
 * wait is real: journals, archive checks, classification after every step, judge slots, the
 * consensus and run_result.json, the summaries, the checkpoint.
 *
 * <pre>
 *   java -cp scylla-bench/target/benchmarks.jar dev.scylla.bench.ConcurrencyBench \
 *       [--runs 48] [--latency-ms 250] [--judges 3] [--concurrency 1,4,16] [--work DIR]
 * </pre>
 */
public final class ConcurrencyBench {
  private ConcurrencyBench() {}

  public static void main(String[] args) throws Exception {
    int runs = 48;
    long latency = 250;
    int judges = 3;
    List<Integer> levels = List.of(1, 4, 16);
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "scylla-bench-concurrency");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--latency-ms" -> latency = Long.parseLong(args[++i]);
        case "--judges" -> judges = Integer.parseInt(args[++i]);
        case "--concurrency" -> {
          List<Integer> l = new ArrayList<>();
          for (String s : args[++i].split(",")) {
            l.add(Integer.parseInt(s.trim()));
          }
          levels = l;
        }
        case "--work" -> work = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    // one warm-up pass so the JIT has seen the code paths
    measure(work.resolve("warmup"), 8, 20, judges, 4);
    System.out.printf("%d runs, agent latency %d ms, %d judges per run%n%n", runs, latency, judges);
    System.out.printf("%-12s %10s %10s %8s%n", "concurrency", "wall (s)", "ideal (s)", "ratio");
    for (int c : levels) {
      double wall = measure(work.resolve("c" + c), runs, latency, judges, c);
      double ideal = runs * latency / 1000.0 / c;
      System.out.printf("%-12d %10.2f %10.2f %8.2f%n", c, wall, ideal, wall / ideal);
    }
  }

  static double measure(Path dir, int runs, long latencyMs, int judges, int concurrency)
      throws IOException {
    deleteTree(dir);
    Path exp = experiment(dir, runs, judges);
    Orchestrator.Wiring ports = wiring(latencyMs);
    // the whole session as a command runs it: scan, lock, execute, summaries, rescan
    Session session = Session.local(EventSink.NONE, st -> ports, Clock.systemUTC());
    Session.Request req =
        new Session.Request(
            exp,
            "bench",
            Selection.ALL,
            false,
            concurrency,
            RunSettings.defaults(),
            new RunControl());
    long t0 = System.nanoTime();
    OrchestrationReport r =
        session
            .run(
                req,
                (st, before, w) ->
                    Session.Plan.of(
                        before.matrix().runs().stream().map(Work::drive).toList(),
                        CostEstimate.NONE,
                        0,
                        List.of()))
            .work();
    double wall = (System.nanoTime() - t0) / 1e9;
    if (r.count(RunFinal.Kind.COMPLETED) != runs) {
      throw new IllegalStateException("not every run completed: " + r.runs());
    }
    return wall;
  }

  static Path experiment(Path dir, int runs, int judges) throws IOException {
    Path exp = dir.resolve("exp");
    ObjectNode c = Json.object();
    c.put("experiment_id", "bench-concurrency");
    c.put("language", "python");
    c.putArray("models").add("claude-sonnet-4-6");
    c.put("runs_per_subtest", runs / 4);
    c.putArray("tiers_to_run").add("T0");
    var jm = c.putArray("judge_models");
    for (int j = 1; j <= judges; j++) {
      jm.add("judge-" + j);
    }
    AtomicFiles.writeJson(exp.resolve("config/experiment.json"), c);
    ObjectNode plan = Json.object();
    plan.put("version", 1);
    plan.put("created_at", "2026-01-01T00:00:00+00:00");
    plan.putObject("tiers").putArray("T0").add("00").add("01").add("02").add("03");
    AtomicFiles.writeJson(exp.resolve("plan.json"), plan);
    return exp;
  }

  static Orchestrator.Wiring wiring(long latencyMs) {
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
    Ports.Agent agent =
        new Ports.Agent() {
          @Override
          public StepOutcome run(RunContext ctx, Cancellation c) throws IOException {
            try {
              Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return new StepOutcome(StepOutcome.Kind.CANCELLED, "interrupted", null);
            }
            writeAgent(ctx.runDir().resolve("agent"));
            return StepOutcome.done();
          }

          @Override
          public String model(RunContext ctx) {
            return "claude-sonnet-4-6";
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
    Ports.Judge judge =
        new Ports.Judge() {
          @Override
          public void preparePrompt(RunContext ctx) throws IOException {
            AtomicFiles.writeString(ctx.runDir().resolve("judge_prompt.md"), "# prompt\n");
          }

          @Override
          public StepOutcome judgeSlot(
              RunContext ctx, int slot, Ports.SlotOptions options, Cancellation c)
              throws IOException {
            Path d = ctx.runDir().resolve("judge").resolve(Tiers.slotDirName(slot));
            writeJudge(d, ctx.matrix().judgeModel(slot), 0.5 + 0.1 * slot);
            return StepOutcome.done();
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
            RunPlan plan =
                new RunRegenerator(ctx.store(), ctx.matrix(), ConsensusPolicy.DEFAULT)
                    .plan(ctx.key());
            RunRegenerator.apply(plan);
          }

          @Override
          public void writeSummaries(ExperimentStore store, Collection<Ports.SubtestId> subtests)
              throws IOException {
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
    return new Orchestrator.Wiring(ws, agent, pipeline, judge, results);
  }

  private static void writeAgent(Path agent) throws IOException {
    String cli =
        "{\"type\":\"result\",\"num_turns\":3,\"total_cost_usd\":0.1,\"usage\":{\"input_tokens\":20,"
            + "\"output_tokens\":600,\"cache_creation_input_tokens\":9000,\"cache_read_input_tokens\":90000}}\n";
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
    t.put("cache_creation_tokens", 9000);
    t.put("cache_read_tokens", 90000);
    r.put("cost_usd", 0.1);
    r.put("api_calls", 3);
    AtomicFiles.writeJson(agent.resolve("result.json"), r);
    AtomicFiles.writeString(agent.resolve("MODEL.md"), "**Model**: claude-sonnet-4-6\n");
  }

  private static void writeJudge(Path slot, String model, double score) throws IOException {
    ObjectNode j = Json.object();
    j.put("score", score);
    j.put("passed", score >= 0.6);
    j.put("grade", dev.scylla.model.Grades.letter(score));
    j.put("reasoning", "bench");
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
