package dev.scylla.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statistics only the reference's HEAD pipeline computes, against the values it gives
 * (scylla-analysis.md §13.5) and numpy's published stream for seed 42.
 */
class HeadStatisticsTest {
  @Test
  void theGeneratorFollowsNumpysLegacyRandomStateStream() {
    // np.random.RandomState(42).random_sample() and .normal() x5 (from a fresh generator each)
    assertThat(new LegacyNormal(42).nextDouble()).isEqualTo(0.3745401188473625);
    LegacyNormal g = new LegacyNormal(42);
    double[] first = g.normal(0, 5);
    assertThat(first[0]).isCloseTo(0.4967141530112327, within(1e-15));
    assertThat(first[1]).isCloseTo(-0.13826430117118466, within(1e-15));
    assertThat(first[2]).isCloseTo(0.6476885381006925, within(1e-15));
    assertThat(first[3]).isCloseTo(1.5230298564080254, within(1e-15));
    assertThat(first[4]).isCloseTo(-0.23415337472333597, within(1e-15));
    // a different seed is a different stream
    assertThat(new LegacyNormal(43).nextDouble()).isNotEqualTo(0.3745401188473625);
  }

  @Test
  void simulatedPowerEqualsTheReferencesValues() {
    // mann_whitney_power(5, 5, 0.5) = 0.1938; kruskal_wallis_power([5, 5, 5], 0.06) = 0.1897
    assertThat(Power.mannWhitney(5, 5, 0.5, 0.05, 10_000, 42)).isEqualTo(0.1938);
    assertThat(Power.kruskalWallis(List.of(5, 5, 5), 0.06, 0.05, 10_000, 42)).isEqualTo(0.1897);
  }

  @Test
  void severalEffectSizesFromOneStreamEqualOneAtATime() {
    double[] both = Power.mannWhitney(12, 15, new double[] {0.45, 0.3, 0.0}, 0.05, 500, 42);
    assertThat(both[0]).isEqualTo(Power.mannWhitney(12, 15, 0.45, 0.05, 500, 42));
    assertThat(both[1]).isEqualTo(Power.mannWhitney(12, 15, 0.3, 0.05, 500, 42));
    assertThat(both[2]).isEqualTo(0.05);
    assertThat(both[0]).isGreaterThan(both[1]);
  }

  @Test
  void powerGuards() {
    assertThat(Power.mannWhitney(1, 5, 0.5, 0.05, 100, 42)).isNaN();
    assertThat(Power.mannWhitney(5, 5, 0.0, 0.05, 100, 42)).isEqualTo(0.05);
    assertThat(Power.kruskalWallis(List.of(5, 1), 0.06, 0.05, 100, 42)).isNaN();
    assertThat(Power.kruskalWallis(List.of(5), 0.06, 0.05, 100, 42)).isNaN();
    assertThat(Power.kruskalWallis(List.of(5, 5), 0.0, 0.05, 100, 42)).isEqualTo(0.05);
    // more data, more power; a large effect is found almost always
    double small = Power.mannWhitney(10, 10, 0.3, 0.05, 2000, 42);
    double large = Power.mannWhitney(40, 40, 0.3, 0.05, 2000, 42);
    assertThat(large).isGreaterThan(small);
    assertThat(Power.mannWhitney(30, 30, 0.9, 0.05, 2000, 42)).isGreaterThan(0.99);
  }

  @Test
  void theFastMannWhitneyPathAgreesWithTheGeneralTest() {
    LegacyNormal g = new LegacyNormal(7);
    for (int i = 0; i < 50; i++) {
      double[] x = g.normal(0, 12 + i % 5);
      double[] y = g.normal(0.4, 9 + i % 7);
      double fast = Power.mannWhitneyP(x, y, new Power.RankSums(x.length + y.length));
      assertThat(fast).isCloseTo(MannWhitney.test(x, y).pValue(), within(1e-12));
    }
  }

