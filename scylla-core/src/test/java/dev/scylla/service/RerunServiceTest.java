package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import dev.scylla.run.FakePorts;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.RunControl;
import dev.scylla.run.StepOutcome;
import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import dev.scylla.store.ExperimentLayout;
import dev.scylla.store.ExperimentLock;
import dev.scylla.store.ExperimentStore;
import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rerun-agents and rerun-judges on synthetic experiments, with fake agents and judges. */
class RerunServiceTest {
  @TempDir Path tmp;
  private final FakePorts fakes = new FakePorts();
  private Path exp;

  private final Scylla scylla =
      new Scylla(EventSink.NONE) {
        @Override
        protected Orchestrator.Wiring createWiring(ExperimentStore store) {
          return fakes.wiring();
        }
      };

  @BeforeEach
  void experiment() {
    exp =
        SyntheticExperiment.builder()
            .tier("T0", "00", "01")
            .tier("T1", "01")
            .runs(2)
            .withPlan()
            .writeTo(tmp.resolve("exp"));
  }

  private RerunReport agents(boolean dryRun) {
    return scylla.rerunAgents(
        new RerunAgentsRequest(exp, Selection.ALL, dryRun, false, 2, null, false),
        new RunControl());
  }

  private RerunReport judges(Set<SlotStatus> statuses, boolean dryRun) {
    Selection sel = Selection.ALL.withSlotStatuses(statuses);
    return scylla.rerunJudges(
        new RerunJudgesRequest(exp, sel, null, dryRun, false, 2, false), new RunControl());
  }

  @Test
  void rerunAgentsRewritesTheSummariesOfWhatItTouchedAndTheExperimentsOnce() {
    deleteTree(exp.resolve("T0/01/run_02"));

    RerunReport r = agents(false);

    assertThat(r.work().count(dev.scylla.run.RunFinal.Kind.COMPLETED)).isEqualTo(1);
    // issue 12 (1): the experiment's result.json, report and tier comparison were left stale
    assertThat(fakes.log).containsOnlyOnce("experiment summary");
    assertThat(fakes.log.stream().filter(l -> l.startsWith("summaries")))
        .containsExactly("summaries 1");
  }

