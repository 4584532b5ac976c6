package dev.scylla.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.Pricing;
import dev.scylla.model.RateLimit;
import dev.scylla.model.ThinkingMode;
import dev.scylla.model.TokenStats;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.store.CorruptFileException;
import dev.scylla.store.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI Codex CLI: {@code codex exec --json --model M
 * --dangerously-bypass-approvals-and-sandbox --skip-git-repo-check [-c model_reasoning_effort=...]
 * -}, the prompt on stdin.
 *
 * <p>What is read from its JSON-lines events: {@code turn.completed} usage ({@code input_tokens},
 * {@code cached_input_tokens}, {@code output_tokens}; summed over turns; cached input is reported
 * as cache reads and subtracted from input), the number of completed turns as {@code api_calls},
 * the last {@code agent_message} as the answer, and {@code turn.failed}/{@code error} events as
 * errors (rate limits among them). The older event format ({@code {"msg": {"type":
 * "token_count"}}}) is read too. What cannot be read: the CLI reports no cost (it is estimated from
 * the price table, unknown models at the default $3/$15 per million), no cache-write tokens and no
 * per-model usage. There is no turn limit flag, and the system prompt cannot be emptied, so {@code
 * max_turns} and {@code system_prompt_mode: none} have no effect; thinking modes map to {@code
 * model_reasoning_effort} (Low: low, High and UltraThink: high) instead of a prompt keyword.
 */
public final class CodexAdapter extends CliAgent {
  /** Environment variable naming the Codex executable to use instead of {@code codex}. */
  public static final String ENV_EXECUTABLE = "SCYLLA_CODEX";

  private final String executable;

  public CodexAdapter(ProcessLauncher launcher, EventSink events) {
    this(launcher, events, defaultExecutable());
  }

  public CodexAdapter(ProcessLauncher launcher, EventSink events, String executable) {
    super(launcher, events);
    this.executable = executable;
  }

  public static String defaultExecutable() {
    String e = System.getenv(ENV_EXECUTABLE);
    return e == null || e.isBlank() ? "codex" : e;
  }

  @Override
  public String name() {
    return "codex";
  }

  @Override
  String agentPrompt(AgentInvocation inv) {
    return inv.prompt();
  }

  @Override
  Command command(AgentInvocation inv, Path promptFile, String prompt) {
    List<String> argv = new ArrayList<>();
    argv.add(executable);
    argv.addAll(
        List.of(
            "exec",
            "--json",
            "--model",
            inv.model(),
            "--dangerously-bypass-approvals-and-sandbox",
            "--skip-git-repo-check"));
    if (inv.thinking() != ThinkingMode.NONE) {
      argv.add("-c");
      argv.add("model_reasoning_effort=" + (inv.thinking() == ThinkingMode.LOW ? "low" : "high"));
    }
    argv.add("-");
    return new Command(argv, true, Map.of());
  }

  @Override
  Parsed parse(AgentInvocation inv, String stdout, String stderr, int exitCode) {
    long input = 0;
    long cached = 0;
    long output = 0;
    int turns = 0;
    boolean sawEvent = false;
    String error = null;
    for (String line : stdout.split("\n")) {
      String l = line.strip();
      if (!l.startsWith("{")) {
        continue;
      }
      JsonNode n;
      try {
        n = Json.parse(l);
      } catch (CorruptFileException e) {
        continue;
      }
      sawEvent = true;
      String type = n.path("type").asText("");
      JsonNode usage = null;
      if (type.equals("turn.completed")) {
        turns++;
        usage = n.path("usage");
      } else if (type.equals("turn.failed")) {
        error = n.path("error").path("message").asText(n.path("error").toString());
      } else if (type.equals("error")) {
        error = n.path("message").asText(n.toString());
      } else if (n.path("msg").isObject()) {
        JsonNode msg = n.path("msg");
        String mt = msg.path("type").asText("");
        if (mt.equals("token_count")) {
          usage =
              msg.path("info").path("total_token_usage").isObject()
                  ? msg.path("info").path("total_token_usage")
                  : msg;
          turns = Math.max(turns, 1);
          input = 0;
          cached = 0;
          output = 0;
        } else if (mt.equals("error") || mt.equals("stream_error")) {
          error = msg.path("message").asText(msg.toString());
        } else if (mt.equals("task_complete")) {
          turns = Math.max(turns, 1);
        }
      }
      if (usage != null && usage.isObject()) {
        input += usage.path("input_tokens").asLong(0);
        cached += usage.path("cached_input_tokens").asLong(0);
        output += usage.path("output_tokens").asLong(0);
      }
    }
    TokenStats t = new TokenStats(Math.max(0, input - cached), output, 0, cached);
    double cost = t.isZero() ? 0.0 : Pricing.fallbackCost(inv.model(), t);
    Instant now = Instant.now();
    RateLimit rl = null;
    if (error != null || exitCode != 0) {
      rl =
          RateLimit.detect("", (error == null ? "" : error + "\n") + stderr, true, now)
              .orElse(null);
    }
    boolean hasResult = turns > 0;
    String failure = null;
    if (!hasResult) {
      if (error != null) {
        failure = "codex reported an error: " + abbreviate(error, 160);
      } else if (exitCode != 0) {
        String last = lastLine(stderr);
        failure =
            "codex exited with code "
                + exitCode
                + (last.isEmpty() ? "" : ": " + abbreviate(last, 160));
      } else if (!sawEvent) {
        failure =
            stdout.isBlank()
                ? "codex printed nothing (no JSON events)"
                : "codex's output is not JSON events: " + abbreviate(stdout, 80);
      } else {
        failure = "codex finished no turn";
      }
    }
    return new Parsed(hasResult, error != null || exitCode != 0, t, cost, turns, failure, rl);
  }

  @Override
  List<String> versionCommand(Command c) {
    return List.of(executable, "--version");
  }

  @Override
  String modelMd(AgentInvocation inv, Command c, String version, String timestamp) {
    return "# Agent Model Information\n\n"
        + "**Model**: "
        + inv.model()
        + "\n**Codex CLI Version**: "
        + version
        + "\n**Timestamp**: "
        + timestamp
        + "\n\n## Configuration\n\n"
        + "- Model ID: "
        + inv.model()
        + "\n- Output Format: json (JSON lines)\n"
        + "- Permissions: dangerously-bypass-approvals-and-sandbox (for testing)\n"
        + "- Cost: estimated from the price table (the CLI reports none)\n"
        + "\n## Environment\n\n- Generated by scylla (codex adapter)\n";
  }
}
