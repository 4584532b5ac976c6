package dev.scylla.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.analysis.StatisticalResults.PairwiseComparison;
import dev.scylla.analysis.testing.AnalysisFixture;
import dev.scylla.event.EventSink;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two tiers that pass every run: HEAD reports the Mann–Whitney p-value 1.0 and keeps the test in
 * the Holm family; the committed pipeline has no p-value there (null) and leaves it out, so its
 * other corrections come out less conservative.
 */
class TiedPairsTest {
  private static Analysis data() {
    return AnalysisFixture.builder()
        .tiers("T0", "T1", "T2")
        .runs(6)
        .infraRate(0)
        .passProbability("T0", 1.0)
        .passProbability("T1", 1.0)
        .passProbability("T2", 0.0)
        .build();
  }

  private static List<PairwiseComparison> pass(Analysis a) {
    return a.statistics().pairwiseComparisons().stream()
        .filter(p -> p.metric().equals("pass_rate"))
        .filter(p -> p.model().equals(a.statistics().pairwiseComparisons().get(0).model()))
        .toList();
  }

  @Test
  void headKeepsTheTiedPairInTheFamilyWithPOne() {
    Analysis a = data();
    assertThat(a.parameters().pipeline()).isEqualTo(Pipeline.HEAD);
    List<PairwiseComparison> p = pass(a);
    assertThat(p).hasSize(3); // T0-T1, T1-T2, T0-T2 (the first→last contrast)
    PairwiseComparison tied = p.get(0);
    assertThat(tied.tier1() + tied.tier2()).isEqualTo("T0T1");
    assertThat(tied.uStatistic()).isEqualTo(0.0);
    assertThat(tied.pValueRaw()).isEqualTo(1.0);
    assertThat(tied.pValue()).isEqualTo(1.0);
    // a family of three: the smallest raw p-value is multiplied by 3
    double min = Math.min(p.get(1).pValueRaw(), p.get(2).pValueRaw());
    double smallestCorrected = Math.min(p.get(1).pValue(), p.get(2).pValue());
    assertThat(smallestCorrected).isEqualTo(Math.min(1.0, 3 * min));
  }

  @Test
  void theCommittedPipelineDropsItAndHasNoContrast() {
    Analysis head = data();
    Analysis a =
        Analyzer.derive(head.data(), head.parameters().with(Pipeline.COMMITTED), EventSink.NONE);
    List<PairwiseComparison> p = pass(a);
    assertThat(p).hasSize(2);
    assertThat(p.get(0).pValueRaw()).isNaN();
    assertThat(p.get(0).pValue()).isNaN();
    // a family of one: T1-T2 uncorrected
    assertThat(p.get(1).pValue()).isEqualTo(p.get(1).pValueRaw());
    assertThat(a.statistics().powerAnalysis()).isEmpty();
    assertThat(a.statistics().interactionTests()).isEmpty();
  }
}
