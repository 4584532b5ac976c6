package dev.scylla.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.TokenStats;
import dev.scylla.store.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events the real Claude Code CLI prints, built with the keys in the real CLI's order and with
 * its JSON types: the {@code result} of {@code --output-format json}, and the {@code system/init},
 * {@code system/api_retry}, {@code assistant} and {@code user} events of {@code stream-json
 * --verbose}. The shapes are those recorded from the real CLI ({@code
 * src/test/resources/claude-cli/2.1.197/} in scylla-core's tests); ids are derived from a seed, so
 * the same call prints the same ids.
 */
final class CliOutput {
  /** The Claude Code version whose output this class reproduces. */
  static final String CLI_VERSION = "2.1.197";

  /** The tools the real CLI offers an agent (its {@code system/init} lists them). */
  static final List<String> AGENT_TOOLS =
      List.of(
          "Task",
          "Bash",
          "CronCreate",
          "CronDelete",
          "CronList",
          "Edit",
          "EnterWorktree",
          "ExitWorktree",
          "NotebookEdit",
          "Read",
          "ReportFindings",
          "ScheduleWakeup",
          "SendMessage",
          "Skill",
          "TaskCreate",
          "TaskGet",
          "TaskList",
          "TaskOutput",
          "TaskStop",
          "TaskUpdate",
          "WebFetch",
          "WebSearch",
          "Workflow",
          "Write");

  private static final List<String> SKILLS =
      List.of(
          "deep-research",
          "update-config",
          "verify",
          "debug",
          "code-review",
          "simplify",
          "batch",
          "fewer-permission-prompts",
          "loop",
          "claude-api",
          "run",
          "run-skill-generator");
  private static final List<String> COMMANDS =
      List.of(
          "clear",
          "compact",
          "config",
          "context",
          "heapdump",
          "init",
          "reload-skills",
          "review",
          "security-review",
          "usage",
          "insights",
          "goal",
          "team-onboarding");
  private static final List<String> AGENTS =
      List.of("claude", "Explore", "general-purpose", "Plan", "statusline-setup");

  /** What the real CLI says after "API Error: 5xx ..." (with the base URL's host). */
  private static final String SERVER_SIDE =
      " This is a server-side issue, usually temporary \u2014 try again in a moment. If it"
          + " persists, check your inference gateway (%s).";

  private final String seed;
  private final String model;
  private final String sessionId;
  private int ids;

  CliOutput(String seed, String model) {
    this.seed = seed;
    this.model = model;
    this.sessionId = uuid("session");
  }

  String sessionId() {
    return sessionId;
  }

  private String uuid(String salt) {
    return UUID.nameUUIDFromBytes((seed + "|" + salt).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private String nextUuid() {
    return uuid("event" + (ids++));
  }

  private String hexId(String prefix) {
    return prefix + nextUuid().replace("-", "").substring(0, 24);
  }

  // ------------------------------------------------------------------ texts

  /** The real CLI's text for an API error it gave up on; {@code host} is the base URL's. */
  static String apiErrorText(int status, String host) {
    return switch (status) {
      case 429 ->
          "API Error: Request rejected (429) \u00b7 This request would exceed the rate limit for"
              + " your organization (scylla-simulator) of 50 requests per minute. For details,"
              + " refer to: https://docs.claude.com/en/api/rate-limits.";
      case 401 -> "Invalid API key \u00b7 Fix external API key";
      case 529 -> "API Error: 529 Overloaded." + SERVER_SIDE.formatted(host);
      default -> "API Error: " + status + " Internal server error." + SERVER_SIDE.formatted(host);
    };
  }

  /** The {@code error} of an {@code api_retry} event for an HTTP status. */
  static String retryError(int status) {
    return switch (status) {
      case 429 -> "rate_limit";
      case 529 -> "overloaded";
      case 401 -> "authentication_failed";
      default -> "server_error";
    };
  }

  /** The {@code error} of the synthetic assistant event the CLI prints when it gives up. */
  static String assistantError(int status) {
    return switch (status) {
      case 429 -> "rate_limit";
      case 401 -> "authentication_failed";
      default -> "server_error";
    };
  }

  static int maxOutputTokens(String model) {
    return model.contains("opus") ? 64000 : 32000;
  }

  // ------------------------------------------------------------------ stream-json events

  ObjectNode init(Path cwd, List<String> tools, Map<String, String> env) {
    ObjectNode o = Json.object();
    o.put("type", "system");
    o.put("subtype", "init");
    o.put("cwd", cwd.toString());
    o.put("session_id", sessionId);
    ArrayNode t = o.putArray("tools");
    tools.forEach(t::add);
    o.putArray("mcp_servers");
    o.put("model", model);
    o.put("permissionMode", "bypassPermissions");
    ArrayNode sc = o.putArray("slash_commands");
    SKILLS.forEach(sc::add);
    COMMANDS.forEach(sc::add);
    String key = env.get("ANTHROPIC_API_KEY");
    o.put("apiKeySource", key != null && !key.isBlank() ? "ANTHROPIC_API_KEY" : "none");
    o.put("claude_code_version", CLI_VERSION);
    o.put("output_style", "default");
    ArrayNode ag = o.putArray("agents");
    AGENTS.forEach(ag::add);
    ArrayNode sk = o.putArray("skills");
    SKILLS.forEach(sk::add);
    o.putArray("plugins");
    o.put("analytics_disabled", true);
    o.put("product_feedback_disabled", true);
    o.put("uuid", nextUuid());
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    o.putObject("memory_paths")
        .put(
            "auto",
            home
                + "/.claude/projects/"
                + cwd.toString().replaceAll("[^A-Za-z0-9]", "-")
                + "/memory/");
    o.put("fast_mode_state", "off");
    return o;
  }

  ObjectNode apiRetry(int attempt, int maxRetries, double delayMs, int status) {
    ObjectNode o = Json.object();
    o.put("type", "system");
    o.put("subtype", "api_retry");
    o.put("attempt", attempt);
    o.put("max_retries", maxRetries);
    if (delayMs == Math.rint(delayMs)) {
      o.put("retry_delay_ms", (long) delayMs);
    } else {
      o.put("retry_delay_ms", delayMs);
    }
    o.put("error_status", status);
    o.put("error", retryError(status));
    o.put("session_id", sessionId);
    o.put("uuid", nextUuid());
    return o;
  }

  /** One model turn: an {@code assistant} event with one content block. */
  ObjectNode assistant(ObjectNode block, TokenStats turn) {
    ObjectNode o = Json.object();
    o.put("type", "assistant");
    ObjectNode m = o.putObject("message");
    String id = hexId("msg_01");
    m.put("id", id);
    m.put("type", "message");
    m.put("role", "assistant");
    m.put("model", model);
    m.putArray("content").add(block);
    m.putNull("stop_reason");
    m.putNull("stop_sequence");
    ObjectNode u = m.putObject("usage");
    u.put("input_tokens", turn.inputTokens());
    u.put("cache_creation_input_tokens", turn.cacheCreationTokens());
    u.put("cache_read_input_tokens", turn.cacheReadTokens());
    // the usage of the stream's message_start: the output is counted later, in message_delta
    u.put("output_tokens", Math.min(1, turn.outputTokens()));
    m.putNull("context_management");
    o.putNull("parent_tool_use_id");
    o.put("session_id", sessionId);
    o.put("uuid", nextUuid());
    o.put("request_id", hexId("req_011"));
    return o;
  }

  static ObjectNode textBlock(String text) {
    ObjectNode b = Json.object();
    b.put("type", "text");
    b.put("text", text);
    return b;
  }

  ObjectNode toolUseBlock(String name, ObjectNode input) {
    ObjectNode b = Json.object();
    b.put("type", "tool_use");
    b.put("id", hexId("toolu_01"));
    b.put("name", name);
    b.set("input", input);
    return b;
  }

  /** The {@code user} event with a tool's result ({@code toolUseResult} as the real CLI has it). */
  ObjectNode toolResult(
      String toolUseId, String content, Boolean isError, ObjectNode toolUseResult) {
    ObjectNode o = Json.object();
    o.put("type", "user");
    ObjectNode m = o.putObject("message");
    m.put("role", "user");
    ObjectNode r = m.putArray("content").addObject();
    r.put("tool_use_id", toolUseId);
    r.put("type", "tool_result");
    r.put("content", content);
    if (isError != null) {
      r.put("is_error", isError);
    }
    o.putNull("parent_tool_use_id");
    o.put("session_id", sessionId);
    o.put("uuid", nextUuid());
    o.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    o.set("tool_use_result", toolUseResult);
    return o;
  }

  /** The Write tool's result for a file it created. */
  static ObjectNode writeResult(Path file, String content) {
    ObjectNode r = Json.object();
    r.put("type", "create");
    r.put("filePath", file.toString());
    r.put("content", content);
    r.putArray("structuredPatch");
    r.putNull("originalFile");
    r.put("userModified", false);
    return r;
  }

  static String writeText(Path file) {
    return "File created successfully at: "
        + file
        + " (file state is current in your context \u2014 no need to Read it back)";
  }

  /** The Bash tool's result. */
  static ObjectNode bashResult(String stdout) {
    ObjectNode r = Json.object();
    r.put("stdout", stdout);
    r.put("stderr", "");
    r.put("interrupted", false);
    r.put("isImage", false);
    r.put("noOutputExpected", false);
    return r;
  }

  /** The {@code assistant} event the CLI makes up when it gives up on an API error. */
  ObjectNode syntheticError(int status, String text) {
    ObjectNode o = Json.object();
    o.put("type", "assistant");
    ObjectNode m = o.putObject("message");
    m.put("id", nextUuid());
    m.putNull("container");
    m.put("model", "<synthetic>");
    m.put("role", "assistant");
    m.putNull("stop_details");
    m.put("stop_reason", "stop_sequence");
    m.put("stop_sequence", "");
    m.put("type", "message");
    ObjectNode u = m.putObject("usage");
    u.put("input_tokens", 0);
    u.put("output_tokens", 0);
    u.put("cache_creation_input_tokens", 0);
    u.put("cache_read_input_tokens", 0);
    serverToolUse(u);
    u.putNull("service_tier");
    cacheCreation(u, 0);
    u.putNull("inference_geo");
    u.putNull("iterations");
    u.putNull("speed");
    m.putArray("content").add(textBlock(text));
    m.putNull("context_management");
    o.putNull("parent_tool_use_id");
    o.put("session_id", sessionId);
    o.put("uuid", nextUuid());
    o.put("error", assistantError(status));
    o.put("request_id", hexId("req_011"));
    return o;
  }

  // ------------------------------------------------------------------ results

  /** A finished call: {@code subtype: "success"}, {@code is_error: false}, exit 0. */
  ObjectNode success(String text, int turns, TokenStats t, double cost, long durationMs) {
    ObjectNode o = Json.object();
    o.put("type", "result");
    o.put("subtype", "success");
    o.put("is_error", false);
    o.putNull("api_error_status");
    o.put("duration_ms", durationMs);
    o.put("duration_api_ms", Math.max(0, durationMs - 300));
    o.put("ttft_ms", Math.min(durationMs, 600));
    o.put("ttft_stream_ms", Math.min(durationMs, 600));
    o.put("time_to_request_ms", Math.min(durationMs, 350));
    o.put("num_turns", turns);
    o.put("result", text);
    o.put("stop_reason", "end_turn");
    tail(o, t, cost);
    return o;
  }

  /**
   * An API error the CLI gave up on: {@code subtype: "success"} but {@code is_error: true}, the
   * HTTP status in {@code api_error_status}, zero usage, no model usage; exit 1.
   */
  ObjectNode apiError(int status, String text, long durationMs) {
    ObjectNode o = Json.object();
    o.put("type", "result");
    o.put("subtype", "success");
    o.put("is_error", true);
    o.put("api_error_status", status);
    o.put("duration_ms", durationMs);
    o.put("duration_api_ms", 0);
    o.put("num_turns", 1);
    o.put("result", text);
    o.put("stop_reason", "stop_sequence");
    tail(o, TokenStats.ZERO, 0.0);
    return o;
  }

  /** The turn limit: {@code subtype: "error_max_turns"}, no {@code result}, exit 1. */
  ObjectNode maxTurns(int maxTurns, TokenStats t, double cost, long durationMs) {
    ObjectNode o = Json.object();
    o.put("type", "result");
    o.put("subtype", "error_max_turns");
    o.put("duration_ms", durationMs);
    o.put("duration_api_ms", Math.max(0, durationMs - 300));
    o.put("is_error", true);
    o.put("num_turns", maxTurns + 1);
    o.put("stop_reason", "tool_use");
    tail(o, t, cost);
    o.putArray("errors").add("Reached maximum number of turns (" + maxTurns + ")");
    return o;
  }

  private void tail(ObjectNode o, TokenStats t, double cost) {
    o.put("session_id", sessionId);
    if (cost == Math.rint(cost)) {
      o.put("total_cost_usd", (long) cost);
    } else {
      o.put("total_cost_usd", cost);
    }
    ObjectNode usage = o.putObject("usage");
    usage.put("input_tokens", t.inputTokens());
    usage.put("cache_creation_input_tokens", t.cacheCreationTokens());
    usage.put("cache_read_input_tokens", t.cacheReadTokens());
    usage.put("output_tokens", t.outputTokens());
    serverToolUse(usage);
    usage.put("service_tier", "standard");
    cacheCreation(usage, t.cacheCreationTokens());
    usage.put("inference_geo", "");
    usage.putArray("iterations");
    usage.put("speed", "standard");
    ObjectNode mu = o.putObject("modelUsage");
    if (!t.isZero() || cost > 0) {
      ObjectNode m = mu.putObject(model);
      m.put("inputTokens", t.inputTokens());
      m.put("outputTokens", t.outputTokens());
      m.put("cacheReadInputTokens", t.cacheReadTokens());
      m.put("cacheCreationInputTokens", t.cacheCreationTokens());
      m.put("webSearchRequests", 0);
      m.put("costUSD", cost);
      m.put("contextWindow", 200000);
      m.put("maxOutputTokens", maxOutputTokens(model));
    }
    o.putArray("permission_denials");
    o.put(
        "terminal_reason",
        "error_max_turns".equals(o.path("subtype").asText()) ? "max_turns" : "completed");
    o.put("fast_mode_state", "off");
    o.put("uuid", nextUuid());
  }

  private static void serverToolUse(ObjectNode usage) {
    ObjectNode s = usage.putObject("server_tool_use");
    s.put("web_search_requests", 0);
    s.put("web_fetch_requests", 0);
  }

  private static void cacheCreation(ObjectNode usage, long fiveMinutes) {
    ObjectNode c = usage.putObject("cache_creation");
    c.put("ephemeral_1h_input_tokens", 0);
    c.put("ephemeral_5m_input_tokens", fiveMinutes);
  }
}
