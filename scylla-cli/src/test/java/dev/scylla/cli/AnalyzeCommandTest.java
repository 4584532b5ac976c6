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
        .contains("claude-sonnet-4-5-20250929: pass rate")
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
            "pass_at_k.csv",
            "judge_noise.csv",
            "manifest.json")) {
      assertThat(out.resolve("data").resolve(f)).isRegularFile();
    }
    // no repeat verdicts: the header alone, as every optional data file
    assertThat(Files.readString(out.resolve("data/judge_noise.csv")))
        .isEqualTo(
            "judge_model,slots_with_repeats,repeats,mean_sd_score,mean_range_score,flip_share\n");
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
    Result compat = run("analyze", exp.toString(), "--out", "x", "--compat", "v2");
    assertThat(compat.code()).isEqualTo(2);
    assertThat(compat.err()).contains("--compat v2: expected head or committed");
    Result none = run("analyze", "--out", "x");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("give experiment directories (EXP...) or --data-dir DIR");
    Result both = run("analyze", exp.toString(), "--data-dir", tmp.toString(), "--out", "x");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("not both");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void dataDirReadsTheLatestTimestampOfEachExperimentFolderUnderHeadNames() throws Exception {
    Path data = tmp.resolve("fullruns");
    SyntheticExperiment.builder().runs(1).writeTo(data.resolve("exp-one/2026-01-01T00-00-00"));
    SyntheticExperiment.builder().runs(3).writeTo(data.resolve("exp-one/2026-03-01T00-00-00"));
    SyntheticExperiment.builder().runs(2).writeTo(data.resolve("exp-two/2026-01-01T00-00-00"));
    Path out = tmp.resolve("analysis");
    Result r =
        run(
            "analyze",
            "--data-dir",
            data.toString(),
            "--exclude",
            "exp-two",
            "--out",
            out.toString(),
            "--resamples",
            "100",
            "--no-figures");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    List<String> rows = Files.readAllLines(out.resolve("data/runs.csv"));
    assertThat(rows).hasSize(1 + 6);
    assertThat(rows.subList(1, rows.size()))
        .allMatch(l -> l.startsWith("exp-one,claude-sonnet-4-5-20250929,"));
    assertThat(rows.get(0))
        .endsWith(
            ",exit_code,api_calls,num_turns,num_models,"
                + "delegation_cost_ratio,r_prog,strategic_drift,cfp,pr_revert_rate"
                // ours after HEAD's (issue 16)
                + ",judge_cost_usd,judge_input_tokens,judge_output_tokens,"
                + "judge_cache_creation_tokens,judge_cache_read_tokens,simulated");
    Result missing = run("analyze", "--data-dir", tmp.resolve("nope").toString(), "--out", "y");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("--data-dir: no such directory");
  }

  @Test
  void compatCommittedWritesTheOlderPipelinesFiles() throws Exception {
    Path exp = experiment("exp-c");
    Path out = tmp.resolve("analysis-c");
    Result r =
        run(
            "analyze",
            exp.toString(),
            "--compat",
            "committed",
            "--out",
            out.toString(),
            "--resamples",
            "100",
            "--no-figures");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("Sonnet 4.5: pass rate");
    List<String> rows = Files.readAllLines(out.resolve("data/runs.csv"));
    assertThat(rows.get(0)).endsWith(",total_tokens,exit_code");
    assertThat(rows.get(1)).startsWith("exp-c,Sonnet 4.5,T0,00,1,");
    assertThat(Files.readString(out.resolve("data/statistical_results.json")))
        .doesNotContain("power_analysis", "interaction_tests", "overall_contrast");
  }
}
