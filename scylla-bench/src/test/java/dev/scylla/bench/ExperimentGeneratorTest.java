package dev.scylla.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scylla.event.EventSink;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.RunPlan;
import dev.scylla.service.RegenerateReport;
import dev.scylla.service.RegenerateRequest;
import dev.scylla.service.Scylla;
import dev.scylla.service.StatusRequest;
import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.StatusReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's generated experiments are complete and consistent with the builders. */
class ExperimentGeneratorTest {
  @TempDir Path tmp;

  static void check(Path dir, int runs) throws Exception {
    Scylla scylla = new Scylla(EventSink.NONE);
    StatusReport s = scylla.status(new StatusRequest(dir, Selection.ALL));
    assertThat(s.counts().totalRuns()).isEqualTo(runs);
    assertThat(s.counts().runs(RunStatus.COMPLETED)).isEqualTo(runs);
    assertThat(s.counts().slots(SlotStatus.COMPLETE)).isEqualTo(3 * runs);
    assertThat(s.allDone()).isTrue();
    RegenerateReport r =
        scylla.regenerate(
            new RegenerateRequest(dir, Selection.ALL, ConsensusPolicy.DEFAULT, false));
    assertThat(r.ok()).isTrue();
    assertThat(r.count(RunPlan.Outcome.UNCHANGED))
        .as("generated run files agree with what regenerate derives")
        .isEqualTo(runs);
    CommandBench.prepareRegenerate(dir);
    assertThat(dir.resolve("T0/00/run_01/run_result.json")).doesNotExist();
    assertThat(dir.resolve("T0/00/run_01/agent/result.json")).exists();
    assertThat(dir.resolve("config/experiment.json")).exists();
    assertThat(dir.resolve("result.json")).doesNotExist();
    assertThat(CommandBench.statusFiles(dir)).hasSize(2 + runs * 8);
  }

  @Test
  void builtInTemplate() throws Exception {
    Path dir = tmp.resolve("exp");
    int runs = new ExperimentGenerator(RunTemplate.builtIn(), 1, false).writeTo(dir, 40);
    assertThat(runs).isEqualTo(40);
    check(dir, runs);
  }

  @Test
  void recordedTemplateWhenShared() throws Exception {
    Path run =
        Paths.get("")
            .toAbsolutePath()
            .getParent()
            .resolveSibling("shared")
            .resolve("fixtures/scylla-dryrun/experiment/T0/00/run_01");
    assumeTrue(Files.isDirectory(run), "skipped: ../shared is not present");
    RunTemplate t = RunTemplate.fromRun(run);
    assertThat(t).isNotNull();
    assertThat(t.judgeModels()).hasSize(3);
    Path dir = tmp.resolve("exp");
    int runs = new ExperimentGenerator(t, 2, true).writeTo(dir, 20);
    check(dir, runs);
    assertThat(dir.resolve("T0/00/run_01/judge/judge_01/response.txt")).exists();
  }
}
