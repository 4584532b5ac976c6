package dev.scylla.judge;

import static dev.scylla.judge.JudgeTesting.KEY;
import static dev.scylla.judge.JudgeTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.CallSpend;
import dev.scylla.model.JudgeSpend;
import dev.scylla.model.RateLimit;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.TokenStats;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.Classifier;
import dev.scylla.status.RunView;
import dev.scylla.status.SlotStatus;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every judge call's tokens and cost in the slot's journal, and what reads them back. */
class JudgeSpendTest {
  static final String GOOD = verdict(0.80, true, 1.0, 2.0, 0.5, null);

  @TempDir Path tmp;
  Path exp;
  final Deque<ClientReply> replies = new ArrayDeque<>();
  final List<String> prompts = new ArrayList<>();

  /** A backend that answers from a script. */
  final JudgeClient scripted =
      new JudgeClient() {
        @Override
        public String backend() {
          return "claude-cli";
        }

        @Override
        public String version() {
          return null;
        }

        @Override
        public List<String> rawFiles() {
          return List.of();
        }

        @Override
        public ClientReply call(JudgeCall call, Cancellation c) {
          prompts.add(call.userPrompt());
          return replies.removeFirst();
        }
      };

  @BeforeEach
  void setUp() {
    exp = JudgeTesting.experiment(tmp.resolve("exp"), true);
  }

  SlotOutcome judge(int slot) throws Exception {
    JudgeService service =
        new JudgeService(
            new LocalProcessLauncher(Duration.ofMillis(300)),
            (model, settings) -> scripted,
            null,
            EventSink.NONE,
            Clock.systemUTC());
    ExperimentStore s = ExperimentStore.open(exp);
    return service.judgeSlot(
        JudgeContext.load(s).slotJob(s.runDir(KEY), KEY, slot), Cancellation.never());
  }

  Path slot(int n) {
    return exp.resolve("T0/00/run_01/judge/judge_0" + n);
  }

  JsonNode attempts(int n) throws Exception {
    return Json.parse(Files.readAllBytes(slot(n).resolve("attempts.json"))).get("attempts");
  }

  RunView view() {
    ExperimentStore s = ExperimentStore.open(exp);
    RunMatrix m = s.matrix(new ArrayList<>());
    return Classifier.classify(s.readRun(KEY, m));
  }

