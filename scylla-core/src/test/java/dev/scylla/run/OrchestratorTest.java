package dev.scylla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Journals;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestratorTest {
  @TempDir Path tmp;
  private final FakePorts fakes = new FakePorts();
  private final List<String> warnings = new ArrayList<>();
  private final EventSink events =
      e -> {
        if (e instanceof dev.scylla.event.Event.Message m
            && m.level().compareTo(dev.scylla.event.Event.Level.WARN) >= 0) {
          warnings.add(m.text());
        }
      };

  private ExperimentStore fresh() {
    Path exp =
        SyntheticExperiment.builder()
            .tier("T0", "00", "01")
            .tier("T1", "01", "02")
            .runs(3)
            .withPlan()
            .noRuns()
            .writeTo(tmp.resolve("exp"));
    return ExperimentStore.open(exp);
  }

  private OrchestrationReport run(
      ExperimentStore store, int concurrency, RunSettings settings, RunControl control)
      throws Exception {
    RunMatrix matrix = store.matrix(new ArrayList<>());
    return new Orchestrator(fakes.wiring(), events, Clock.systemUTC())
        .executeRuns(store, matrix, matrix.runs(), concurrency, settings, control, 0.1);
  }

  private StatusReport status(ExperimentStore store) {
    return Scanner.scan(ExperimentStore.open(store.root()), Selection.ALL, EventSink.NONE);
  }

  @Test
  void runsEveryRunToCompletionConcurrently() throws Exception {
    ExperimentStore store = fresh();
    fakes.agentMillis = 100;
    OrchestrationReport r = run(store, 4, RunSettings.defaults(), new RunControl());

    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(12);
    assertThat(fakes.maxConcurrentAgents.get()).isBetween(2, 4);
    StatusReport s = status(store);
    assertThat(s.counts().runs(RunStatus.COMPLETED)).isEqualTo(12);
    assertThat(s.counts().slots(SlotStatus.COMPLETE)).isEqualTo(36);
    assertThat(r.spentUsd()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Files.exists(store.root().resolve("checkpoint.json"))).isTrue();
    assertThat(fakes.log)
        .as("the executor writes run files only; the session writes summaries")
        .noneMatch(l -> l.startsWith("summaries") || l.equals("experiment summary"));
  }

  @Test
  void aFailedAttemptIsArchivedAndRetriedWithinTheBudget() throws Exception {
    ExperimentStore store = fresh();
    RunKey flaky = new RunKey("T0", "00", 2);
    fakes.agentScript =
        (k, n) -> k.equals(flaky) && n == 1 ? StepOutcome.failed("crashed") : StepOutcome.done();

    OrchestrationReport r = run(store, 2, RunSettings.defaults(), new RunControl());

    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(12);
    assertThat(fakes.agentCalls.get(flaky).get()).isEqualTo(2);
    Path archived = store.layout().subtestDir("T0", "00").resolve(".failed/run_02_attempt_1");
    assertThat(Files.readString(archived.resolve("agent/stderr.log"))).contains("crashed");
    RunJournal j = Journals.read(store.layout(), flaky).orNull();
    assertThat(j.attempts())
        .extracting(RunJournal.Attempt::outcome)
        .containsExactly(RunJournal.Outcome.FAILED, RunJournal.Outcome.FINISHED);
    assertThat(j.attempts().get(0).archivedTo()).isEqualTo("T0/00/.failed/run_02_attempt_1");
  }

  @Test
  void anAgentThatAlwaysFailsBecomesAFinalFailureAndIsNotRetriedAgain() throws Exception {
    ExperimentStore store = fresh();
    RunKey bad = new RunKey("T1", "02", 3);
    fakes.agentScript = (k, n) -> k.equals(bad) ? StepOutcome.failed("always") : StepOutcome.done();

    OrchestrationReport first = run(store, 3, RunSettings.defaults(), new RunControl());
    assertThat(first.count(RunFinal.Kind.FAILED_FINAL)).isEqualTo(1);
    assertThat(fakes.agentCalls.get(bad).get()).isEqualTo(3);

    var view =
        status(store).items().stream().filter(v -> v.key().equals(bad)).findFirst().orElseThrow();
    assertThat(view.status()).isEqualTo(RunStatus.FAILED);
    assertThat(view.reason()).contains("3 of 3 budget spent").contains("FINAL");

    OrchestrationReport second = run(store, 3, RunSettings.defaults(), new RunControl());
    assertThat(fakes.agentCalls.get(bad).get()).as("a spent budget is not retried").isEqualTo(3);
    assertThat(second.count(RunFinal.Kind.FAILED_FINAL)).isEqualTo(1);
    assertThat(second.agentLaunches()).isZero();

    fakes.agentScript = (k, n) -> StepOutcome.done();
    OrchestrationReport third =
        run(store, 3, RunSettings.defaults().withRetryExhausted(true), new RunControl());
    assertThat(third.count(RunFinal.Kind.COMPLETED)).isEqualTo(12);
    assertThat(store.layout().subtestDir("T1", "02").resolve(".failed"))
        .isDirectoryContaining(p -> p.getFileName().toString().equals("run_03_attempt_3"));
  }

  @Test
  void aRateLimitPausesTheModelAndRetriesWithoutSpendingBudget() throws Exception {
    ExperimentStore store = fresh();
    RunKey limited = new RunKey("T0", "01", 1);
    fakes.agentScript =
        (k, n) ->
            k.equals(limited) && n == 1
                ? StepOutcome.rateLimited("hit your limit", Instant.now().plusMillis(300))
                : StepOutcome.done();
    fakes.judgeScript =
        (k, slot, n) ->
            k.equals(limited) && slot == 2 && n == 1
                ? StepOutcome.rateLimited("429", null)
                : StepOutcome.done();

    OrchestrationReport r =
        run(
            store,
            4,
            RunSettings.defaults()
                .withAgentAttempts(1)
                .withDefaultRateLimitWait(Duration.ofMillis(200)),
            new RunControl());

    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(12);
    assertThat(fakes.agentCalls.get(limited).get()).isEqualTo(2);
    RunJournal j = Journals.read(store.layout(), limited).orNull();
    assertThat(j.spent()).isZero();
    assertThat(j.attempts())
        .extracting(RunJournal.Attempt::outcome)
        .containsExactly(RunJournal.Outcome.RATE_LIMITED, RunJournal.Outcome.FINISHED);
    assertThat(warnings).anyMatch(w -> w.contains("rate limit for agent-model"));
  }

  @Test
  void aPermanentRateLimitEndsWithinTheBound_BackingOffStoppingLaunchesAndSpendingNoBudget()
      throws Exception {
    ExperimentStore store = fresh();
    fakes.agentScript = (k, n) -> StepOutcome.rateLimited("429 Too Many Requests", null);
    RunControl control = new RunControl();

    // pauses of 200, 400, 800 ms (back-off) fit in 2 s; the fourth (1.6 s) would not (600 ms of
    // slack for launching on a busy machine)
    OrchestrationReport r =
        run(
            store,
            1,
            RunSettings.defaults()
                .withDefaultRateLimitWait(Duration.ofMillis(200))
                .withMaxRateLimitWait(Duration.ofSeconds(2)),
            control);

    assertThat(r.count(RunFinal.Kind.COMPLETED)).isZero();
    assertThat(r.agentLaunches()).isEqualTo(4);
    assertThat(r.stopReason())
        .contains("rate limit for agent-model did not lift")
        .contains("4 limits in a row")
        .contains("--max-wait 2 s")
        .contains("429 Too Many Requests");
    // only that model is given up on (every run here needs it); the control is the user's
    assertThat(control.launchingStopped()).isFalse();
    assertThat(r.runs()).allMatch(f -> f.reason().contains("did not lift"));
    assertThat(r.runs()).allMatch(f -> f.kind() == RunFinal.Kind.STOPPED);
    RunKey first = r.runs().stream().filter(f -> f.agentLaunches() > 0).findFirst().get().key();
    RunJournal j = Journals.read(store.layout(), first).orNull();
    assertThat(j.spent()).as("rate limits spend no budget").isZero();
    assertThat(j.attempts())
        .extracting(RunJournal.Attempt::outcome)
        .containsOnly(RunJournal.Outcome.RATE_LIMITED);
    assertThat(warnings)
        .filteredOn(w -> w.startsWith("rate limit for agent-model: pausing"))
        .hasSize(3);

    // resumable: once the limit is gone, the same experiment completes with a fresh budget
    fakes.agentScript = (k, n) -> StepOutcome.done();
    OrchestrationReport again = run(store, 2, RunSettings.defaults(), new RunControl());
    assertThat(again.count(RunFinal.Kind.COMPLETED)).isEqualTo(12);
  }

  @Test
  void anInterruptionInsideAStepEndsThatRunAsInterrupted_NotAsASetupProblemStoppingEverything()
      throws Exception {
    ExperimentStore store = fresh();
    RunKey key = new RunKey("T0", "00", 1);
    fakes.pipelineThrows =
        k ->
            k.equals(key)
                ? new dev.scylla.model.ScyllaException(
                    dev.scylla.model.ScyllaException.Kind.INTERRUPTED, "build pipeline cancelled")
                : null;
    RunControl control = new RunControl();

    OrchestrationReport r = run(store, 1, RunSettings.defaults(), control);

    RunFinal f = r.runs().stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
    assertThat(f.kind()).isEqualTo(RunFinal.Kind.INTERRUPTED);
    assertThat(f.reason()).doesNotContain("setup problem");
    assertThat(control.launchingStopped()).isFalse();
    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(11);
  }

  @Test
  void aSubtestDirectoryLinkedOutOfTheExperimentIsNeverWrittenThrough() throws Exception {
    ExperimentStore store = fresh();
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Path sub = store.root().resolve("T1/02");
    if (Files.exists(sub)) {
      try (var w = Files.walk(sub)) {
        w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Files.createDirectories(sub.getParent());
    Files.createSymbolicLink(sub, outside);

    OrchestrationReport r = run(store, 2, RunSettings.defaults(), new RunControl());

    try (var s = Files.list(outside)) {
      assertThat(s.toList()).as("nothing written outside the experiment").isEmpty();
    }
    assertThat(r.runs())
        .filteredOn(f -> f.key().tier().equals("T1") && f.key().subtest().equals("02"))
        .hasSize(3)
        .allSatisfy(
            f -> {
              assertThat(f.kind()).isEqualTo(RunFinal.Kind.STOPPED);
              assertThat(f.reason()).contains("T1/02").contains("leads outside the experiment");
            });
    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(9);
  }

  @Test
  void aJudgeModelGivenUpOnStopsOnlyTheWorkOnThatModel() throws Exception {
    ExperimentStore store = fresh();
    RunMatrix matrix = store.matrix(new ArrayList<>());
    String limited = matrix.judgeModel(2);
    fakes.judgeScript =
        (k, slot, n) ->
            matrix.judgeModel(slot).equals(limited)
                ? StepOutcome.rateLimited("Quota exceeded", null, true)
                : StepOutcome.done();

    OrchestrationReport r = run(store, 2, RunSettings.defaults(), new RunControl());

    // every agent still ran (their model is not limited); no run could finish its judging
    assertThat(fakes.agentCalls).hasSize(12);
    assertThat(r.count(RunFinal.Kind.COMPLETED)).isZero();
    assertThat(r.stopReason()).contains("rate limit for " + limited + " did not lift");
    assertThat(fakes.judgeCalls.values().stream().mapToInt(a -> a.get()).sum())
        .as("one call met the hard limit; the others went to the other judges")
        .isGreaterThan(1);
  }

  @Test
  void aHardLimitWithNoResetStopsLaunchingAtOnce() throws Exception {
    ExperimentStore store = fresh();
    fakes.agentScript =
        (k, n) ->
            StepOutcome.rateLimited(
                "Quota exceeded. Check your plan and billing details.", null, true);

    OrchestrationReport r = run(store, 1, RunSettings.defaults(), new RunControl());

    assertThat(r.agentLaunches()).isEqualTo(1);
    assertThat(r.stopReason()).contains("a hard usage limit").contains("Quota exceeded");
  }

  @Test
  void aLimitWhoseResetIsBeyondTheBoundIsNotWaitedFor() throws Exception {
    ExperimentStore store = fresh();
    fakes.agentScript =
        (k, n) ->
            StepOutcome.rateLimited(
                "You've hit your limit · resets 5pm", Instant.now().plus(Duration.ofHours(5)));

    OrchestrationReport r = run(store, 1, RunSettings.defaults(), new RunControl());

    assertThat(r.agentLaunches()).isEqualTo(1);
    assertThat(r.stopReason()).contains("would keep it paused 5.0 h").contains("--max-wait 60 min");
  }

  @Test
  void aSuccessBetweenLimitsStartsANewStreak() throws Exception {
    ExperimentStore store = fresh();
    // every other launch is limited: no streak grows beyond one limit, nothing gives up
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    fakes.agentScript =
        (k, n) ->
            calls.incrementAndGet() % 2 == 1
                ? StepOutcome.rateLimited("429", null)
                : StepOutcome.done();

    OrchestrationReport r =
        run(
            store,
            1,
            RunSettings.defaults()
                .withDefaultRateLimitWait(Duration.ofMillis(50))
                .withMaxRateLimitWait(Duration.ofMillis(120)),
            new RunControl());

    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(12);
    assertThat(r.stopReason()).isNull();
  }

  @Test
  void aJudgeThatNeverSucceedsEndsInAPersistedFallback() throws Exception {
    ExperimentStore store = fresh();
    fakes.judgeScript =
        (k, slot, n) ->
            slot == 3
                ? (n < 2
                    ? StepOutcome.failed("malformed")
                    : new StepOutcome(StepOutcome.Kind.FALLBACK, "budget spent", null))
                : StepOutcome.done();
    run(store, 4, RunSettings.defaults(), new RunControl());
    StatusReport s = status(store);
    assertThat(s.counts().slots(SlotStatus.FALLBACK)).isEqualTo(12);
    assertThat(s.counts().runs(RunStatus.COMPLETED)).isEqualTo(12);
    int callsBefore = fakes.judgeCalls.values().stream().mapToInt(a -> a.get()).sum();
    run(store, 4, RunSettings.defaults(), new RunControl());
    assertThat(fakes.judgeCalls.values().stream().mapToInt(a -> a.get()).sum())
        .as("terminal slots are not judged again")
        .isEqualTo(callsBefore);
  }

  @Test
  void anAttemptLeftRunningByADeadProcessIsClosedAndTheRunResumed() throws Exception {
    ExperimentStore store = fresh();
    RunKey key = new RunKey("T0", "00", 1);
    Files.createDirectories(store.runDir(key).resolve("agent"));
    Files.writeString(store.runDir(key).resolve("agent/stdout.log"), "{\"type\":\"assistant\"");
    Journals.write(
        store.layout(),
        key,
        new RunJournal(
            List.of(
                new RunJournal.Attempt(
                    1, "2026-01-01T00:00:00Z", null, RunJournal.Outcome.RUNNING, null, null))));

    run(store, 2, RunSettings.defaults(), new RunControl());

    RunJournal j = Journals.read(store.layout(), key).orNull();
    assertThat(j.attempts())
        .extracting(RunJournal.Attempt::outcome)
        .containsExactly(RunJournal.Outcome.INTERRUPTED, RunJournal.Outcome.FINISHED);
    assertThat(j.spent()).isZero();
    assertThat(status(store).counts().runs(RunStatus.COMPLETED)).isEqualTo(12);
  }

  @Test
  void resultsRunsAreRebuiltNotRerun() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(2).writeTo(tmp.resolve("done"));
    Files.delete(exp.resolve("T0/00/run_01/agent/result.json"));
    Files.delete(exp.resolve("T0/00/run_01/run_result.json"));
    ExperimentStore store = ExperimentStore.open(exp);
    OrchestrationReport r = run(store, 2, RunSettings.defaults(), new RunControl());
    assertThat(r.agentLaunches()).isZero();
    assertThat(r.judgeCalls()).isZero();
    assertThat(fakes.log).contains("rebuild-agent T0/00/run_01");
    assertThat(status(store).counts().runs(RunStatus.COMPLETED)).isEqualTo(2);
  }

  @Test
  void aFullDiskStopsLaunchingNamesTheCauseAndLosesNothingFinished() throws Exception {
    ExperimentStore store = fresh();
    RunKey victim = new RunKey("T0", "01", 2);
    fakes.diskFull = victim::equals;

    OrchestrationReport r = run(store, 1, RunSettings.defaults(), new RunControl());

    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(4);
    assertThat(r.runs())
        .filteredOn(f -> f.key().equals(victim))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(RunFinal.Kind.INTERRUPTED);
              assertThat(f.reason())
                  .startsWith("I/O problem: ")
                  .contains("No space left on device");
            });
    assertThat(r.stopReason()).contains("No space left on device");
    assertThat(r.count(RunFinal.Kind.STOPPED)).isEqualTo(7);
    assertThat(warnings).anyMatch(w -> w.contains(victim.label()) && w.contains("No space left"));
    StatusReport s = status(store);
    assertThat(s.counts().runs(RunStatus.COMPLETED)).isEqualTo(4);
    assertThat(s.counts().runs(RunStatus.MISSING)).isEqualTo(7);
    // the victim's agent had finished: it is kept, and only its judging is left to do
    assertThat(s.items())
        .filteredOn(v -> v.key().equals(victim))
        .singleElement()
        .satisfies(v -> assertThat(v.status().agentUnfinished()).isFalse());

    // Space freed: the same command finishes the rest without re-running what had finished.
    fakes.diskFull = k -> false;
    OrchestrationReport again = run(store, 2, RunSettings.defaults(), new RunControl());
    assertThat(again.count(RunFinal.Kind.COMPLETED)).isEqualTo(12);
    assertThat(fakes.agentCalls.get(victim).get()).isEqualTo(1);
    assertThat(fakes.agentCalls.values()).allMatch(c -> c.get() == 1);
    assertThat(status(store).counts().runs(RunStatus.COMPLETED)).isEqualTo(12);
  }

  @Test
  void theCostGuardStopsLaunching() throws Exception {
    ExperimentStore store = fresh();
    OrchestrationReport r =
        run(store, 1, RunSettings.defaults().withMaxCost(0.35), new RunControl());
    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(3);
    assertThat(r.spentUsd()).isLessThanOrEqualTo(0.35);
    assertThat(r.stopReason()).contains("cost limit");
    assertThat(r.count(RunFinal.Kind.STOPPED)).isEqualTo(9);
  }

  @Test
  void judgeSpendCountsTowardsTheCostLimitAndStopsJudgingWhenItWouldCrossIt() throws Exception {
    ExperimentStore store = fresh();
    // agents cost $0.10 a run; each judge call $0.05, three judges a run: $0.25 a run
    fakes.judgeScript =
        (k, slot, n) ->
            StepOutcome.done()
                .withJudgeCalls(
                    1,
                    new dev.scylla.model.JudgeSpend(
                        1, 0, 0.05, new dev.scylla.model.TokenStats(100, 10, 0, 0)));

    OrchestrationReport r =
        run(store, 1, RunSettings.defaults().withMaxCost(0.62), new RunControl());

    // agents alone would have allowed six runs
    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(2);
    assertThat(r.agentLaunches()).isEqualTo(3);
    assertThat(r.judgeCalls()).isEqualTo(6);
    assertThat(r.judgeSpend().costUsd()).isCloseTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.judgeSpend().tokens().inputTokens()).isEqualTo(600);
    assertThat(r.spentUsd()).isCloseTo(0.60, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.spentUsd()).isLessThanOrEqualTo(0.62);
    assertThat(r.stopReason())
        .contains("cost limit")
        .contains("judges $0.30")
        .contains("judge call");
    // the third run's agent finished; its judging is left for a resume
    StatusReport s = status(store);
    assertThat(s.counts().runs(RunStatus.COMPLETED)).isEqualTo(2);
    assertThat(s.counts().runs(RunStatus.RESULTS)).isEqualTo(1);
  }

  @Test
  void anAttemptWithAReminderIsTwoJudgeCalls() throws Exception {
    Path exp =
        SyntheticExperiment.builder()
            .tier("T0", "00")
            .runs(1)
            .withPlan()
            .noRuns()
            .writeTo(tmp.resolve("one"));
    ExperimentStore store = ExperimentStore.open(exp);
    fakes.judgeScript =
        (k, slot, n) ->
            StepOutcome.done()
                .withJudgeCalls(
                    slot == 1 ? 2 : 1,
                    new dev.scylla.model.JudgeSpend(
                        slot == 1 ? 2 : 1, 0, 0.01, dev.scylla.model.TokenStats.ZERO));

    OrchestrationReport r = run(store, 1, RunSettings.defaults(), new RunControl());

    assertThat(r.count(RunFinal.Kind.COMPLETED)).isEqualTo(1);
    // three slots judged once each, the first with a reminder: four calls
    assertThat(r.judgeCalls()).isEqualTo(4);
    assertThat(r.spentUsd()).isCloseTo(0.10 + 0.03, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void stopLaunchingLetsRunningStepsFinishAndStartsNothingNew() throws Exception {
    ExperimentStore store = fresh();
    RunControl control = new RunControl();
    fakes.agentMillis = 300;
    Thread stopper =
        new Thread(
            () -> {
              try {
                Thread.sleep(150);
              } catch (InterruptedException e) {
                return;
              }
              control.stopLaunching();
            });
    stopper.start();
    OrchestrationReport r = run(store, 2, RunSettings.defaults(), control);
    stopper.join();
    assertThat(r.count(RunFinal.Kind.STOPPED)).isGreaterThanOrEqualTo(10);
    long agentRuns = fakes.agentCalls.values().stream().mapToInt(a -> a.get()).sum();
    assertThat(agentRuns).isEqualTo(2);
    StatusReport s = status(store);
    assertThat(s.counts().runs(RunStatus.MISSING)).isEqualTo(10);
    assertThat(s.counts().runs(RunStatus.COMPLETED) + s.counts().runs(RunStatus.RESULTS))
        .isEqualTo(2);
  }

  @Test
  void cancelKillsWhatRunsAndRecordsItAsInterrupted() throws Exception {
    ExperimentStore store = fresh();
    RunControl control = new RunControl();
    fakes.agentMillis = 5_000;
    Thread canceller =
        new Thread(
            () -> {
              try {
                Thread.sleep(200);
              } catch (InterruptedException e) {
                return;
              }
              control.cancel();
            });
    canceller.start();
    OrchestrationReport r = run(store, 2, RunSettings.defaults(), control);
    canceller.join();
    assertThat(r.count(RunFinal.Kind.INTERRUPTED)).isEqualTo(2);
    for (RunFinal f : r.runs()) {
      if (f.kind() == RunFinal.Kind.INTERRUPTED) {
        RunJournal j = Journals.read(store.layout(), f.key()).orNull();
        assertThat(j.last().outcome()).isEqualTo(RunJournal.Outcome.INTERRUPTED);
        assertThat(j.spent()).isZero();
      }
    }
  }
}
