package dev.scylla.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected values are what CPython 3.11 prints for the same inputs. */
class StatsAndFormatTest {
  @Test
  void meanIsCorrectlyRoundedAsStatisticsMean() {
    assertThat(Stats.mean(new double[] {0.1, 0.2, 0.3})).isEqualTo(0.2);
    assertThat(Stats.sum(new double[] {0.1, 0.2, 0.3}) / 3).isEqualTo(0.20000000000000004);
    assertThat(Stats.mean(new double[] {0.7, 0.8, 0.9, 0.95})).isEqualTo(0.8375);
    assertThat(Stats.mean(new double[] {0.96, 0.96, 1.0})).isEqualTo(0.9733333333333333);
    assertThat(Stats.mean(new double[] {})).isZero();
  }

  @Test
  void medianAndStandardDeviations() {
    assertThat(Stats.median(new double[] {0.95, 0.7, 0.9, 0.8})).isEqualTo(0.8500000000000001);
    assertThat(Stats.median(new double[] {0.33, 0.66, 0.99, 0.1, 0.5})).isEqualTo(0.5);
    assertThat(Stats.sampleStdDev(new double[] {0.1, 0.2, 0.3})).isEqualTo(0.09999999999999999);
    assertThat(Stats.sampleStdDev(new double[] {0.96, 0.96, 1.0})).isEqualTo(0.023094010767585053);
    assertThat(Stats.sampleStdDev(new double[] {0.33, 0.66, 0.99, 0.1, 0.5}))
        .isEqualTo(0.3366452138379514);
    assertThat(Stats.sampleStdDev(new double[] {0.5})).isZero();
    assertThat(Stats.populationStdDev(new double[] {0.7, 0.8, 0.9, 0.95}))
        .isEqualTo(0.0960143218483576);
    assertThat(Stats.sampleStdDev(new double[] {1.0, 1.0})).isZero();
  }

  @Test
  void formattingRoundsTheBinaryValueHalfToEvenAsPython() {
    assertThat(PyFormat.fixed(0.125, 2)).isEqualTo("0.12");
    assertThat(String.format("%.2f", 0.125)).as("Java rounds differently").isEqualTo("0.13");
    assertThat(PyFormat.fixed(2.675, 2)).isEqualTo("2.67");
    assertThat(PyFormat.fixed(0.5, 0)).isEqualTo("0");
    assertThat(PyFormat.fixed(1.5, 0)).isEqualTo("2");
    assertThat(PyFormat.fixed(0.9733333333333333, 3)).isEqualTo("0.973");
    assertThat(PyFormat.fixed(-0.0001, 2)).isEqualTo("-0.00");
    assertThat(PyFormat.percent(1.0 / 3, 1)).isEqualTo("33.3%");
    assertThat(PyFormat.percent(0.0285, 1)).isEqualTo("2.9%");
    assertThat(PyFormat.thousands(1234567)).isEqualTo("1,234,567");
    assertThat(PyFormat.thousands(999)).isEqualTo("999");
    assertThat(PyFormat.thousands(1000)).isEqualTo("1,000");
    assertThat(PyFormat.thousands(-1000)).isEqualTo("-1,000");
    assertThat(PyFormat.fixed(Double.POSITIVE_INFINITY, 2)).isEqualTo("inf");
  }
}
