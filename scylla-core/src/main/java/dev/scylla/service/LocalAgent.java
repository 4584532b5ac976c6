package dev.scylla.service;

import dev.scylla.agent.AgentAdapter;
import dev.scylla.agent.AgentInvocation;
import dev.scylla.agent.AgentOutcome;
import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SystemPromptMode;
import dev.scylla.model.ThinkingMode;
import dev.scylla.process.Cancellation;
import dev.scylla.run.Ports;
import dev.scylla.run.RunContext;
import dev.scylla.run.StepOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The agent port on an agent adapter (Claude Code, Codex, a command). */
final class LocalAgent implements Ports.Agent {
  private final AgentAdapter adapter;
  private final LocalWorkspace workspace;
  private final Map<String, String> env;

  LocalAgent(AgentAdapter adapter, LocalWorkspace workspace, Map<String, String> env) {
    this.adapter = adapter;
    this.workspace = workspace;
    this.env = env;
  }

  @Override
  public String model(RunContext ctx) {
    return ctx.config().agentModel();
  }

  @Override
  public StepOutcome run(RunContext ctx, Cancellation c) throws IOException {
    ExperimentConfig config = ctx.config();
    String prompt =
        new String(
            Files.readAllBytes(ctx.store().root().resolve("prompt.md")), StandardCharsets.UTF_8);
    // the run's own copy of its task, as the reference keeps one (its report links to it)
    dev.scylla.store.AtomicFiles.writeString(
        new dev.scylla.store.RunFiles(ctx.runDir()).taskPrompt(), prompt);
    SubtestDefinition subtest = workspace.subtest(ctx);
    Map<String, String> vars = new LinkedHashMap<>(env);
    vars.put("SCYLLA_SIM_RUN", ctx.key().label());
    ThinkingMode thinking;
    try {
      thinking = ThinkingMode.parse(config.thinkingMode());
    } catch (RuntimeException e) {
      thinking = ThinkingMode.NONE;
    }
    AgentInvocation inv =
        new AgentInvocation(
            ctx.key().label(),
            ctx.runDir(),
            ctx.workspace(),
            prompt,
            config.agentModel(),
            Duration.ofSeconds(config.timeoutSeconds() == null ? 3600 : config.timeoutSeconds()),
            config.maxTurns(),
            thinking,
            subtest.systemPromptMode() == null
                ? SystemPromptMode.CUSTOM
                : subtest.systemPromptMode(),
            vars);
    AgentOutcome o = adapter.run(inv, c);
    return switch (o.kind()) {
      case FINISHED, TURN_LIMITED -> StepOutcome.done();
      case FAILED -> {
        String reason = ((AgentOutcome.Failed) o).reason();
        if (reason.startsWith(AgentOutcome.MISSING_BINARY)
            || reason.startsWith(AgentOutcome.SETUP_PROBLEM)) {
          // every run would fail the same way: a setup problem, not a failed attempt
          throw dev.scylla.model.ScyllaException.badInput(reason);
        }
        yield StepOutcome.failed(reason);
      }
      case RATE_LIMITED -> {
        AgentOutcome.RateLimited r = (AgentOutcome.RateLimited) o;
        Instant at =
            r.resetsAt() != null
                ? r.resetsAt()
                : r.retryAfter() != null ? Instant.now().plus(r.retryAfter()) : null;
        yield StepOutcome.rateLimited(r.message(), at, r.hardLimit());
      }
      case TIMED_OUT ->
          new StepOutcome(
              StepOutcome.Kind.TIMED_OUT,
              "timed out after " + ((AgentOutcome.TimedOut) o).timeout().toSeconds() + " s",
              null);
      case CANCELLED -> new StepOutcome(StepOutcome.Kind.CANCELLED, "cancelled", null);
    };
  }
}
