package dev.scylla.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.event.Event;
import dev.scylla.event.EventSink;
import dev.scylla.model.Pricing;
import dev.scylla.model.RateLimit;
import dev.scylla.model.ThinkingMode;
import dev.scylla.model.TokenStats;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.CorruptFileException;
import dev.scylla.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OpenAI Codex CLI: {@code codex exec --json --model M
 * --dangerously-bypass-approvals-and-sandbox --skip-git-repo-check [-c model_reasoning_effort=...]
 * -}, the prompt on stdin.
 *
 * <p>What is read from its JSON-lines events (checked against the real CLI 0.171.0): {@code
 * turn.completed} usage ({@code input_tokens}, which includes {@code cached_input_tokens} and
 * {@code cache_write_input_tokens}; {@code output_tokens}, which includes {@code
 * reasoning_output_tokens}), summed over turns, with the number of completed turns as {@code
 * api_calls}; the last {@code agent_message} item as the answer ({@code output.txt}); {@code
 * turn.failed} and top-level {@code error} events as errors, except the CLI's retry notices ({@code
 * "Reconnecting... n/m (…)"}), which are not failures: a completed turn is a result whatever
 * notices came before it. Without a completed turn, an exhausted quota is a hard rate limit, a 429
 * or another limit phrase (request ids ignored) a rate limit, anything else a failure. The older
 * event format ({@code {"msg": {"type": "token_count"}}}) is read too. The CLI reports no cost: it
 * is computed from the price table (each counter at its own rate); a model without a price gets
 * cost 0, {@code cost_known: false} in {@code result.json} and a warning. There is no turn limit
 * flag, and the system prompt cannot be emptied, so {@code max_turns} and {@code
 * system_prompt_mode: none} have no effect; thinking modes map to {@code model_reasoning_effort}
 * (Low: low, High and UltraThink: high) instead of a prompt keyword.
 *
 * <p>The CLI ignores {@code OPENAI_BASE_URL}: when one is given (the invocation's env, else the
 * process's) and the invocation sets no {@code CODEX_HOME}, the run gets its own {@code
 * agent/codex-home/config.toml} with a provider at that URL (see {@link #configToml}).
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

  /** The directory under {@code agent/} that becomes the run's {@code CODEX_HOME}. */
  static final String CODEX_HOME_DIR = "codex-home";

  /** Retries Codex makes of a failed request and of a broken stream (the config's settings). */
  static final int MAX_RETRIES = 2;

  /** How long Codex waits for the next event of a stream before it retries (ms). */
  static final long STREAM_IDLE_TIMEOUT_MS = 300_000;

  @Override
  Command command(AgentInvocation inv, Path promptFile, String prompt) throws IOException {
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
    Map<String, String> env = new LinkedHashMap<>();
    String baseUrl =
        inv.env().containsKey("OPENAI_BASE_URL")
            ? inv.env().get("OPENAI_BASE_URL")
            : System.getenv("OPENAI_BASE_URL");
    if (baseUrl != null && !baseUrl.isBlank() && !inv.env().containsKey("CODEX_HOME")) {
      // the CLI ignores OPENAI_BASE_URL: a provider in a per-run CODEX_HOME points it there
      Path home = Files.createDirectories(promptFile.getParent().resolve(CODEX_HOME_DIR));
      AtomicFiles.writeString(home.resolve("config.toml"), configToml(baseUrl.strip()));
      env.put("CODEX_HOME", home.toString());
    }
    return new Command(argv, true, env);
  }

  /** {@code config.toml} of a per-run {@code CODEX_HOME}: one provider at {@code baseUrl}. */
  static String configToml(String baseUrl) {
    return "# Written by scylla: OPENAI_BASE_URL was given, which the Codex CLI ignores.\n"
        + "model_provider = \"scylla\"\n"
        + "\n"
        + "[model_providers.scylla]\n"
        + "name = \"OPENAI_BASE_URL (scylla)\"\n"
        + "base_url = "
        + tomlString(baseUrl)
        + "\n"
        + "env_key = \"OPENAI_API_KEY\"\n"
        + "wire_api = \"responses\"\n"
        + "request_max_retries = "
        + MAX_RETRIES
        + "\n"
        + "stream_max_retries = "
        + MAX_RETRIES
        + "\n"
        + "stream_idle_timeout_ms = "
        + STREAM_IDLE_TIMEOUT_MS
        + "\n";
  }

  private static String tomlString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** How Codex starts a notice of a retry it makes itself; the turn may still complete. */
  static final String RETRY_NOTICE = "Reconnecting...";

  /** Request ids in Codex's messages ({@code request id: req_…}): never read for a status. */
  private static final Pattern REQUEST_ID =
      Pattern.compile("(?i)request[ _-]?id:?\\s*\\S+|\\breq_[A-Za-z0-9]+");

  @Override
  Parsed parse(AgentInvocation inv, String stdout, String stderr, int exitCode) {
    long input = 0;
    long cached = 0;
    long cacheWrite = 0;
    long output = 0;
    long reasoning = 0;
    int turns = 0;
    boolean sawEvent = false;
    String turnFailure = null;
    String error = null;
    String answer = null;
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
        turnFailure = n.path("error").path("message").asText(n.path("error").toString());
      } else if (type.equals("error")) {
        String m = n.path("message").asText(n.toString());
        if (!m.startsWith(RETRY_NOTICE)) {
          error = m;
        }
      } else if (type.equals("item.completed")
          && n.path("item").path("type").asText("").equals("agent_message")) {
        answer = n.path("item").path("text").asText("");
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
          cacheWrite = 0;
          output = 0;
          reasoning = 0;
        } else if (mt.equals("error") || mt.equals("stream_error")) {
          error = msg.path("message").asText(msg.toString());
        } else if (mt.equals("agent_message")) {
          answer = msg.path("message").asText("");
        } else if (mt.equals("task_complete")) {
          turns = Math.max(turns, 1);
        }
      }
      if (usage != null && usage.isObject()) {
        input += usage.path("input_tokens").asLong(0);
        cached += usage.path("cached_input_tokens").asLong(0);
        cacheWrite += usage.path("cache_write_input_tokens").asLong(0);
        output += usage.path("output_tokens").asLong(0);
        reasoning += usage.path("reasoning_output_tokens").asLong(0);
      }
    }
    // the CLI passes on the Responses API's counts: input_tokens includes the cached and the
    // cache-write ones (its input_tokens_details), output_tokens the reasoning ones
    TokenStats t =
        new TokenStats(Math.max(0, input - cached - cacheWrite), output, cacheWrite, cached);
    boolean costKnown = Pricing.known(inv.model());
    double cost = 0.0;
    if (costKnown) {
      cost = Pricing.estimate(inv.model(), t);
    } else if (!t.isZero()) {
      events.accept(
          Event.warn(
              inv.label()
                  + ": no price for model "
                  + inv.model()
                  + ": its cost is unknown (cost_usd 0, cost_known false in agent/result.json)"));
    }
    ObjectNode extra = Json.object();
    extra.put("reasoning_output_tokens", reasoning);
    extra.put("cost_known", costKnown);
    boolean hasResult = turns > 0;
    String failure = null;
    RateLimit rl = null;
    if (!hasResult) {
      String reported = turnFailure != null ? turnFailure : error;
      if (reported != null && RateLimit.namesQuota(reported)) {
        rl = RateLimit.quota(reported);
      } else if (reported != null || exitCode != 0) {
        String text = reported != null ? reported : sawEvent ? "" : stderr;
        String cleaned = REQUEST_ID.matcher(text).replaceAll("request id: (id)");
        rl = RateLimit.detect("", cleaned, true, Instant.now()).orElse(null);
      }
      if (reported != null) {
        failure = "codex reported an error: " + abbreviate(reported, 160);
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
    boolean isError = hasResult && (turnFailure != null || exitCode != 0);
    // a completed turn without a message keeps the event stream as its output, so it is judged
    String out = answer != null && !answer.isBlank() ? answer : null;
    return new Parsed(hasResult, isError, t, cost, turns, failure, rl, out, extra, false);
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
        + "- Cost: from the price table (the CLI reports none)\n"
        + "\n## Environment\n\n- Generated by scylla (codex adapter)\n";
  }
}
