package dev.scylla.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.Event;
import dev.scylla.model.Pricing;
import dev.scylla.model.TokenStats;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.store.Json;
import dev.scylla.testing.EndToEnd;
import dev.scylla.testing.FakeResponsesApi;
import dev.scylla.testing.FakeResponsesApi.Exec;
import dev.scylla.testing.FakeResponsesApi.Failure;
import dev.scylla.testing.FakeResponsesApi.Message;
import dev.scylla.testing.FakeResponsesApi.Usage;
import dev.scylla.testing.RealClis;
import dev.scylla.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance of the Codex adapter with the <b>real</b> {@code codex} CLI (the version {@link
 * RealClis#CODEX_VERSION} pins), pointed at a fake Responses API on 127.0.0.1 through {@code
 * OPENAI_BASE_URL} (which the adapter turns into a per-run {@code CODEX_HOME/config.toml}). Each
 * case scripts what the API answers and asserts what a user would check: the outcome, the tokens
 * and cost recorded, {@code output.txt}, and how {@code scylla status} classifies the run. {@code
 * HOME} is a temporary directory, so the CLI writes nothing outside the test's directory. Skipped,
 * saying how to install it, where the CLI is not installed; {@code .ci/run} installs it.
 */
@EndToEnd
class RealCodexCliTest {
  private static final String MODEL = "gpt-5-codex";
  private static final String ANSWER = "Created `hello.py`; running it prints `Hello, World!`.";

  @TempDir Path tmp;
  private FakeResponsesApi api;
  private Path codex;
  private Path exp;
  private Path ws;
  private final Map<String, String> env = new HashMap<>();
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() throws Exception {
    codex = RealClis.codex();
    api = FakeResponsesApi.start();
    exp = AgentRuns.experiment(tmp.resolve("exp"));
    ws = Files.createDirectories(AgentRuns.runDir(exp).resolve("workspace"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    env.put("HOME", home.toString());
    env.put("OPENAI_BASE_URL", api.baseUrl());
    env.put("OPENAI_API_KEY", "sk-fake-key-for-tests");
  }

  @AfterEach
  void tearDown() {
    if (api != null) {
      api.close();
    }
  }

  private AgentOutcome run(Duration timeout, String model) throws Exception {
    // CODEX_HOME is not in the invocation's env: the adapter gives the run its own
    AgentInvocation inv =
        AgentInvocation.of(AgentRuns.runDir(exp), ws, "Write hello.py printing hi.\n", model)
            .withLabel("T0/00/run_01")
            .withTimeout(timeout)
            .withEnv(env);
    CodexAdapter a =
        new CodexAdapter(
            new LocalProcessLauncher(Duration.ofMillis(500)), events::add, codex.toString());
    return a.run(inv, Cancellation.never());
  }

  private AgentOutcome run() throws Exception {
    return run(Duration.ofSeconds(90), MODEL);
  }

  private Path agent() {
    return AgentRuns.runDir(exp).resolve("agent");
  }

  private String output() throws Exception {
    return Files.readString(agent().resolve("output.txt"));
  }

  private JsonNode resultJson() throws Exception {
    return Json.parse(Files.readString(agent().resolve("result.json")));
  }

  private Exec writeHello(Usage u) {
    return new Exec("printf 'print(\"hi\")\\n' > hello.py && python3 hello.py", u);
  }

  /** What the adapter records for responses' usage: input without the cached part. */
  private static TokenStats tokens(Usage... us) {
    TokenStats t = TokenStats.ZERO;
    for (Usage u : us) {
      t = t.plus(new TokenStats(u.input() - u.cached(), u.output(), 0, u.cached()));
    }
    return t;
  }

  private String stdoutLog() throws Exception {
    return Files.readString(agent().resolve("stdout.log"));
  }

  @Test
  void aSuccessfulRunRecordsTheAnswerExactTokensAndCachedCostAndIsJudged() throws Exception {
    Usage first = new Usage(1500, 1000, 60, 20);
    Usage second = new Usage(1800, 1400, 30, 0);
    api.script(writeHello(first), new Message(ANSWER, second));

    AgentOutcome o = run();

    assertThat(o).as(stdoutLog()).isInstanceOf(AgentOutcome.Finished.class);
    assertThat(((AgentOutcome.Finished) o).isError()).isFalse();
    assertThat(Files.readString(ws.resolve("hello.py"))).isEqualTo("print(\"hi\")\n");
    TokenStats expected = tokens(first, second);
    assertThat(o.result().tokenStats()).isEqualTo(new TokenStats(900, 90, 0, 2400));
    assertThat(o.result().tokenStats()).isEqualTo(expected);
    // the CLI passes on the API's output_tokens, which include the reasoning tokens
    assertThat(stdoutLog()).contains("\"output_tokens\":90", "\"reasoning_output_tokens\":20");
    assertThat(resultJson().get("reasoning_output_tokens").asLong()).isEqualTo(20);
    // cached input at the cached price: 900 × 1.25 + 2400 × 0.125 + 90 × 10 per million
    assertThat(o.result().costUsd()).isCloseTo(0.002325, within(1e-12));
    assertThat(o.result().costUsd()).isCloseTo(Pricing.estimate(MODEL, expected), within(1e-12));
    assertThat(resultJson().get("cost_known").asBoolean()).isTrue();
    // one turn of two requests: the stream tells turns only
    assertThat(o.result().apiCalls()).isEqualTo(1);
    assertThat(api.responseCalls()).hasSize(2);
    assertThat(o.result().exitCode()).isZero();
    assertThat(output()).isEqualTo(ANSWER);
    assertThat(stdoutLog()).contains("\"type\":\"turn.completed\"");
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
    assertThat(events)
        .noneMatch(e -> e instanceof Event.Message m && m.level() == Event.Level.WARN);
  }

  @Test
  void theRequestCarriesTheModelTheTaskAndTheShellTool() throws Exception {
    api.script(new Message("Nothing to do.", Usage.SMALL));

    run();

    FakeResponsesApi.Request first = api.responseCalls().get(0);
    assertThat(first.path()).isEqualTo("/v1/responses");
    assertThat(first.headers().get("authorization")).isEqualTo("Bearer sk-fake-key-for-tests");
    assertThat(first.body().path("model").asText()).isEqualTo(MODEL);
    assertThat(first.body().path("stream").asBoolean()).isTrue();
    assertThat(first.body().path("input").toString()).contains("Write hello.py printing hi.");
    assertThat(first.toolNames()).contains("exec_command");
  }

  @Test
  void cacheWritesAreRecordedApartFromTheInputTheyArePartOf() throws Exception {
    api.script(new Message(ANSWER, new Usage(1500, 1000, 60, 20, 300)));

    AgentOutcome o = run();

    assertThat(stdoutLog()).contains("\"input_tokens\":1500", "\"cache_write_input_tokens\":300");
    assertThat(o.result().tokenStats()).isEqualTo(new TokenStats(200, 60, 300, 1000));
    // 200 × 1.25 + 1000 × 0.125 + 300 × 1.25 + 60 × 10 per million
    assertThat(o.result().costUsd()).isCloseTo(0.00135, within(1e-12));
  }

  @Test
  void aRunThatSucceededAfterATransient429IsAFinishedResult() throws Exception {
    Usage first = new Usage(1500, 1000, 60, 20);
    Usage second = new Usage(1800, 1400, 30, 0);
    api.script(Failure.rateLimit(), writeHello(first), new Message(ANSWER, second));

    AgentOutcome o = run();

    // the retry notice names a 429 and a request id holding "429": neither is a failure
    assertThat(stdoutLog()).contains("Reconnecting... 1/", "429 Too Many Requests", "req_0429ab");
    assertThat(o).isInstanceOf(AgentOutcome.Finished.class);
    assertThat(((AgentOutcome.Finished) o).isError()).isFalse();
    assertThat(o.result().tokenStats()).isEqualTo(tokens(first, second));
    assertThat(output()).isEqualTo(ANSWER);
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
    assertThat(api.responseCalls()).hasSize(3);
  }

  @Test
  void aRunThatSucceededAfterATransient500IsAFinishedResult() throws Exception {
    api.script(Failure.serverError(), new Message(ANSWER, Usage.SMALL));

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.Finished.class);
    assertThat(((AgentOutcome.Finished) o).isError()).isFalse();
    assertThat(o.result().tokenStats()).isEqualTo(tokens(Usage.SMALL));
    assertThat(output()).isEqualTo(ANSWER);
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
  }

  @Test
  void aStreamEndingInResponseFailedIsRetriedAndOnlyTheCompletedResponseCounts() throws Exception {
    api.script(
        new FakeResponsesApi.StreamFailure("The model failed to respond (fake)."),
        new Message(ANSWER, Usage.SMALL));

    AgentOutcome o = run();

    assertThat(stdoutLog()).contains("Reconnecting... 1/");
    assertThat(o).isInstanceOf(AgentOutcome.Finished.class);
    assertThat(((AgentOutcome.Finished) o).isError()).isFalse();
    assertThat(o.result().tokenStats()).isEqualTo(tokens(Usage.SMALL));
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
  }

  @Test
  void anExhaustedQuotaIsAHardUsageLimitNotAFailure() throws Exception {
    api.otherwise(Failure.quota());

    AgentOutcome o = run();

    assertThat(stdoutLog()).contains("\"type\":\"turn.failed\"");
    assertThat(o)
        .as(stdoutLog())
        .isInstanceOfSatisfying(
            AgentOutcome.RateLimited.class,
            r -> {
              assertThat(r.hardLimit()).isTrue();
              assertThat(r.message()).containsIgnoringCase("quota");
            });
    // no retries: one request
    assertThat(api.responseCalls()).hasSize(1);
    assertThat(o.result().tokenStats()).isEqualTo(TokenStats.ZERO);
    assertThat(o.result().costUsd()).isZero();
    assertThat(output()).isEmpty();
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void retriesExhaustedOn429AreARateLimitButNotAHardOne() throws Exception {
    api.otherwise(Failure.rateLimit());

    AgentOutcome o = run();

    assertThat(o)
        .as(stdoutLog())
        .isInstanceOfSatisfying(
            AgentOutcome.RateLimited.class, r -> assertThat(r.hardLimit()).isFalse());
    assertThat(api.responseCalls()).hasSize(CodexAdapter.MAX_RETRIES + 1);
    assertThat(output()).isEmpty();
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void retriesExhaustedOn500AreAFailedRunNeverJudged() throws Exception {
    api.otherwise(Failure.serverError());

    AgentOutcome o = run();

    assertThat(o)
        .as(stdoutLog())
        .isInstanceOfSatisfying(
            AgentOutcome.Failed.class,
            f -> assertThat(f.reason()).startsWith("codex reported an error: "));
    // a 500 is retried as a failed request and as a broken stream: (2 + 1) × (2 + 1) requests
    assertThat(api.responseCalls()).hasSize(9);
    assertThat(o.result().exitCode()).isNotZero();
    assertThat(output()).isEmpty();
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aModelWithoutAPriceHasAnUnknownCostAndAWarningNamingIt() throws Exception {
    api.script(new Message(ANSWER, Usage.SMALL));

    AgentOutcome o = run(Duration.ofSeconds(90), "gpt-unpriced-test");

    assertThat(o).isInstanceOf(AgentOutcome.Finished.class);
    assertThat(o.result().tokenStats()).isEqualTo(tokens(Usage.SMALL));
    assertThat(o.result().costUsd()).isZero();
    assertThat(resultJson().get("cost_known").asBoolean()).isFalse();
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e).isInstanceOf(Event.Message.class);
              assertThat(((Event.Message) e).level()).isEqualTo(Event.Level.WARN);
              assertThat(((Event.Message) e).text()).contains("gpt-unpriced-test");
            });
  }

  @Test
  void aHungApiIsATimeoutAndLeavesNoProcessBehind() throws Exception {
    String marker = "SCYLLA_TEST_MARKER=" + UUID.randomUUID();
    env.put(marker.substring(0, marker.indexOf('=')), marker.substring(marker.indexOf('=') + 1));
    api.otherwise(new FakeResponsesApi.Hang());

    AgentOutcome o = run(Duration.ofSeconds(5), MODEL);

    assertThat(o).isInstanceOf(AgentOutcome.TimedOut.class);
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
    List<Long> left = AgentRuns.awaitGone(marker);
    assertThat(left).as("processes left running").isEmpty();
  }

  @Test
  void theRunGetsItsOwnCodexHomeAndReplayShReproducesIt() throws Exception {
    api.script(new Message(ANSWER, Usage.SMALL), new Message("Again.", Usage.SMALL));

    run();

    Path config = agent().resolve("codex-home/config.toml");
    assertThat(Files.readString(config))
        .contains(
            "model_provider = \"scylla\"",
            "base_url = \"" + api.baseUrl() + "\"",
            "env_key = \"OPENAI_API_KEY\"",
            "wire_api = \"responses\"",
            "request_max_retries = " + CodexAdapter.MAX_RETRIES);
    String replay = Files.readString(agent().resolve("replay.sh"));
    assertThat(replay).contains("export CODEX_HOME=\"$AGENT_DIR\"/codex-home");
    assertThat(replay).doesNotContain("sk-fake-key-for-tests");
    // replaying (with the key exported, as the script asks) reaches the same server
    ProcessBuilder pb = new ProcessBuilder("bash", agent().resolve("replay.sh").toString());
    pb.environment().put("OPENAI_API_KEY", "sk-fake-key-for-tests");
    pb.environment().remove("CODEX_HOME");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String replayed = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(replayed).isZero();
    assertThat(replayed).contains("\"text\":\"Again.\"");
    assertThat(api.responseCalls()).hasSize(2);
  }

  @Test
  void theCliWritesNothingOutsideTheRunsAgentDirectoryAndWorkspace() throws Exception {
    Map<String, String> before = TreeSnapshot.of(exp.resolve("config"));
    api.script(writeHello(Usage.SMALL), new Message(ANSWER, Usage.SMALL));

    run();

    assertThat(TreeSnapshot.of(exp.resolve("config"))).isEqualTo(before);
    try (var s = Files.list(AgentRuns.runDir(exp))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("agent", "workspace");
    }
    try (var s = Files.list(ws)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("hello.py");
    }
    try (var s = Files.list(tmp.resolve("home"))) {
      assertThat(s.toList()).as("files in HOME").isEmpty();
    }
  }
}
