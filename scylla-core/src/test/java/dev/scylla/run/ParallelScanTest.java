package dev.scylla.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.RunPlan;
import dev.scylla.service.RegenerateReport;
import dev.scylla.service.RegenerateRequest;
import dev.scylla.service.RegeneratedRun;
import dev.scylla.service.Scylla;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentStore;
import dev.scylla.testing.SyntheticExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiments large enough for the scan to run in blocks on several threads. */
class ParallelScanTest {
  @TempDir Path tmp;

  Path experiment() throws IOException {
    Path exp =
        SyntheticExperiment.builder()
            .tier("T0", "00", "01", "02")
            .tier("T1", "01", "02")
            .runs(12)
            .writeTo(tmp.resolve("exp"));
    Files.delete(exp.resolve("T0/01/run_07/run_result.json"));
    Files.delete(exp.resolve("T1/02/run_12/agent/timing.json"));
    Files.delete(exp.resolve("T1/02/run_12/agent/result.json"));
    Files.writeString(exp.resolve("T0/02/run_03/judge/judge_02/judgment.json"), "{");
    return exp;
  }

  @Test
  void aParallelScanReportsWhatRunByRunClassificationSays() throws IOException {
    Path exp = experiment();
    assertThat(60).as("two blocks or more: scanned in parallel").isGreaterThan(Scanner.BLOCK);
    Set<RunKey> visited = ConcurrentHashMap.newKeySet();
    List<RunKey> twice = new ArrayList<>();
    StatusReport r =
        Scanner.scan(
            ExperimentStore.open(exp),
            Selection.ALL,
            EventSink.NONE,
            (snap, view) -> {
              if (!visited.add(snap.key())) {
                synchronized (twice) {
                  twice.add(snap.key());
                }
              }
            });
    assertThat(twice).isEmpty();
    assertThat(visited).hasSize(60);
    assertThat(r.items()).extracting(RunView::key).isSorted().hasSize(60);
    ExperimentStore store = ExperimentStore.open(exp);
    for (RunView v : r.items()) {
      assertThat(v).isEqualTo(Scanner.classify(store, r.matrix(), v.key()));
    }
    assertThat(r.counts().runs(RunStatus.COMPLETED)).isEqualTo(58);
    assertThat(r.counts().runs(RunStatus.RESULTS)).isEqualTo(1);
    assertThat(r.counts().runs(RunStatus.PARTIAL)).isEqualTo(1);
  }

  @Test
  void regenerateOnManyRunsReportsInRunOrder() throws IOException {
    Path exp = experiment();
    try (var walk = Files.walk(exp)) {
      for (Path p :
          walk.filter(p -> p.getFileName().toString().equals("run_result.json")).toList()) {
        Files.delete(p);
      }
    }
    RegenerateReport r =
        new Scylla(EventSink.NONE)
            .regenerate(new RegenerateRequest(exp, Selection.ALL, ConsensusPolicy.DEFAULT, false));
    assertThat(r.runs()).extracting(RegeneratedRun::key).isSorted();
    assertThat(r.count(RunPlan.Outcome.REBUILT)).isEqualTo(58);
    assertThat(r.count(RunPlan.Outcome.FAILED)).isEqualTo(1);
    assertThat(r.count(RunPlan.Outcome.SKIPPED)).isEqualTo(1);
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(58);
    assertThat(
            new Scylla(EventSink.NONE)
                .regenerate(
                    new RegenerateRequest(exp, Selection.ALL, ConsensusPolicy.DEFAULT, false))
                .filesWritten())
        .isZero();
  }
}
