package dev.scylla.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake of the OpenAI Responses API on 127.0.0.1, for driving the real Codex CLI. {@code POST
 * /v1/responses} (always {@code stream: true} from Codex) answers from a script of {@link Reply
 * replies}, one per request, then with {@link #otherwise}: server-sent events {@code
 * response.created}, {@code response.output_item.added}/{@code .done} for each output item, then
 * {@code response.completed} with the usage ({@code input_tokens}, {@code
 * input_tokens_details.cached_tokens}, {@code output_tokens}, {@code
 * output_tokens_details.reasoning_tokens}); or a scripted HTTP failure (status, error body,
 * headers), a stream ending in {@code response.failed}, or a hang. Every request is recorded with
 * its parsed body. Anything else (the CLI's WebSocket attempts, model lists) gets a 404.
 */
public final class FakeResponsesApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Tokens one response reports, as the API counts them: {@code input} includes the cached ({@code
   * input_tokens_details.cached_tokens}) and cache-write ({@code
   * input_tokens_details.cache_write_tokens}) ones, {@code output} the reasoning ones ({@code
   * output_tokens_details.reasoning_tokens}).
   */
  public record Usage(int input, int cached, int output, int reasoning, int cacheWrite) {
    public static final Usage SMALL = new Usage(100, 0, 20, 0);

    public Usage(int input, int cached, int output, int reasoning) {
      this(input, cached, output, reasoning, 0);
    }
  }

  /** What one {@code POST /v1/responses} request gets. */
  public sealed interface Reply {}

  /** The model answers with a message and ends its turn. */
  public record Message(String text, Usage usage) implements Reply {}

  /** The model calls the shell tool ({@code exec_command}) with {@code cmd}. */
  public record Exec(String cmd, Usage usage) implements Reply {}

  /** An HTTP error: status, error type and code, message, extra headers. */
  public record Failure(
      int status, String type, String code, String message, Map<String, String> headers)
      implements Reply {
    /** A burst rate limit, to be retried after {@code retry-after} seconds. */
    public static Failure rateLimit() {
      return new Failure(
          429,
          "requests",
          "rate_limit_exceeded",
          "Rate limit reached for requests. Please try again in 0s.",
          Map.of("retry-after", "0"));
    }

    /** The account's quota is exhausted: no retry helps. */
    public static Failure quota() {
      return new Failure(
          429,
          "insufficient_quota",
          "insufficient_quota",
          "You exceeded your current quota, please check your plan and billing details.",
          Map.of());
    }

    public static Failure serverError() {
      return new Failure(500, "server_error", null, "The server had an error.", Map.of());
    }
  }

  /** A stream that starts, then ends in {@code response.failed} instead of completing. */
  public record StreamFailure(String message) implements Reply {}

  /** The server accepts the request and never answers (until it is closed). */
  public record Hang() implements Reply {}

  /** One request the server received. */
  public record Request(String method, String path, Map<String, String> headers, JsonNode body) {
    public boolean isResponses() {
      return "POST".equals(method) && path.startsWith("/v1/responses");
    }

    /** The names of the tools the request offered the model. */
    public List<String> toolNames() {
      List<String> out = new ArrayList<>();
      JsonNode tools = body == null ? null : body.get("tools");
      if (tools != null && tools.isArray()) {
        tools.forEach(t -> out.add(t.path("name").asText(t.path("type").asText())));
      }
      return out;
    }
  }

  private LoopbackServer server;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private Reply otherwise = new Message("Done.", Usage.SMALL);

  private FakeResponsesApi() {}

  /** Starts a server on a free port of 127.0.0.1. */
  public static FakeResponsesApi start() throws IOException {
    FakeResponsesApi api = new FakeResponsesApi();
    api.server = LoopbackServer.start(api::handle);
    return api;
  }

  /** The base URL as OpenAI clients take it ({@code OPENAI_BASE_URL}): with {@code /v1}. */
  public String baseUrl() {
    return server.origin() + "/v1";
  }

  /** Queues replies for the next {@code POST /v1/responses} requests, in order. */
  public synchronized FakeResponsesApi script(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** The reply for every request once the script is used up. */
  public synchronized FakeResponsesApi otherwise(Reply r) {
    otherwise = r;
    return this;
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The {@code POST /v1/responses} requests received. */
  public synchronized List<Request> responseCalls() {
    return requests.stream().filter(Request::isResponses).toList();
  }

  private synchronized Reply next(Request r) {
    requests.add(r);
    if (!r.isResponses()) {
      return null;
    }
    return script.isEmpty() ? otherwise : script.poll();
  }

  private void handle(HttpExchange ex, LoopbackServer.Received in) throws IOException {
    JsonNode body = in.body();
    Request req = new Request(in.method(), in.uri(), in.headers(), body);
    Reply reply = next(req);
    if (reply == null) {
      byte[] nf = ("Not found: " + ex.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(404, nf.length);
      ex.getResponseBody().write(nf);
      return;
    }
    String model = body == null ? "gpt-5" : body.path("model").asText("gpt-5");
    if (reply instanceof Hang) {
      server.hangUntilClosed();
    } else if (reply instanceof Failure f) {
      ObjectNode err = JSON.createObjectNode();
      ObjectNode e = err.putObject("error").put("message", f.message()).put("type", f.type());
      e.putNull("param");
      if (f.code() == null) {
        e.putNull("code");
      } else {
        e.put("code", f.code());
      }
      byte[] b = JSON.writeValueAsBytes(err);
      ex.getResponseHeaders().add("content-type", "application/json");
      // a request id whose hex holds "429", as real ones may: it must not read as a rate limit
      ex.getResponseHeaders().add("x-request-id", "req_0429ab" + ids.incrementAndGet());
      f.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.sendResponseHeaders(f.status(), b.length);
      ex.getResponseBody().write(b);
    } else {
      stream(ex, model, reply);
    }
  }

  private void stream(HttpExchange ex, String model, Reply reply) throws IOException {
    String id = "resp_fake_" + ids.incrementAndGet();
    ex.getResponseHeaders().add("content-type", "text/event-stream");
    ex.getResponseHeaders().add("cache-control", "no-cache");
    ex.getResponseHeaders().add("x-request-id", "req_fake_" + id);
    ex.sendResponseHeaders(200, 0);
    OutputStream os = ex.getResponseBody();
    ObjectNode created = JSON.createObjectNode().put("type", "response.created");
    created.set("response", response(id, model, "in_progress"));
    event(os, created);
    if (reply instanceof StreamFailure sf) {
      ObjectNode failed = JSON.createObjectNode().put("type", "response.failed");
      ObjectNode r = response(id, model, "failed");
      r.putObject("error").put("code", "server_error").put("message", sf.message());
      failed.set("response", r);
      event(os, failed);
      return;
    }
    ObjectNode item;
    Usage u;
    if (reply instanceof Message m) {
      u = m.usage();
      item =
          JSON.createObjectNode()
              .put("type", "message")
              .put("id", "msg_fake_" + ids.incrementAndGet())
              .put("status", "completed")
              .put("role", "assistant");
      item.putArray("content")
          .addObject()
          .put("type", "output_text")
          .put("text", m.text())
          .putArray("annotations");
    } else {
      Exec x = (Exec) reply;
      u = x.usage();
      item =
          JSON.createObjectNode()
              .put("type", "function_call")
              .put("id", "fc_fake_" + ids.incrementAndGet())
              .put("status", "completed")
              .put("call_id", "call_fake_" + ids.incrementAndGet())
              .put("name", "exec_command")
              .put(
                  "arguments",
                  JSON.writeValueAsString(JSON.createObjectNode().put("cmd", x.cmd())));
    }
    ObjectNode added =
        JSON.createObjectNode().put("type", "response.output_item.added").put("output_index", 0);
    added.set("item", item);
    event(os, added);
    ObjectNode done =
        JSON.createObjectNode().put("type", "response.output_item.done").put("output_index", 0);
    done.set("item", item);
    event(os, done);
    ObjectNode completed = JSON.createObjectNode().put("type", "response.completed");
    ObjectNode r = response(id, model, "completed");
    r.putArray("output").add(item);
    ObjectNode usage =
        r.putObject("usage").put("input_tokens", u.input()).put("output_tokens", u.output());
    ObjectNode inDetails = usage.putObject("input_tokens_details").put("cached_tokens", u.cached());
    if (u.cacheWrite() > 0) {
      inDetails.put("cache_write_tokens", u.cacheWrite());
    }
    usage.putObject("output_tokens_details").put("reasoning_tokens", u.reasoning());
    usage.put("total_tokens", u.input() + u.output());
    completed.set("response", r);
    event(os, completed);
  }

  private static ObjectNode response(String id, String model, String status) {
    ObjectNode r =
        JSON.createObjectNode()
            .put("id", id)
            .put("object", "response")
            .put("status", status)
            .put("model", model);
    r.putArray("output");
    return r;
  }

  private static void event(OutputStream os, ObjectNode data) throws IOException {
    LoopbackServer.event(os, data.get("type").asText(), data);
  }

  @Override
  public void close() {
    server.close();
  }
}
