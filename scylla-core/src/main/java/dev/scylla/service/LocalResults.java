package dev.scylla.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunResult;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.ScyllaException;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.RunPlan;
import dev.scylla.results.RunRegenerator;
import dev.scylla.results.SummaryRebuilder;
import dev.scylla.run.Ports;
import dev.scylla.run.RunContext;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.CheckpointFile;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Collection;

/** The results port on the regeneration builders: the same code regenerate runs. */
final class LocalResults implements Ports.Results {
  private final ConsensusPolicy policy;
  private final Clock clock;

  LocalResults(ConsensusPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public void rebuildAgentResult(RunContext ctx) throws IOException {
    try {
      new RunRegenerator(ctx.store(), ctx.matrix(), policy, clock).rebuildAgentResult(ctx.key());
    } catch (dev.scylla.results.BadPartException e) {
      throw new ScyllaException(
          ScyllaException.Kind.FAILED, "cannot rebuild agent/result.json: " + e.getMessage());
    }
  }

  @Override
  public Ports.Finalized finalizeRun(RunContext ctx, Double judgeSeconds) throws IOException {
    RunFiles files = new RunFiles(ctx.runDir());
    // The judges' total: the slots' own times (each covers its last attempt), as the reference's
    // judge/timing.json holds the wall time of the judges that made the verdicts. Written after
    // judging, and also when a process died between the last verdict and this file (the resumed
    // run judges nothing, but its tree must be the one an uninterrupted run leaves).
    double sum = 0;
    for (int s = 1; s <= ctx.matrix().judgeCount(); s++) {
      Loaded<ObjectNode> t = FileReads.readJson(files.slotTiming(s), o -> o);
      if (t.orNull() != null && t.orNull().path("judge_duration_seconds").isNumber()) {
        sum += t.orNull().path("judge_duration_seconds").asDouble();
      }
    }
    if (judgeSeconds != null || (sum > 0 && !Files.exists(files.judgeTiming()))) {
      ObjectNode timing = Json.object();
      timing.put("judge_duration_seconds", sum > 0 ? sum : judgeSeconds);
      timing.put("measured_at", CheckpointFile.now());
      AtomicFiles.writeJson(files.judgeTiming(), timing);
    }
    apply(ctx, "run_result.json");
    RunSnapshot snap = ctx.store().readRun(ctx.key(), ctx.matrix());
    RunResult rr = snap.runResult().orNull();
    if (rr == null) {
      throw new ScyllaException(
          ScyllaException.Kind.FAILED,
          "run_result.json could not be built: " + snap.runResult().describe());
    }
    return new Ports.Finalized(rr.judgePassed(), rr.judgeScore(), rr.costUsd());
  }

  private void apply(RunContext ctx, String what) throws IOException {
    RunPlan plan = new RunRegenerator(ctx.store(), ctx.matrix(), policy, clock).plan(ctx.key());
    if (plan.outcome() == RunPlan.Outcome.FAILED) {
      throw new ScyllaException(
          ScyllaException.Kind.FAILED, "cannot build " + what + ": " + plan.reason());
    }
    RunRegenerator.apply(plan);
  }

  @Override
  public void writeSummaries(ExperimentStore store, Collection<Ports.SubtestId> subtests)
      throws IOException {
    var matrix = store.matrix(new java.util.ArrayList<>());
    SummaryRebuilder rebuilder = new SummaryRebuilder(store, matrix, policy, clock, false);
    java.util.Set<String> tiers = new java.util.LinkedHashSet<>();
    subtests.forEach(s -> tiers.add(s.tier()));
    for (String t : tiers) {
      rebuilder.rewriteTier(t);
    }
  }

  @Override
  public void writeExperimentSummary(ExperimentStore store) throws IOException {
    var matrix = store.matrix(new java.util.ArrayList<>());
    new SummaryRebuilder(store, matrix, policy, clock, false).rewriteExperiment();
  }

  /**
   * The consensus policy an experiment asks for (our {@code scylla.consensus} key), or the default.
   */
  static ConsensusPolicy policy(ExperimentStore store) {
    ConsensusPolicy p = ConsensusPolicy.DEFAULT;
    var c = store.config().raw().path("scylla").path("consensus");
    if (c.path("quorum").isInt()) {
      p = p.withQuorum(c.path("quorum").asInt());
    }
    if (c.path("reasoning").isTextual()) {
      p = p.withRule(dev.scylla.results.ReasoningRule.parse(c.path("reasoning").textValue()));
    }
    return p;
  }
}
