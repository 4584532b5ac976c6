package dev.scylla.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Grades;
import dev.scylla.model.Judgment;
import dev.scylla.store.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsensusBuilderTest {

  static Judgment judgment(double score, boolean passed, String reasoning) {
    ObjectNode criteria = Json.object();
    criteria.putObject("functional").put("score", score);
    return new Judgment(
        score, passed, Grades.letter(score), reasoning, true, criteria, false, null, Json.object());
  }

  static List<SlotVerdict> slots(double... scores) {
    List<SlotVerdict> out = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      out.add(new SlotVerdict(i + 1, judgment(scores[i], true, "judge " + (i + 1))));
    }
    return out;
  }

  /** The recorded experiment's judge scores and consensus means (scylla-recovery.md §5.4). */
  @ParameterizedTest(name = "{0}: {1}/{2}/{3} -> {4}, closest judge {5}")
  @CsvSource({
    "T0, 0.96, 0.96, 1.0, 0.9733333333333333, 1",
    "T1, 0.95, 0.96, 1.0, 0.9700000000000001, 2",
    "T2, 0.95, 1.0, 1.0, 0.9833333333333334, 2",
    "T3, 0.96, 1.0, 0.99, 0.9833333333333334, 3",
    "T4, 0.95, 1.0, 0.9286, 0.9595333333333333, 1",
    "T5, 0.95, 1.0, 1.0, 0.9833333333333334, 2",
    "T6, 0.93, 0.9, 1.0, 0.9433333333333334, 1"
  })
  void recordedExperimentVectors(
      String tier, double a, double b, double c, double mean, int closest) {
    ConsensusResult first = ConsensusBuilder.build(slots(a, b, c), ConsensusPolicy.DEFAULT).get();
    assertThat(first.score()).isEqualTo(mean);
    assertThat(first.grade()).isEqualTo("A");
    assertThat(first.passed()).isTrue();
    assertThat(first.reasoning()).isEqualTo("judge 1");
    assertThat(first.representativeJudge()).isEqualTo(1);
    assertThat(first.validJudges()).isEqualTo(3);
    assertThat(first.isValid()).isTrue();

    ConsensusResult near =
        ConsensusBuilder.build(
                slots(a, b, c), ConsensusPolicy.DEFAULT.withRule(ReasoningRule.CLOSEST))
            .get();
    assertThat(near.representativeJudge()).isEqualTo(closest);
    assertThat(near.reasoning()).isEqualTo("judge " + closest);
    assertThat(near.criteriaScores().path("functional").path("score").doubleValue())
        .isEqualTo(new double[] {a, b, c}[closest - 1]);
    assertThat(near.score()).isEqualTo(mean);
  }

  @Test
  void passedIsAStrictMajorityOfTheCountedVotes() {
    List<SlotVerdict> tie =
        List.of(
            new SlotVerdict(1, judgment(0.9, true, "yes")),
            new SlotVerdict(2, judgment(0.5, false, "no")));
    assertThat(ConsensusBuilder.build(tie, ConsensusPolicy.DEFAULT).get().passed()).isFalse();
    List<SlotVerdict> two =
        List.of(
            new SlotVerdict(1, judgment(0.9, true, "yes")),
            new SlotVerdict(2, judgment(0.5, false, "no")),
            new SlotVerdict(3, judgment(0.7, true, "yes")));
    ConsensusResult r = ConsensusBuilder.build(two, ConsensusPolicy.DEFAULT).get();
    assertThat(r.passed()).isTrue();
    assertThat(r.agreement().passVotes()).isEqualTo(2);
    assertThat(r.agreement().failVotes()).isEqualTo(1);
    assertThat(r.agreement().unanimous()).isFalse();
  }

  @Test
  void gradeSOnlyAtExactlyOne() {
    assertThat(ConsensusBuilder.build(slots(1.0, 1.0, 1.0), ConsensusPolicy.DEFAULT).get().grade())
        .isEqualTo("S");
    assertThat(ConsensusBuilder.build(slots(1.0, 1.0, 0.99), ConsensusPolicy.DEFAULT).get().grade())
        .isEqualTo("A");
    assertThat(ConsensusBuilder.build(slots(0.2), ConsensusPolicy.DEFAULT).get().grade())
        .isEqualTo("D");
    assertThat(ConsensusBuilder.build(slots(0.19), ConsensusPolicy.DEFAULT).get().grade())
        .isEqualTo("F");
  }

  @Test
  void invalidAndFallbackJudgmentsNeverCountWhileARealVerdictExists() {
    Judgment invalid =
        new Judgment(0.0, false, "F", "Judge failed", false, null, false, null, Json.object());
    Judgment fallback =
        new Judgment(0.7, true, "C", "Fallback", true, null, true, "boom", Json.object());
    List<SlotVerdict> v =
        List.of(
            new SlotVerdict(1, invalid),
            new SlotVerdict(2, fallback),
            new SlotVerdict(3, judgment(0.9, true, "real")));
    ConsensusResult r = ConsensusBuilder.build(v, ConsensusPolicy.DEFAULT).get();
    assertThat(r.score()).isEqualTo(0.9);
    assertThat(r.counted()).isEqualTo(1);
    assertThat(r.validJudges()).isEqualTo(1);
    assertThat(r.representativeJudge()).as("first counted, not slot 1").isEqualTo(3);
    assertThat(r.reasoning()).isEqualTo("real");
    assertThat(r.isValid()).isTrue();
    assertThat(r.fromFallbacks()).isFalse();
  }

  @Test
  void onlyFallbacksGiveAnInvalidConsensusOfTheFallbacks() {
    Judgment fb1 = new Judgment(0.7, true, "C", "fb1", true, null, true, "x", Json.object());
    Judgment fb2 = new Judgment(0.0, false, "F", "fb2", false, null, true, "y", Json.object());
    ConsensusResult r =
        ConsensusBuilder.build(
                List.of(new SlotVerdict(2, fb2), new SlotVerdict(1, fb1)), ConsensusPolicy.DEFAULT)
            .get();
    assertThat(r.fromFallbacks()).isTrue();
    assertThat(r.isValid()).isFalse();
    assertThat(r.validJudges()).isZero();
    assertThat(r.score()).isEqualTo(0.35);
    assertThat(r.reasoning()).isEqualTo("fb1");
  }

  @Test
  void nothingCountableIsTheAllFailedConsensus() {
    Judgment invalid = new Judgment(0.4, true, "C", "bad", false, null, false, null, Json.object());
    ConsensusResult r =
        ConsensusBuilder.build(List.of(new SlotVerdict(1, invalid)), ConsensusPolicy.DEFAULT).get();
    assertThat(r.score()).isZero();
    assertThat(r.passed()).isFalse();
    assertThat(r.grade()).isEqualTo("F");
    assertThat(r.reasoning()).isEqualTo(ConsensusBuilder.ALL_FAILED);
    assertThat(r.isValid()).isFalse();
    assertThat(r.toJson().get("agreement").isNull()).isTrue();
    assertThat(ConsensusBuilder.build(List.of(), ConsensusPolicy.DEFAULT)).isEmpty();
  }

  @Test
  void quorumDecidesValidity() {
    List<SlotVerdict> two = slots(0.8, 0.9);
    assertThat(ConsensusBuilder.build(two, ConsensusPolicy.DEFAULT.withQuorum(2)).get().isValid())
        .isTrue();
    ConsensusResult r = ConsensusBuilder.build(two, ConsensusPolicy.DEFAULT.withQuorum(3)).get();
    assertThat(r.isValid()).isFalse();
    assertThat(r.score()).as("the score is still the mean").isEqualTo(0.8500000000000001);
    assertThat(r.toJson().get("quorum").intValue()).isEqualTo(3);
  }

  @Test
  void jsonHasTheReferenceKeysFirstThenOurs() {
    ObjectNode o =
        ConsensusBuilder.build(slots(0.96, 0.96, 1.0), ConsensusPolicy.DEFAULT).get().toJson();
    List<String> keys = new ArrayList<>();
    o.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "score",
            "passed",
            "grade",
            "reasoning",
            "is_valid",
            "criteria_scores",
            "valid_judges",
            "quorum",
            "reasoning_rule",
            "representative_judge",
            "from_fallbacks",
            "agreement");
    assertThat(o.get("agreement").get("score_range").doubleValue()).isEqualTo(0.040000000000000036);
    assertThat(o.get("agreement").get("score_stdev").doubleValue())
        .as("population standard deviation, as Python's statistics.pstdev")
        .isEqualTo(0.018856180831641284);
    assertThat(o.get("reasoning_rule").textValue()).isEqualTo("first");
  }

  @Test
  void consensusIsTheMeanInSlotOrderWithinTheCountedRange() {
    qt().withFixedSeed(7)
        .forAll(
            lists().of(doubles().between(0.0, 1.0)).ofSizeBetween(1, 6), integers().between(0, 63))
        .checkAssert(
            (scores, votes) -> {
              List<SlotVerdict> v = new ArrayList<>();
              int yes = 0;
              for (int i = 0; i < scores.size(); i++) {
                boolean p = ((votes >> i) & 1) == 1;
                yes += p ? 1 : 0;
                v.add(new SlotVerdict(scores.size() - i, judgment(scores.get(i), p, "r" + i)));
              }
              ConsensusResult r = ConsensusBuilder.build(v, ConsensusPolicy.DEFAULT).get();
              double sum = 0;
              for (int slot = 1; slot <= scores.size(); slot++) {
                sum += scores.get(scores.size() - slot);
              }
              assertThat(r.score()).isEqualTo(sum / scores.size());
              assertThat(r.score()).isBetween(r.agreement().scoreMin(), r.agreement().scoreMax());
              assertThat(r.passed()).isEqualTo(yes * 2 > scores.size());
              assertThat(r.grade()).isEqualTo(Grades.letter(r.score()));
              assertThat(r.representativeJudge()).isEqualTo(1);
              ConsensusResult c =
                  ConsensusBuilder.build(v, ConsensusPolicy.DEFAULT.withRule(ReasoningRule.CLOSEST))
                      .get();
              double d = Math.abs(scores.get(scores.size() - c.representativeJudge()) - c.score());
              for (double s : scores) {
                assertThat(Math.abs(s - c.score())).isGreaterThanOrEqualTo(d);
              }
            });
  }
}
