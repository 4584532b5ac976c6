package dev.scylla.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImplRateTest {
  private static final ObjectMapper M = new ObjectMapper();

  @Test
  void sumsCategoryTotalsWithoutWeightsAndCountsNonNumbersAsZero() throws Exception {
    var c =
        M.readTree(
            "{\"a\": {\"achieved\": 3.5, \"max\": 3.5}, \"b\": {\"achieved\": 2.9, \"max\": 4.0},"
                + " \"c\": {\"achieved\": \"N/A\", \"max\": 2.0}, \"d\": 7}");
    assertThat(ImplRate.ofJudge(c)).isEqualTo(6.4 / 9.5);
  }

  @Test
  void noCriteriaOrZeroMaxIsNaN() throws Exception {
    assertThat(ImplRate.ofJudge(null)).isNaN();
    assertThat(ImplRate.ofJudge(M.readTree("{}"))).isNaN();
    assertThat(ImplRate.ofJudge(M.readTree("{\"a\": {\"achieved\": 0, \"max\": 0}}"))).isNaN();
  }

  @Test
  void runRateIsTheMedianOfTheFiniteJudgeRates() {
    assertThat(ImplRate.ofRun(List.of(0.9923076923076923, 0.9214285714285714, 1.0)))
        .isEqualTo(0.9923076923076923);
    assertThat(ImplRate.ofRun(List.of(0.5, 1.0))).isEqualTo(0.75);
    assertThat(ImplRate.ofRun(Arrays.asList(0.5, Double.NaN, null, 0.7))).isEqualTo(0.6);
    assertThat(ImplRate.ofRun(List.of(Double.NaN))).isNaN();
  }
}