  @Test
  void theBucketedRankSumsAgreeWithTheGeneralTestsAndFallBackOnTies() {
    LegacyNormal g = new LegacyNormal(11);
    org.apache.commons.statistics.distribution.ChiSquaredDistribution chi2 =
        org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(3);
    for (int i = 0; i < 30; i++) {
      double[][] groups = {
        g.normal(0, 10 + i), g.normal(0.2, 12), g.normal(0.5, 9), g.normal(1, 3)
      };
      int total = 0;
      for (double[] x : groups) {
        total += x.length;
      }
      double fast = Power.kruskalWallisP(groups, total, chi2, new Power.RankSums(total));
      assertThat(fast).isCloseTo(KruskalWallis.test(List.of(groups)).pValue(), within(1e-12));
    }
    // ties (discrete values): the general tests with their tie corrections
    double[] a = {1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9};
    double[] b = {2, 3, 3, 4, 6, 7, 8, 8, 9, 10, 11};
    assertThat(Power.mannWhitneyP(a, b, new Power.RankSums(22)))
        .isEqualTo(MannWhitney.test(a, b).pValue());
    assertThat(
            Power.kruskalWallisP(
                new double[][] {a.clone(), b.clone()},
                22,
                org.apache.commons.statistics.distribution.ChiSquaredDistribution.of(1),
                new Power.RankSums(22)))
        .isEqualTo(KruskalWallis.test(List.of(a, b)).pValue());
  }

  @Test
  void scheirerRayHareEqualsTheReferencesValues() {
    double[] v = {0.8, 0.9, 0.6, 0.7, 0.85, 0.95, 0.5, 0.65, 0.9, 0.7, 0.75, 0.8};
    List<String> m = List.of("A", "A", "B", "B", "A", "B", "A", "B", "A", "B", "A", "B");
    List<String> t =
        List.of("T0", "T1", "T0", "T1", "T2", "T2", "T0", "T1", "T2", "T0", "T1", "T2");
    ScheirerRayHare.Result r = ScheirerRayHare.test(v, m, t);
    assertThat(r.a().h()).isCloseTo(0.7838633686690228, within(1e-12));
    assertThat(r.a().df()).isEqualTo(1);
    assertThat(r.a().p()).isCloseTo(0.37596218248328883, within(1e-12));
    assertThat(r.b().h()).isCloseTo(5.713780918727915, within(1e-12));
    assertThat(r.b().df()).isEqualTo(2);
    assertThat(r.b().p()).isCloseTo(0.057447116962672906, within(1e-12));
    assertThat(r.interaction().h()).isCloseTo(0.8680800942285034, within(1e-12));
    assertThat(r.interaction().df()).isEqualTo(2);
    assertThat(r.interaction().p()).isCloseTo(0.6478863089887748, within(1e-12));
  }

  @Test
  void aSingleLevelFactorHasNoTest() {
    double[] v = {1, 2, 3, 4, 5, 6};
    List<String> m = List.of("A", "A", "A", "A", "A", "A");
    List<String> t = List.of("T0", "T0", "T1", "T1", "T2", "T2");
    ScheirerRayHare.Result r = ScheirerRayHare.test(v, m, t);
    assertThat(r.a().h()).isEqualTo(0.0);
    assertThat(r.a().df()).isZero();
    assertThat(r.a().p()).isNaN();
    assertThat(r.interaction().h()).isEqualTo(0.0);
    assertThat(r.interaction().p()).isNaN();
    assertThat(r.b().h()).isCloseTo(16 / 3.5, within(1e-12));
    assertThat(r.b().p()).isCloseTo(Math.exp(-16 / 3.5 / 2), within(1e-12));
  }

  @Test
  void fullyTiedSamplesAreATestWithPOneUnderHead() {
    double[] ones = {1, 1, 1};
    assertThat(MannWhitney.headGuarded(ones, ones)).isEqualTo(new TestResult(0.0, 1.0));
    // the committed pipeline's test has no p-value there
    assertThat(MannWhitney.guarded(ones, ones).pValue()).isNaN();
    // otherwise the same test
    double[] a = {0.1, 0.4, 0.35, 0.8};
    double[] b = {0.9, 0.95, 0.7, 0.85, 0.99};
    assertThat(MannWhitney.headGuarded(a, b)).isEqualTo(MannWhitney.guarded(a, b));
  }
}
