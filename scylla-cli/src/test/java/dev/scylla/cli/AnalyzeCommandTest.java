package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private Path experiment(String name) {
    return SyntheticExperiment.builder()
        .tier("T0", "00", "01")
        .tier("T1", "01")
        .tier("T2", "01")
        .runs(4)
        .writeTo(tmp.resolve(name));
  }

  @Test
  void writesTheDataFilesAndSummarisesBothDenominators() throws Exception {
    Path exp = experiment("exp-a");
    Map<String, String> before = TreeSnapshot.of(exp);
    Path out = tmp.resolve("analysis");
    Result r = run("analyze", exp.toString(), "--out", out.toString(), "--resamples", "200");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out())
        .contains("Analysed 1 experiment: 16 runs with results of 16 expected")
        .contains("Sonnet 4.5: pass rate")
        .contains("strict (")
        .contains("excluding 0 infrastructure failures");
    for (String f :
        List.of(
            "runs.csv",
            "judges.csv",
            "criteria.csv",
            "subtests.csv",
            "summary.json",
            "statistical_results.json",
            "outcomes.csv",
            "pass_rates.csv",
            "retries.csv",
            "manifest.json")) {
      assertThat(out.resolve("data").resolve(f)).isRegularFile();
    }
    assertThat(Files.readAllLines(out.resolve("data/runs.csv"))).hasSize(17);
    assertThat(TreeSnapshot.of(exp)).as("the experiment is read only").isEqualTo(before);
  }

  @Test
  void renderersOnTheClassPathWriteTheirDirectories() throws Exception {
    Path exp = experiment("exp-r");
    Path out = tmp.resolve("analysis");
    Result r = run("analyze", exp.toString(), "--out", out.toString(), "--resamples", "100");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(Files.readString(out.resolve("tables/fake-tables.md"))).isEqualTo("runs: 16\n");
    assertThat(out.resolve("figures/fake-figure.txt")).isRegularFile();
    // the real tables and figures are on the class path too: count what is there
    long written;
    try (var files = Files.walk(out)) {
      written = files.filter(Files::isRegularFile).count();
    }
    assertThat(r.out()).contains("Wrote " + written + " files");
  }

  @Test
  void noFiguresLeavesOutOnlyTheFigures() {
    Path exp = experiment("exp-n");
    Path out = tmp.resolve("analysis");
    Result r =
        run(
            "analyze",
            exp.toString(),
            "--out",
            out.toString(),
            "--no-figures",
            "--resamples",
            "100");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(out.resolve("tables/fake-tables.md")).isRegularFile();
    assertThat(out.resolve("figures")).doesNotExist();
  }

  @Test
  void aFailingRendererIsReportedAndTheRestIsWritten() {
    Path exp = experiment("render-fails");
    Path out = tmp.resolve("analysis");
    Result r = run("analyze", exp.toString(), "--out", out.toString(), "--resamples", "100");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("failed: broken: cannot draw this");
    assertThat(r.err()).contains("error: broken: cannot draw this");
    assertThat(out.resolve("data/runs.csv")).isRegularFile();
    assertThat(out.resolve("tables/fake-tables.md")).isRegularFile();
    assertThat(out.resolve("figures/fake-figure.txt")).isRegularFile();
  }

  @Test
  void aSecondRunRewritesNothing() throws Exception {
    Path exp = experiment("exp-b");
    Path out = tmp.resolve("analysis");
    assertThat(run("analyze", exp.toString(), "--out", out.toString(), "--resamples", "100").code())
        .isEqualTo(0);
    Map<String, String> first = TreeSnapshot.of(out.resolve("data"));
    assertThat(run("analyze", exp.toString(), "--out", out.toString(), "--resamples", "100").code())
        .isEqualTo(0);
    assertThat(TreeSnapshot.of(out.resolve("data"))).as("same bytes, same times").isEqualTo(first);
  }

  @Test
  void excludeLeavesOutATier() throws Exception {
    Path exp = experiment("exp-c");
    Path out = tmp.resolve("analysis");
    Result r =
        run(
            "analyze",
            exp.toString(),
            "--out",
            out.toString(),
            "--exclude",
            "T1",
            "--resamples",
            "100");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    List<String> rows = Files.readAllLines(out.resolve("data/runs.csv"));
    assertThat(rows).hasSize(13).noneMatch(l -> l.contains(",T1,"));
  }

  @Test
  void aMissingExperimentIsBadInputWithOneLine() {
    Path missing = tmp.resolve("nope");
    Result r = run("analyze", missing.toString(), "--out", tmp.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("scylla: " + missing + ": no such directory");
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void aDirectoryWithoutExperimentsIsBadInput() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Result r = run("analyze", empty.toString(), "--out", tmp.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(empty + ": not an experiment directory");
  }

  @Test
  void aCorruptConfigIsBadInputNamingTheFile() throws Exception {
    Path exp = experiment("exp-d");
    Files.writeString(exp.resolve("config/experiment.json"), "{\"experiment_id\": ");
    Result r = run("analyze", exp.toString(), "--out", tmp.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("experiment.json").contains("not valid JSON");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void outputInsideTheExperimentIsRefused() {
    Path exp = experiment("exp-e");
    Result r = run("analyze", exp.toString(), "--out", exp.resolve("analysis").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--out is inside the experiment");
    assertThat(exp.resolve("analysis")).doesNotExist();
  }

  @Test
  void badOptionsAreBadInput() {
    Path exp = experiment("exp-f");
    assertThat(run("analyze", exp.toString(), "--out", "x", "--exclude", "a/b/c/d").code())
        .isEqualTo(2);
    assertThat(run("analyze", exp.toString(), "--out", "x", "--resamples", "0").code())
        .isEqualTo(2);
    assertThat(run("analyze", exp.toString()).code()).isEqualTo(2);
  }
}
