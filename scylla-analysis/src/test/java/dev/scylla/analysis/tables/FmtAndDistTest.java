package dev.scylla.analysis.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Number formats and the distribution summary shared by tables and figures. */
class FmtAndDistTest {
  @Test
  void missingAndInfiniteValuesHaveOneSpellingEach() {
    assertThat(Fmt.pct(Double.NaN)).isEqualTo("n/a");
    assertThat(Fmt.rate(Double.NaN)).isEqualTo("n/a");
    assertThat(Fmt.usd(Double.NaN)).isEqualTo("n/a");
    assertThat(Fmt.usd(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    assertThat(Fmt.p(Double.NaN)).isEqualTo("n/a");
    assertThat(Fmt.meanSd(0.9733, Double.NaN)).isEqualTo("0.973 ± n/a");
  }

  @Test
  void quantitiesOfOneKindAlwaysLookTheSame() {
    assertThat(Fmt.pct(0.85)).isEqualTo("85.0%");
    assertThat(Fmt.pctCi(0.85, 0.721, 0.93)).isEqualTo("85.0% [72.1, 93.0]");
    assertThat(Fmt.pctCi(1.0, 1.0, 1.0)).isEqualTo("100.0%"); // a collapsed interval is left out
    assertThat(Fmt.pp(0.125)).isEqualTo("+12.5 pp");
    assertThat(Fmt.pp(-0.2)).isEqualTo("−20.0 pp");
    assertThat(Fmt.rate(-0.11692939616021758)).isEqualTo("−0.117");
    assertThat(Fmt.delta(0.0123)).isEqualTo("+0.012");
    assertThat(Fmt.usd(0.06531415)).isEqualTo("$0.065");
    assertThat(Fmt.usd(134.49)).isEqualTo("$134.490");
    assertThat(Fmt.p(0.00001)).isEqualTo("<0.0001");
    assertThat(Fmt.p(0.031746031746031744)).isEqualTo("0.0317");
    assertThat(Fmt.count(1000213)).isEqualTo("1,000,213");
    assertThat(Fmt.num(184.11754142857146)).isEqualTo("184.1");
    assertThat(Fmt.num(1000213)).isEqualTo("1,000,213");
  }

  @Test
  void quartilesInterpolateLinearlyAsNumpyDoes() {
    // numpy.percentile([1, 2, 3, 4], [25, 50, 75]) = [1.75, 2.5, 3.25]
    Dist d = Dist.of(new double[] {4, 1, 3, 2});
    assertThat(d.q1()).isEqualTo(1.75);
    assertThat(d.median()).isEqualTo(2.5);
    assertThat(d.q3()).isEqualTo(3.25);
    assertThat(d.mean()).isEqualTo(2.5);
    assertThat(d.std()).isCloseTo(1.2909944487358056, within(1e-15));
    // the recorded experiment's scores: pandas gives q1 0.9647666666666668, q3 0.9833333333333334
    Dist s =
        Dist.of(
            new double[] {
              0.9733333333333333,
              0.9700000000000001,
              0.9833333333333334,
              0.9833333333333334,
              0.9595333333333333,
              0.9833333333333334,
              0.9433333333333334
            });
    assertThat(s.q1()).isCloseTo(0.9647666666666668, within(1e-15));
    assertThat(s.q3()).isCloseTo(0.9833333333333334, within(1e-15));
    assertThat(s.std()).isCloseTo(0.015053323210591742, within(1e-15));
  }

  @Test
  void whiskersStopAtTheLastValueInsideTheFencesAndTheRestAreOutliers() {
    // q1 = 2, q3 = 4 -> IQR 2, fences -1 and 7: 10 is an outlier, the high whisker ends at 5
    Dist d = Dist.of(new double[] {1, 2, 2, 3, 4, 4, 5, 10, Double.NaN});
    assertThat(d.n()).isEqualTo(8);
    assertThat(d.q1()).isEqualTo(2.0);
    assertThat(d.q3()).isEqualTo(4.25);
    assertThat(d.whiskerLow()).isEqualTo(1.0);
    assertThat(d.whiskerHigh()).isEqualTo(5.0);
    assertThat(d.outliers()).containsExactly(10.0);
  }

  @Test
  void emptyAndSingleValueDistributionsAreDefinedNotCrashes() {
    assertThat(Dist.of(new double[0]).n()).isZero();
    assertThat(Dist.of(new double[0]).mean()).isNaN();
    assertThat(Dist.of(new double[] {Double.NaN}).n()).isZero();
    Dist one = Dist.of(new double[] {0.97});
    assertThat(one.std()).isNaN();
    assertThat(one.q1()).isEqualTo(0.97);
    assertThat(one.consistency()).isEqualTo(1.0); // the reference's quirk: undefined std -> 1.0
    assertThat(Dist.of(new double[] {0, 0}).consistency()).isEqualTo(0.0);
    assertThat(Dist.of(new double[] {0.5, 1.0}).consistency()).isCloseTo(0.5286, within(1e-4));
  }
}
