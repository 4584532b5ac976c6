package dev.scylla.analysis.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.PassRateRow;
import dev.scylla.analysis.RetryRow;
import dev.scylla.analysis.testing.AnalysisFixture;
import dev.scylla.event.Event;
import dev.scylla.event.EventSink;
import dev.scylla.testing.SyntheticExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tables, on synthetic analyses with infrastructure failures and retries. */
class TablesTest {
  @TempDir Path tmp;

  static final List<String> ALL =
      List.of(
          "tab01_tier_summary",
          "tab02_tier_comparison",
          "tab02b_impl_rate_comparison",
          "tab03_judge_agreement",
          "tab04_criteria_performance",
          "tab05_cost_analysis",
          "tab06_model_comparison",
          "tab06b_model_pairs",
          "tab07_subtest_detail",
          "tab08_summary_statistics",
          "tab09_experiment_config",
          "tab10_normality_tests",
          "tab11_experiment_overview",
          "tab12_pass_rate_denominators",
          "tab13_retries_vs_first_attempts",
          "tab14_pass_at_k");

  private static Map<String, Table> byName(Analysis a) {
    return Tables.build(a).stream().collect(Collectors.toMap(Table::name, Function.identity()));
  }

  @Test
  void writesMarkdownAndLatexForEveryTableThatApplies() throws IOException {
    Analysis a = AnalysisFixture.builder().models("Sonnet 4.5", "Haiku 4.5").build();
    List<Event> events = Collections.synchronizedList(new ArrayList<>());
    List<Path> files = Tables.writeAll(a, tmp.resolve("tables"), events::add);
    List<String> names;
    try (Stream<Path> s = Files.list(tmp.resolve("tables"))) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> expected = new ArrayList<>();
    for (String n : ALL) {
      expected.add(n + ".md");
      expected.add(n + ".tex");
    }
    assertThat(names).containsExactlyElementsOf(expected.stream().sorted().toList());
    assertThat(files).hasSize(expected.size());
    for (Path f : files) {
      String text = Files.readString(f);
      if (f.toString().endsWith(".tex")) {
        assertThat(text).contains("\\toprule", "\\midrule", "\\bottomrule");
      } else {
        assertThat(text).startsWith("### ").contains("|---:|");
      }
    }
    // one progress event per table, the skipped table_cfp_comparison (no process metrics) and
    // tab15_cost_ledger (the fixture reads no run directories: no ledger) and tab16_judge_noise
    // (no repeat verdicts) too
    assertThat(Tables.build(a))
        .filteredOn(Table::isSkipped)
        .extracting(Table::name)
        .containsExactly("tab15_cost_ledger", "tab16_judge_noise", "table_cfp_comparison");
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Progress p && p.task().equals("tables"))
        .hasSize(ALL.size() + 3);
  }

  @Test
  void theTierSummaryShowsBothDenominatorsWithTheCountsThatSeparateThem() {
    Analysis a = AnalysisFixture.builder().runs(6).infraRate(0.2).seed(3).build();
    Table t = byName(a).get("tab01_tier_summary");
    List<PassRateRow> tiers =
        a.passRates().stream().filter(p -> p.scope().equals(PassRateRow.SCOPE_TIER)).toList();
    assertThat(tiers.stream().mapToInt(PassRateRow::infraFailures).sum())
        .as("the fixture must produce infrastructure failures")
        .isPositive();
    List<String> attempted = t.column("Attempted");
    List<String> infra = t.column("Infra");
    List<String> passed = t.column("Passed");
    List<String> strict = t.column("Pass rate (strict) [95% CI]");
    List<String> excl = t.column("Pass rate (excl. infra) [95% CI]");
    List<String> tierCol = t.column("Tier");
    for (PassRateRow p : tiers) {
      int row = tierCol.indexOf(p.tier());
      assertThat(attempted.get(row)).isEqualTo(Integer.toString(p.attempted()));
      assertThat(infra.get(row)).isEqualTo(Integer.toString(p.infraFailures()));
      assertThat(passed.get(row)).isEqualTo(Integer.toString(p.passed()));
      assertThat(strict.get(row)).startsWith(Fmt.pct((double) p.passed() / p.attempted()));
      assertThat(excl.get(row))
          .startsWith(Fmt.pct((double) p.passed() / (p.attempted() - p.infraFailures())));
    }
    // the model's total row
    PassRateRow total =
        a.passRates().stream()
            .filter(p -> p.scope().equals(PassRateRow.SCOPE_MODEL))
            .findFirst()
            .get();
    int last = tierCol.size() - 1;
    assertThat(tierCol.get(last)).isEqualTo("All");
    assertThat(t.rows().get(last).total()).isTrue();
    assertThat(attempted.get(last)).isEqualTo(Integer.toString(total.attempted()));
    assertThat(infra.get(last)).isEqualTo(Integer.toString(total.infraFailures()));
  }

  @Test
  void everyPassRateTableHasBothDenominators() {
    Analysis a = AnalysisFixture.builder().models("Sonnet 4.5", "Haiku 4.5").infraRate(0.1).build();
    Map<String, Table> t = byName(a);
    for (String name :
        List.of(
            "tab01_tier_summary",
            "tab02_tier_comparison",
            "tab06_model_comparison",
            "tab07_subtest_detail",
            "tab12_pass_rate_denominators")) {
      List<String> headers = t.get(name).columns().stream().map(Table.Column::header).toList();
      assertThat(headers).as(name).anyMatch(h -> h.startsWith("Strict") || h.contains("(strict)"));
      assertThat(headers).as(name).anyMatch(h -> h.toLowerCase().contains("excl. infra"));
      assertThat(String.join(" ", t.get(name).notes())).as(name).contains("attempted");
    }
  }

  @Test
  void theDenominatorTableAddsUp() {
    Analysis a = AnalysisFixture.builder().runs(8).infraRate(0.15).notRunRate(0.1).seed(11).build();
    Table t = byName(a).get("tab12_pass_rate_denominators");
    for (Table.Row r : t.rows()) {
      List<Integer> n =
          r.cells().subList(2, 13).stream().map(s -> Integer.parseInt(s.replace(",", ""))).toList();
      int expected = n.get(0);
      int notRun = n.get(1);
      int attempted = n.get(2);
      int kinds = n.get(3) + n.get(4) + n.get(5) + n.get(6) + n.get(7);
      int infra = n.get(8);
      int scored = n.get(9);
      int passed = n.get(10);
      assertThat(expected).isEqualTo(notRun + attempted);
      assertThat(infra).isEqualTo(kinds);
      assertThat(passed).isLessThanOrEqualTo(scored);
      assertThat(attempted - infra).isLessThanOrEqualTo(scored);
    }
    assertThat(t.rows()).anyMatch(r -> !r.cells().get(3).equals("0")); // some runs not run
  }

  @Test
  void retriedRunsAreComparedWithFirstAttempts() {
    Analysis a = AnalysisFixture.builder().runs(10).retryRate(0.3).seed(5).build();
    Table t = byName(a).get("tab13_retries_vs_first_attempts");
    RetryRow total = a.retries().stream().filter(r -> r.tier().isEmpty()).findFirst().get();
    assertThat(total.retriedRuns()).isPositive();
    int last = t.rows().size() - 1;
    assertThat(t.column("Tier").get(last)).isEqualTo("All");
    assertThat(t.column("Retried runs").get(last)).isEqualTo(Integer.toString(total.retriedRuns()));
    assertThat(t.column("First-attempt runs").get(last))
        .isEqualTo(Integer.toString(total.firstAttemptRuns()));
    assertThat(t.column("Δ pass rate").get(last))
        .isEqualTo(Fmt.pp(total.retriedPassRate() - total.firstAttemptPassRate()));
    assertThat(t.column("Archived attempts").get(last))
        .isEqualTo(Integer.toString(total.archivedAttempts()));
  }

  @Test
  void theModelComparisonNeedsTwoModels() {
    Table one = byName(AnalysisFixture.builder().build()).get("tab06_model_comparison");
    assertThat(one.isSkipped()).isTrue();
    assertThat(one.skipped()).contains("at least 2 agent models");
    Table two =
        byName(AnalysisFixture.builder().models("Sonnet 4.5", "Haiku 4.5").build())
            .get("tab06_model_comparison");
    assertThat(two.isSkipped()).isFalse();
    assertThat(two.column("Model")).containsExactly("Sonnet 4.5", "Haiku 4.5");
  }

  @Test
  void twoModelsAreComparedPerCriterionAndPairwiseWithHolmCorrectedTests() {
    Analysis a = AnalysisFixture.builder().models("Sonnet 4.5", "Haiku 4.5").runs(6).build();
    Map<String, Table> t = byName(a);

    // tab04: per criterion a Mann–Whitney test of the two models' values, Holm over criteria
    Table crit = t.get("tab04_criteria_performance");
    List<String> criteria = crit.column("Criterion");
    double[] raw = new double[criteria.size()];
    List<String> higher = new ArrayList<>();
    for (int i = 0; i < criteria.size(); i++) {
      String c = criteria.get(i);
      double[] x = values(a, "Sonnet 4.5", c);
      double[] y = values(a, "Haiku 4.5", c);
      raw[i] = dev.scylla.analysis.stats.MannWhitney.test(x, y).pValue();
      higher.add(mean(x) > mean(y) ? "Sonnet 4.5" : "Haiku 4.5");
    }
    double[] holm = dev.scylla.analysis.stats.Holm.correct(raw);
    List<String> expected = new ArrayList<>();
    for (double p : holm) {
      expected.add(Fmt.p(p));
    }
    assertThat(crit.column("p (Holm)")).containsExactlyElementsOf(expected);
    assertThat(crit.column("Higher")).containsExactlyElementsOf(higher);
    assertThat(higher).contains("Sonnet 4.5"); // the fixture's first model does better

    // tab06b: one pair, Δ = B − A over the scored runs
    Table pairs = t.get("tab06b_model_pairs");
    assertThat(pairs.column("Model A")).containsExactly("Sonnet 4.5");
    assertThat(pairs.column("Model B")).containsExactly("Haiku 4.5");
    long na = a.data().runs().stream().filter(r -> r.agentModel().equals("Sonnet 4.5")).count();
    long passedA =
        a.data().runs().stream()
            .filter(r -> r.agentModel().equals("Sonnet 4.5") && r.passed())
            .count();
    long nb = a.data().runs().stream().filter(r -> r.agentModel().equals("Haiku 4.5")).count();
    long passedB =
        a.data().runs().stream()
            .filter(r -> r.agentModel().equals("Haiku 4.5") && r.passed())
            .count();
    assertThat(pairs.column("N A")).containsExactly(Fmt.count(na));
    assertThat(pairs.column("N B")).containsExactly(Fmt.count(nb));
    assertThat(pairs.column("Δ pass rate"))
        .containsExactly(Fmt.pp((double) passedB / nb - (double) passedA / na));
    assertThat(byName(AnalysisFixture.builder().build()).get("tab06b_model_pairs").skipped())
        .contains("at least 2 agent models");
  }

  private static double[] values(Analysis a, String model, String criterion) {
    return a.data().criteria().stream()
        .filter(c -> c.agentModel().equals(model) && c.criterion().equals(criterion))
        .mapToDouble(c -> c.criterionScore())
        .filter(Double::isFinite)
        .toArray();
  }

  private static double mean(double[] v) {
    return java.util.Arrays.stream(v).average().orElse(Double.NaN);
  }

  @Test
  void normalityAndExperimentOverview() {
    Analysis a = AnalysisFixture.builder().runs(6).infraRate(0.2).seed(3).build();
    Map<String, Table> t = byName(a);
    Table normal = t.get("tab10_normality_tests");
    var tests = a.statistics().normalityTests();
    assertThat(tests).isNotEmpty();
    assertThat(normal.column("Tier")).hasSize(tests.size());
    assertThat(normal.column("W").get(0)).isEqualTo(Fmt.rate(tests.get(0).wStatistic()));
    assertThat(normal.column("p").get(0)).isEqualTo(Fmt.p(tests.get(0).pValue()));
    assertThat(
            byName(AnalysisFixture.builder().runs(1).subtests(1).build())
                .get("tab10_normality_tests")
                .skipped())
        .contains("3 scored runs");

    Table overview = t.get("tab11_experiment_overview");
    assertThat(overview.column("Experiment")).hasSize(a.data().experiments().size());
    long attempted =
        a.data().outcomes().stream()
            .filter(o -> o.outcome() != dev.scylla.analysis.Outcome.NOT_RUN)
            .count();
    long infra =
        a.data().outcomes().stream()
            .filter(o -> o.outcome() == dev.scylla.analysis.Outcome.INFRA_FAILURE)
            .count();
    long passed = a.data().outcomes().stream().filter(o -> o.passedScored()).count();
    assertThat(infra).isPositive();
    assertThat(overview.column("Attempted")).containsExactly(Fmt.count(attempted));
    assertThat(overview.column("Infra")).containsExactly(Fmt.count(infra));
    assertThat(overview.column("Scored")).containsExactly(Fmt.count(a.data().runs().size()));
    assertThat(overview.column("Strict")).containsExactly(Fmt.pct((double) passed / attempted));
    assertThat(overview.column("Excl. infra"))
        .containsExactly(Fmt.pct((double) passed / (attempted - infra)));
  }

  @Test
  void degenerateInputsGiveTablesNotExceptions() throws IOException {
    List<Analysis> cases =
        List.of(
            // one run per tier
            AnalysisFixture.builder().subtests(1).runs(1).build(),
            // a tier with no passes: cost-of-pass is infinite
            AnalysisFixture.builder().passProbability("T2", 0.0).infraRate(0).build(),
            // a tier whose every run failed for infrastructure reasons
            AnalysisFixture.builder().allInfra("T3").build(),
            // every run of every tier failed
            allFailed(),
            // one judge: no agreement to report
            AnalysisFixture.builder().judges(1).build());
    int i = 0;
    for (Analysis a : cases) {
      List<Event> events = Collections.synchronizedList(new ArrayList<>());
      Tables.writeAll(a, tmp.resolve("case" + i++), events::add);
    }
    Map<String, Table> noPass =
        byName(AnalysisFixture.builder().passProbability("T2", 0.0).infraRate(0).build());
    Table summary = noPass.get("tab01_tier_summary");
    assertThat(summary.column("CoP").get(summary.column("Tier").indexOf("T2"))).isEqualTo("∞");

    Map<String, Table> infraTier = byName(AnalysisFixture.builder().allInfra("T3").build());
    Table s3 = infraTier.get("tab01_tier_summary");
    int row = s3.column("Tier").indexOf("T3");
    assertThat(s3.column("Pass rate (strict) [95% CI]").get(row)).isEqualTo("0.0%");
    assertThat(s3.column("Pass rate (excl. infra) [95% CI]").get(row)).isEqualTo("n/a");
    assertThat(s3.column("Score mean ± SD").get(row)).isEqualTo("n/a");

    Map<String, Table> none = byName(allFailed());
    assertThat(none.get("tab01_tier_summary").isSkipped()).isFalse();
    assertThat(none.get("tab08_summary_statistics").isSkipped()).isTrue();

    Table judges = byName(AnalysisFixture.builder().judges(1).build()).get("tab03_judge_agreement");
    assertThat(judges.isSkipped()).isTrue();
  }

  private static Analysis allFailed() {
    AnalysisFixture f = AnalysisFixture.builder().tiers("T0", "T1");
    f.allInfra("T0").allInfra("T1");
    return f.build();
  }

  @Test
  void skippedTablesAreReportedAndNotWritten() throws IOException {
    List<Event> events = Collections.synchronizedList(new ArrayList<>());
    Tables.writeAll(AnalysisFixture.builder().build(), tmp, events::add);
    assertThat(Files.exists(tmp.resolve("tab06_model_comparison.md"))).isFalse();
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Message m && m.level() == Event.Level.INFO)
        .extracting(e -> ((Event.Message) e).text())
        .contains("table tab06_model_comparison skipped: needs at least 2 agent models, found 1");
  }

  @Test
  void renderingIsDeterministic() throws IOException {
    Analysis a = AnalysisFixture.builder().models("Sonnet 4.5", "Haiku 4.5").build();
    Tables.writeAll(a, tmp.resolve("one"), EventSink.NONE);
    Tables.writeAll(a, tmp.resolve("two"), EventSink.NONE);
    for (String n : ALL) {
      for (String ext : List.of(".md", ".tex")) {
        assertThat(Files.readAllBytes(tmp.resolve("two").resolve(n + ext)))
            .as(n + ext)
            .isEqualTo(Files.readAllBytes(tmp.resolve("one").resolve(n + ext)));
      }
    }
  }

  @Test
  void anOutputPathThatIsAFileFailsWithItsNameAndWritesNothing() throws IOException {
    Path file = Files.writeString(tmp.resolve("tables"), "not a directory");
    assertThatThrownBy(
            () -> Tables.writeAll(AnalysisFixture.builder().build(), file, EventSink.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tables");
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }

  @Test
  void tablesOfAnExperimentReadFromDisk() throws IOException {
    Path exp =
        SyntheticExperiment.builder()
            .tier("T0", "00")
            .tier("T1", "01", "02")
            .tier("T2", "01")
            .runs(4)
            .writeTo(tmp.resolve("exp"));
    Analysis a = AnalysisFixture.analyze(exp);
    Map<String, Table> t = byName(a);
    Table summary = t.get("tab01_tier_summary");
    assertThat(summary.column("Tier")).containsExactly("T0", "T1", "T2", "All");
    assertThat(summary.column("Subtests")).containsExactly("1", "2", "1", "");
    assertThat(summary.column("Attempted")).containsExactly("4", "8", "4", "16");
    assertThat(summary.column("Infra")).containsOnly("0");
    Table config = t.get("tab09_experiment_config");
    assertThat(config.column("Expected runs")).containsExactly("16");
    assertThat(config.column("Judge models").get(0)).contains("claude-opus-4-5-20251101");
    Table stats = t.get("tab08_summary_statistics");
    assertThat(stats.column("Metric"))
        .containsExactly("score", "cost_usd", "duration_seconds", "total_tokens");
    assertThat(stats.column("N")).containsOnly("16");
    Tables.writeAll(a, tmp.resolve("out"), EventSink.NONE);
  }
}
