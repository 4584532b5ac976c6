package dev.scylla.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.model.RunKey;
import dev.scylla.model.TokenStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AggregationTest {

  static RunSummary run(
      String sub, int n, double score, boolean passed, String grade, long tokens) {
    return new RunSummary(
        new RunKey("T1", sub, n),
        score,
        passed,
        grade,
        0.1 * n,
        new TokenStats(tokens, 10, 100, 1000),
        10.0 * n);
  }

  @Test
  void subtestStatisticsAsTheReference() {
    List<RunSummary> runs =
        List.of(
            run("01", 3, 0.9, true, "A", 1),
            run("01", 1, 0.7, true, "B", 1),
            run("01", 2, 0.8, false, "A", 1),
            run("01", 4, 0.95, true, "B", 1));
    SubtestStats s = SubtestAggregator.aggregate("T1", "01", runs);
    assertThat(s.runs()).extracting(RunSummary::runNumber).containsExactly(1, 2, 3, 4);
    assertThat(s.passed()).isEqualTo(3);
    assertThat(s.passRate()).isEqualTo(0.75);
    assertThat(s.meanScore()).isEqualTo(0.8375);
    assertThat(s.medianScore()).isEqualTo(0.8500000000000001);
    assertThat(s.stdDevScore()).isEqualTo(0.11086778913041725);
    assertThat(s.consistency()).isEqualTo(Math.max(0, 1 - 0.11086778913041725 / 0.8375));
    assertThat(s.totalCost()).isEqualTo(0.1 + 0.2 + 0.30000000000000004 + 0.4);
    assertThat(s.tokenStats()).isEqualTo(new TokenStats(4, 40, 400, 4000));
    assertThat(s.gradeDistribution())
        .containsExactly(java.util.Map.entry("B", 2), java.util.Map.entry("A", 2));
    assertThat(s.modalGrade()).as("ties go to the grade seen first (run order)").isEqualTo("B");
    assertThat(s.minGrade()).isEqualTo("B");
    assertThat(s.maxGrade()).isEqualTo("A");
    assertThat(s.bestRunScore()).isEqualTo(0.95);
    assertThat(s.totalDuration()).isEqualTo(100.0);
  }

  @Test
  void oneRunIsFullyConsistentAndZeroMeanIsNot() {
    SubtestStats one =
        SubtestAggregator.aggregate("T1", "01", List.of(run("01", 1, 0.5, true, "C", 1)));
    assertThat(one.stdDevScore()).isZero();
    assertThat(one.consistency()).isEqualTo(1.0);
    SubtestStats zero =
        SubtestAggregator.aggregate(
            "T1",
            "01",
            List.of(run("01", 1, 0.0, false, "F", 1), run("01", 2, 0.0, false, "F", 1)));
    assertThat(zero.consistency()).isZero();
    SubtestStats none = SubtestAggregator.aggregate("T1", "01", List.of());
    assertThat(none.totalRuns()).isZero();
    assertThat(none.gradeDistribution()).isNull();
    assertThat(none.modalGrade()).isNull();
  }

  static SubtestStats subtest(String id, double median, long tokens) {
    return SubtestAggregator.aggregate(
        "T1", id, List.of(run(id, 1, median, median >= 0.6, "B", tokens)));
  }

  @Test
  void singleSubtestWins() {
    BestSubtest b = BestSubtestSelector.select(List.of(subtest("03", 0.5, 1)));
    assertThat(b.winner()).isEqualTo("03");
    assertThat(b.margin()).isEqualTo(1.0);
    assertThat(b.votes())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.reasoning()).isEqualTo("Only sub-test in tier");
              assertThat(v.confidence()).isEqualTo(1.0);
            });
    assertThat(b.reason()).isEqualTo("Highest median score (0.500)");
    assertThatThrownBy(() -> BestSubtestSelector.select(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clearWinnerByMedian() {
    BestSubtest b =
        BestSubtestSelector.select(List.of(subtest("01", 0.7, 1), subtest("02", 0.9, 999)));
    assertThat(b.winner()).isEqualTo("02");
    assertThat(b.tiebreakerNeeded()).isFalse();
    assertThat(b.margin()).isEqualTo(0.9 - 0.7);
    assertThat(b.votes()).extracting(BestSubtest.Vote::subtestId).containsExactly("02", "01");
    assertThat(b.votes().get(0).reasoning())
        .isEqualTo("Pass rate: 100.0%, Mean score: 0.900, Consistency: 1.000");
  }

  @Test
  void withinTheThresholdFewerTokensWin() {
    BestSubtest b =
        BestSubtestSelector.select(
            List.of(subtest("01", 0.90, 5000), subtest("02", 0.93, 9000), subtest("03", 0.2, 1)));
    assertThat(b.tiebreakerNeeded()).isTrue();
    assertThat(b.winner()).isEqualTo("01");
    assertThat(b.winningScore()).isEqualTo(0.90);
    long t1 = 5000 + 10 + 100 + 1000;
    long t2 = 9000 + 10 + 100 + 1000;
    assertThat(b.tiebreaker().reasoning())
        .isEqualTo(
            "Tie broken by token usage: "
                + t1
                + " tokens (02="
                + t2
                + ", 01="
                + t1
                + "). Lower is better.");
  }

  @Test
  void tiesAreBrokenBySubtestIdWhateverTheInputOrder() {
    List<SubtestStats> subs = new ArrayList<>();
    for (String id : List.of("04", "02", "07", "03")) {
      subs.add(subtest(id, 0.8, 1234));
    }
    Random rnd = new Random(3);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(subs, rnd);
      BestSubtest b = BestSubtestSelector.select(subs);
      assertThat(b.winner()).isEqualTo("02");
      assertThat(b.votes())
          .extracting(BestSubtest.Vote::subtestId)
          .containsExactly("02", "03", "04", "07");
      assertThat(b.tiebreakerNeeded()).isTrue();
    }
  }

  @Test
  void tierAndExperimentTotalsAndFrontier() {
    SubtestStats a =
        SubtestAggregator.aggregate("T1", "01", List.of(run("01", 1, 0.9, true, "A", 5)));
    TierSummary t1 = TierAggregator.aggregate("T1", List.of(a), null, null);
    assertThat(t1.durationMeasured()).isFalse();
    assertThat(t1.totalDuration()).isEqualTo(10.0);
    assertThat(t1.costOfPass()).isEqualTo(0.1);
    TierSummary measured = TierAggregator.aggregate("T1", List.of(a), 12.5, null);
    assertThat(measured.totalDuration()).isEqualTo(12.5);

    RunSummary failing =
        new RunSummary(
            new RunKey("T0", "00", 1), 0.3, false, "D", 0.05, new TokenStats(1, 1, 1, 1), 3.0);
    TierSummary t0 =
        TierAggregator.aggregate(
            "T0", List.of(SubtestAggregator.aggregate("T0", "00", List.of(failing))), null, null);
    assertThat(t0.costOfPass()).as("never passed: no cost of pass (not Infinity)").isNull();

    ExperimentSummary e =
        ExperimentAggregator.aggregate(
            config(),
            List.of(t1, t0),
            "2026-01-20T06:13:07.511942+00:00",
            "2026-01-20T06:22:17.393699+00:00",
            null);
    assertThat(e.tiers()).extracting(TierSummary::tier).containsExactly("T0", "T1");
    assertThat(e.frontierTier()).isEqualTo("T1");
    assertThat(e.frontierCop()).isEqualTo(0.1);
    assertThat(e.bestOverallSubtest()).isEqualTo("01");
    assertThat(e.totalDurationSeconds()).isEqualTo(549.881757);
    assertThat(e.totalCost()).isEqualTo(0.05 + 0.1);

    ExperimentSummary none =
        ExperimentAggregator.aggregate(config(), List.of(t0), null, null, null);
    assertThat(none.frontierTier()).isNull();
    assertThat(none.frontierCop()).isNull();
    assertThat(none.totalDurationSeconds()).isEqualTo(3.0);
  }

  static dev.scylla.model.ExperimentConfig config() {
    try {
      return dev.scylla.store.ModelJson.config(
          (com.fasterxml.jackson.databind.node.ObjectNode)
              dev.scylla.store.Json.parse("{\"experiment_id\": \"x\"}"));
    } catch (dev.scylla.store.CorruptFileException e) {
      throw new AssertionError(e);
    }
  }
}