  @Test
  void aJudgeSlotBeyondTheExperimentsJudgesIsBadInputAndChangesNothing() {
    Map<String, String> before = TreeSnapshot.of(exp);
    Selection sel = new Selection(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(9), Set.of());
    assertThatThrownBy(
            () ->
                scylla.rerunJudges(
                    new RerunJudgesRequest(exp, sel, null, false, false, 2, false),
                    new RunControl()))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e -> assertThat(e.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT))
        .hasMessageContaining("--judge-slot 9")
        .hasMessageContaining("3 judges");
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
  }

  @Test
  void dryRunsChangeNothing() {
    Path run = exp.resolve("T0/01/run_02");
    deleteTree(run);
    Map<String, String> before = TreeSnapshot.of(exp);
    RerunReport r = agents(true);
    assertThat(r.dryRun()).isTrue();
    assertThat(r.targets()).extracting(k -> k.label()).containsExactly("T0/01/run_02");
    assertThat(r.estimate().agentRuns()).isEqualTo(1);
    assertThat(r.estimate().usd()).isPositive();
    judges(Set.of(), true);
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
    assertThat(fakes.log).isEmpty();
  }

  @Test
  void failedAndMissingRunsAreRerunAndResultsRunsRebuilt() throws Exception {
    deleteTree(exp.resolve("T0/01/run_02"));
    Files.writeString(exp.resolve("T1/01/run_01/agent/output.txt"), "");
    Files.writeString(exp.resolve("T1/01/run_01/agent/stderr.log"), "crash\n");
    Files.delete(exp.resolve("T0/00/run_01/run_result.json"));

    RerunReport r = agents(false);

    assertThat(r.before().counts().runs(RunStatus.MISSING)).isEqualTo(1);
    assertThat(r.before().counts().runs(RunStatus.FAILED)).isEqualTo(1);
    assertThat(r.before().counts().runs(RunStatus.RESULTS)).isEqualTo(1);
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(6);
    assertThat(r.after().counts().totalRuns()).isEqualTo(6);
    assertThat(r.work().agentLaunches()).isEqualTo(2);
    assertThat(exp.resolve("T1/01/.failed/run_01_attempt_1/agent/stderr.log"))
        .hasContent("crash\n");
    assertThat(fakes.log)
        .contains("finalize T0/00/run_01")
        .noneMatch(l -> l.startsWith("agent T0/00/run_01"));
  }

  @Test
  void failedJudgeSlotsAreRejudgedAndTheCountsComeFromAFreshScan() throws Exception {
    Files.delete(exp.resolve("T0/00/run_01/judge/judge_02/judgment.json"));
    Files.writeString(exp.resolve("T0/00/run_01/judge/judge_02/error.log"), "Judge failed: boom\n");
    Files.writeString(exp.resolve("T1/01/run_02/judge/judge_03/judgment.json"), "{\"score\": ");
    deleteTree(exp.resolve("T1/01/run_02/workspace"));

    RerunReport r = judges(Set.of(), false);

    assertThat(r.before().counts().slots(SlotStatus.FAILED)).isEqualTo(2);
    assertThat(r.after().counts().slots(SlotStatus.FAILED)).isZero();
    assertThat(r.after().counts().slots(SlotStatus.COMPLETE)).isEqualTo(18);
    assertThat(r.work().judgeCalls()).isEqualTo(2);
    assertThat(fakes.log).contains("judge T0/00/run_01#2 #1 DONE", "judge T1/01/run_02#3 #1 DONE");
  }

  @Test
  void aSlotThatEndsInFallbackIsNotRetriedByAPlainRerun() throws Exception {
    Files.delete(exp.resolve("T0/00/run_02/judge/judge_01/judgment.json"));
    fakes.judgeScript =
        (k, slot, n) ->
            n < 2
                ? StepOutcome.failed("malformed")
                : new StepOutcome(StepOutcome.Kind.FALLBACK, "2 attempts failed", null);

    RerunReport first = judges(Set.of(), false);
    assertThat(first.after().counts().slots(SlotStatus.FALLBACK)).isEqualTo(1);

    RerunReport second = judges(Set.of(), false);
    assertThat(second.targets()).isEmpty();
    assertThat(second.work().judgeCalls()).isZero();

    RerunReport asked = judges(Set.of(SlotStatus.FALLBACK), false);
    assertThat(asked.targets()).hasSize(1);
  }

  @Test
  void agentFailedSlotsAreListedWithAdvice() throws Exception {
    deleteTree(exp.resolve("T0/01/run_01"));
    RerunReport r = judges(Set.of(), true);
    assertThat(r.notes())
        .anyMatch(n -> n.contains("T0/01/run_01") && n.contains("rerun-agents first"));
    assertThat(r.targets()).isEmpty();
  }

  @Test
  void withoutABaseRepositoryAgentsAreNotRerunButResultsAreRebuilt() throws Exception {
    fakes.workspaceUnavailable =
        "the base repository is gone and https://example.invalid/hello.git cannot be reached";
    deleteTree(exp.resolve("T0/01/run_02"));
    Files.delete(exp.resolve("T0/00/run_01/run_result.json"));
    RerunReport r = agents(false);
    assertThat(r.notes())
        .anyMatch(n -> n.contains("T0/01/run_02") && n.contains("agent cannot be rerun"));
    assertThat(r.after().counts().runs(RunStatus.RESULTS)).isZero();
    assertThat(r.after().counts().runs(RunStatus.MISSING)).isEqualTo(1);
  }

  @Test
  void aSecondWriterIsRefused() {
    deleteTree(exp.resolve("T0/01/run_02"));
    try (ExperimentLock lock =
        ExperimentLock.acquire(ExperimentLayout.detect(exp), "scylla run", Duration.ZERO)) {
      assertThatThrownBy(() -> agents(false))
          .isInstanceOf(ScyllaException.class)
          .satisfies(
              e -> assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.LOCKED));
    }
    assertThat(exp.resolve("T0/01/run_02")).doesNotExist();
  }

  private RerunReport repeats(Selection sel, int repeats, int concurrency) {
    return scylla.rerunJudges(
        new RerunJudgesRequest(exp, sel, null, false, false, concurrency, false, false, repeats),
        new RunControl());
  }

  /** Every file outside the slots' {@code .repeats/}, with its content and modification time. */
  private Map<String, String> withoutRepeats() {
    Map<String, String> m = new java.util.TreeMap<>(TreeSnapshot.of(exp));
    m.keySet().removeIf(k -> k.contains("/.repeats/"));
    return m;
  }

  @Test
  void repeatsJudgeEveryCompleteSlotBesideItsVerdictAndLeaveTheRunsAlone() throws Exception {
    Map<String, String> before = withoutRepeats();

    RerunReport r = repeats(Selection.ALL, 2, 2);

    // 6 runs x 3 slots x 2 repeats, no finalising, no summaries
    assertThat(r.estimate().judgeCalls()).isEqualTo(36);
    assertThat(r.work().judgeCalls()).isEqualTo(36);
    assertThat(r.work().judgeSpend().costUsd())
        .isCloseTo(0.36, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.work().count(dev.scylla.run.RunFinal.Kind.COMPLETED)).isEqualTo(6);
    assertThat(fakes.log).noneMatch(l -> l.startsWith("finalize") || l.startsWith("summaries"));
    assertThat(fakes.log).noneMatch(l -> l.startsWith("judge "));
    // nothing outside .repeats/ changes but the experiment's bookkeeping
    Map<String, String> after = withoutRepeats();
    Map<String, String> changed = new java.util.TreeMap<>();
    after.forEach(
        (k, v) -> {
          if (!v.equals(before.get(k))) {
            changed.put(k, v);
          }
        });
    assertThat(changed.keySet())
        .allSatisfy(k -> assertThat(k).matches("\\.scylla/.*|checkpoint\\.json"));
    assertThat(before.keySet()).allSatisfy(k -> assertThat(after).containsKey(k));
    Path slot = exp.resolve("T0/00/run_01/judge/judge_02/.repeats");
    assertThat(slot.resolve("repeat_1/judgment.json")).exists();
    assertThat(slot.resolve("repeat_2/judgment.json")).exists();
    // the classification is the slots' own
    assertThat(r.after().counts().slots(SlotStatus.COMPLETE))
        .isEqualTo(r.before().counts().slots(SlotStatus.COMPLETE));

    // a second invocation numbers on; --judge-slot composes
    fakes.log.clear();
    Selection one = new Selection(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(2), Set.of());
    RerunReport again = repeats(one, 1, 2);
    assertThat(again.work().judgeCalls()).isEqualTo(6);
    assertThat(slot.resolve("repeat_3/judgment.json")).exists();
    assertThat(exp.resolve("T0/00/run_01/judge/judge_01/.repeats/repeat_3")).doesNotExist();
    assertThat(fakes.log).allMatch(l -> l.startsWith("repeat ") && l.endsWith("#2 3"));
  }

  @Test
  void repeatsStopAtTheCostLimit() {
    scylla.configureRuns(s -> s.withMaxCost(0.025));
    RerunReport r = repeats(Selection.ALL, 2, 1);
    // $0.01 a call: the third would pass $0.025
    assertThat(r.work().judgeCalls()).isEqualTo(2);
    assertThat(r.work().stopReason()).contains("cost limit");
  }

  @Test
  void repeatsWithoutAValidVerdictOrWithIncompatibleOptionsAreRefused() throws Exception {
    // a failed slot is not repeated: noted, nothing judged
    Files.delete(exp.resolve("T0/00/run_01/judge/judge_01/judgment.json"));
    Selection failed = Selection.ALL.withSlotStatuses(java.util.EnumSet.allOf(SlotStatus.class));
    RerunReport r =
        scylla.rerunJudges(
            new RerunJudgesRequest(exp, failed, null, true, false, 1, false, false, 1),
            new RunControl());
    assertThat(r.notes())
        .anyMatch(n -> n.contains("T0/00/run_01 judge_01") && n.contains("no valid verdict"));
    assertThat(r.estimate().judgeCalls()).isEqualTo(6 * 3 - 1);
    for (var bad :
        List.<Runnable>of(
            () ->
                new RerunJudgesRequest(exp, Selection.ALL, null, false, false, 1, false, false, -1),
            () -> new RerunJudgesRequest(exp, Selection.ALL, null, false, false, 1, false, true, 1),
            () ->
                new RerunJudgesRequest(
                    exp, Selection.ALL, null, false, false, 1, true, false, 1))) {
      assertThatThrownBy(bad::run)
          .isInstanceOfSatisfying(
              ScyllaException.class,
              e -> assertThat(e.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT));
    }
  }

  private static void deleteTree(Path p) {
    try {
      StatusDamageTest.deleteTree(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
