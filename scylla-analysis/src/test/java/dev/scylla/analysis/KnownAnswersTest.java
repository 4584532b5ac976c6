package dev.scylla.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scylla.event.EventSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything derived from a small hand-made dataset with five runs in each of three tiers, against
 * values computed independently with numpy 2.4.6 / scipy 1.17.1 (script: {@code np.mean}, {@code
 * np.std(ddof=1)}, {@code np.percentile}, {@code stats.kruskal}, {@code
 * stats.mannwhitneyu(alternative='two-sided')}, {@code stats.spearmanr}, {@code stats.shapiro}, and
 * Cliff's δ as {@code np.mean(np.sign(np.subtract.outer(a, b)))}).
 */
class KnownAnswersTest {
  static final double[][] SCORE = {
    {0.42, 0.55, 0.61, 0.38, 0.70}, {0.66, 0.72, 0.81, 0.59, 0.77}, {0.91, 0.85, 0.88, 0.95, 0.79}
  };
  static final double[][] IMPL = {
    {0.40, 0.52, 0.66, 0.35, 0.71}, {0.61, 0.75, 0.80, 0.55, 0.79}, {0.93, 0.84, 0.90, 0.97, 0.81}
  };
  static final int[][] PASSED = {{0, 0, 1, 0, 1}, {1, 1, 1, 0, 1}, {1, 1, 1, 1, 1}};
  static final double[][] COST = {
    {0.11, 0.13, 0.12, 0.10, 0.15}, {0.21, 0.19, 0.25, 0.18, 0.22}, {0.31, 0.29, 0.35, 0.33, 0.30}
  };
  static Analysis a;

  @BeforeAll
  static void derive() {
    List<RunRow> runs = new ArrayList<>();
    List<RunOutcome> outcomes = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < 5; i++) {
        boolean passed = PASSED[t][i] == 1;
        runs.add(
            new RunRow(
                "exp",
                "Sonnet 4.5",
                "T" + t,
                "01",
                i + 1,
                SCORE[t][i],
                IMPL[t][i],
                passed,
                passed ? "A" : "C",
                COST[t][i],
                100 + 10 * i,
                40 + i,
                60 + 9 * i,
                10,
                100 * (t + 1) + i,
                1000,
                5000 * (t + 1) + 7 * i,
                6010 + 100L * (t + 1) + i + 5000L * (t + 1) + 7L * i,
                0));
        outcomes.add(
            new RunOutcome(
                "exp",
                "Sonnet 4.5",
                "T" + t,
                "01",
                i + 1,
                "completed",
                Outcome.SCORED,
                null,
                passed,
                SCORE[t][i],
                1,
                List.of(),
                "scored"));
      }
    }
    Dataset d = new Dataset(List.of(), runs, List.of(), List.of(), outcomes, List.of());
    a =
        Analyzer.derive(
            d,
            new AnalysisParameters(0.05, 2000, 42, 0.95).with(Pipeline.COMMITTED),
            EventSink.NONE);
  }

  @Test
  void subtestRows() {
    SubtestRow t0 = a.subtests().get(0);
    assertThat(t0.tier()).isEqualTo("T0");
    assertThat(t0.meanScore()).isEqualTo(0.532);
    assertThat(t0.medianScore()).isEqualTo(0.55);
    assertThat(t0.stdScore()).isEqualTo(0.13255187663703594);
    assertThat(t0.passRate()).isEqualTo(0.4);
    assertThat(t0.meanCost()).isEqualTo(0.122);
    assertThat(t0.cop()).isCloseTo(0.122 / 0.4, within(1e-15));
    assertThat(t0.consistency()).isCloseTo(1 - 0.13255187663703594 / 0.532, within(1e-15));
    assertThat(t0.grades().a()).isEqualTo(2);
    assertThat(t0.grades().c()).isEqualTo(3);
    assertThat(t0.modalGrade()).isEqualTo("C");
    SubtestRow t1 = a.subtests().get(1);
    assertThat(t1.meanCost()).isEqualTo(0.21000000000000002);
    assertThat(t1.stdScore()).isEqualTo(0.08746427842267954);
  }

  @Test
  void summary() {
    Summary.ModelStats m = a.summary().byModel().get("Sonnet 4.5");
    assertThat(m.meanScore()).isEqualTo(0.706);
    assertThat(m.stdScore()).isEqualTo(0.17145595019462828);
    assertThat(m.q1Score()).isEqualTo(0.6);
    assertThat(m.q3Score()).isEqualTo(0.8300000000000001);
    assertThat(m.totalCost()).isEqualTo(3.2399999999999998);
    assertThat(m.meanCostPerRun()).isEqualTo(0.216);
    // frontier: T0 0.305, T1 0.2625, T2 0.316 → T1
    assertThat(m.frontierCop()).isCloseTo(0.2625, within(1e-15));
    assertThat(a.summary().byTier().keySet()).containsExactly("T0", "T1", "T2");
  }

  @Test
  void kruskalWallisPerMetric() {
    var pass = a.statistics().omnibusTests().get(0);
    assertThat(pass.metric()).isEqualTo("pass_rate");
    assertThat(pass.nGroups()).isEqualTo(3);
    assertThat(pass.hStatistic()).isCloseTo(4.454545454545454, within(1e-13));
    assertThat(pass.pValue()).isCloseTo(0.10782208975362378, within(1e-14));
    assertThat(pass.isSignificant()).isFalse();
    var impl = a.statistics().omnibusTests().get(1);
    assertThat(impl.hStatistic()).isCloseTo(10.820000000000007, within(1e-12));
    assertThat(impl.pValue()).isCloseTo(0.00447164021134832, within(1e-14));
    assertThat(impl.isSignificant()).isTrue();
  }

  @Test
  void pairwiseMannWhitneyWithHolmWithinEachFamily() {
    var p = a.statistics().pairwiseComparisons();
    assertThat(p).hasSize(4);
    // pass_rate family: raw 0.2703441406547801 and 0.4237107971667934 → Holm 0.54068... both
    assertThat(p.get(0).metric()).isEqualTo("pass_rate");
    assertThat(p.get(0).uStatistic()).isEqualTo(7.5);
    assertThat(p.get(0).pValueRaw()).isCloseTo(0.2703441406547801, within(1e-14));
    assertThat(p.get(0).pValue()).isCloseTo(2 * 0.2703441406547801, within(1e-14));
    assertThat(p.get(1).uStatistic()).isEqualTo(10.0);
    assertThat(p.get(1).pValueRaw()).isCloseTo(0.4237107971667934, within(1e-14));
    assertThat(p.get(1).pValue()).isCloseTo(2 * 0.2703441406547801, within(1e-14));
    // impl_rate family, exact: raw 0.09523809523809523 and 0.007936507936507936
    assertThat(p.get(2).metric()).isEqualTo("impl_rate");
    assertThat(p.get(2).uStatistic()).isEqualTo(4.0);
    assertThat(p.get(2).pValueRaw()).isCloseTo(0.09523809523809523, within(1e-15));
    assertThat(p.get(2).pValue()).isCloseTo(0.09523809523809523, within(1e-15));
    assertThat(p.get(3).uStatistic()).isEqualTo(0.0);
    assertThat(p.get(3).pValue()).isCloseTo(2 * 0.007936507936507936, within(1e-15));
    assertThat(p.get(3).isSignificant()).isTrue();
  }

  @Test
  void effectSizesAreLaterTierAgainstEarlier() {
    var e = a.statistics().effectSizes();
    assertThat(e)
        .extracting(x -> x.metric() + " " + x.tier1() + "-" + x.tier2())
        .containsExactly(
            "pass_rate T0-T1", "pass_rate T1-T2", "impl_rate T0-T1", "impl_rate T1-T2");
    assertThat(e.get(0).cliffsDelta()).isCloseTo(0.4, within(1e-15));
    assertThat(e.get(1).cliffsDelta()).isCloseTo(0.2, within(1e-15));
    assertThat(e.get(2).cliffsDelta()).isCloseTo(0.68, within(1e-15));
    assertThat(e.get(3).cliffsDelta()).isEqualTo(1.0);
    for (var x : e) {
      assertThat(x.ciLow()).isLessThanOrEqualTo(x.cliffsDelta());
      assertThat(x.ciHigh()).isGreaterThanOrEqualTo(x.cliffsDelta());
      assertThat(x.isSignificant()).isEqualTo(x.ciLow() > 0 || x.ciHigh() < 0);
    }
  }

  @Test
  void correlationsAndNormality() {
    var c = a.statistics().correlations();
    assertThat(c.get(0).metric2()).isEqualTo("cost_usd");
    assertThat(c.get(0).spearmanRho()).isCloseTo(0.9464285714285712, within(1e-15));
    assertThat(c.get(0).pValue()).isCloseTo(9.447938510352375e-08, within(1e-20));
    assertThat(c.get(3).metric2()).isEqualTo("impl_rate");
    assertThat(c.get(3).spearmanRho()).isCloseTo(0.9928571428571428, within(1e-15));
    var n = a.statistics().normalityTests();
    assertThat(n).hasSize(9);
    assertThat(n.get(0).tier()).isEqualTo("T0");
    assertThat(n.get(0).metric()).isEqualTo("score");
    assertThat(n.get(0).wStatistic()).isCloseTo(0.9511164578931954, within(1e-9));
    assertThat(n.get(0).pValue()).isCloseTo(0.7451622311934969, within(1e-7));
    assertThat(n.get(0).isNormal()).isTrue();
  }

  @Test
  void tierIntervalsBracketTheMean() {
    var iv = a.statistics().tierIntervals();
    assertThat(iv).hasSize(9);
    for (var x : iv) {
      assertThat(x.n()).isEqualTo(5);
      assertThat(x.ciLow()).isLessThanOrEqualTo(x.mean());
      assertThat(x.ciHigh()).isGreaterThanOrEqualTo(x.mean());
    }
    // T2 passes everything: the interval collapses to 1.0
    var t2 = iv.stream().filter(x -> x.tier().equals("T2") && x.metric().equals("pass_rate"));
    assertThat(t2.findFirst().orElseThrow())
        .extracting(x -> x.ciLow() + "/" + x.ciHigh())
        .isEqualTo("1.0/1.0");
  }
}
