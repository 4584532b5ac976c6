package dev.scylla.judge;

import static dev.scylla.judge.JudgeTesting.KEY;
import static dev.scylla.judge.JudgeTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.RunMatrix;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.Classifier;
import dev.scylla.status.SlotStatus;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import dev.scylla.testing.EndToEnd;
import dev.scylla.testing.FakeMessagesApi;
import dev.scylla.testing.FakeMessagesApi.Failure;
import dev.scylla.testing.FakeMessagesApi.Text;
import dev.scylla.testing.FakeMessagesApi.ToolUse;
import dev.scylla.testing.FakeMessagesApi.Usage;
import dev.scylla.testing.RealClis;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance of the judge's Claude CLI client with the <b>real</b> {@code claude} CLI (the version
 * {@link RealClis#CLAUDE_VERSION} pins) against a fake Messages API on 127.0.0.1: what the model is
 * offered (no tool at all), what it is sent, how its answers and the API's failures end a slot, and
 * that the CLI leaves no session transcript behind. Skipped where the CLI is not installed.
 */
@EndToEnd
class RealClaudeJudgeTest {
  static final String GOOD = verdict(0.80, true, 1.0, 2.0, 0.5, null);

  @TempDir Path tmp;
  private FakeMessagesApi api;
  private Path exp;
  private Path run;
  private Path home;
  private final Map<String, String> env = new HashMap<>(System.getenv());
  private final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(300));

  @BeforeEach
  void setUp() throws Exception {
    Path claude = RealClis.claude();
    api = FakeMessagesApi.start();
    exp = JudgeTesting.experiment(tmp.resolve("exp"), true);
    run = exp.resolve("T0/00/run_01");
    home = Files.createDirectories(tmp.resolve("home"));
    env.put(DefaultJudgeClients.CLAUDE_ENV, claude.toString());
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

  private SlotOutcome judge(int slot) throws Exception {
    JudgeService service =
        new JudgeService(
            launcher,
            new DefaultJudgeClients(launcher, env, Clock.systemUTC(), HttpClient.newHttpClient()),
            null,
            EventSink.NONE,
            Clock.systemUTC());
    ExperimentStore s = ExperimentStore.open(exp);
    SlotJob job = JudgeContext.load(s).slotJob(s.runDir(KEY), KEY, slot);
    return service.judgeSlot(job, Cancellation.never());
  }

  private SlotStatus status(int slot) {
    ExperimentStore s = ExperimentStore.open(exp);
    RunMatrix m = s.matrix(new ArrayList<>());
    return Classifier.classify(s.readRun(KEY, m)).slots().get(slot - 1).status();
  }

  private Path slot(int n) {
    return run.resolve("judge/judge_0" + n);
  }

  /** What the CLI printed for the slot's last attempt (for failure messages). */
  private String cliOutput(int n) {
    StringBuilder b = new StringBuilder();
    try (var files = Files.walk(slot(n))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        b.append("--- ").append(slot(n).relativize(f)).append('\n').append(Files.readString(f));
      }
    } catch (java.io.IOException e) {
      b.append(e);
    }
    return b.toString();
  }

  @Test
  void aVerdictIsParsedAndTheJudgeIsOfferedNoToolAtAll() throws Exception {
    api.script(new Text(GOOD, new Usage(2000, 0, 0, 300)));

    SlotOutcome o = judge(1);

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(o.verdict().score()).isCloseTo(0.85, within(1e-12));
    assertThat(status(1)).isEqualTo(SlotStatus.COMPLETE);
    assertThat(Files.readString(slot(1).resolve("response.txt"))).isEqualTo(GOOD);
    assertThat(api.turns()).hasSize(1);
    FakeMessagesApi.Request r = api.turns().get(0);
    assertThat(r.toolNames()).as("tools offered to the judge").isEmpty();
    assertThat(r.body().path("model").asText()).isEqualTo("claude-opus-4-5-20251101");
    String sent = r.body().path("messages").toString();
    assertThat(Files.readString(run.resolve("judge_prompt.md")))
        .contains("## Workspace State After Agent Execution");
    assertThat(sent).contains("## Workspace State After Agent Execution").contains("hello.py");
    assertThat(r.body().path("system").toString())
        .contains(JudgeService.builtinSystemPrompt().strip().lines().findFirst().orElseThrow());
  }

  @Test
  void theSlotJournalRecordsTheTokensTheApiReturnedAndTheCostTheCliReported() throws Exception {
    api.script(new Text(GOOD, new Usage(2000, 700, 1500, 300)));

    SlotOutcome o = judge(1);

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    JsonNode attempt =
        Json.parse(Files.readAllBytes(slot(1).resolve("attempts.json"))).get("attempts").get(0);
    JsonNode calls = attempt.get("call_spend");
    assertThat(calls).hasSize(1);
    JsonNode t = calls.get(0).get("token_stats");
    assertThat(t.get("input_tokens").longValue()).isEqualTo(2000);
    assertThat(t.get("output_tokens").longValue()).isEqualTo(300);
    assertThat(t.get("cache_creation_tokens").longValue()).isEqualTo(700);
    assertThat(t.get("cache_read_tokens").longValue()).isEqualTo(1500);
    JsonNode result =
        dev.scylla.store.ClaudeOutput.parse(Files.readString(slot(1).resolve("stdout.log")))
            .orElseThrow()
            .raw();
    double cliCost = result.get("total_cost_usd").doubleValue();
    assertThat(cliCost).isPositive();
    assertThat(calls.get(0).get("cost_usd").doubleValue()).isEqualTo(cliCost);
    assertThat(o.calls()).isEqualTo(1);
    assertThat(o.spend().costUsd()).isEqualTo(cliCost);
    // what status counts for the run
    ExperimentStore s = ExperimentStore.open(exp);
    var view = Classifier.classify(s.readRun(KEY, s.matrix(new ArrayList<>())));
    assertThat(view.judgeSpend().calls()).isEqualTo(1);
    assertThat(view.judgeSpend().costUsd()).isEqualTo(cliCost);
  }

  @Test
  void theCliLeavesNoSessionTranscriptBehind() throws Exception {
    api.script(new Text(GOOD, Usage.SMALL));

    judge(1);

    Path projects = home.resolve(".claude/projects");
    if (Files.isDirectory(projects)) {
      try (Stream<Path> s = Files.walk(projects)) {
        assertThat(s.filter(p -> p.toString().endsWith(".jsonl")).toList()).isEmpty();
      }
    }
  }

  @Test
  void aJudgeThatAsksForAToolGetsNoneAndNothingRuns() throws Exception {
    Path marker = tmp.resolve("ran");
    api.script(
        new ToolUse(
            "Bash", "{\"command\":\"touch " + marker + "\",\"description\":\"look\"}", Usage.SMALL),
        new Text(GOOD, Usage.SMALL),
        new Text(GOOD, Usage.SMALL));

    judge(1);

    assertThat(Files.exists(marker)).as("the judge's Bash command ran").isFalse();
  }

  @Test
  void aMalformedAnswerIsAskedForOnceMoreWithAReminder() throws Exception {
    api.script(
        new Text("The agent did well. {\"score\": 0.8, \"passed\": tru", Usage.SMALL),
        new Text(GOOD, Usage.SMALL));

    SlotOutcome o = judge(1);

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(api.turns()).hasSize(2);
    assertThat(api.turns().get(1).body().path("messages").toString())
        .contains("your previous answer could not be used");
    JsonNode a = Json.parse(Files.readAllBytes(slot(1).resolve("attempts.json"))).get("attempts");
    assertThat(a.get(0).get("calls").intValue()).isEqualTo(2);
    // the reminder is a call of its own, with its own tokens
    JsonNode calls = a.get(0).get("call_spend");
    assertThat(calls).hasSize(2);
    for (JsonNode c : calls) {
      assertThat(c.get("token_stats").get("input_tokens").longValue()).isEqualTo(100);
      assertThat(c.get("token_stats").get("output_tokens").longValue()).isEqualTo(20);
      assertThat(c.get("cost_usd").doubleValue()).isPositive();
    }
    assertThat(o.calls()).isEqualTo(2);
  }

  @Test
  void anApiError500FailsTheAttemptWithBudgetLeft() throws Exception {
    api.otherwise(Failure.of(500));

    SlotOutcome o = judge(1);

    assertThat(o.kind())
        .as(() -> o.reason() + "\n" + cliOutput(1))
        .isEqualTo(SlotOutcome.Kind.FAILED);
    assertThat(o.attemptsSpent()).isEqualTo(1);
    assertThat(o.reason()).contains("500");
    assertThat(status(1)).isEqualTo(SlotStatus.FAILED);
    assertThat(Files.exists(slot(1).resolve("judgment.json"))).isFalse();
  }

  @Test
  void a429IsARateLimitThatSpendsNoBudget() throws Exception {
    api.otherwise(Failure.of(429));

    SlotOutcome o = judge(1);

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.RATE_LIMITED);
    assertThat(o.attemptsSpent()).isZero();
    assertThat(status(1)).isEqualTo(SlotStatus.FAILED);
  }

  @Test
  void anOverloaded529IsARateLimitThatSpendsNoBudget() throws Exception {
    api.otherwise(Failure.of(529));

    SlotOutcome o = judge(1);

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.RATE_LIMITED);
    assertThat(o.attemptsSpent()).isZero();
  }

  @Test
  void aCreditBalanceTooLowIsAHardLimitThatSpendsNoBudget() throws Exception {
    api.otherwise(
        new Failure(
            400,
            "invalid_request_error",
            "Your credit balance is too low to access the Anthropic API. Please go to Plans &"
                + " Billing to upgrade or purchase credits.",
            Map.of()));

    SlotOutcome o = judge(1);

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.RATE_LIMITED);
    assertThat(o.rateLimit().hardLimit()).as("no wait lifts an empty credit balance").isTrue();
    assertThat(o.attemptsSpent()).isZero();
  }
}
