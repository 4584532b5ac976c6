package dev.scylla.analysis.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.StatisticalResults.PairwiseComparison;
import dev.scylla.analysis.testing.AnalysisFixture;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** table_cfp_comparison: the tab02 pipeline for cfp and r_prog, from the HEAD statistics. */
class CfpTableTest {
  @TempDir Path tmp;

  private Path experiment(boolean metrics) throws Exception {
    SyntheticExperiment b = SyntheticExperiment.builder().runs(3).seed(4);
    for (String t : List.of("T0", "T1", "T2")) {
      b.tier(t, t.equals("T0") ? "00" : "01");
    }
    Path exp = b.writeTo(tmp.resolve(metrics ? "with" : "without"));
    if (!metrics) {
      return exp;
    }
    int i = 0;
    for (String t : List.of("T0", "T1", "T2")) {
      for (int n = 1; n <= 3; n++) {
        Path rr =
            exp.resolve(t)
                .resolve(t.equals("T0") ? "00" : "01")
                .resolve("run_0" + n)
                .resolve("run_result.json");
        ObjectNode o = (ObjectNode) Json.parse(Files.readAllBytes(rr));
        o.putObject("process_metrics").put("cfp", (i % 4) / 4.0).put("r_prog", 0.1 * i);
        i++;
        Files.writeString(rr, Json.write(o));
      }
    }
    return exp;
  }

  @Test
  void theTableShowsTheHeadTestsOfCfpAndRProg() throws Exception {
    Analysis a = AnalysisFixture.analyze(experiment(true));
    Table t =
        Tables.build(a).stream()
            .filter(x -> x.name().equals("table_cfp_comparison"))
            .findFirst()
            .orElseThrow();
    assertThat(t.isSkipped()).as(t.skipped()).isFalse();
    assertThat(t.column("Metric")).contains("cfp", "r_prog");
    List<String> comparisons = t.column("Comparison");
    assertThat(comparisons).contains("All tiers (omnibus)", "T0 → T1", "T1 → T2");
    List<PairwiseComparison> cfp =
        a.statistics().pairwiseComparisons().stream()
            .filter(p -> p.metric().equals("cfp"))
            .toList();
    assertThat(cfp).hasSize(2);
    List<String> ps = t.column("p (Holm)");
    for (PairwiseComparison p : cfp) {
      int row = -1;
      for (int i = 0; i < comparisons.size(); i++) {
        if (t.column("Metric").get(i).equals("cfp")
            && comparisons.get(i).equals(p.tier1() + " → " + p.tier2())) {
          row = i;
        }
      }
      assertThat(ps.get(row)).isEqualTo(Fmt.p(p.pValue()));
    }
    // T0's cfp values 0, 0.25, 0.5: mean 0.25; T1's 0.75, 0, 0.25: mean 0.333
    assertThat(t.column("Means")).contains(Fmt.rate(0.25) + " → " + Fmt.rate(1.0 / 3));
  }

  @Test
  void withoutProcessMetricsTheTableIsSkipped() throws Exception {
    Analysis a = AnalysisFixture.analyze(experiment(false));
    Table t =
        Tables.build(a).stream()
            .filter(x -> x.name().equals("table_cfp_comparison"))
            .findFirst()
            .orElseThrow();
    assertThat(t.isSkipped()).isTrue();
    assertThat(t.skipped()).contains("process_metrics");
  }
}
