package dev.scylla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
import dev.scylla.store.ExperimentStore;
import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one pipeline of acting commands: scan, select, estimate, lock, execute, summaries, rescan.
 */
class SessionTest {
  @TempDir Path tmp;
  private final FakePorts fakes = new FakePorts();

  private Path fresh() {
    return SyntheticExperiment.builder()
        .tier("T0", "00", "01")
        .tier("T1", "01")
        .runs(2)
        .withPlan()
        .noRuns()
        .writeTo(tmp.resolve("exp"));
  }

  private Session session() {
    return Session.local(EventSink.NONE, store -> fakes.wiring(), Clock.systemUTC());
  }

  private Session.Request request(Path exp, boolean dryRun) {
    return new Session.Request(
        exp, "scylla test", Selection.ALL, dryRun, 2, RunSettings.defaults(), new RunControl());
  }

  /** Every run, tier by tier: one phase per tier. */
  private static Session.Selector byTier() {
    return (store, before, ports) -> {
      Map<String, List<Work>> phases = new java.util.TreeMap<>();
      for (RunKey k : before.matrix().runs()) {
        phases.computeIfAbsent(k.tier(), t -> new ArrayList<>()).add(Work.drive(k));
      }
      return new Session.Plan(
          new ArrayList<>(phases.values()), CostEstimate.NONE, 0.1, List.of("a note"));
    };
  }

  @Test
  void executesPhaseByPhaseThenWritesEverySummaryOnceAndRescans() throws Exception {
    Path exp = fresh();

    Session.Report r = session().run(request(exp, false), byTier());

    assertThat(r.before().counts().runs(RunStatus.MISSING)).isEqualTo(6);
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(6);
    assertThat(r.work().count(RunFinal.Kind.COMPLETED)).isEqualTo(6);
    assertThat(r.plan().targets()).hasSize(6);
    assertThat(r.plan().notes()).containsExactly("a note");
    // every T0 run ran before any T1 run (phases), and the summaries came once, after both
    List<String> log = new ArrayList<>(fakes.log);
    int lastT0 = -1;
    int firstT1 = Integer.MAX_VALUE;
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).startsWith("agent T0")) {
        lastT0 = i;
      }
      if (log.get(i).startsWith("agent T1")) {
        firstT1 = Math.min(firstT1, i);
      }
    }
    assertThat(lastT0).isLessThan(firstT1);
    assertThat(log.stream().filter(l -> l.startsWith("summaries"))).containsExactly("summaries 3");
    assertThat(log.stream().filter(l -> l.equals("experiment summary"))).hasSize(1);
    assertThat(log.indexOf("summaries 3")).isGreaterThan(log.lastIndexOf("finalize T1/01/run_02"));
  }

  @Test
  void aDryRunAndASessionWithNothingToDoWriteNothing() throws Exception {
    Path exp = fresh();
    Map<String, String> before = TreeSnapshot.of(exp);

    Session.Report dry = session().run(request(exp, true), byTier());
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.after()).isNull();
    assertThat(dry.plan().targets()).hasSize(6);

    Session.Report none =
        session()
            .run(
                request(exp, false),
                (store, b, ports) -> Session.Plan.of(List.of(), CostEstimate.NONE, 0, List.of()));
    assertThat(none.work().runs()).isEmpty();
    assertThat(none.after()).isNotNull();

    assertThat(TreeSnapshot.of(exp))
        .as("no lock file, no checkpoint, no summaries")
        .isEqualTo(before);
    assertThat(fakes.log).isEmpty();
  }

  @Test
  void whenLaunchingStopsTheLaterPhasesAreStoppedAndOnlyTouchedSubtestsAreSummarised()
      throws Exception {
    Path exp = fresh();
    RunControl control = new RunControl();
    fakes.agentScript =
        (k, n) -> {
          if (k.tier().equals("T0")) {
            control.stopLaunching("stopped by the test");
          }
          return StepOutcome.done();
        };
    Session.Request req =
        new Session.Request(
            exp, "scylla test", Selection.ALL, false, 1, RunSettings.defaults(), control);

    Session.Report r = session().run(req, byTier());

    assertThat(r.work().runs())
        .filteredOn(f -> f.key().tier().equals("T1"))
        .allMatch(f -> f.kind() == RunFinal.Kind.STOPPED);
    assertThat(fakes.log).noneMatch(l -> l.startsWith("agent T1"));
    assertThat(fakes.log).contains("summaries 1");
    assertThat(ExperimentStore.open(exp).layout().root()).isEqualTo(exp.toRealPath());
  }

  @Test
  void summariesASessionWasStoppedBeforeAreWrittenByTheNextEvenWithNothingElseToDo()
      throws Exception {
    Path exp = fresh();
    fakes.summariesFail = true;
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> session().run(request(exp, false), byTier()))
        .hasMessageContaining("No space left on device");
    assertThat(fakes.log).noneMatch(l -> l.startsWith("summaries"));
    assertThat(dev.scylla.store.SummariesPending.read(ExperimentStore.open(exp).layout()))
        .as("the debt stays on disk")
        .hasSize(3);

    fakes.summariesFail = false;
    fakes.log.clear();
    Session.Report r =
        session()
            .run(
                request(exp, false),
                (store, b, ports) -> Session.Plan.of(List.of(), CostEstimate.NONE, 0, List.of()));

    assertThat(r.work().runs()).isEmpty();
    assertThat(fakes.log).containsExactly("summaries 3", "experiment summary");
    assertThat(dev.scylla.store.SummariesPending.read(ExperimentStore.open(exp).layout()))
        .isEmpty();
    // paid: a third session has nothing to do and writes nothing
    fakes.log.clear();
    session()
        .run(
            request(exp, false),
            (store, b, ports) -> Session.Plan.of(List.of(), CostEstimate.NONE, 0, List.of()));
    assertThat(fakes.log).isEmpty();
  }
}
