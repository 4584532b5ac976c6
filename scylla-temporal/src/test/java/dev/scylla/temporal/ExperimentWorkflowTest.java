package dev.scylla.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunKey;
import dev.scylla.run.CostEstimate;
import dev.scylla.run.OrchestrationReport;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunFinal;
import dev.scylla.run.RunSettings;
import dev.scylla.run.Session;
import dev.scylla.run.StepOutcome;
import dev.scylla.run.Work;
import dev.scylla.status.Selection;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Journals;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow's logic on Temporal's in-JVM test server (time skipping): the real workflow, the
 * real activities and the real run state machine, with fake ports.
 */
class ExperimentWorkflowTest {
  private static final String QUEUE = "scylla-test";

  @TempDir Path tmp;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private FakeLab lab;

  @BeforeEach
  void setUp() throws Exception {
    lab = new FakeLab(tmp, 2);
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    Worker w =
        TemporalWorker.register(
            env.getWorkerFactory(),
            client,
            QUEUE,
            8,
            store -> lab.wiring(),
            EventSink.NONE,
            Clock.systemUTC(),
            Duration.ofMillis(100));
    assertThat(w).isNotNull();
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private TemporalExecutor executor(boolean detach) {
    return new TemporalExecutor(client, QUEUE, detach, Duration.ofSeconds(20), EventSink.NONE);
  }

  private Session.Report session(TemporalExecutor executor, int concurrency, RunControl control) {
    Session s = new Session(EventSink.NONE, st -> lab.wiring(), w -> executor);
    return s.run(
        new Session.Request(
            lab.experiment,
            "scylla run",
            Selection.ALL,
            false,
            concurrency,
            RunSettings.defaults(),
            control),
        (st, before, w) ->
            Session.Plan.of(
                before.matrix().runs().stream().map(Work::drive).toList(),
                CostEstimate.NONE,
                0,
                List.of()));
  }

  private RunJournal journal(RunKey k) {
    return Journals.read(ExperimentStore.open(lab.experiment).layout(), k).orNull();
  }

  @Test
  void everyRunCompletesOnTheWorkersAtMostConcurrencyAtATimeAndTheSummariesAreWritten() {
    Session.Report r = session(executor(false), 3, new RunControl());

    assertThat(r.work().count(RunFinal.Kind.COMPLETED)).isEqualTo(8);
    assertThat(r.after().items()).allMatch(v -> v.status().jsonName().equals("completed"));
    assertThat(lab.maxInFlight.get()).isBetween(1, 3);
    assertThat(lab.agentLaunches.values()).allMatch(n -> n.get() == 1);
    assertThat(lab.calls()).isEqualTo(16);
    // once by the workflow (it may outlive its starter), once by the session that waited
    assertThat(lab.summaries.get()).isEqualTo(2);
    assertThat(Files.exists(lab.experiment.resolve("T0/result.json"))).isTrue();
  }

  @Test
  void aRunWhoseActivityDiesAfterTheAgentIsRetriedAndResumesWithoutRelaunchingTheAgent() {
    RunKey victim = new RunKey("T0", "01", 2);
    lab.judge =
        (ctx, slot, n) -> {
          if (ctx.key().equals(victim) && n == 1) {
            throw new IllegalStateException("the worker died while judging");
          }
        };

    Session.Report r = session(executor(false), 4, new RunControl());

    assertThat(r.work().count(RunFinal.Kind.COMPLETED)).isEqualTo(8);
    assertThat(lab.agentLaunches.get(victim).get()).isEqualTo(1);
    RunJournal j = journal(victim);
    assertThat(j.attempts()).hasSize(1);
    assertThat(j.attempts().get(0).outcome()).isEqualTo(RunJournal.Outcome.FINISHED);
    // slot 1 failed once with its activity; the retry judged slots 1 and 2
    assertThat(lab.judgeCalls.get(victim).get()).isEqualTo(3);
  }

  @Test
  void aHardLimitOneRunMeetsClosesTheModelForEveryRunThroughTheWorkflow() {
    lab.agent = (ctx, n, c) -> StepOutcome.rateLimited("usage limit reached", null, true);

    Session.Report r = session(executor(false), 1, new RunControl());

    assertThat(lab.launches()).isEqualTo(1);
    assertThat(r.work().count(RunFinal.Kind.STOPPED)).isEqualTo(8);
    assertThat(r.work().runs())
        .allSatisfy(f -> assertThat(f.reason()).contains("rate limit for " + FakeLab.MODEL));
    assertThat(r.work().stopReason()).contains("did not lift");
  }

  @Test
  void aLimitWithAResetTimeIsWaitedOutAndNoBudgetIsSpentOnIt() {
    RunKey first = new RunKey("T0", "00", 1);
    lab.agent =
        (ctx, n, c) ->
            ctx.key().equals(first) && n == 1
                ? StepOutcome.rateLimited("429", java.time.Instant.now().plusMillis(1500))
                : StepOutcome.done();

    Session.Report r = session(executor(false), 2, new RunControl());

    assertThat(r.work().count(RunFinal.Kind.COMPLETED)).isEqualTo(8);
    RunJournal j = journal(first);
    assertThat(j.attempts())
        .extracting(RunJournal.Attempt::outcome)
        .containsExactly(RunJournal.Outcome.RATE_LIMITED, RunJournal.Outcome.FINISHED);
  }

  @Test
  void cancellingTheWorkflowStopsLaunchingAndLetsTheRunningAgentsFinish() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(2);
    lab.agent =
        (ctx, n, c) -> {
          started.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return StepOutcome.done();
        };
    String id = TemporalExecutor.workflowId(ExperimentStore.open(lab.experiment).root());
    Thread canceller =
        new Thread(
            () -> {
              try {
                started.await(30, TimeUnit.SECONDS);
                WorkflowStub stub =
                    client.newUntypedWorkflowStub(id, Optional.empty(), Optional.empty());
                stub.cancel();
                ExperimentWorkflow wf = client.newWorkflowStub(ExperimentWorkflow.class, id);
                while (wf.progress().stopReason() == null) {
                  Thread.sleep(20);
                }
                Thread.sleep(300); // the runs in flight read the stop with their next heartbeat
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                release.countDown();
              }
            });
    canceller.start();

    Session.Report r = session(executor(false), 2, new RunControl());
    canceller.join();

    OrchestrationReport w = r.work();
    assertThat(lab.launches()).isEqualTo(2);
    assertThat(lab.calls()).isZero();
    assertThat(w.count(RunFinal.Kind.STOPPED)).isEqualTo(8);
    assertThat(w.stopReason()).isEqualTo("the workflow was cancelled");
    // the two agents that ran finished and are recorded so: a resume judges them, never re-runs
    long finished =
        FakeLab.keys(2).stream()
            .map(this::journal)
            .filter(j -> j != null && !j.attempts().isEmpty())
            .filter(j -> j.last().outcome() == RunJournal.Outcome.FINISHED)
            .count();
    assertThat(finished).isEqualTo(2);
  }