  @Test
  void theReminderIsASecondCallWithItsOwnTokensAndCost() throws Exception {
    replies.add(
        new ClientReply.Answered(
            "no verdict here", new CallSpend(new TokenStats(5000, 100, 0, 0), 0.02)));
    replies.add(
        new ClientReply.Answered(GOOD, new CallSpend(new TokenStats(5200, 900, 10, 4000), 0.05)));

    SlotOutcome o = judge(1);

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(prompts).hasSize(2);
    assertThat(o.calls()).isEqualTo(2);
    assertThat(o.spend())
        .isEqualTo(new JudgeSpend(2, 0, 0.02 + 0.05, new TokenStats(10200, 1000, 10, 4000)));
    JsonNode a = attempts(1).get(0);
    assertThat(a.get("calls").intValue()).isEqualTo(2);
    JsonNode calls = a.get("call_spend");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).get("call").intValue()).isEqualTo(1);
    assertThat(calls.get(0).get("token_stats").get("input_tokens").longValue()).isEqualTo(5000);
    assertThat(calls.get(0).get("cost_usd").doubleValue()).isEqualTo(0.02);
    assertThat(calls.get(1).get("call").intValue()).isEqualTo(2);
    assertThat(calls.get(1).get("token_stats").get("cache_read_tokens").longValue())
        .isEqualTo(4000);
    assertThat(calls.get(1).get("cost_usd").doubleValue()).isEqualTo(0.05);
    // read back as status reads it
    assertThat(view().judgeSpend().calls()).isEqualTo(2);
    assertThat(view().judgeSpend().costUsd()).isEqualTo(0.02 + 0.05);
  }

  @Test
  void aCostThatIsNotKnownIsRecordedAsNullAndCountedApart() throws Exception {
    replies.add(new ClientReply.Answered(GOOD, new CallSpend(new TokenStats(10, 20, 0, 0), null)));

    judge(2);

    JsonNode call = attempts(2).get(0).get("call_spend").get(0);
    assertThat(call.get("cost_usd").isNull()).isTrue();
    assertThat(call.get("token_stats").get("output_tokens").longValue()).isEqualTo(20);
    JudgeSpend s = view().judgeSpend();
    assertThat(s.calls()).isEqualTo(1);
    assertThat(s.unpricedCalls()).isEqualTo(1);
    assertThat(s.costUsd()).isZero();
  }

  @Test
  void aFailedCallStillRecordsWhatItCostAndALimitCostsNothing() throws Exception {
    replies.add(
        new ClientReply.Failed(
            "Claude CLI reported an error: API Error: 500",
            false,
            false,
            new CallSpend(TokenStats.ZERO, 0.0)));
    SlotOutcome failed = judge(1);
    assertThat(failed.kind()).isEqualTo(SlotOutcome.Kind.FAILED);
    assertThat(failed.calls()).isEqualTo(1);

    replies.add(new ClientReply.Limited(new RateLimit("429", null, null, false)));
    SlotOutcome limited = judge(1);
    assertThat(limited.kind()).isEqualTo(SlotOutcome.Kind.RATE_LIMITED);

    JsonNode a = attempts(1);
    assertThat(a).hasSize(2);
    assertThat(a.get(0).get("call_spend").get(0).get("cost_usd").doubleValue()).isZero();
    assertThat(a.get(1).get("call_spend").get(0).get("cost_usd").doubleValue()).isZero();
    assertThat(view().judgeSpend()).isEqualTo(new JudgeSpend(2, 0, 0.0, TokenStats.ZERO));
  }

  @Test
  void aJournalWrittenBeforeCallsWereRecordedReadsAndJudgesAsBefore() throws Exception {
    Files.createDirectories(slot(1));
    Files.writeString(
        slot(1).resolve("attempts.json"),
        "{\"version\": 1, \"attempts\": [{\"attempt\": 1, \"started_at\":"
            + " \"2026-01-01T00:00:00.000000+00:00\", \"ended_at\":"
            + " \"2026-01-01T00:01:00.000000+00:00\", \"outcome\": \"failed\", \"reason\":"
            + " \"boom\", \"model\": \"claude-opus-4-5-20251101\", \"backend\": \"claude-cli\","
            + " \"prompt_sha256\": null, \"calls\": 2, \"archived_to\": null}]}\n");
    Files.writeString(slot(1).resolve("error.log"), "Judge failed: boom\n");

    RunView before = view();
    assertThat(before.slots().get(0).status()).isEqualTo(SlotStatus.FAILED);
    assertThat(before.judgeSpend()).isEqualTo(JudgeSpend.NONE);

    replies.add(new ClientReply.Answered(GOOD, new CallSpend(new TokenStats(1, 2, 3, 4), 0.5)));
    SlotOutcome o = judge(1);

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(o.attempt()).isEqualTo(2);
    assertThat(o.attemptsSpent()).isEqualTo(2);
    JsonNode a = attempts(1);
    assertThat(a.get(0).has("call_spend")).isFalse();
    assertThat(a.get(1).get("call_spend")).hasSize(1);
    // the old attempt's calls are not priced: only what was recorded counts
    assertThat(view().judgeSpend())
        .isEqualTo(new JudgeSpend(1, 0, 0.5, new TokenStats(1, 2, 3, 4)));
  }

  @Test
  void badSpendEntriesAreReadAsUnknownNotAsCorruption() throws Exception {
    Files.createDirectories(slot(3));
    Files.writeString(
        slot(3).resolve("attempts.json"),
        "{\"version\": 1, \"attempts\": [{\"attempt\": 1, \"outcome\": \"failed\", \"reason\":"
            + " \"x\", \"calls\": 2, \"call_spend\": [\"junk\", {\"call\": 2, \"token_stats\":"
            + " \"many\", \"cost_usd\": \"cheap\"}]}, {\"attempt\": 2, \"outcome\": \"failed\","
            + " \"call_spend\": {\"not\": \"a list\"}}]}\n");
    RunView v = view();
    assertThat(v.judgeSpend()).isEqualTo(new JudgeSpend(2, 2, 0.0, TokenStats.ZERO));
    assertThat(v.slots().get(2).status()).isEqualTo(SlotStatus.FAILED);
  }
}
