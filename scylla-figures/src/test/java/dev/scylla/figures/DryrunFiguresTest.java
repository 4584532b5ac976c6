package dev.scylla.figures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.testing.AnalysisFixture;
import dev.scylla.event.EventSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of the recorded experiment: one run per tier, so every interval is degenerate and no
 * box has a spread. Skipped without ../shared.
 */
class DryrunFiguresTest {
  @TempDir Path tmp;

  @Test
  void everyFigureRendersAndShowsTheRecordedNumbers() throws Exception {
    Analysis a = AnalysisFixture.dryrun(tmp.resolve("exp"));
    Path out = tmp.resolve("figures");
    List<Path> files = Figures.writeAll(a, out, EnumSet.allOf(Format.class), EventSink.NONE);
    // one run per tier: no transition has the two runs a side an effect size needs
    List<String> drawn = new java.util.ArrayList<>(FiguresTest.CORE);
    drawn.remove("fig19_effect_size_forest");
    // and no tier has the 3 scores of a Q-Q plot; one experiment: no multi-experiment view
    drawn.addAll(FiguresTest.HEAD);
    drawn.remove("fig23_qq_plots");
    assertThat(files).hasSize(drawn.size() * 4);
    assertThat(out.resolve("fig19_effect_size_forest.png")).doesNotExist();
    for (String name : drawn) {
      Files3.png300(Files.readAllBytes(out.resolve(name + ".png")), 6.5);
      Files3.pdfOnePage(Files.readAllBytes(out.resolve(name + ".pdf")), 6.5);
    }
    List<String> pass =
        Files3.svgTexts(Files.readAllBytes(out.resolve("fig04_pass_rate_by_tier.svg")));
    assertThat(pass.stream().filter("1/1"::equals).count())
        .isEqualTo(14); // 7 tiers x 2 denominators
    assertThat(pass).contains("n=1", "infra=0");
    List<String> cop = Files3.svgTexts(Files.readAllBytes(out.resolve("fig06_cop_by_tier.svg")));
    assertThat(cop).contains("$0.065", "$0.247", "$0.135");
    List<String> judges =
        Files3.svgTexts(Files.readAllBytes(out.resolve("fig14_judge_agreement.svg")));
    assertThat(String.join("\n", judges))
        .contains("−0.117 (7 runs)")
        .contains("ρ = 0.333, r = 0.706");
    List<String> pareto =
        Files3.svgTexts(Files.readAllBytes(out.resolve("fig08_cost_quality_pareto.svg")));
    assertThat(pareto).contains("T0", "T1", "T2", "T3", "T4", "T5", "T6");
    // fig09's cells are the means of the criterion scores the reference exported (criteria.csv)
    List<String> criteria =
        Files3.svgTexts(Files.readAllBytes(out.resolve("fig09_criteria_by_tier.svg")));
    java.util.Map<String, java.util.Map<String, double[]>> byTier = new java.util.TreeMap<>();
    List<String> order = new java.util.ArrayList<>();
    List<String> lines =
        Files.readAllLines(
            dev.scylla.testing.SharedFixtures.dryrunAnalysis().resolve("criteria.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      String tier = f[header.indexOf("tier")];
      String criterion = f[header.indexOf("criterion")];
      String score = f[header.indexOf("criterion_score")];
      if (score.isEmpty() || score.equals("nan")) {
        continue;
      }
      if (!order.contains(criterion)) {
        order.add(criterion);
      }
      double[] acc =
          byTier
              .computeIfAbsent(tier, t -> new java.util.HashMap<>())
              .computeIfAbsent(criterion, c -> new double[2]);
      acc[0] += Double.parseDouble(score);
      acc[1]++;
    }
    assertThat(byTier).hasSize(7);
    for (var t : byTier.entrySet()) {
      List<String> column = new java.util.ArrayList<>();
      for (String c : order) {
        double[] acc = t.getValue().get(c);
        column.add(String.format(java.util.Locale.ROOT, "%.2f", acc[0] / acc[1]));
      }
      column.add(t.getKey());
      assertThat(criteria).as(t.getKey()).containsSequence(column);
    }
    // fig02: each judge's mean is the mean of its scores in the reference's judges.csv
    String judgeVariance =
        String.join(
            " ", Files3.svgTexts(Files.readAllBytes(out.resolve("fig02_judge_variance.svg"))));
    List<String> jl =
        Files.readAllLines(
            dev.scylla.testing.SharedFixtures.dryrunAnalysis().resolve("judges.csv"));
    List<String> jh = List.of(jl.get(0).split(","));
    java.util.Map<Integer, double[]> byJudge = new java.util.TreeMap<>();
    for (String line : jl.subList(1, jl.size())) {
      String[] f = line.split(",");
      double[] acc =
          byJudge.computeIfAbsent(
              Integer.parseInt(f[jh.indexOf("judge_number")]), k -> new double[2]);
      acc[0] += Double.parseDouble(f[jh.indexOf("judge_score")]);
      acc[1]++;
    }
    assertThat(byJudge).hasSize(3);
    for (var j : byJudge.entrySet()) {
      assertThat(judgeVariance)
          .containsPattern(
              "J"
                  + j.getKey()
                  + " [a-z0-9-]+ "
                  + String.format(
                      java.util.Locale.ROOT, "%.3f", j.getValue()[0] / j.getValue()[1]));
    }
    // fig20: every cell is the reference's Spearman ρ (statistical_results.json)
    List<String> corr =
        Files3.svgTexts(Files.readAllBytes(out.resolve("fig20_metric_correlation_heatmap.svg")));
    com.fasterxml.jackson.databind.JsonNode ref =
        dev.scylla.store.Json.parse( // the reference writes NaN tokens; our reader takes them
            Files.readAllBytes(
                dev.scylla.testing.SharedFixtures.dryrunAnalysis()
                    .resolve("statistical_results.json")));
    int cells = 0;
    for (var c : ref.get("correlations")) {
      String rho =
          String.format(java.util.Locale.ROOT, "%+.2f", c.get("spearman_rho").doubleValue())
              .replace('-', '−');
      assertThat(corr).anyMatch(t -> t.equals(rho) || t.equals(rho + "*"));
      cells++;
    }
    assertThat(cells).isEqualTo(7);
    assertThat(corr.stream().filter(t -> t.equals("n=7")).count()).isEqualTo(7);
    List<String> retries =
        Files3.svgTexts(Files.readAllBytes(out.resolve("fig40_retries_vs_first_attempts.svg")));
    assertThat(String.join(" ", retries)).contains("No scored run needed a retry");
  }
}
