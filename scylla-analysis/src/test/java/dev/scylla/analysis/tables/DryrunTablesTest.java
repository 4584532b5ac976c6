package dev.scylla.analysis.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.testing.AnalysisFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables of the recorded experiment (one run per tier), checked against the values the
 * reference's own tables print (scylla-analysis.md §11). Skipped without ../shared.
 */
class DryrunTablesTest {
  @TempDir Path tmp;

  @Test
  void judgeAgreementMatchesTheReferenceTable() {
    Table t = tables().get("tab03_judge_agreement");
    // reference tab03: J1-J2 0.333 / 0.706 / 0.0329, J1-J3 -0.273 / -0.063 / 0.0445,
    // J2-J3 -0.522 / -0.347 / 0.0373, alpha -0.117
    assertThat(t.column("Spearman ρ")).containsExactly("0.333", "−0.273", "−0.522", "");
    assertThat(t.column("Pearson r")).containsExactly("0.706", "−0.063", "−0.347", "");
    assertThat(t.column("Mean |Δ score|")).containsExactly("0.033", "0.044", "0.037", "");
    assertThat(t.column("Krippendorff α")).containsExactly("", "", "", "−0.117");
  }

  @Test
  void oneRunPerTierGivesPointEstimatesAndTheFrontierAtT5() throws Exception {
    Map<String, Table> t = tables();
    Table s = t.get("tab01_tier_summary");
    assertThat(s.column("Tier")).containsExactly("T0", "T1", "T2", "T3", "T4", "T5", "T6", "All");
    assertThat(s.column("Attempted")).containsExactly("1", "1", "1", "1", "1", "1", "1", "7");
    assertThat(s.column("Pass rate (strict) [95% CI]")).containsOnly("100.0%");
    assertThat(s.column("Pass rate (excl. infra) [95% CI]")).containsOnly("100.0%");
    assertThat(s.column("Score mean ± SD").get(0)).isEqualTo("0.973 ± n/a");
    assertThat(s.column("CoP").get(5)).isEqualTo("$0.065");
    Table cmp = t.get("tab02_tier_comparison");
    // Kruskal-Wallis needs 2 runs per tier: not computed, and the pairwise p-values are not shown
    assertThat(cmp.column("Test").get(0)).isEqualTo("H = n/a");
    assertThat(cmp.column("p (Holm)").subList(1, 7)).containsOnly("n.s. (omnibus)");
    assertThat(t.get("tab06_model_comparison").isSkipped()).isTrue();
    Table crit = t.get("tab04_criteria_performance");
    assertThat(crit.column("Criterion"))
        .containsExactly(
            "functional", "code_quality", "proportionality", "build_pipeline", "overall_quality");
    assertThat(crit.column("Weight")).containsExactly("0.35", "0.20", "0.15", "0.10", "0.20");
    assertThat(crit.column("Sonnet 4.5 N")).containsOnly("21");
    Table cost = t.get("tab05_cost_analysis");
    assertThat(cost.column("Total cost").get(7)).isEqualTo("$1.011");
    assertThat(cost.column("Total tokens").get(7)).isEqualTo("1,000,213");
    Table stats = t.get("tab08_summary_statistics");
    assertThat(stats.column("Q1").get(0)).isEqualTo("0.965");
    assertThat(stats.column("Q3").get(0)).isEqualTo("0.983");
    Tables.writeAll(analysis(), tmp.resolve("tables"), dev.scylla.event.EventSink.NONE);
    assertThat(Files.readString(tmp.resolve("tables/tab01_tier_summary.tex")))
        .contains("Sonnet 4.5 & T5 & 1 & 1 & 0 & 1 & 100.0\\% & 100.0\\%");
  }

  private Analysis analysis;

  private Analysis analysis() {
    if (analysis == null) {
      analysis = AnalysisFixture.dryrun(tmp);
    }
    return analysis;
  }

  private Map<String, Table> tables() {
    return Tables.build(analysis()).stream()
        .collect(Collectors.toMap(Table::name, Function.identity()));
  }
}
