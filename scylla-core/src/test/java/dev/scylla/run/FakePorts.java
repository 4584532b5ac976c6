package dev.scylla.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Grades;
import dev.scylla.model.RunKey;
import dev.scylla.model.Tiers;
import dev.scylla.process.Cancellation;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Fake ports that write the files real ones write (in the reference's format), with scripted
 * outcomes per run and call number, to test the orchestration without git, agents or models.
 */
public final class FakePorts {
  /** Decides the outcome of the n-th agent call of a run (n from 1). */
  public BiFunction<RunKey, Integer, StepOutcome> agentScript = (k, n) -> StepOutcome.done();

  /** Decides the outcome of the n-th call of a judge slot of a run. */
  public TriFunction judgeScript = (k, slot, n) -> StepOutcome.done();

  public final Map<RunKey, AtomicInteger> agentCalls = new ConcurrentHashMap<>();
  public final Map<String, AtomicInteger> judgeCalls = new ConcurrentHashMap<>();
  public final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
  public final AtomicInteger concurrentAgents = new AtomicInteger();
  public final AtomicInteger maxConcurrentAgents = new AtomicInteger();
  public volatile long agentMillis = 0;
  public volatile String workspaceUnavailable;

  /** When it answers true for a run, writing that run's judgments fails as a full disk does. */
  public volatile java.util.function.Predicate<RunKey> diskFull = k -> false;

  public double costPerRun = 0.10;

  /** Writing the summaries fails as a full disk does. */
  public volatile boolean summariesFail;

  /** What the pipeline throws for a run (null: it runs). */
  public volatile java.util.function.Function<RunKey, RuntimeException> pipelineThrows = k -> null;

  public interface TriFunction {
    StepOutcome apply(RunKey key, int slot, int call);
  }

  public Orchestrator.Wiring wiring() {
    return new Orchestrator.Wiring(workspace(), agent(), pipeline(), judge(), results());
  }

  Ports.Workspace workspace() {
    return new Ports.Workspace() {
      @Override
      public void prepare(RunContext ctx, Cancellation c) throws IOException {
        Files.createDirectories(ctx.workspace());
        Files.writeString(ctx.workspace().resolve("README"), "task repo\n");
        log.add("prepare " + ctx.key());
      }

      @Override
      public void remove(RunContext ctx) throws IOException {
        Path ws = ctx.workspace();
        try (var walk = Files.walk(ws)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
        log.add("remove " + ctx.key());
      }

      @Override
      public void prune(RunContext ctx) {
        log.add("prune " + ctx.key());
      }

      @Override
      public String unavailable(ExperimentStore store) {
        return workspaceUnavailable;
      }
    };
  }

  Ports.Agent agent() {
    return new Ports.Agent() {
      @Override
      public StepOutcome run(RunContext ctx, Cancellation c) throws IOException {
        int n = agentCalls.computeIfAbsent(ctx.key(), k -> new AtomicInteger()).incrementAndGet();
        int now = concurrentAgents.incrementAndGet();
        maxConcurrentAgents.accumulateAndGet(now, Math::max);
        try {
          long until = System.currentTimeMillis() + agentMillis;
          while (System.currentTimeMillis() < until) {
            if (c.isCancelled()) {
              return new StepOutcome(StepOutcome.Kind.CANCELLED, "cancelled", null);
            }
            try {
              Thread.sleep(5);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          StepOutcome r = agentScript.apply(ctx.key(), n);
          Path agent = ctx.runDir().resolve("agent");
          Files.createDirectories(agent);
          if (r.kind() == StepOutcome.Kind.DONE) {
            writeAgentFiles(agent, costPerRun);
          } else {
            AtomicFiles.writeString(agent.resolve("stderr.log"), "boom: " + r.reason() + "\n");
            AtomicFiles.writeString(agent.resolve("output.txt"), "");
          }
          log.add("agent " + ctx.key() + " #" + n + " " + r.kind());
          return r;
        } finally {
          concurrentAgents.decrementAndGet();
        }
      }

      @Override
      public String model(RunContext ctx) {
        return "agent-model";
      }
    };
  }

  static void writeAgentFiles(Path agent, double cost) throws IOException {
    String cli =
        "{\"type\":\"result\",\"num_turns\":2,\"total_cost_usd\":"
            + cost
            + ",\"usage\":{\"input_tokens\":10,\"output_tokens\":20,\"cache_creation_input_tokens\":30,\"cache_read_input_tokens\":40}}\n";
    AtomicFiles.writeString(agent.resolve("stdout.log"), cli);
    AtomicFiles.writeString(agent.resolve("output.txt"), cli);
    AtomicFiles.writeString(agent.resolve("stderr.log"), "");
    ObjectNode r = Json.object();
    r.put("exit_code", 0);
    r.put("stdout", cli);
    r.put("stderr", "");
    ObjectNode t = r.putObject("token_stats");
    t.put("input_tokens", 10);
    t.put("output_tokens", 20);
    t.put("cache_creation_tokens", 30);
    t.put("cache_read_tokens", 40);
    r.put("cost_usd", cost);
    r.put("api_calls", 2);
    AtomicFiles.writeJson(agent.resolve("result.json"), r);
    ObjectNode timing = Json.object();
    timing.put("agent_duration_seconds", 1.5);
    timing.put("measured_at", Instant.now().toString());
    AtomicFiles.writeJson(agent.resolve("timing.json"), timing);
    ObjectNode log = Json.object();
    log.put("generated_at", Instant.now().toString());
    log.put("total_commands", 1);
    ObjectNode c = log.putArray("commands").addObject();
    c.putArray("command").add("claude");
    c.put("exit_code", 0);
    AtomicFiles.writeJson(agent.resolve("command_log.json"), log);
  }

  Ports.Pipeline pipeline() {
    return new Ports.Pipeline() {
      @Override
      public boolean done(RunContext ctx) {
        return Files.exists(ctx.runDir().resolve("commands/pipeline.json"));
      }

      @Override
      public StepOutcome run(RunContext ctx, Cancellation c) throws IOException {
        RuntimeException thrown = pipelineThrows.apply(ctx.key());
        if (thrown != null) {
          throw thrown;
        }
        AtomicFiles.writeString(ctx.runDir().resolve("commands/pipeline.json"), "{}\n");
        return StepOutcome.done();
      }
    };
  }

  Ports.Judge judge() {
    return new Ports.Judge() {
      @Override
      public void preparePrompt(RunContext ctx) throws IOException {
        Path p = ctx.runDir().resolve("judge_prompt.md");
        if (!Files.exists(p)) {
          AtomicFiles.writeString(p, "# prompt\n");
        }
      }

      @Override
      public StepOutcome judgeSlot(
          RunContext ctx, int slot, Ports.SlotOptions options, Cancellation c) throws IOException {
        String id = ctx.key() + "#" + slot;
        int n = judgeCalls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        StepOutcome r = judgeScript.apply(ctx.key(), slot, n);
        Path dir = ctx.runDir().resolve("judge").resolve(Tiers.slotDirName(slot));
        if (diskFull.test(ctx.key())) {
          throw new IOException(dir.resolve("judgment.json") + ": No space left on device");
        }
        Files.createDirectories(dir);
        ObjectNode j = Json.object();
        switch (r.kind()) {
          case DONE -> {
            double score = 0.5 + 0.1 * slot;
            j.put("score", score);
            j.put("passed", score >= 0.6);
            j.put("grade", Grades.letter(score));
            j.put("reasoning", "fake " + slot);
            j.put("is_valid", true);
            AtomicFiles.writeJson(dir.resolve("judgment.json"), j);
          }
          case FALLBACK -> {
            j.put("score", 0.0);
            j.put("passed", false);
            j.put("grade", "F");
            j.put("reasoning", "fallback");
            j.put("is_valid", false);
            j.put("fallback", true);
            j.put("fallback_reason", r.reason());
            AtomicFiles.writeJson(dir.resolve("judgment.json"), j);
          }
          case FAILED -> {
            j.put("attempt", n);
            j.put("reason", r.reason());
            AtomicFiles.writeJson(dir.resolve("failure.json"), j);
          }
          default -> {}
        }
        log.add("judge " + id + " #" + n + " " + r.kind());
        // one call to the model per step unless the script says how many
        return r.calls() > 0 ? r : r.withJudgeCalls(1, r.judgeSpend());
      }

      @Override
      public StepOutcome judgeRepeat(
          RunContext ctx, int slot, int repeat, Ports.SlotOptions options, Cancellation c)
          throws IOException {
        Path dir =
            dev.scylla.store.Repeats.dir(
                ctx.runDir().resolve("judge").resolve(Tiers.slotDirName(slot)), repeat);
        Files.createDirectories(dir);
        double score = 0.5 + 0.1 * slot + 0.01 * repeat;
        ObjectNode j = Json.object();
        j.put("score", score);
        j.put("passed", score >= 0.6);
        j.put("grade", Grades.letter(score));
        j.put("reasoning", "fake repeat " + repeat);
        j.put("is_valid", true);
        AtomicFiles.writeJson(dir.resolve("judgment.json"), j);
        log.add("repeat " + ctx.key() + "#" + slot + " " + repeat);
        return StepOutcome.done()
            .withJudgeCalls(
                1,
                dev.scylla.model.JudgeSpend.NONE.plus(
                    new dev.scylla.model.CallSpend(null, repeatCostUsd)));
      }
    };
  }

  /** What one repeat call of {@link Ports.Judge#judgeRepeat} costs. */
  public double repeatCostUsd = 0.01;

  Ports.Results results() {
    return new Ports.Results() {
      @Override
      public void rebuildAgentResult(RunContext ctx) throws IOException {
        log.add("rebuild-agent " + ctx.key());
        writeAgentFiles(ctx.runDir().resolve("agent"), costPerRun);
      }

      @Override
      public Ports.Finalized finalizeRun(RunContext ctx, Double judgeSeconds) throws IOException {
        ObjectNode rr = Json.object();
        rr.put("run_number", ctx.key().run());
        rr.put("exit_code", 0);
        ObjectNode t = rr.putObject("token_stats");
        t.put("input_tokens", 10);
        rr.put("cost_usd", costPerRun);
        rr.put("duration_seconds", 2.0);
        rr.put("judge_score", 0.7);
        rr.put("judge_passed", true);
        rr.put("judge_grade", "B");
        rr.put("judge_reasoning", "fake");
        rr.put("workspace_path", ctx.workspace().toString());
        rr.put("logs_path", ctx.runDir().resolve("agent").toString());
        AtomicFiles.writeJson(ctx.runDir().resolve("run_result.json"), rr);
        ObjectNode cons = Json.object();
        cons.put("score", 0.7);
        cons.put("passed", true);
        cons.put("grade", "B");
        cons.put("reasoning", "fake");
        AtomicFiles.writeJson(ctx.runDir().resolve("judge/result.json"), cons);
        log.add("finalize " + ctx.key());
        return new Ports.Finalized(true, 0.7, costPerRun);
      }

      @Override
      public void writeSummaries(ExperimentStore store, Collection<Ports.SubtestId> subtests)
          throws java.io.IOException {
        if (summariesFail) {
          throw new java.io.IOException("summary.md: No space left on device");
        }
        log.add("summaries " + subtests.size());
      }

      @Override
      public void writeExperimentSummary(ExperimentStore store) {
        log.add("experiment summary");
      }
    };
  }
}
