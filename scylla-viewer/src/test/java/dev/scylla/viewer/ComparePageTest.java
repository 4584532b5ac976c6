package dev.scylla.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComparePageTest {
  @Test
  void wilsonIntervalsMatchTheTextbookValues() {
    double[] half = ComparePage.wilson(5, 10);
    assertThat(half[0]).isCloseTo(0.2366, within(1e-4));
    assertThat(half[1]).isCloseTo(0.7634, within(1e-4));
    double[] none = ComparePage.wilson(0, 20);
    assertThat(none[0]).isZero();
    assertThat(none[1]).isCloseTo(0.1611, within(1e-4));
    double[] all = ComparePage.wilson(20, 20);
    assertThat(all[0]).isCloseTo(0.8389, within(1e-4));
    assertThat(all[1]).isEqualTo(1.0);
    assertThat(ComparePage.wilson(0, 0)[0]).isNaN();
  }
}
