package dev.scylla.service;

import dev.scylla.event.EventSink;
import dev.scylla.judge.JudgeContext;
import dev.scylla.judge.JudgeService;
import dev.scylla.judge.PromptSpec;
import dev.scylla.judge.SlotJob;
import dev.scylla.judge.SlotOutcome;
import dev.scylla.model.Tiers;
import dev.scylla.pipeline.BuildPipeline;
import dev.scylla.pipeline.PipelineJson;
import dev.scylla.pipeline.PipelineResult;
import dev.scylla.process.Cancellation;
import dev.scylla.run.Ports;
import dev.scylla.run.RunContext;
import dev.scylla.run.StepOutcome;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The judge and pipeline ports on {@link JudgeService} and {@link BuildPipeline}. */
final class LocalJudging {
  private final ExperimentStore store;
  private final JudgeContext context;
  private final JudgeService judges;
  private final BuildPipeline pipeline;
  private final EventSink events;

  LocalJudging(
      ExperimentStore store,
      JudgeContext context,
      JudgeService judges,
      BuildPipeline pipeline,
      EventSink events) {
    this.store = store;
    this.context = context;
    this.judges = judges;
    this.pipeline = pipeline;
    this.events = events;
  }

  Ports.Pipeline pipelinePort() {
    return new Ports.Pipeline() {
      @Override
      public boolean done(RunContext ctx) {
        return Files.isRegularFile(
            new RunFiles(ctx.runDir()).commandsDir().resolve(BuildPipeline.RESULT_FILE));
      }

      @Override
      public StepOutcome run(RunContext ctx, Cancellation c) throws IOException {
        PipelineResult r;
        try {
          r =
              pipeline.run(
                  ctx.workspace(),
                  ctx.config().language(),
                  new RunFiles(ctx.runDir()).commandsDir(),
                  c);
        } catch (dev.scylla.model.ScyllaException e) {
          if (e.kind() == dev.scylla.model.ScyllaException.Kind.INTERRUPTED) {
            // Ctrl+C while a pipeline step ran: an interruption, not a setup problem
            return new StepOutcome(StepOutcome.Kind.CANCELLED, e.getMessage(), null);
          }
          throw e;
        }
        // failing steps are the agent's outcome (the result is stored and judged), reported as such
        return r.allPassed()
            ? StepOutcome.done()
            : StepOutcome.failed("pipeline steps failed: " + r.failureSummary());
      }
    };
  }

  /**
   * Runs the pipeline on a fresh worktree before the agent, once per experiment, into {@code
   * <exp>/pipeline_baseline.json} (the judge prompt's "before" section).
   */
  synchronized void baselineOnce(Path workspace, Cancellation c) throws IOException {
    Path file = store.layout().pipelineBaseline();
    if (Files.exists(file)) {
      return;
    }
    PipelineResult r =
        pipeline.run(workspace, store.config().language(), store.layout().baselineCommandsDir(), c);
    PipelineJson.write(file, r);
  }

  Ports.Judge judgePort() {
    return new Ports.Judge() {
      @Override
      public void preparePrompt(RunContext ctx) throws IOException {
        judges.preparePrompt(spec(ctx), Cancellation.never());
      }

      @Override
      public StepOutcome judgeSlot(
          RunContext ctx, int slot, Ports.SlotOptions options, Cancellation c) throws IOException {
        SlotJob base = context.slotJob(ctx.runDir(), ctx.key(), slot);
        SlotJob job =
            options.modelOverride() == null
                ? base
                : new SlotJob(
                    base.prompt(),
                    slot,
                    options.modelOverride(),
                    context.judging().clientFor(options.modelOverride()),
                    base.rubric(),
                    base.maxAttempts(),
                    base.policy(),
                    base.systemPrompt());
        if (options.refreshRubric()) {
          judges.refreshRubric(spec(ctx));
        }
        if (options.retryExhausted() || options.modelOverride() != null) {
          setAside(job.slotDir(), ctx);
        }
        return step(judges.judgeSlot(job, c));
      }

      @Override
      public StepOutcome judgeRepeat(
          RunContext ctx, int slot, int repeat, Ports.SlotOptions options, Cancellation c)
          throws IOException {
        SlotJob base = context.slotJob(ctx.runDir(), ctx.key(), slot);
        // the slot's judge: the override, else the model that made the slot's verdict
        String model = options.modelOverride();
        if (model == null) {
          var j =
              dev.scylla.store.FileReads.readJson(
                      base.slotDir().resolve(RunFiles.Slot.JUDGMENT), o -> o)
                  .orNull();
          model =
              j != null && j.path("model").isTextual() && !j.get("model").textValue().isBlank()
                  ? j.get("model").textValue()
                  : base.model();
        }
        SlotJob job =
            model.equals(base.model())
                ? base
                : new SlotJob(
                    base.prompt(),
                    slot,
                    model,
                    context.judging().clientFor(model),
                    base.rubric(),
                    base.maxAttempts(),
                    base.policy(),
                    base.systemPrompt());
        return step(judges.judgeRepeat(job, repeat, c));
      }

      private StepOutcome step(SlotOutcome o) {
        StepOutcome r =
            switch (o.kind()) {
              case COMPLETE -> StepOutcome.done();
              case FALLBACK -> new StepOutcome(StepOutcome.Kind.FALLBACK, o.reason(), null);
              case FAILED -> StepOutcome.failed(o.reason());
              case RATE_LIMITED ->
                  StepOutcome.rateLimited(
                      o.reason(),
                      resetOf(o.rateLimit()),
                      o.rateLimit() != null && o.rateLimit().hardLimit());
              case CANCELLED -> new StepOutcome(StepOutcome.Kind.CANCELLED, o.reason(), null);
            };
        return r.withJudgeCalls(o.calls(), o.spend());
      }
    };
  }

  private static Instant resetOf(dev.scylla.model.RateLimit r) {
    return r == null ? null : r.resetsAt(Instant.now());
  }

  private PromptSpec spec(RunContext ctx) {
    return PromptSpec.of(store.root(), ctx.runDir(), ctx.key().label(), store.config().language());
  }

  /**
   * Before a slot is judged again on purpose (a fallback, a spent budget, another model), its
   * verdict and attempt journal move to {@code .archive/rejudge/} (then {@code rejudge_2}, ...):
   * nothing is deleted, and the slot gets a fresh budget.
   */
  private void setAside(Path slotDir, RunContext ctx) throws IOException {
    if (!Files.isDirectory(slotDir)) {
      return;
    }
    java.util.Set<String> verdictFiles =
        java.util.Set.of(
            dev.scylla.store.RunFiles.Slot.JUDGMENT,
            dev.scylla.store.RunFiles.Slot.ATTEMPTS,
            dev.scylla.store.RunFiles.Slot.FAILURE,
            dev.scylla.store.RunFiles.Slot.RESPONSE);
    String to =
        dev.scylla.store.Archive.archiveSlotEntries(slotDir, "rejudge", verdictFiles::contains);
    boolean moved = to != null;
    Path dest = moved ? slotDir.resolve(to) : null;
    if (moved) {
      events.info(
          ctx.key().label()
              + " "
              + Tiers.slotDirName(Integer.parseInt(slotDir.getFileName().toString().substring(6)))
              + ": previous verdict set aside in "
              + store.layout().relative(dest)
              + " at "
              + Instant.now());
    }
  }
}
