package dev.scylla.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the Anthropic Messages API on 127.0.0.1, for driving the real Claude Code CLI ({@code
 * ANTHROPIC_BASE_URL}). {@code POST /v1/messages} answers from a script of {@link Reply replies},
 * one per call, then with {@link #otherwise}: streamed (SSE {@code message_start … message_stop},
 * usage in {@code message_start} and {@code message_delta}) when the request asks for a stream, a
 * plain JSON message when not, or a scripted failure (status, error body, headers) or a hang. Every
 * request is recorded with its parsed body, so a test can check what the CLI sent (the tools it
 * offered the model, say).
 */
public final class FakeMessagesApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tokens one reply reports. */
  public record Usage(int input, int cacheWrite, int cacheRead, int output) {
    public static final Usage SMALL = new Usage(100, 0, 0, 20);
  }

  /** What one {@code POST /v1/messages} call gets. */
  public sealed interface Reply {}

  /** The model answers with text and ends its turn. */
  public record Text(String text, Usage usage) implements Reply {}

  /** The model asks for a tool ({@code input} is the tool's JSON input). */
  public record ToolUse(String tool, String input, Usage usage) implements Reply {}

  /** An HTTP error: status, error type and message (the API's error body), extra headers. */
  public record Failure(int status, String type, String message, Map<String, String> headers)
      implements Reply {
    public static Failure of(int status) {
      return switch (status) {
        case 401 -> new Failure(401, "authentication_error", "invalid x-api-key", Map.of());
        case 429 ->
            new Failure(
                429,
                "rate_limit_error",
                "This request would exceed your rate limit.",
                Map.of("retry-after", "1"));
        case 529 -> new Failure(529, "overloaded_error", "Overloaded", Map.of());
        default -> new Failure(status, "api_error", "Internal server error", Map.of());
      };
    }

    /**
     * A 429 as the real API sends it: {@code retry-after} (seconds) and the {@code
     * anthropic-ratelimit-requests-*} / {@code anthropic-ratelimit-tokens-*} headers, whose resets
     * are RFC 3339 times {@code retryAfterSeconds} from {@code now}.
     */
    public static Failure rateLimited(int retryAfterSeconds, java.time.Instant now) {
      String reset = now.plusSeconds(retryAfterSeconds).truncatedTo(ChronoUnit.SECONDS).toString();
      Map<String, String> h = new LinkedHashMap<>();
      h.put("retry-after", Integer.toString(retryAfterSeconds));
      h.put("anthropic-ratelimit-requests-limit", "50");
      h.put("anthropic-ratelimit-requests-remaining", "0");
      h.put("anthropic-ratelimit-requests-reset", reset);
      h.put("anthropic-ratelimit-tokens-limit", "40000");
      h.put("anthropic-ratelimit-tokens-remaining", "0");
      h.put("anthropic-ratelimit-tokens-reset", reset);
      return new Failure(
          429,
          "rate_limit_error",
          "This request would exceed the rate limit for your organization (fake) of 50 requests"
              + " per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.",
          Map.copyOf(h));
    }
  }

  /** The server accepts the call and never answers (until it is closed). */
  public record Hang() implements Reply {}

  /** One request the server received. */
  public record Request(String method, String path, Map<String, String> headers, JsonNode body) {
    /** The names of the tools the request offered the model (empty when none). */
    public List<String> toolNames() {
      List<String> out = new ArrayList<>();
      JsonNode tools = body == null ? null : body.get("tools");
      if (tools != null && tools.isArray()) {
        tools.forEach(t -> out.add(t.path("name").asText()));
      }
      return out;
    }

    public boolean isMessages() {
      return "POST".equals(method) && path.startsWith("/v1/messages") && !path.contains("count");
    }

    /**
     * A side call the CLI makes beside the agent's turns: 2.1.197 asks the model for a session
     * title ("Generate a concise, sentence-case title …") alongside the first turn. It is billed
     * (its tokens are in {@code modelUsage} and {@code total_cost_usd}) but is not a turn.
     */
    public boolean isTitleCall() {
      return isMessages()
          && body != null
          && body.path("system").toString().contains("sentence-case title");
    }
  }

  /** What the server answers every {@linkplain Request#isTitleCall() title call} with. */
  public static final Text TITLE =
      new Text("{\"title\":\"Write hello.py\"}", new Usage(40, 0, 0, 8));

  private LoopbackServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private Reply otherwise = new Text("Done.", Usage.SMALL);

  private FakeMessagesApi() {}

  /** Starts a server on a free port of 127.0.0.1. */
  public static FakeMessagesApi start() throws IOException {
    FakeMessagesApi api = new FakeMessagesApi();
    api.server = LoopbackServer.start(api::handle);
    return api;
  }

  public String baseUrl() {
    return server.origin();
  }

  /** Queues replies for the next {@code POST /v1/messages} calls, in order. */
  public synchronized FakeMessagesApi script(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** The reply for every call once the script is used up. */
  public synchronized FakeMessagesApi otherwise(Reply r) {
    otherwise = r;
    return this;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The {@code POST /v1/messages} calls received. */
  public synchronized List<Request> turns() {
    return requests.stream().filter(r -> r.isMessages() && !r.isTitleCall()).toList();
  }

  public synchronized List<Request> messageCalls() {
    return requests.stream().filter(Request::isMessages).toList();
  }

  /**
   * The environment that points the Claude Code CLI at this server and keeps it off every other
   * host: base URL, a fake key, no non-essential traffic, no retries of its own unless a test asks.
   */
  public Map<String, String> claudeEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ANTHROPIC_BASE_URL", baseUrl());
    env.put("ANTHROPIC_API_KEY", "sk-ant-fake-key-for-tests");
    env.put("DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    env.put("CLAUDE_CODE_MAX_RETRIES", "0");
    return env;
  }

  private synchronized Reply next(Request r) {
    requests.add(r);
    if (!r.isMessages()) {
      return null;
    }
    if (r.isTitleCall()) {
      return TITLE;
    }
    return script.isEmpty() ? otherwise : script.poll();
  }

  private void handle(HttpExchange ex, LoopbackServer.Received in) throws IOException {
    JsonNode body = in.body();
    Request req = new Request(in.method(), in.uri(), in.headers(), body);
    Reply reply = next(req);
    if (reply == null) {
      // HEAD / (a connectivity check), count_tokens and anything else: a plain 200
      byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("content-type", "application/json");
      if ("HEAD".equals(req.method())) {
        ex.sendResponseHeaders(200, -1);
      } else {
        ex.sendResponseHeaders(200, ok.length);
        ex.getResponseBody().write(ok);
      }
      return;
    }
    String model = body == null ? "claude-sonnet-4-6" : body.path("model").asText();
    boolean stream = body != null && body.path("stream").asBoolean(false);
    if (reply instanceof Hang) {
      server.hangUntilClosed();
    } else if (reply instanceof Failure f) {
      ObjectNode err = JSON.createObjectNode().put("type", "error");
      err.putObject("error").put("type", f.type()).put("message", f.message());
      byte[] b = JSON.writeValueAsBytes(err);
      ex.getResponseHeaders().add("content-type", "application/json");
      ex.getResponseHeaders().add("request-id", "req_fake_" + ids.incrementAndGet());
      f.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(f.status(), b.length);
      ex.getResponseBody().write(b);
    } else if (reply instanceof Text t) {
      answer(ex, stream, model, t.usage(), "end_turn", textBlock(t.text()));
    } else if (reply instanceof ToolUse u) {
      answer(ex, stream, model, u.usage(), "tool_use", toolBlock(u.tool(), u.input()));
    }
  }

  private ObjectNode textBlock(String text) {
    return JSON.createObjectNode().put("type", "text").put("text", text);
  }

  private ObjectNode toolBlock(String tool, String input) throws IOException {
    ObjectNode b =
        JSON.createObjectNode()
            .put("type", "tool_use")
            .put("id", "toolu_fake_" + ids.incrementAndGet())
            .put("name", tool);
    b.set("input", JSON.readTree(input));
    return b;
  }

  private void answer(
      HttpExchange ex, boolean stream, String model, Usage u, String stop, ObjectNode block)
      throws IOException {
    String id = "msg_fake_" + ids.incrementAndGet();
    ObjectNode usage =
        JSON.createObjectNode()
            .put("input_tokens", u.input())
            .put("cache_creation_input_tokens", u.cacheWrite())
            .put("cache_read_input_tokens", u.cacheRead())
            .put("output_tokens", u.output());
    ex.getResponseHeaders().add("request-id", "req_" + id);
    if (!stream) {
      ObjectNode msg = message(id, model);
      ((ArrayNode) msg.get("content")).add(block);
      msg.put("stop_reason", stop);
      msg.set("usage", usage);
      byte[] b = JSON.writeValueAsBytes(msg);
      ex.getResponseHeaders().add("content-type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      return;
    }
    ex.getResponseHeaders().add("content-type", "text/event-stream");
    ex.getResponseHeaders().add("cache-control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    OutputStream os = ex.getResponseBody();
    ObjectNode start = JSON.createObjectNode().put("type", "message_start");
    ObjectNode msg = message(id, model);
    ObjectNode startUsage = usage.deepCopy().put("output_tokens", 1);
    msg.set("usage", startUsage);
    start.set("message", msg);
    LoopbackServer.event(os, "message_start", start);
    ObjectNode empty = block.deepCopy();
    ObjectNode delta;
    if ("text".equals(block.get("type").asText())) {
      empty.put("text", "");
      delta =
          JSON.createObjectNode().put("type", "text_delta").put("text", block.get("text").asText());
    } else {
      empty.putObject("input");
      delta =
          JSON.createObjectNode()
              .put("type", "input_json_delta")
              .put("partial_json", JSON.writeValueAsString(block.get("input")));
    }
    ObjectNode cbs = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
    cbs.set("content_block", empty);
    LoopbackServer.event(os, "content_block_start", cbs);
    ObjectNode cbd = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
    cbd.set("delta", delta);
    LoopbackServer.event(os, "content_block_delta", cbd);
    LoopbackServer.event(
        os,
        "content_block_stop",
        JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
    ObjectNode md = JSON.createObjectNode().put("type", "message_delta");
    md.putObject("delta").put("stop_reason", stop).putNull("stop_sequence");
    md.set("usage", usage);
    LoopbackServer.event(os, "message_delta", md);
    LoopbackServer.event(os, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
  }

  private static ObjectNode message(String id, String model) {
    ObjectNode msg =
        JSON.createObjectNode()
            .put("id", id)
            .put("type", "message")
            .put("role", "assistant")
            .put("model", model);
    msg.putArray("content");
    msg.putNull("stop_reason");
    msg.putNull("stop_sequence");
    return msg;
  }

  @Override
  public void close() {
    server.close();
  }
}
