package dev.scylla.judge;

import static dev.scylla.judge.JudgeTesting.KEY;
import static dev.scylla.judge.JudgeTesting.streamJson;
import static dev.scylla.judge.JudgeTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.Event;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.ScyllaException;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.Classifier;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import dev.scylla.testing.TreeSnapshot;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One slot at a time, through the real claude CLI client and a fake claude executable. */
class JudgeServiceTest {
  @TempDir Path tmp;
  Path exp;
  Path run;
  JudgeTesting.FakeClaude fake;
  final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(300));
  final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  static final String GOOD = verdict(0.80, true, 1.0, 2.0, 0.5, null);

  @BeforeEach
  void setUp() {
    exp = JudgeTesting.experiment(tmp.resolve("exp"), true);
    run = exp.resolve("T0/00/run_01");
    fake = new JudgeTesting.FakeClaude(tmp.resolve("fake")).replay(streamJson(GOOD));
  }

  JudgeService service() {
    return new JudgeService(
        launcher,
        new DefaultJudgeClients(launcher, fake.env, Clock.systemUTC(), HttpClient.newHttpClient()),
        null,
        events::add,
        Clock.systemUTC());
  }

  ExperimentStore store() {
    return ExperimentStore.open(exp);
  }

  SlotJob job(int slot) {
    ExperimentStore s = store();
    return JudgeContext.load(s).slotJob(s.runDir(KEY), KEY, slot);
  }

  static SlotJob with(SlotJob j, ClientSettings c) {
    return new SlotJob(
        j.prompt(),
        j.slot(),
        j.model(),
        c,
        j.rubric(),
        j.maxAttempts(),
        j.policy(),
        j.systemPrompt());
  }

  static SlotJob withAttempts(SlotJob j, int n) {
    return new SlotJob(
        j.prompt(), j.slot(), j.model(), j.client(), j.rubric(), n, j.policy(), j.systemPrompt());
  }

  SlotView classify(int slot) {
    ExperimentStore s = store();
    RunMatrix m = s.matrix(new ArrayList<>());
    return Classifier.classify(s.readRun(KEY, m)).slots().get(slot - 1);
  }

  Path slot(int n) {
    return run.resolve("judge/judge_0" + n);
  }

  JsonNode json(Path p) throws Exception {
    return Json.parse(Files.readAllBytes(p));
  }

  List<String> warnings() {
    synchronized (events) {
      return events.stream()
          .filter(e -> e instanceof Event.Message m && m.level() == Event.Level.WARN)
          .map(e -> ((Event.Message) e).text())
          .toList();
    }
  }

  @Test
  void aCompleteSlotPersistsEverythingAndIsNotJudgedTwice() throws Exception {
    SlotOutcome o = service().judgeSlot(job(1), Cancellation.never());
    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(o.verdict().score()).isCloseTo(0.85, within(1e-12));
    assertThat(o.attempt()).isEqualTo(1);
    Path s = slot(1);
    JsonNode j = json(s.resolve("judgment.json"));
    assertThat(j.get("score").doubleValue()).isCloseTo(0.85, within(1e-12));
    assertThat(j.get("passed").booleanValue()).isTrue();
    assertThat(j.get("grade").textValue()).isEqualTo("A");
    assertThat(j.get("is_valid").booleanValue()).isTrue();
    assertThat(j.get("model_score").doubleValue()).isEqualTo(0.8);
    assertThat(j.get("score_source").textValue()).isEqualTo("computed");
    assertThat(j.get("model").textValue()).isEqualTo("claude-opus-4-5-20251101");
    assertThat(j.get("judge_number").intValue()).isEqualTo(1);
    assertThat(j.get("backend").textValue()).isEqualTo("claude-cli");
    assertThat(j.get("criteria_scores").has("functional")).isTrue();
    assertThat(j.get("category_scores").get("quality").get("na_items").get(0).textValue())
        .isEqualTo("Q2");
    String prompt = Files.readString(run.resolve("judge_prompt.md"));
    assertThat(j.get("prompt_sha256").textValue()).isEqualTo(JudgeService.sha256(prompt));
    assertThat(Files.readString(s.resolve("response.txt"))).isEqualTo(GOOD);
    assertThat(Files.readString(s.resolve("stdout.log"))).isEqualTo(streamJson(GOOD));
    assertThat(Files.readString(s.resolve("MODEL.md")))
        .startsWith(
            "# Judge Model Information\n\n**Model**: claude-opus-4-5-20251101\n**Claude Code Version**: 2.1.12 (Claude Code)\n**Timestamp**: ")
        .endsWith("**Backend**: claude-cli\n");
    JsonNode t = json(s.resolve("timing.json"));
    assertThat(t.get("judge_duration_seconds").doubleValue()).isPositive();
    assertThat(t.has("failed")).isFalse();
    JsonNode a = json(s.resolve("attempts.json")).get("attempts");
    assertThat(a).hasSize(1);
    assertThat(a.get(0).get("outcome").textValue()).isEqualTo("complete");
    assertThat(a.get(0).get("prompt_sha256").textValue()).isEqualTo(JudgeService.sha256(prompt));
    // the model got the prompt that was written before it was called, on stdin
    assertThat(fake.logged(1, "stdin")).isEqualTo(prompt);
    assertThat(prompt).contains("## Workspace State After Agent Execution").contains("hello.py");
    List<String> args = List.of(fake.logged(1, "args").split("\n", -1));
    Path systemFile = Path.of(args.get(args.size() - 2));
    assertThat(args.subList(0, args.size() - 2))
        .containsExactly(
            "--model",
            "claude-opus-4-5-20251101",
            "--print",
            "--output-format",
            "stream-json",
            "--verbose",
            "--dangerously-skip-permissions",
            "--tools",
            "",
            "--no-session-persistence",
            "--system-prompt-file");
    assertThat(Files.readString(systemFile)).isEqualTo(JudgeService.builtinSystemPrompt());
    assertThat(j.get("system_prompt_sha256").textValue())
        .isEqualTo(JudgeService.sha256(JudgeService.builtinSystemPrompt()));
    // never the workspace as working directory, never inside another Claude Code session
    assertThat(fake.logged(1, "cwd").strip()).isEqualTo(s.toRealPath().toString());
    assertThat(fake.logged(1, "env").strip()).isEqualTo("unset");
    assertThat(classify(1).status()).isEqualTo(SlotStatus.COMPLETE);

    var before = TreeSnapshot.of(run);
    SlotOutcome again = service().judgeSlot(job(1), Cancellation.never());
    assertThat(again.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(fake.calls()).isEqualTo(1);
    assertThat(TreeSnapshot.of(run)).isEqualTo(before);
  }

  @Test
  void aStoredPromptIsReusedAndNeverRebuilt() throws Exception {
    Files.writeString(run.resolve("judge_prompt.md"), "THE STORED PROMPT\n");
    assertThat(service().judgeSlot(job(2), Cancellation.never()).kind())
        .isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(fake.logged(1, "stdin")).isEqualTo("THE STORED PROMPT\n");
    assertThat(Files.readString(run.resolve("judge_prompt.md"))).isEqualTo("THE STORED PROMPT\n");
    assertThat(fake.logged(1, "args")).contains("claude-sonnet-4-5-20250929");
  }

  @Test
  void aMissingWorkspaceBuildsThePromptFromStoredFilesWarnsAndStillJudges() throws Exception {
    exp = JudgeTesting.experiment(tmp.resolve("noworkspace"), false);
    run = exp.resolve("T0/00/run_01");
    Files.createDirectories(run.resolve("commands"));
    Files.writeString(
        run.resolve("commands/python_build_output.log"), "Python syntax check passed\n");
    SlotOutcome o = service().judgeSlot(job(1), Cancellation.never());
    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    String prompt = Files.readString(run.resolve("judge_prompt.md"));
    assertThat(prompt)
        .contains("(workspace not available: the run's workspace no longer exists")
        .contains("### Python Build (RECORDED)\n```\nPython syntax check passed")
        .contains(Files.readString(run.resolve("agent/output.txt")).strip())
        .contains("Create hello.py that prints Hello, World!");
    assertThat(warnings()).anyMatch(w -> w.contains("T0/00/run_01: the workspace is gone"));
    assertThat(classify(1).status()).isEqualTo(SlotStatus.COMPLETE);
  }

  @Test
  void failuresAreRecordedAndTheBudgetSurvivesARestartThenTheFallbackIsTerminal() throws Exception {
    fake.modes("fail");
    SlotOutcome first = service().judgeSlot(job(1), Cancellation.never());
    assertThat(first.kind()).isEqualTo(SlotOutcome.Kind.FAILED);
    assertThat(first.reason())
        .isEqualTo("Claude CLI failed (exit 1): Error: the model backend crashed");
    assertThat(first.attemptsSpent()).isEqualTo(1);
    Path s = slot(1);
    JsonNode f = json(s.resolve("failure.json"));
    assertThat(f.get("attempt").intValue()).isEqualTo(1);
    assertThat(f.get("kind").textValue()).isEqualTo("failed");
    assertThat(f.get("reason").textValue()).isEqualTo(first.reason());
    assertThat(f.get("at").textValue()).isNotBlank();
    assertThat(Files.readString(s.resolve("error.log")))
        .isEqualTo("Judge failed: " + first.reason() + "\n");
    assertThat(json(s.resolve("timing.json")).get("failed").booleanValue()).isTrue();
    assertThat(Files.readString(s.resolve("stderr.log"))).contains("crashed");
    assertThat(Files.exists(s.resolve("judgment.json"))).isFalse();
    SlotView v = classify(1);
    assertThat(v.status()).isEqualTo(SlotStatus.FAILED);
    assertThat(v.reason()).contains("the model backend crashed");

    // a new service instance, as after a restart: the journal still counts the first attempt
    SlotOutcome second = service().judgeSlot(job(1), Cancellation.never());
    assertThat(second.kind()).isEqualTo(SlotOutcome.Kind.FALLBACK);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.attemptsSpent()).isEqualTo(2);
    JsonNode j = json(s.resolve("judgment.json"));
    assertThat(j.get("fallback").booleanValue()).isTrue();
    assertThat(j.get("is_valid").booleanValue()).isFalse();
    assertThat(j.get("fallback_reason").textValue()).isEqualTo(first.reason());
    assertThat(j.get("score").doubleValue()).isZero();
    assertThat(classify(1).status()).isEqualTo(SlotStatus.FALLBACK);
    // the first attempt's files were moved aside, not lost
    Path archived = s.resolve(".archive/attempt_1");
    assertThat(json(archived.resolve("failure.json")).get("attempt").intValue()).isEqualTo(1);
    assertThat(Files.readString(archived.resolve("stderr.log"))).contains("crashed");
    assertThat(json(s.resolve("failure.json")).get("attempt").intValue()).isEqualTo(2);

    var before = TreeSnapshot.of(run);
    SlotOutcome third = service().judgeSlot(job(1), Cancellation.never());
    assertThat(third.kind()).isEqualTo(SlotOutcome.Kind.FALLBACK);
    assertThat(fake.calls()).isEqualTo(2);
    assertThat(TreeSnapshot.of(run)).isEqualTo(before);
  }

  @Test
  void anAttemptTheProcessDiedInSpendsNoBudget_TheSlotIsJudgedAgain() throws Exception {
    // issue 12 (3): kill -9 while attempt 2 of 2 ran; the next run must not persist a fallback
    Path s = Files.createDirectories(slot(1));
    Files.writeString(
        s.resolve("attempts.json"),
        "{\"version\": 1, \"attempts\": [{\"attempt\": 1, \"outcome\": \"failed\", \"reason\":"
            + " \"boom\"}, {\"attempt\": 2, \"started_at\": \"2026-01-01T00:00:00Z\", \"outcome\":"
            + " \"started\"}]}");
    Files.writeString(s.resolve("stdout.log"), "half an answer");
    assertThat(classify(1).status()).isEqualTo(SlotStatus.PARTIAL);

    SlotOutcome o = service().judgeSlot(job(1), Cancellation.never());

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(fake.calls()).isEqualTo(1);
    assertThat(o.attemptsSpent()).isEqualTo(2);
    JsonNode a = json(s.resolve("attempts.json")).get("attempts");
    assertThat(a).hasSize(3);
    assertThat(a.get(1).get("outcome").textValue()).isEqualTo("interrupted");
    assertThat(a.get(2).get("outcome").textValue()).isEqualTo("complete");
    assertThat(classify(1).status()).isEqualTo(SlotStatus.COMPLETE);
    // the interrupted attempt's output is kept, not overwritten
    try (var files = Files.walk(s)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .anyMatch(
                      f -> {
                        try {
                          return Files.readString(f).equals("half an answer");
                        } catch (java.io.IOException e) {
                          return false;
                        }
                      }))
          .isTrue();
    }
  }

  @Test
  void aRateLimitIsItsOwnOutcomeAndSpendsNoBudget() throws Exception {
    fake.modes("ratelimit,ratelimit-stderr,ok");
    SlotJob job = withAttempts(job(1), 1);
    SlotOutcome first = service().judgeSlot(job, Cancellation.never());
    assertThat(first.kind()).isEqualTo(SlotOutcome.Kind.RATE_LIMITED);
    assertThat(first.rateLimit().resetAt()).isNotNull();
    assertThat(first.rateLimit().hardLimit()).isTrue();
    assertThat(first.attemptsSpent()).isZero();
    JsonNode f = json(slot(1).resolve("failure.json"));
    assertThat(f.get("kind").textValue()).isEqualTo("rate_limited");
    assertThat(f.get("reset_at").textValue()).isNotBlank();
    SlotView v = classify(1);
    assertThat(v.status()).isEqualTo(SlotStatus.FAILED);
    assertThat(v.reason()).contains("rate limited: You've hit your limit");
    SlotOutcome second = service().judgeSlot(job, Cancellation.never());
    assertThat(second.kind()).isEqualTo(SlotOutcome.Kind.RATE_LIMITED);
    // Retry-After: 120 with the reference's 1.1 safety factor, as for agents (one routine)
    assertThat(second.rateLimit().retryAfter()).isEqualTo(Duration.ofSeconds(132));
    // one attempt allowed, two limits already met: still judged
    SlotOutcome third = service().judgeSlot(job, Cancellation.never());
    assertThat(third.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(third.attempt()).isEqualTo(3);
    assertThat(third.attemptsSpent()).isEqualTo(1);
  }

  @Test
  void aHangingJudgeIsKilledWithItsProcessTreeAndCountsAsAFailure() throws Exception {
    fake.modes("hang");
    SlotJob job = with(job(1), ClientSettings.claudeCli().withTimeout(Duration.ofSeconds(2)));
    SlotOutcome o = service().judgeSlot(job, Cancellation.never());
    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.FAILED);
    assertThat(o.reason()).isEqualTo("judge timed out after 2 s (process tree killed)");
    long child = Long.parseLong(Files.readString(fake.log.resolve("hang.pid")).strip());
    for (int i = 0;
        i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false);
        i++) {
      Thread.sleep(100);
    }
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(classify(1).status()).isEqualTo(SlotStatus.FAILED);
  }

  @Test
  void anUnusableAnswerIsAskedForAgainWithAReminder() throws Exception {
    fake.modes("malformed,ok");
    SlotOutcome o = service().judgeSlot(job(1), Cancellation.never());
    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(fake.calls()).isEqualTo(2);
    String prompt = Files.readString(run.resolve("judge_prompt.md"));
    assertThat(fake.logged(2, "stdin"))
        .startsWith(prompt)
        .contains("your previous answer could not be used (no JSON object in the response)");
    Path call1 = slot(1).resolve(".archive/attempt_1_call_1");
    assertThat(Files.readString(call1.resolve("response.txt"))).contains("\"passed\": tru");
    assertThat(Files.exists(call1.resolve("stdout.log"))).isTrue();
    assertThat(Files.readString(slot(1).resolve("MODEL.md")))
        .contains("**Model**: claude-opus-4-5-20251101");
    assertThat(
            json(slot(1).resolve("attempts.json")).get("attempts").get(0).get("calls").intValue())
        .isEqualTo(2);
    assertThat(warnings()).anyMatch(w -> w.contains("asking once more with a reminder"));
  }

  @Test
  void twoUnusableAnswersFailTheAttempt() throws Exception {
    fake.modes("malformed,empty");
    SlotOutcome o = service().judgeSlot(job(1), Cancellation.never());
    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.FAILED);
    assertThat(o.reason())
        .isEqualTo(
            "the answer could not be used: empty response (also after a reminder; the first"
                + " answer: no JSON object in the response)");
    assertThat(fake.calls()).isEqualTo(2);
  }

  @Test
  void aRevisedVerdictCountsAsTheFinalOne() throws Exception {
    String text =
        verdict(0.5, false, 0.0, 2.0, 0.5, null)
            + "\nWait, hello.py exists after all. Corrected:\n\n"
            + verdict(0.95, true, 1.0, 2.0, 1.0, null);
    fake.replay(streamJson(text));
    SlotOutcome o = service().judgeSlot(job(1), Cancellation.never());
    assertThat(o.verdict().score()).isEqualTo(1.0);
    JsonNode j = json(slot(1).resolve("judgment.json"));
    assertThat(j.get("grade").textValue()).isEqualTo("S");
    assertThat(j.get("model_score").doubleValue()).isEqualTo(0.95);
    assertThat(j.get("verdict_block").get("index").intValue()).isEqualTo(1);
    assertThat(j.get("verdict_block").get("count").intValue()).isEqualTo(2);
    assertThat(j.get("verdict_block").get("policy").textValue()).isEqualTo("final");
  }

  @Test
  void passedAsTheStringFalseIsRecordedAsAFailVote() throws Exception {
    fake.replay(streamJson(verdict(0.9, "false", 1.0, 2.0, 1.0, null)));
    service().judgeSlot(job(1), Cancellation.never());
    JsonNode j = json(slot(1).resolve("judgment.json"));
    assertThat(j.get("model_passed").booleanValue()).isFalse();
    assertThat(j.get("passed").booleanValue()).isTrue();
    assertThat(j.get("validation").toString())
        .contains("passed is the string \\\"false\\\"; read as false");
  }

  @Test
  void cancellingKillsTheJudgeSpendsNoBudgetAndLeavesTheSlotPartial() throws Exception {
    fake.modes("hang,ok");
    Cancellation c = new Cancellation();
    Thread t =
        new Thread(
            () -> {
              try {
                while (!Files.exists(fake.log.resolve("hang.pid"))) {
                  Thread.sleep(50);
                }
              } catch (InterruptedException e) {
                return;
              }
              c.cancel();
            });
    t.start();
    SlotOutcome o = service().judgeSlot(withAttempts(job(1), 1), c);
    t.join();
    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.CANCELLED);
    assertThat(
            json(slot(1).resolve("attempts.json"))
                .get("attempts")
                .get(0)
                .get("outcome")
                .textValue())
        .isEqualTo("cancelled");
    assertThat(classify(1).status()).isEqualTo(SlotStatus.PARTIAL);
    SlotOutcome again = service().judgeSlot(withAttempts(job(1), 1), Cancellation.never());
    assertThat(again.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    Cancellation already = new Cancellation();
    already.cancel();
    assertThat(service().judgeSlot(job(2), already).kind()).isEqualTo(SlotOutcome.Kind.CANCELLED);
    assertThat(Files.exists(slot(2))).isFalse();
  }

  @Test
  void textOutputIsSupported() throws Exception {
    fake.replay(GOOD);
    SlotJob job = with(job(1), ClientSettings.claudeCli().withOutputFormat("text"));
    assertThat(service().judgeSlot(job, Cancellation.never()).kind())
        .isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(fake.logged(1, "args"))
        .contains("--output-format\ntext\n")
        .doesNotContain("--verbose");
  }

  @Test
  void anErrorEventWithExitCodeZeroIsAFailure() throws Exception {
    fake.modes("error-event");
    SlotOutcome o = service().judgeSlot(job(1), Cancellation.never());
    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.FAILED);
    assertThat(o.reason()).isEqualTo("Claude CLI reported an error: Invalid model name");
  }

  @Test
  void aMissingExecutableIsBadInputBeforeAnythingIsWritten() throws Exception {
    fake.env.put(DefaultJudgeClients.CLAUDE_ENV, tmp.resolve("no/claude").toString());
    var before = TreeSnapshot.of(exp);
    assertThatThrownBy(() -> service().judgeSlot(job(1), Cancellation.never()))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("judge model claude-opus-4-5-20251101: cannot run")
        .hasMessageContaining("no such file")
        .satisfies(
            e ->
                assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT));
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
  }

  @Test
  void aRunThatDoesNotExistIsNotCreatedByJudging() throws Exception {
    SlotJob j = job(1);
    JudgeTesting.deleteTree(run);
    var before = TreeSnapshot.of(exp);
    assertThatThrownBy(() -> service().judgeSlot(j, Cancellation.never()))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("no such run directory");
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
    assertThat(fake.calls()).isZero();
  }

  @Test
  void aCorruptJournalEndsInAFallbackInsteadOfAGuess() throws Exception {
    Path s = Files.createDirectories(slot(1));
    Files.writeString(s.resolve("attempts.json"), "{\"version\": 1, \"attem");
    SlotView v = classify(1);
    assertThat(v.status()).isEqualTo(SlotStatus.FAILED);
    assertThat(v.reason()).contains("attempt journal is corrupt");
    SlotOutcome o = service().judgeSlot(job(1), Cancellation.never());
    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.FALLBACK);
    assertThat(o.reason()).contains("attempts.json is corrupt");
    assertThat(Files.readString(s.resolve("attempts.json"))).isEqualTo("{\"version\": 1, \"attem");
    assertThat(classify(1).status()).isEqualTo(SlotStatus.FALLBACK);
    assertThat(fake.calls()).isZero();
  }

  @Test
  void aCorruptOrInvalidJudgmentIsArchivedAndJudgedAgain() throws Exception {
    Path s = Files.createDirectories(slot(1));
    Files.writeString(s.resolve("judgment.json"), "{}");
    Files.writeString(s.resolve("error.log"), "Judge failed: reference failure\n");
    assertThat(classify(1).status()).isEqualTo(SlotStatus.FAILED);
    assertThat(service().judgeSlot(job(1), Cancellation.never()).kind())
        .isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(Files.readString(s.resolve(".archive/earlier/judgment.json"))).isEqualTo("{}");
    assertThat(Files.readString(s.resolve(".archive/earlier/error.log")))
        .contains("reference failure");
    assertThat(Files.exists(s.resolve("error.log"))).isFalse();
  }

  @Test
  void slotsOfOneRunJudgedAtOnceBuildThePromptOnce() throws Exception {
    JudgeService service = service();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<SlotOutcome>> fs = new ArrayList<>();
      for (int n = 1; n <= 3; n++) {
        SlotJob j = job(n);
        fs.add(pool.submit(() -> service.judgeSlot(j, Cancellation.never())));
      }
      for (Future<SlotOutcome> f : fs) {
        assertThat(f.get().kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
      }
    } finally {
      pool.shutdownNow();
    }
    long written;
    synchronized (events) {
      written =
          events.stream()
              .filter(
                  e -> e instanceof Event.Message m && m.text().contains("judge prompt written"))
              .count();
    }
    assertThat(written).isEqualTo(1);
    String prompt = Files.readString(run.resolve("judge_prompt.md"), StandardCharsets.UTF_8);
    for (int n = 1; n <= 3; n++) {
      assertThat(json(slot(n).resolve("judgment.json")).get("prompt_sha256").textValue())
          .isEqualTo(JudgeService.sha256(prompt));
      assertThat(classify(n).status()).isEqualTo(SlotStatus.COMPLETE);
    }
  }
}
