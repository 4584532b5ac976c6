package dev.scylla.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.model.RunKey;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedExperimentTest {
  @TempDir Path tmp;

  @Test
  void changedPathsMapToTheRunTheyBelongToInBothLayouts() {
    Path flat = SyntheticExperiment.builder().tier("T0", "00").runs(2).writeTo(tmp.resolve("f"));
    ServedExperiment e = new ServedExperiment(0, flat);
    RunKey r1 = new RunKey("T0", "00", 1);
    assertThat(e.runOf("T0/00/run_01")).isEqualTo(r1);
    assertThat(e.runOf("T0/00/run_01/judge/judge_02/judgment.json")).isEqualTo(r1);
    assertThat(e.runOf("T0/00/run_01/judge/judge_02/.archive/attempt_1_call_1")).isEqualTo(r1);
    assertThat(e.runOf("T0/00/.failed/run_02_attempt_1")).isEqualTo(new RunKey("T0", "00", 2));
    assertThat(e.runOf(".scylla/journal/T0/00/run_02.json")).isEqualTo(new RunKey("T0", "00", 2));
    assertThat(e.runOf("completed/T0/00/run_01/agent/result.json")).isEqualTo(r1);
    assertThat(e.runOf("in_progress/T0/00/run_01")).isEqualTo(r1);
    for (String none :
        List.of(
            "T0/00/run_03",
            "T0/01/run_01",
            "T0/00/report.json",
            "T0/00",
            "result.json",
            "T0/00/run_x")) {
      assertThat(e.runOf(none)).as(none).isNull();
    }
    assertThat(ServedExperiment.changesMatrix("plan.json")).isTrue();
    assertThat(ServedExperiment.changesMatrix("T0/00/run_01/run_result.json")).isFalse();
  }

  @Test
  void theWatcherLeavesWorkspacesTheRepositoryAndArchiveContentsAlone() {
    assertThat(TreeWatcher.watches("")).isTrue();
    assertThat(TreeWatcher.watches("T0/00/run_01/judge/judge_01")).isTrue();
    assertThat(TreeWatcher.watches(".scylla/journal/T0/00")).isTrue();
    assertThat(TreeWatcher.watches("T0/00/.failed")).isTrue();
    assertThat(TreeWatcher.watches("T0/00/.failed/run_01_attempt_1")).isFalse();
    assertThat(TreeWatcher.watches("T0/00/.failed/run_01_attempt_1/agent")).isFalse();
    assertThat(TreeWatcher.watches("T0/00/run_01/workspace")).isFalse();
    assertThat(TreeWatcher.watches("repo")).isFalse();
    assertThat(TreeWatcher.watches(".scylla/sim")).isFalse();
    assertThat(TreeWatcher.watches("config/catalogue")).isFalse();
  }

  @Test
  void aPhasedExperimentIsServedWithItsArchives() throws Exception {
    Path exp =
        SyntheticExperiment.builder().tier("T0", "00").runs(2).phased().writeTo(tmp.resolve("p"));
    Path archive = exp.resolve("completed/T0/00/.failed/run_01_attempt_1/agent");
    Files.createDirectories(archive);
    Files.writeString(archive.resolve("stderr.log"), "crashed <b>hard</b>\n");
    try (Viewer v = Viewer.start(new ViewOptions(List.of(exp), "127.0.0.1", 0))) {
      String page = RawHttp.get(v.uri(), "/e/0/").body();
      assertThat(page)
          .contains("phased layout")
          .contains("data-run=\"T0/00/run_01\" data-state=\"completed\"")
          .contains("data-run=\"T0/00/run_02\" data-state=\"completed\"");
      String run = RawHttp.get(v.uri(), "/e/0/run/T0/00/run_01").body();
      assertThat(run).contains("completed/T0/00/.failed/run_01_attempt_1");
      String link = "/e/0/file/completed/T0/00/.failed/run_01_attempt_1/agent/stderr.log";
      assertThat(run).contains("href=\"" + link + "\"");
      RawHttp.Response file = RawHttp.get(v.uri(), link);
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.body()).isEqualTo("crashed <b>hard</b>\n");
    }
  }
}
