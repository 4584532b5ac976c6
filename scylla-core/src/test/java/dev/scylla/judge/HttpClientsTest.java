package dev.scylla.judge;

import static dev.scylla.judge.JudgeTesting.KEY;
import static dev.scylla.judge.JudgeTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.scylla.model.ScyllaException;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.Classifier;
import dev.scylla.status.SlotStatus;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two HTTP backends against a loopback stub server; no network. */
class HttpClientsTest {
  @TempDir Path tmp;
  HttpServer server;
  String base;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  volatile int status = 200;
  volatile String body = "";
  volatile Map<String, String> headers = Map.of();
  volatile long delayMillis;
  final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(300));
  final Map<String, String> env = new HashMap<>();

  record Request(String method, String path, Map<String, List<String>> headers, String body) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] in = ex.getRequestBody().readAllBytes();
          requests.add(
              new Request(
                  ex.getRequestMethod(),
                  ex.getRequestURI().getPath(),
                  Map.copyOf(ex.getRequestHeaders()),
                  new String(in, StandardCharsets.UTF_8)));
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
          byte[] out = body.getBytes(StandardCharsets.UTF_8);
          try {
            ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
              os.write(out);
            }
          } catch (IOException e) {
            // the client went away (timeout or cancellation tests)
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  DefaultJudgeClients clients() {
    return new DefaultJudgeClients(launcher, env, Clock.systemUTC(), HttpClient.newHttpClient());
  }

  static ClientSettings settings(ClientSettings.Backend b) {
    return new ClientSettings(b, null, null, null, null, null, 1000, 0.0, Duration.ofSeconds(10));
  }

  static String anthropicAnswer(String text) {
    ObjectNode o = Json.object();
    o.put("id", "msg_1");
    o.put("type", "message");
    ObjectNode block = o.putArray("content").addObject();
    block.put("type", "text");
    block.put("text", text);
    o.put("stop_reason", "end_turn");
    return Json.write(o);
  }

  static String openAiAnswer(String text) {
    ObjectNode o = Json.object();
    ObjectNode msg = o.putArray("choices").addObject().putObject("message");
    msg.put("role", "assistant");
    msg.put("content", text);
    return Json.write(o);
  }

  JudgeCall call(Path dir, Duration timeout) throws IOException {
    Files.createDirectories(dir);
    return new JudgeCall(
        "claude-haiku-4-5", "SYSTEM", dir.resolve("sys.md"), "USER PROMPT", dir, timeout);
  }

  @Test
  void anthropicJudgesASlotEndToEndAndKeepsTheKeyOutOfTheFiles() throws Exception {
    env.put("ANTHROPIC_API_KEY", "sk-test-secret");
    env.put("ANTHROPIC_BASE_URL", base);
    String answer = verdict(0.9, true, 1.0, 2.0, 1.0, null);
    body = anthropicAnswer(answer);
    Path exp = JudgeTesting.experiment(tmp.resolve("exp"), false);
    ExperimentStore store = ExperimentStore.open(exp);
    SlotJob j = JudgeContext.load(store).slotJob(store.runDir(KEY), KEY, 3);
    SlotJob job =
        new SlotJob(
            j.prompt(),
            j.slot(),
            j.model(),
            settings(ClientSettings.Backend.ANTHROPIC_API),
            j.rubric(),
            j.maxAttempts(),
            j.policy(),
            j.systemPrompt());
    JudgeService service = new JudgeService(launcher, clients(), null, e -> {}, Clock.systemUTC());
    SlotOutcome o = service.judgeSlot(job, Cancellation.never());
    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(o.verdict().score()).isEqualTo(1.0);
    Request r = requests.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/messages");
    assertThat(r.headers().get("X-api-key")).containsExactly("sk-test-secret");
    assertThat(r.headers().get("Anthropic-version")).containsExactly("2023-06-01");
    JsonNode sent = Json.parse(r.body());
    assertThat(sent.get("model").textValue()).isEqualTo("claude-haiku-4-5");
    assertThat(sent.get("system").textValue()).isEqualTo(JudgeService.builtinSystemPrompt());
    assertThat(sent.get("messages").get(0).get("content").textValue())
        .isEqualTo(Files.readString(exp.resolve("T0/00/run_01/judge_prompt.md")));
    assertThat(sent.get("max_tokens").intValue()).isEqualTo(1000);
    Path slot = exp.resolve("T0/00/run_01/judge/judge_03");
    assertThat(Files.readString(slot.resolve("http_request.json")))
        .isEqualTo(r.body())
        .doesNotContain("sk-test");
    assertThat(Files.readString(slot.resolve("http_response.body"))).isEqualTo(body);
    assertThat(Files.readString(slot.resolve("http_response_headers.txt")))
        .startsWith("HTTP 200\n");
    assertThat(Files.readString(slot.resolve("response.txt"))).isEqualTo(answer);
    assertThat(Files.readString(slot.resolve("MODEL.md")))
        .contains("**Backend**: anthropic-api")
        .doesNotContain("Claude Code Version");
    assertThat(
            Json.parse(Files.readAllBytes(slot.resolve("judgment.json")))
                .get("backend")
                .textValue())
        .isEqualTo("anthropic-api");
    var m = store.matrix(new ArrayList<>());
    assertThat(Classifier.classify(store.readRun(KEY, m)).slots().get(2).status())
        .isEqualTo(SlotStatus.COMPLETE);
  }

  @Test
  void anthropicUsageIsTheCallsTokensPricedFromTheTable() throws Exception {
    env.put("ANTHROPIC_API_KEY", "k");
    JudgeClient c =
        clients()
            .create(
                "claude-haiku-4-5",
                settings(ClientSettings.Backend.ANTHROPIC_API).withBaseUrl(base));
    ObjectNode o = (ObjectNode) Json.parse(anthropicAnswer("{}"));
    o.putObject("usage")
        .put("input_tokens", 1000)
        .put("output_tokens", 200)
        .put("cache_creation_input_tokens", 400)
        .put("cache_read_input_tokens", 3000);
    body = Json.write(o);
    ClientReply r = c.call(call(tmp.resolve("u"), Duration.ofSeconds(5)), Cancellation.never());
    var spend = ((ClientReply.Answered) r).spend();
    assertThat(spend.tokens()).isEqualTo(new dev.scylla.model.TokenStats(1000, 200, 400, 3000));
    // haiku 4.5: $1 in, $5 out, $1.25 cache writes, $0.10 cache reads per million
    assertThat(spend.costUsd())
        .isCloseTo(
            (1000 * 1.0 + 200 * 5.0 + 400 * 1.25 + 3000 * 0.10) / 1e6,
            org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void anOpenAiCompatibleModelWithoutAPriceHasTokensButAnUnknownCost() throws Exception {
    JudgeClient c =
        clients()
            .create(
                "qwen2.5-coder",
                settings(ClientSettings.Backend.OPENAI_COMPATIBLE).withBaseUrl(base + "/v1"));
    ObjectNode o = (ObjectNode) Json.parse(openAiAnswer("{}"));
    o.putObject("usage")
        .put("prompt_tokens", 900)
        .put("completion_tokens", 50)
        .putObject("prompt_tokens_details")
        .put("cached_tokens", 100);
    body = Json.write(o);
    JudgeCall call =
        new JudgeCall(
            "qwen2.5-coder",
            "SYSTEM",
            tmp.resolve("q/sys.md"),
            "USER",
            Files.createDirectories(tmp.resolve("q")),
            Duration.ofSeconds(5));
    var spend = ((ClientReply.Answered) c.call(call, Cancellation.never())).spend();
    assertThat(spend.tokens()).isEqualTo(new dev.scylla.model.TokenStats(800, 50, 0, 100));
    assertThat(spend.costUsd()).as("unknown, not 0").isNull();
    // an answer without usage: nothing known
    body = openAiAnswer("{}");
    assertThat(((ClientReply.Answered) c.call(call, Cancellation.never())).spend())
        .isEqualTo(dev.scylla.model.CallSpend.UNKNOWN);
  }

  @Test
  void anthropicLimitsAndErrorsAreTold() throws Exception {
    env.put("ANTHROPIC_API_KEY", "k");
    JudgeClient c =
        clients()
            .create("m", settings(ClientSettings.Backend.ANTHROPIC_API).withBaseUrl(base + "/v1"));
    status = 429;
    headers = Map.of("retry-after", "30");
    body = "{\"type\": \"error\", \"error\": {\"type\": \"rate_limit_error\"}}";
    ClientReply r = c.call(call(tmp.resolve("a"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(r).isInstanceOf(ClientReply.Limited.class);
    assertThat(((ClientReply.Limited) r).limit().retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(requests.get(0).path()).isEqualTo("/v1/messages");
    status = 529;
    headers = Map.of();
    body = "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\"}}";
    r = c.call(call(tmp.resolve("b"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(((ClientReply.Limited) r).limit().message()).contains("529 (overloaded)");
    assertThat(((ClientReply.Limited) r).limit().hardLimit()).isFalse();
    // no credit left: a hard usage limit (the run stops launching), not a failed attempt
    status = 400;
    body =
        "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\", \"message\":"
            + " \"Your credit balance is too low to access the Anthropic API.\"}}";
    r = c.call(call(tmp.resolve("b2"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(r).isInstanceOf(ClientReply.Limited.class);
    assertThat(((ClientReply.Limited) r).limit().hardLimit()).isTrue();
    status = 500;
    body = "internal";
    r = c.call(call(tmp.resolve("c"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(r)
        .isEqualTo(ClientReply.Failed.of("HTTP 500 from " + base + "/v1/messages: internal"));
    status = 401;
    body = "{\"error\": \"invalid x-api-key\"}";
    r = c.call(call(tmp.resolve("d"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(((ClientReply.Failed) r).configuration()).isTrue();
    status = 200;
    body = "<html>gateway</html>";
    r = c.call(call(tmp.resolve("e"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(((ClientReply.Failed) r).reason())
        .contains("is not a JSON object: <html>gateway</html>");
    body = "{\"content\": []}";
    r = c.call(call(tmp.resolve("f"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(((ClientReply.Failed) r).reason()).contains("holds no answer text");
  }

  @Test
  void aRejectedKeyStopsWithBadInputWithoutSpendingTheBudget() throws Exception {
    env.put("ANTHROPIC_API_KEY", "wrong");
    env.put("ANTHROPIC_BASE_URL", base);
    status = 401;
    body = "{\"error\": \"invalid x-api-key\"}";
    Path exp = JudgeTesting.experiment(tmp.resolve("exp"), false);
    ExperimentStore store = ExperimentStore.open(exp);
    SlotJob j = JudgeContext.load(store).slotJob(store.runDir(KEY), KEY, 1);
    SlotJob job =
        new SlotJob(
            j.prompt(),
            1,
            j.model(),
            settings(ClientSettings.Backend.ANTHROPIC_API),
            j.rubric(),
            1,
            j.policy(),
            null);
    JudgeService service = new JudgeService(launcher, clients(), null, e -> {}, Clock.systemUTC());
    assertThatThrownBy(() -> service.judgeSlot(job, Cancellation.never()))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("the judge backend is misconfigured: HTTP 401")
        .satisfies(
            e ->
                assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT));
    Path slot = exp.resolve("T0/00/run_01/judge/judge_01");
    assertThat(Json.parse(Files.readAllBytes(slot.resolve("failure.json"))).get("kind").textValue())
        .isEqualTo("config_error");
    assertThat(Files.exists(slot.resolve("judgment.json"))).isFalse();
    // fixed key: the one allowed attempt is still there
    env.put("ANTHROPIC_API_KEY", "right");
    status = 200;
    body = anthropicAnswer(verdict(0.9, true, 1.0, 2.0, 1.0, null));
    assertThat(
            new JudgeService(launcher, clients(), null, e -> {}, Clock.systemUTC())
                .judgeSlot(job, Cancellation.never())
                .kind())
        .isEqualTo(SlotOutcome.Kind.COMPLETE);
  }

  @Test
  void openAiCompatibleEndpointsJudgeToo() throws Exception {
    env.put("OPENAI_BASE_URL", base + "/v1");
    body = openAiAnswer("the verdict");
    ClientSettings s =
        new ClientSettings(
            ClientSettings.Backend.OPENAI_COMPATIBLE,
            null,
            null,
            null,
            null,
            "qwen2.5-coder:7b",
            2000,
            null,
            Duration.ofSeconds(5));
    JudgeClient c = clients().create("local-judge", s);
    ClientReply r = c.call(call(tmp.resolve("a"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(r).isEqualTo(new ClientReply.Answered("the verdict"));
    Request req = requests.get(0);
    assertThat(req.path()).isEqualTo("/v1/chat/completions");
    assertThat(req.headers()).doesNotContainKey("Authorization");
    JsonNode sent = Json.parse(req.body());
    assertThat(sent.get("model").textValue()).isEqualTo("qwen2.5-coder:7b");
    assertThat(sent.get("messages").get(0).get("role").textValue()).isEqualTo("system");
    assertThat(sent.get("messages").get(0).get("content").textValue()).isEqualTo("SYSTEM");
    assertThat(sent.get("messages").get(1).get("content").textValue()).isEqualTo("USER PROMPT");
    assertThat(sent.has("temperature")).isFalse();
    env.put("OPENAI_API_KEY", "sk-local");
    clients()
        .create("local-judge", s)
        .call(call(tmp.resolve("b"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(requests.get(1).headers().get("Authorization")).containsExactly("Bearer sk-local");
    status = 429;
    body = "slow down";
    assertThat(
            clients()
                .create("local-judge", s)
                .call(call(tmp.resolve("c"), Duration.ofSeconds(5)), Cancellation.never()))
        .isInstanceOf(ClientReply.Limited.class);
  }

  @Test
  void missingKeysAreRefusedWhenTheClientIsMade() {
    assertThatThrownBy(() -> clients().create("m", settings(ClientSettings.Backend.ANTHROPIC_API)))
        .isInstanceOf(ScyllaException.class)
        .hasMessage(
            "judge model m uses the anthropic-api backend but ANTHROPIC_API_KEY is not set");
    ClientSettings named =
        new ClientSettings(
            ClientSettings.Backend.OPENAI_COMPATIBLE,
            null,
            null,
            base,
            "MY_KEY",
            null,
            10,
            null,
            Duration.ofSeconds(1));
    assertThatThrownBy(() -> clients().create("m", named))
        .hasMessageContaining("MY_KEY but it is not set");
  }

  @Test
  void unreachableSlowAndCancelledRequests() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    env.put("OPENAI_BASE_URL", "http://127.0.0.1:" + closed);
    JudgeClient dead = clients().create("m", settings(ClientSettings.Backend.OPENAI_COMPATIBLE));
    ClientReply r = dead.call(call(tmp.resolve("a"), Duration.ofSeconds(5)), Cancellation.never());
    assertThat(((ClientReply.Failed) r).reason())
        .startsWith("cannot connect to http://127.0.0.1:" + closed);

    env.put("OPENAI_BASE_URL", base);
    delayMillis = 3000;
    body = openAiAnswer("late");
    JudgeClient slow = clients().create("m", settings(ClientSettings.Backend.OPENAI_COMPATIBLE));
    r = slow.call(call(tmp.resolve("b"), Duration.ofMillis(500)), Cancellation.never());
    assertThat(((ClientReply.Failed) r).timedOut()).isTrue();

    Cancellation c = new Cancellation();
    new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                return;
              }
              c.cancel();
            })
        .start();
    r = slow.call(call(tmp.resolve("c"), Duration.ofSeconds(10)), c);
    assertThat(r).isInstanceOf(ClientReply.Cancelled.class);
  }
}
