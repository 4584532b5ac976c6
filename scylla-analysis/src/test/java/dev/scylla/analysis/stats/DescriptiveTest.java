package dev.scylla.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Sums, means, deviations and quantiles equal numpy's to the last bit. Expected values from numpy
 * 2.4.6: {@code x = np.array([0.1*i + 1.0/(i+1) + (1e-3 if i % 3 == 0 else 0.0) for i in
 * range(n)])}, then {@code np.sum, np.mean, np.std(ddof=1), np.median, np.percentile(25/75)}.
 */
class DescriptiveTest {
  private static double[] data(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 0.1 * i + 1.0 / (i + 1) + (i % 3 == 0 ? 1e-3 : 0.0);
    }
    return x;
  }

  private static void check(int n, double... expected) {
    double[] x = data(n);
    assertThat(Descriptive.sum(x)).as("sum n=%d", n).isEqualTo(expected[0]);
    assertThat(Descriptive.mean(x)).as("mean n=%d", n).isEqualTo(expected[1]);
    assertThat(Descriptive.std(x)).as("std n=%d", n).isEqualTo(expected[2]);
    assertThat(Descriptive.median(x)).as("median n=%d", n).isEqualTo(expected[3]);
    assertThat(Descriptive.quantile(x, 0.25)).as("q1 n=%d", n).isEqualTo(expected[4]);
    assertThat(Descriptive.quantile(x, 0.75)).as("q3 n=%d", n).isEqualTo(expected[5]);
  }

  @Test
  void matchesNumpyBitForBitAcrossThePairwiseSummationRegimes() {
    check(
        5,
        3.2853333333333334,
        0.6570666666666667,
        0.1945272617284157,
        0.6,
        0.551,
        0.6000000000000001);
    check(
        7,
        4.695857142857143,
        0.6708367346938776,
        0.16210123666260418,
        0.6000000000000001,
        0.5755,
        0.7052619047619048);
    check(
        9,
        6.431968253968254,
        0.714663139329806,
        0.16653534542552853,
        0.6666666666666666,
        0.6,
        0.8250000000000001);
    check(
        17,
        17.045552522640758,
        1.0026795601553387,
        0.36920012281304615,
        1.001,
        0.6666666666666666,
        1.277923076923077);
    check(
        128,
        818.2761470925892,
        6.392782399160853,
        3.6634345656303107,
        6.366004807692308,
        3.2055397727272728,
        9.53563981958763);
    check(
        129,
        831.0838990305737,
        6.442510845198245,
        3.692547853693671,
        6.415384615384616,
        3.2303030303030305,
        9.611309278350516);
    check(
        300,
        4491.3826638803,
        14.971275546267668,
        8.65003970564319,
        14.957144591611478,
        7.488951754385965,
        22.4296895280236);
    check(
        1000,
        49957.81947086055,
        49.95781947086055,
        28.87245074227247,
        49.95199800399202,
        24.979238047808764,
        74.9265828894807);
  }

  @Test
  void sumsFromTheLeftBelowEightValues() {
    // np.sum([0.1,...,0.7]) == 2.8, while 0.1 + (0.2 + ... + 0.7) == 2.8000000000000003
    assertThat(Descriptive.sum(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7})).isEqualTo(2.8);
  }

  @Test
  void missingValuesAreSkippedAsPandasSkipsThem() {
    double nan = Double.NaN;
    double[] x = {1, nan, 3};
    assertThat(Descriptive.mean(x)).isEqualTo(2.0);
    assertThat(Descriptive.count(x)).isEqualTo(2);
    assertThat(Descriptive.std(new double[] {1, nan})).isNaN();
    assertThat(Descriptive.mean(new double[] {nan})).isNaN();
    assertThat(Descriptive.nanSum(new double[] {nan})).isEqualTo(0.0);
    assertThat(Descriptive.median(new double[] {})).isNaN();
  }

  @Test
  void consistencyAndCostOfPassFollowTheReference() {
    assertThat(Descriptive.consistency(0.8, 0.2))
        .isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(Descriptive.consistency(0.5, Double.NaN)).isEqualTo(1.0);
    assertThat(Descriptive.consistency(0.0, 0.1)).isEqualTo(0.0);
    assertThat(Descriptive.consistency(0.1, 0.5)).isEqualTo(0.0);
    assertThat(Descriptive.costOfPass(0.2, 0.5)).isEqualTo(0.4);
    assertThat(Descriptive.costOfPass(0.2, 0.0)).isInfinite();
  }
}
