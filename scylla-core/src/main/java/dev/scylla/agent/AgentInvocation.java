package dev.scylla.agent;

import dev.scylla.model.SystemPromptMode;
import dev.scylla.model.ThinkingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One agent run to perform.
 *
 * @param label how messages name the run (e.g. {@code T0/00/run_01}); never used as a path
 * @param runDir the run directory; the adapter writes every file under {@code runDir/agent/}
 * @param workspace the working directory of the agent (the run's worktree)
 * @param prompt the task prompt text (the thinking keyword is added by the adapter)
 * @param model the model id passed to the CLI
 * @param timeout the wall-clock limit; the whole process tree is killed when it expires
 * @param maxTurns the CLI's turn limit, or null for none
 * @param thinking the thinking mode
 * @param systemPromptMode the subtest's system prompt mode ({@code none} empties it)
 * @param env extra environment for the agent process (a null value removes a variable); values of
 *     secret-looking names are never written to disk
 */
public record AgentInvocation(
    String label,
    Path runDir,
    Path workspace,
    String prompt,
    String model,
    Duration timeout,
    Integer maxTurns,
    ThinkingMode thinking,
    SystemPromptMode systemPromptMode,
    Map<String, String> env) {

  public AgentInvocation {
    Objects.requireNonNull(runDir, "runDir");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(timeout, "timeout");
    thinking = thinking == null ? ThinkingMode.NONE : thinking;
    systemPromptMode = systemPromptMode == null ? SystemPromptMode.CUSTOM : systemPromptMode;
    env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    label = label == null ? runDir.getFileName().toString() : label;
  }

  /** An invocation with the defaults: one hour, no turn limit, no thinking, custom prompt. */
  public static AgentInvocation of(Path runDir, Path workspace, String prompt, String model) {
    return new AgentInvocation(
        null,
        runDir,
        workspace,
        prompt,
        model,
        Duration.ofHours(1),
        null,
        ThinkingMode.NONE,
        SystemPromptMode.CUSTOM,
        Map.of());
  }

  /** {@code runDir/agent}. */
  public Path agentDir() {
    return runDir.resolve("agent");
  }

  public AgentInvocation withLabel(String l) {
    return new AgentInvocation(
        l, runDir, workspace, prompt, model, timeout, maxTurns, thinking, systemPromptMode, env);
  }

  public AgentInvocation withTimeout(Duration t) {
    return new AgentInvocation(
        label, runDir, workspace, prompt, model, t, maxTurns, thinking, systemPromptMode, env);
  }

  public AgentInvocation withMaxTurns(Integer n) {
    return new AgentInvocation(
        label, runDir, workspace, prompt, model, timeout, n, thinking, systemPromptMode, env);
  }

  public AgentInvocation withThinking(ThinkingMode m) {
    return new AgentInvocation(
        label, runDir, workspace, prompt, model, timeout, maxTurns, m, systemPromptMode, env);
  }

  public AgentInvocation withSystemPromptMode(SystemPromptMode m) {
    return new AgentInvocation(
        label, runDir, workspace, prompt, model, timeout, maxTurns, thinking, m, env);
  }

  public AgentInvocation withEnv(Map<String, String> e) {
    return new AgentInvocation(
        label, runDir, workspace, prompt, model, timeout, maxTurns, thinking, systemPromptMode, e);
  }
}