  @Test
  void aSecondStartWhileTheWorkflowRunsAttachesInsteadOfRunningTheRunsTwice() {
    CountDownLatch release = new CountDownLatch(1);
    lab.agent =
        (ctx, n, c) -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return StepOutcome.done();
        };
    Session.Report detached = session(executor(true), 4, new RunControl());
    assertThat(detached.work().count(RunFinal.Kind.STOPPED)).isEqualTo(8);
    assertThat(detached.work().stopReason()).startsWith("detached");

    release.countDown();
    Session.Report attached = session(executor(false), 4, new RunControl());

    assertThat(attached.work().count(RunFinal.Kind.COMPLETED)).isEqualTo(8);
    assertThat(lab.agentLaunches.values()).allMatch(n -> n.get() == 1);
    assertThat(attached.after().items()).allMatch(v -> v.status().jsonName().equals("completed"));
  }

  @Test
  void theWorkflowIdIsDerivedFromTheExperimentDirectory() {
    Path a = tmp.resolve("results/2026-01-01T00-00-00-test-001");
    assertThat(TemporalExecutor.workflowId(a))
        .isEqualTo(TemporalExecutor.workflowId(a.resolve("../" + a.getFileName())))
        .startsWith("scylla-2026-01-01T00-00-00-test-001-")
        .isNotEqualTo(TemporalExecutor.workflowId(tmp.resolve("elsewhere/" + a.getFileName())));
  }
}
