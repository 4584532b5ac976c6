package dev.scylla.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SkippedTestsSummaryTest {
  @Test
  void namesTheCountAndEachReason() {
    assertThat(
            SkippedTestsSummary.line(
                Map.of(
                    "skipped: ../shared/fixtures/scylla-dryrun is not present",
                    new AtomicInteger(3),
                    "no chromium",
                    new AtomicInteger(1))))
        .isEqualTo(
            "[scylla] 4 tests skipped: 3 × skipped: ../shared/fixtures/scylla-dryrun is not present;"
                + " 1 × no chromium");
  }

  @Test
  void saysNothingWhenNothingWasSkipped() {
    assertThat(SkippedTestsSummary.line(Map.of())).isNull();
  }
}
