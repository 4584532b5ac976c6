package dev.scylla.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.Pricing;
import dev.scylla.model.TokenStats;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.store.Json;
import dev.scylla.testing.FakeMessagesApi;
import dev.scylla.testing.FakeMessagesApi.Failure;
import dev.scylla.testing.FakeMessagesApi.Text;
import dev.scylla.testing.FakeMessagesApi.ToolUse;
import dev.scylla.testing.FakeMessagesApi.Usage;
import dev.scylla.testing.RealClis;
import dev.scylla.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance of the Claude Code adapter with the <b>real</b> {@code claude} CLI (the version
 * {@link RealClis#CLAUDE_VERSION} pins), pointed at a fake Messages API on 127.0.0.1. Each case
 * scripts what the API answers and asserts what a user would check: the outcome, the tokens and
 * cost recorded, and how {@code scylla status} classifies the run. Skipped, saying how to install
 * it, where the CLI is not installed; {@code .ci/run} installs it.
 */
class RealClaudeCliTest {
  private static final String MODEL = "claude-sonnet-4-6";

  @TempDir Path tmp;
  private FakeMessagesApi api;
  private Path claude;
  private Path exp;
  private Path ws;
  private Path home;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    claude = RealClis.claude();
    api = FakeMessagesApi.start();
    exp = AgentRuns.experiment(tmp.resolve("exp"));
    ws = Files.createDirectories(AgentRuns.runDir(exp).resolve("workspace"));
    home = Files.createDirectories(tmp.resolve("home"));
    env.put("HOME", home.toString());
    env.put("IS_SANDBOX", "1");
    env.putAll(api.claudeEnv());
  }

  @AfterEach
  void tearDown() {
    if (api != null) {
      api.close();
    }
  }

  private AgentOutcome run(Duration timeout, Integer maxTurns) throws Exception {
    return run(timeout, maxTurns, Duration.ofHours(1));
  }

  private AgentOutcome run(Duration timeout, Integer maxTurns, Duration maxRetryWait)
      throws Exception {
    AgentInvocation inv =
        AgentInvocation.of(AgentRuns.runDir(exp), ws, "Write hello.py printing hi.\n", MODEL)
            .withLabel("T0/00/run_01")
            .withTimeout(timeout)
            .withEnv(env);
    if (maxTurns != null) {
      inv = inv.withMaxTurns(maxTurns);
    }
    ClaudeCodeAdapter a =
        new ClaudeCodeAdapter(
            new LocalProcessLauncher(Duration.ofMillis(500)),
            EventSink.NONE,
            claude.toString(),
            PromptMode.STDIN,
            maxRetryWait);
    return a.run(inv, Cancellation.never());
  }

  private AgentOutcome run() throws Exception {
    return run(Duration.ofSeconds(60), null);
  }

  private String output() throws Exception {
    return Files.readString(AgentRuns.runDir(exp).resolve("agent/output.txt"));
  }

  private ToolUse writeHello(Usage u) {
    return new ToolUse(
        "Write",
        "{\"file_path\":\"" + ws.resolve("hello.py") + "\",\"content\":\"print('hi')\\n\"}",
        u);
  }

  private static TokenStats tokens(Usage... us) {
    TokenStats t = TokenStats.ZERO;
    for (Usage u : us) {
      t = t.plus(new TokenStats(u.input(), u.output(), u.cacheWrite(), u.cacheRead()));
    }
    return t;
  }

  @Test
  void aSuccessfulRunRecordsTheExactTokensAndCostAndIsJudged() throws Exception {
    Usage first = new Usage(1000, 5000, 0, 50);
    Usage second = new Usage(300, 100, 5000, 20);
    api.script(writeHello(first), new Text("Created hello.py.", second));

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.Finished.class);
    assertThat(((AgentOutcome.Finished) o).isError()).isFalse();
    assertThat(Files.readString(ws.resolve("hello.py"))).isEqualTo("print('hi')\n");
    TokenStats expected = tokens(first, second);
    assertThat(o.result().tokenStats()).isEqualTo(expected);
    assertThat(o.result().costUsd()).isCloseTo(Pricing.estimate(MODEL, expected), within(1e-9));
    assertThat(o.result().apiCalls()).isEqualTo(2);
    assertThat(o.result().exitCode()).isZero();
    assertThat(output()).contains("Created hello.py.");
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
    assertThat(api.turns()).hasSize(2);
  }

  @Test
  void theAgentIsOfferedItsToolsAndTheTaskPrompt() throws Exception {
    api.script(new Text("Nothing to do.", Usage.SMALL));

    run();

    FakeMessagesApi.Request first = api.turns().get(0);
    assertThat(first.toolNames()).contains("Bash", "Write", "Edit", "Read");
    assertThat(first.body().path("model").asText()).isEqualTo(MODEL);
    assertThat(first.body().path("messages").toString()).contains("Write hello.py printing hi.");
  }

  @Test
  void theTitleCallTheCliMakesOnItsOwnIsBilledAndCostedButNotCountedAsAgentTokens()
      throws Exception {
    env.remove("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC");
    Usage u = new Usage(1000, 0, 0, 50);
    api.script(new Text("Done.", u));

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.Finished.class);
    long titleCalls =
        api.messageCalls().stream().filter(FakeMessagesApi.Request::isTitleCall).count();
    assertThat(titleCalls).isEqualTo(1);
    // the reference's token_stats are the CLI's "usage" (the agent's own turns); the cost is the
    // CLI's total_cost_usd, which also bills the title call
    assertThat(o.result().tokenStats()).isEqualTo(tokens(u));
    double billed =
        Pricing.estimate(MODEL, tokens(u))
            + Pricing.estimate(MODEL, tokens(FakeMessagesApi.TITLE.usage()));
    assertThat(o.result().costUsd()).isCloseTo(billed, within(1e-9));
  }

  @Test
  void anApiError500IsAFailedRunThatIsNeverJudged() throws Exception {
    api.otherwise(Failure.of(500));

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.Failed.class);
    assertThat(((AgentOutcome.Failed) o).reason()).startsWith("claude reported API error 500");
    assertThat(((AgentOutcome.Failed) o).reason()).doesNotStartWith(AgentOutcome.SETUP_PROBLEM);
    assertThat(output()).isEmpty();
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
    assertThat(Files.exists(ws.resolve("hello.py"))).isFalse();
  }

  @Test
  void rejectedCredentialsAreASetupProblemNamingTheKeyVariable() throws Exception {
    api.otherwise(Failure.of(401));

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.Failed.class);
    assertThat(((AgentOutcome.Failed) o).reason())
        .startsWith(AgentOutcome.SETUP_PROBLEM)
        .contains("ANTHROPIC_API_KEY");
  }

  @Test
  void a429IsARateLimitNotAFailureNorAResult() throws Exception {
    api.otherwise(Failure.of(429));

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.RateLimited.class);
    assertThat(output()).isEmpty();
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  private static Failure limited(int seconds) {
    return new Failure(
        429,
        "rate_limit_error",
        "This request would exceed your rate limit.",
        Map.of("retry-after", Integer.toString(seconds)));
  }

  private JsonNode resultJson() throws Exception {
    return Json.parse(Files.readString(AgentRuns.runDir(exp).resolve("agent/result.json")));
  }

  @Test
  void rateLimitsTheCliWaitsOutAreNotATimeout_TheRunFinishesAndRecordsItsWaits() throws Exception {
    env.put("CLAUDE_CODE_MAX_RETRIES", "3");
    api.script(limited(2), limited(2), writeHello(Usage.SMALL), new Text("Done.", Usage.SMALL));

    // the CLI waits at least 4 s in all (it honours retry-after): longer than the 3 s timeout
    AgentOutcome o = run(Duration.ofSeconds(3), null);

    assertThat(o).isInstanceOf(AgentOutcome.Finished.class);
    assertThat(ws.resolve("hello.py")).exists();
    JsonNode r = resultJson();
    assertThat(r.get("api_retries").asInt()).isEqualTo(2);
    assertThat(r.get("api_retry_wait_seconds").asDouble()).isGreaterThanOrEqualTo(4.0);
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
    // the reference's stdout.log is still one JSON document, the stream is kept beside it
    Path agent = AgentRuns.runDir(exp).resolve("agent");
    assertThat(Json.parse(Files.readString(agent.resolve("stdout.log"))).get("type").asText())
        .isEqualTo("result");
    assertThat(Files.readString(agent.resolve("stream.jsonl"))).contains("\"api_retry\"");
  }

  @Test
  void aRateLimitTheCliGivesUpOnWaitsAsLongAsTheCliLastSaid() throws Exception {
    env.put("CLAUDE_CODE_MAX_RETRIES", "1");
    api.otherwise(limited(2));

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.RateLimited.class);
    AgentOutcome.RateLimited rl = (AgentOutcome.RateLimited) o;
    assertThat(rl.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(rl.hardLimit()).isFalse();
    assertThat(resultJson().get("api_retries").asInt()).isEqualTo(1);
    assertThat(output()).isEmpty();
  }

  @Test
  void aRunStillWaitingOutARateLimitAtItsBoundIsKilledAsARateLimitNotATimeout() throws Exception {
    env.put("CLAUDE_CODE_MAX_RETRIES", "8");
    String marker = "SCYLLA_TEST_MARKER=" + UUID.randomUUID();
    env.put(marker.substring(0, marker.indexOf('=')), marker.substring(marker.indexOf('=') + 1));
    api.otherwise(limited(3));

    // 2 s of work and at most 2 s of credited waiting: killed in the middle of a 3 s wait
    AgentOutcome o = run(Duration.ofSeconds(2), null, Duration.ofSeconds(2));

    assertThat(o).isInstanceOf(AgentOutcome.RateLimited.class);
    assertThat(((AgentOutcome.RateLimited) o).message()).contains("waiting out API error 429");
    assertThat(output()).isEmpty();
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
    List<Long> left = AgentRuns.awaitGone(marker);
    if (left != null) {
      assertThat(left).as("processes left running").isEmpty();
    }
  }

  @Test
  void aCreditBalanceTooLowIsAHardLimitNotAFailure() throws Exception {
    api.otherwise(
        new Failure(
            400,
            "invalid_request_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans &"
                + " Billing to upgrade or purchase credits.",
            Map.of()));

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.RateLimited.class);
    AgentOutcome.RateLimited rl = (AgentOutcome.RateLimited) o;
    assertThat(rl.hardLimit()).isTrue();
    assertThat(rl.message()).containsIgnoringCase("credit balance is too low");
    assertThat(api.messageCalls()).as("the CLI does not retry it").hasSize(1);
    assertThat(output()).isEmpty();
  }

  @Test
  void anOverloaded529IsARateLimit() throws Exception {
    api.otherwise(Failure.of(529));

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.RateLimited.class);
  }

  @Test
  void runningOutOfTurnsIsAModelOutcomeOfItsOwn_JudgedAndCountedApart() throws Exception {
    api.script(writeHello(Usage.SMALL), writeHello(Usage.SMALL), new Text("Done.", Usage.SMALL));

    AgentOutcome o = run(Duration.ofSeconds(60), 1);

    // the agent worked (a model outcome, not an infrastructure failure): judged, counted apart
    assertThat(o).isInstanceOf(AgentOutcome.TurnLimited.class);
    assertThat(o.result().turnLimitReached()).isTrue();
    assertThat(o.result().tokenStats().outputTokens()).isPositive();
    assertThat(AgentRuns.view(exp).status()).isEqualTo(RunStatus.RESULTS);
    assertThat(AgentRuns.view(exp).turnLimitReached()).isTrue();
    assertThat(Files.readString(AgentRuns.runDir(exp).resolve("agent/result.json")))
        .contains("\"turn_limit_reached\": true");
    assertThat(Files.readString(AgentRuns.runDir(exp).resolve("agent/stdout.log")))
        .contains("error_max_turns");
  }

  @Test
  void asRootWithoutADeclaredSandboxTheRefusalIsASetupProblemAndNoApiCallIsMade() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        RealClis.isRoot(), "the CLI refuses to skip permissions only as root");
    env.remove("IS_SANDBOX");

    AgentOutcome o = run();

    assertThat(o).isInstanceOf(AgentOutcome.Failed.class);
    assertThat(((AgentOutcome.Failed) o).reason())
        .startsWith(AgentOutcome.SETUP_PROBLEM)
        .contains("IS_SANDBOX=1");
    assertThat(api.messageCalls()).isEmpty();
  }

  @Test
  void aHungApiIsATimeoutAndLeavesNoProcessBehind() throws Exception {
    String marker = "SCYLLA_TEST_MARKER=" + UUID.randomUUID();
    env.put(marker.substring(0, marker.indexOf('=')), marker.substring(marker.indexOf('=') + 1));
    api.otherwise(new FakeMessagesApi.Hang());

    AgentOutcome o = run(Duration.ofSeconds(4), null);

    assertThat(o).isInstanceOf(AgentOutcome.TimedOut.class);
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
    List<Long> left = AgentRuns.awaitGone(marker);
    if (left != null) {
      assertThat(left).as("processes left running").isEmpty();
    }
  }

  @Test
  void theCliWritesNothingIntoTheExperimentBesidesTheRunsOwnFiles() throws Exception {
    Map<String, String> before = TreeSnapshot.of(exp.resolve("config"));
    api.script(writeHello(Usage.SMALL), new Text("Done.", Usage.SMALL));

    run();

    assertThat(TreeSnapshot.of(exp.resolve("config"))).isEqualTo(before);
    try (var s = Files.list(AgentRuns.runDir(exp))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("agent", "workspace");
    }
    try (var s = Files.list(ws)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("hello.py");
    }
  }
}
