package dev.scylla.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.PassRateRow;
import dev.scylla.analysis.testing.AnalysisFixture;
import dev.scylla.event.Event;
import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import dev.scylla.testing.SyntheticExperiment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures, on synthetic analyses with several runs per tier, failures and retries. */
class FiguresTest {
  @TempDir Path tmp;

  static final List<String> CORE =
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
          "fig18_failure_rate_by_tier",
          "fig19_effect_size_forest",
          "fig20_metric_correlation_heatmap",
          "fig25_impl_rate_by_tier",
          "fig40_retries_vs_first_attempts",
          "fig41_pass_at_k");

  /** The single-experiment families of the reference's HEAD set added to the core ones. */
  static final List<String> HEAD =
      List.of(
          "fig03_failure_rate_by_tier",
          "fig15a_subtest_run_heatmap",
          "fig15b_subtest_best_heatmap",
          "fig15c_tier_summary_heatmap",
          "fig16a_success_variance_per_subtest",
          "fig16b_success_variance_aggregate",
          "fig17_judge_variance_overall",
          "fig18a_failure_rate_per_subtest",
          "fig18b_failure_rate_aggregate",
          "fig21_cost_quality_regression",
          "fig22_cumulative_cost",
          "fig23_qq_plots",
          "fig24_score_histograms",
          "fig26_impl_rate_vs_pass_rate",
          "fig27_impl_rate_distribution");

  /** The multi-experiment views, drawn with two experiments or more. */
  static final List<String> MULTI =
      List.of(
          "fig31_experiment_tier_heatmap",
          "fig32_tier_win_count",
          "fig34_cost_frontier_by_experiment",
          "fig36_tier_rank_stability",
          "fig39_cost_vs_difficulty");

  static List<String> all() {
    List<String> out = new ArrayList<>(CORE);
    out.addAll(HEAD);
    out.addAll(MULTI);
    return out;
  }

  static Analysis twoModels() {
    return AnalysisFixture.builder()
        .models("Sonnet 4.5", "Haiku 4.5")
        .runs(6)
        .infraRate(0.1)
        .retryRate(0.15)
        .build();
  }

  @Test
  void everyFigureIsWrittenAsPng300DpiSvgAndOnePagePdf() throws Exception {
    List<Event> events = Collections.synchronizedList(new ArrayList<>());
    List<Path> files = Figures.writeAll(twoModels(), tmp, EnumSet.allOf(Format.class), events::add);
    // two models in two experiments: every family, the multi-experiment views included
    assertThat(files).hasSize(all().size() * 4);
    for (String name : all()) {
      BufferedImage png = Files3.png300(Files.readAllBytes(tmp.resolve(name + ".png")), 6.5);
      assertThat(Files3.ink(png)).as(name + " is not blank").isGreaterThan(50_000);
      assertThat(Files3.svgTexts(Files.readAllBytes(tmp.resolve(name + ".svg"))))
          .as(name + " has a title")
          .isNotEmpty();
      BufferedImage page = Files3.pdfOnePage(Files.readAllBytes(tmp.resolve(name + ".pdf")), 6.5);
      assertThat(Files.readString(tmp.resolve(name + "_include.tex")))
          .contains("\\includegraphics[width=\\textwidth]{" + name + ".pdf}")
          .contains("\\label{fig:" + name + "}")
          .contains("\\caption{");
      assertThat(Files3.ink(page)).as(name + " PDF shows something").isGreaterThan(1000);
      // PNG and PDF have the same aspect ratio
      assertThat((double) page.getHeight() / page.getWidth())
          .isCloseTo(
              (double) png.getHeight() / png.getWidth(), org.assertj.core.data.Offset.offset(0.01));
    }
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Progress p && p.task().equals("figures"))
        .hasSize(all().size());
  }

  @Test
  void thePassRateFigureShowsBothDenominatorsAndTheirCountsForEveryTier() throws Exception {
    Analysis a = AnalysisFixture.builder().runs(8).infraRate(0.2).seed(3).build();
    Figures.writeAll(a, tmp, Set.of(Format.SVG, Format.PNG), EventSink.NONE);
    List<String> texts =
        Files3.svgTexts(Files.readAllBytes(tmp.resolve("fig04_pass_rate_by_tier.svg")));
    int infraTotal = 0;
    for (PassRateRow p : a.passRates()) {
      if (!p.scope().equals(PassRateRow.SCOPE_TIER)) {
        continue;
      }
      infraTotal += p.infraFailures();
      // the tier's axis label: its name, attempted runs and infrastructure failures
      assertThat(texts)
          .containsSequence(p.tier(), "n=" + p.attempted(), "infra=" + p.infraFailures());
      assertThat(texts).contains(p.passed() + "/" + p.attempted());
      if (p.exclInfraDenominator() > 0) {
        assertThat(texts).contains(p.passed() + "/" + p.exclInfraDenominator());
      }
    }
    assertThat(infraTotal).as("the data has infrastructure failures").isPositive();
    assertThat(String.join("\n", texts))
        .contains("Strict: passed / attempted")
        .contains("Excluding infra failures: passed / (attempted − infra)")
        .contains(infraTotal + " infrastructure failures");
    // the bars are drawn: the strict colour and its light tint fill many pixels
    BufferedImage png =
        Files3.png300(Files.readAllBytes(tmp.resolve("fig04_pass_rate_by_tier.png")), 6.5);
    assertThat(Files3.count(png, 0x0072B2)).isGreaterThan(20_000);
  }

  @Test
  void theLatencyAndImplementationRateFiguresShowEachTiersMeans() throws Exception {
    Analysis a = AnalysisFixture.builder().runs(8).seed(7).build();
    Figures.writeAll(a, tmp, Set.of(Format.SVG), EventSink.NONE);
    List<String> latency = Files3.svgTexts(Files.readAllBytes(tmp.resolve("fig13_latency.svg")));
    List<String> impl =
        Files3.svgTexts(Files.readAllBytes(tmp.resolve("fig25_impl_rate_by_tier.svg")));
    java.util.Map<String, List<dev.scylla.analysis.RunRow>> byTier = new java.util.TreeMap<>();
    a.data().runs().forEach(r -> byTier.computeIfAbsent(r.tier(), t -> new ArrayList<>()).add(r));
    assertThat(byTier).hasSizeGreaterThan(2);
    double agentAll = 0;
    double all = 0;
    for (var e : byTier.entrySet()) {
      double agent = 0;
      double judge = 0;
      double rate = 0;
      int rated = 0;
      for (var r : e.getValue()) {
        agent += r.agentDurationSeconds();
        judge += r.judgeDurationSeconds();
        if (!Double.isNaN(r.implRate())) {
          rate += r.implRate();
          rated++;
        }
      }
      int n = e.getValue().size();
      agentAll += agent;
      all += agent + judge;
      assertThat(latency)
          .as(e.getKey())
          .contains(String.format(java.util.Locale.ROOT, "%.1f s", agent / n + judge / n))
          .containsSequence(e.getKey(), "n=" + n);
      assertThat(impl)
          .as(e.getKey())
          .contains(String.format(java.util.Locale.ROOT, "%.2f", rate / rated))
          .containsSequence(e.getKey(), "n=" + rated);
    }
    assertThat(String.join(" ", latency))
        .contains(
            String.format(java.util.Locale.ROOT, "the agents took %.1f%%", agentAll / all * 100));
  }

  @Test
  void theForestShowsEveryTransitionsEffectSizesAndNeedsTwoRunsASide() throws Exception {
    Analysis a = AnalysisFixture.builder().runs(8).seed(7).build();
    Figures.writeAll(a, tmp, Set.of(Format.SVG), EventSink.NONE);
    List<String> texts =
        Files3.svgTexts(Files.readAllBytes(tmp.resolve("fig19_effect_size_forest.svg")));
    java.util.Map<String, String[]> deltas = new java.util.LinkedHashMap<>();
    int significant = 0;
    for (var e : a.statistics().effectSizes()) {
      int i = e.metric().equals("pass_rate") ? 0 : e.metric().equals("impl_rate") ? 1 : -1;
      if (i >= 0) {
        deltas.computeIfAbsent(e.tier1() + "→" + e.tier2(), k -> new String[2])[i] =
            String.format(java.util.Locale.ROOT, "%+.2f", e.cliffsDelta()).replace('-', '−');
        significant += e.isSignificant() ? 1 : 0;
      }
    }
    assertThat(deltas).hasSizeGreaterThan(2);
    for (var d : deltas.entrySet()) {
      assertThat(texts).containsSequence(d.getKey(), d.getValue()[0] + " / " + d.getValue()[1]);
    }
    assertThat(String.join(" ", texts))
        .contains(significant + " of " + (deltas.size() * 2) + " effects significant");

    List<Event> events = Collections.synchronizedList(new ArrayList<>());
    Path one = tmp.resolve("one");
    Figures.writeAll(
        AnalysisFixture.builder().runs(1).subtests(1).build(),
        one,
        Set.of(Format.SVG),
        events::add);
    assertThat(one.resolve("fig19_effect_size_forest.svg")).doesNotExist();
    assertThat(events)
        .anyMatch(
            e ->
                e instanceof Event.Message m
                    && m.text().contains("fig19_effect_size_forest")
                    && m.text().contains("at least 2 scored runs"));
  }

  @Test
  void theFailureRateFigureSplitsGradedAndInfrastructureFailures() throws Exception {
    Analysis a = AnalysisFixture.builder().runs(8).infraRate(0.2).seed(3).build();
    Figures.writeAll(a, tmp, Set.of(Format.SVG, Format.PNG), EventSink.NONE);
    List<String> texts =
        Files3.svgTexts(Files.readAllBytes(tmp.resolve("fig18_failure_rate_by_tier.svg")));
    for (PassRateRow p : a.passRates()) {
      if (p.scope().equals(PassRateRow.SCOPE_TIER)) {
        int graded = p.attempted() - p.infraFailures() - p.passed();
        assertThat(texts).contains((graded + p.infraFailures()) + "/" + p.attempted());
        assertThat(texts).contains(graded + "/" + p.exclInfraDenominator());
      }
    }
    BufferedImage png =
        Files3.png300(Files.readAllBytes(tmp.resolve("fig18_failure_rate_by_tier.png")), 6.5);
    assertThat(Files3.count(png, 0x999999)).as("infrastructure failures drawn").isGreaterThan(1000);
  }

  @Test
  void retriedRunsAreComparedWithFirstAttempts() throws Exception {
    Analysis a = AnalysisFixture.builder().runs(10).retryRate(0.3).seed(5).build();
    Figures.writeAll(a, tmp, Set.of(Format.SVG), EventSink.NONE);
    String all =
        String.join(
            "\n",
            Files3.svgTexts(
                Files.readAllBytes(tmp.resolve("fig40_retries_vs_first_attempts.svg"))));
    var total = a.retries().stream().filter(r -> r.tier().isEmpty()).findFirst().get();
    assertThat(total.retriedRuns()).isPositive();
    assertThat(all)
        .contains(total.retriedRuns() + " scored runs needed retries")
        .contains(total.firstAttemptPassed() + "/" + total.firstAttemptRuns())
        .contains(total.retriedPassed() + "/" + total.retriedRuns())
        .contains("All");
  }

  @Test
  void svgAndPngAreByteIdenticalAcrossRenders() throws Exception {
    Analysis a = twoModels();
    Figures.writeAll(a, tmp.resolve("one"), EnumSet.allOf(Format.class), EventSink.NONE);
    Figures.writeAll(a, tmp.resolve("two"), EnumSet.allOf(Format.class), EventSink.NONE);
    for (String name : CORE) {
      for (String ext : List.of(".svg", ".png")) {
        assertThat(Files.readAllBytes(tmp.resolve("two").resolve(name + ext)))
            .as(name + ext)
            .isEqualTo(Files.readAllBytes(tmp.resolve("one").resolve(name + ext)));
      }
    }
  }

  @Test
  void onlyTheChosenFormatsAreWritten() throws IOException {
    Figures.writeAll(AnalysisFixture.builder().build(), tmp, Set.of(Format.SVG), EventSink.NONE);
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .allMatch(n -> n.endsWith(".svg"))
          .hasSize(CORE.size() + HEAD.size())
          .noneMatch(n -> MULTI.stream().anyMatch(n::startsWith));
    }
    assertThatThrownBy(() -> new Figures(Set.of()))
        .isInstanceOf(ScyllaException.class)
        .satisfies(
            e ->
                assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT));
    assertThat(Format.parse(" Svg ")).isEqualTo(Format.SVG);
  }

  @Test
  void degenerateInputsRenderWithoutExceptions() throws Exception {
    List<Analysis> cases =
        List.of(
            AnalysisFixture.builder().subtests(1).runs(1).infraRate(0).retryRate(0).build(),
            AnalysisFixture.builder().passProbability("T2", 0.0).infraRate(0).build(),
            AnalysisFixture.builder().allInfra("T3").build(),
            AnalysisFixture.builder().tiers("T0", "T1").allInfra("T0").allInfra("T1").build(),
            AnalysisFixture.builder().judges(1).build(),
            AnalysisFixture.builder().tiers("T4").subtests(1).runs(2).build());
    int i = 0;
    for (Analysis a : cases) {
      Path dir = tmp.resolve("case" + i++);
      List<Event> events = Collections.synchronizedList(new ArrayList<>());
      Figures.writeAll(a, dir, EnumSet.allOf(Format.class), events::add);
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.toList()) {
          byte[] bytes = Files.readAllBytes(f);
          if (f.toString().endsWith(".png")) {
            assertThat(Files3.phys(bytes)).containsExactly(11811, 11811, 1);
          } else if (f.toString().endsWith(".svg")) {
            Files3.svgTexts(bytes);
          } else if (f.toString().endsWith(".pdf")) {
            Files3.pdfPages(bytes);
          } else {
            assertThat(f.toString()).endsWith("_include.tex");
          }
        }
      }
    }
    // a tier with no passes: its cost-of-pass is drawn as infinite
    Path noPass = tmp.resolve("case1/fig06_cop_by_tier.svg");
    assertThat(Files3.svgTexts(Files.readAllBytes(noPass))).contains("∞", "∞: nothing passed");
    // every run failed: the pass rate is drawn (strict 0 of 10, n/a without the failures),
    // figures that need scored runs are skipped
    List<String> allFailed =
        Files3.svgTexts(Files.readAllBytes(tmp.resolve("case3/fig04_pass_rate_by_tier.svg")));
    assertThat(allFailed).contains("0/10", "n/a", "n=10", "infra=10");
    assertThat(String.join(" ", allFailed)).contains("20 infrastructure failures, 0 passed");
    assertThat(Files.exists(tmp.resolve("case3/fig01_score_variance_by_tier.svg"))).isFalse();
  }

  @Test
  void figuresThatDoNotApplyAreSkippedWithAReason() throws IOException {
    List<Event> events = Collections.synchronizedList(new ArrayList<>());
    Figures.writeAll(
        AnalysisFixture.builder().judges(1).build(), tmp, Set.of(Format.SVG), events::add);
    assertThat(Files.exists(tmp.resolve("fig14_judge_agreement.svg"))).isFalse();
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Message)
        .extracting(e -> ((Event.Message) e).text())
        .contains("figure fig14_judge_agreement skipped: needs runs scored by at least two judges");
  }

  @Test
  void anOutputPathThatIsAFileFailsWithItsName() throws IOException {
    Path file = Files.writeString(tmp.resolve("figures"), "not a directory");
    assertThatThrownBy(
            () ->
                Figures.writeAll(
                    AnalysisFixture.builder().build(), file, Set.of(Format.SVG), EventSink.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("figures");
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }

  @Test
  void figuresOfAnExperimentReadFromDisk() throws Exception {
    Path exp =
        SyntheticExperiment.builder()
            .tier("T0", "00")
            .tier("T1", "01")
            .tier("T3", "01")
            .runs(5)
            .writeTo(tmp.resolve("exp"));
    Analysis a = AnalysisFixture.analyze(exp);
    Figures.writeAll(a, tmp.resolve("fig"), EnumSet.allOf(Format.class), EventSink.NONE);
    List<String> texts =
        Files3.svgTexts(Files.readAllBytes(tmp.resolve("fig/fig04_pass_rate_by_tier.svg")));
    assertThat(texts).contains("T0", "T1", "T3", "n=5", "infra=0");
    assertThat(texts).doesNotContain("T2");
    List<String> judges =
        Files3.svgTexts(Files.readAllBytes(tmp.resolve("fig/fig14_judge_agreement.svg")));
    assertThat(judges).contains("J1 vs J2", "J1 vs J3", "J2 vs J3", "n = 15");
  }

  @Test
  void theRendererIsFoundOnTheClassPath() {
    List<String> found = new ArrayList<>();
    java.util.ServiceLoader.load(dev.scylla.analysis.AnalysisRenderer.class)
        .forEach(r -> found.add(r.directory()));
    assertThat(found).contains("figures", "tables");
  }
}
