package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.testing.SharedFixtures;
import dev.scylla.testing.SyntheticExperiment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scylla analyze} writes the real tables and figures next to the data. */
class AnalyzeOutputTest {
  @TempDir Path tmp;

  private int run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void analyzeWritesTablesAndFiguresInEveryFormat() throws Exception {
    Path exp =
        SyntheticExperiment.builder()
            .tier("T0", "00")
            .tier("T1", "01")
            .runs(4)
            .writeTo(tmp.resolve("exp"));
    Path out = tmp.resolve("analysis");
    assertThat(run("analyze", exp.toString(), "--out", out.toString(), "--resamples", "100"))
        .isZero();
    List<String> tables = names(out.resolve("tables"));
    assertThat(tables)
        .contains(
            "tab01_tier_summary.md",
            "tab01_tier_summary.tex",
            "tab12_pass_rate_denominators.md",
            "tab13_retries_vs_first_attempts.tex",
            "tab14_pass_at_k.md",
            "tab14_pass_at_k.tex")
        .doesNotContain("tab06_model_comparison.md"); // one agent model
    List<String> figures = names(out.resolve("figures"));
    for (String f :
        List.of(
            "fig01_score_variance_by_tier",
            "fig02_judge_variance",
            "fig04_pass_rate_by_tier",
            "fig05_grade_heatmap",
            "fig06_cop_by_tier",
            "fig07_token_distribution",
            "fig08_cost_quality_pareto",
            "fig09_criteria_by_tier",
            "fig13_latency",
            "fig14_judge_agreement",
            "fig19_effect_size_forest",
            "fig20_metric_correlation_heatmap",
            "fig25_impl_rate_by_tier",
            "fig18_failure_rate_by_tier",
            "fig40_retries_vs_first_attempts",
            "fig41_pass_at_k")) {
      assertThat(figures).contains(f + ".png", f + ".svg", f + ".pdf", f + "_include.tex");
    }
    String summary =
        Files.readString(out.resolve("tables/tab01_tier_summary.md"), StandardCharsets.UTF_8);
    assertThat(summary)
        .contains("| claude-sonnet-4-5-20250929 | T0 | 1 | 4 | 0 |")
        .contains("Excl. infra");
  }

  @Test
  void noFiguresWritesTablesOnly() throws Exception {
    Path exp = SyntheticExperiment.builder().runs(2).writeTo(tmp.resolve("exp"));
    Path out = tmp.resolve("analysis");
    assertThat(
            run(
                "analyze",
                exp.toString(),
                "--out",
                out.toString(),
                "--no-figures",
                "--resamples",
                "100"))
        .isZero();
    assertThat(out.resolve("tables/tab01_tier_summary.tex")).isRegularFile();
    assertThat(out.resolve("figures")).doesNotExist();
  }

  @Test
  void theRecordedExperimentGetsEveryTableAndFigure() throws Exception {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    Path out = tmp.resolve("analysis");
    assertThat(run("analyze", exp.toString(), "--out", out.toString(), "--resamples", "100"))
        .isZero();
    // 29 figures x 3 formats (the CLI tests' fake renderer adds a file of its own): 16 of ours
    // less fig19 (one run per tier leaves no effect size) and 15 of the reference's HEAD families
    // less fig23 (no tier with the 3 runs of a Q-Q plot); one experiment: no multi-experiment view
    assertThat(names(out.resolve("figures")))
        .filteredOn(n -> n.matches(".*\\.(png|svg|pdf)"))
        .hasSize(87)
        .noneMatch(n -> n.startsWith("fig19") || n.startsWith("fig23") || n.startsWith("fig3"))
        .contains("fig15a_subtest_run_heatmap.pdf", "fig27_impl_rate_distribution.svg");
    assertThat(Files.readString(out.resolve("tables/tab03_judge_agreement.md")))
        .contains(
            "| **claude-sonnet-4-5-20250929** | **All judges** | **7** |  |  |  | **−0.117** |");
  }
}
