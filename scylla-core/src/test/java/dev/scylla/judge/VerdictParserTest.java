package dev.scylla.judge;

import static dev.scylla.judge.JudgeTesting.RUBRIC;
import static dev.scylla.judge.JudgeTesting.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scylla.model.Rubric;
import dev.scylla.store.RubricYaml;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerdictParserTest {
  static final Rubric RUBRIC_V = rubric(RUBRIC);

  static Rubric rubric(String yaml) {
    try {
      return RubricYaml.parse(yaml.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Verdict parsed(String text, Rubric r, VerdictPolicy p) {
    VerdictParser.Outcome o = VerdictParser.parse(text, r, p);
    assertThat(o).isInstanceOf(VerdictParser.Outcome.Parsed.class);
    return ((VerdictParser.Outcome.Parsed) o).verdict();
  }

  static String rejected(String text, Rubric r) {
    VerdictParser.Outcome o = VerdictParser.parse(text, r, VerdictPolicy.FINAL);
    assertThat(o).isInstanceOf(VerdictParser.Outcome.Rejected.class);
    return ((VerdictParser.Outcome.Rejected) o).reason();
  }

  @Test
  void scoresAreComputedFromItemsWithNaRenormalisation() {
    // functional 3/3 = 1.0, quality Q1 0.5 of 1 with Q2 N/A = 0.5 -> 0.7 + 0.15 = 0.85
    Verdict v = parsed(verdict(0.80, true, 1.0, 2.0, 0.5, null), RUBRIC_V, VerdictPolicy.FINAL);
    assertThat(v.scoreSource()).isEqualTo(Verdict.ScoreSource.COMPUTED);
    assertThat(v.score()).isCloseTo(0.85, within(1e-12));
    assertThat(v.grade()).isEqualTo("A");
    assertThat(v.passed()).isTrue();
    assertThat(v.modelScore()).isEqualTo(0.80);
    assertThat(v.modelGrade()).isEqualTo("B");
    assertThat(v.categoryScores()).hasSize(2);
    assertThat(v.categoryScores().get(1).naItems()).containsExactly("Q2");
    assertThat(v.categoryScores().get(1).max()).isEqualTo(1.0);
    assertThat(v.warnings()).anyMatch(w -> w.contains("differs from the score its items give"));
    assertThat(v.criteriaScores().has("functional")).isTrue();
  }

  @Test
  void aCategoryWhoseItemsAreAllNaIsDroppedAndTheWeightsRenormalised() {
    String yaml =
        RUBRIC.replace(
            "      - id: Q1\n        check: \"idiomatic\"\n        points: 1.0\n",
            "      - id: Q1\n        check: \"idiomatic\"\n        points: 1.0\n"
                + "        na_condition: \"never\"\n");
    Rubric r = rubric(yaml);
    String text =
        verdict(0.5, false, 0.5, 1.0, 0.0, null)
            .replace(
                "\"Q1\": {\n          \"achieved\": 0.0",
                "\"Q1\": {\n          \"achieved\": \"N/A\"");
    Verdict v = parsed(text, r, VerdictPolicy.FINAL);
    // only functional is left: 1.5 / 3
    assertThat(v.score()).isEqualTo(0.5);
    assertThat(v.categoryScores().get(1).dropped()).isTrue();
    assertThat(v.grade()).isEqualTo("C");
    assertThat(v.passed()).isFalse();
  }

  @Test
  void theFinalVerdictWinsOverAnEarlierOneAndFirstReproducesTheReference() {
    String first = verdict(0.5, false, 0.0, 2.0, 0.5, null);
    String revised = verdict(0.9, true, 1.0, 2.0, 1.0, null);
    String text = first + "\nWait, hello.py does exist. Corrected:\n\n" + revised;
    Verdict fin = parsed(text, RUBRIC_V, VerdictPolicy.FINAL);
    assertThat(fin.score()).isEqualTo(1.0);
    assertThat(fin.modelScore()).isEqualTo(0.9);
    assertThat(fin.blockIndex()).isEqualTo(1);
    assertThat(fin.blockCount()).isEqualTo(2);
    assertThat(fin.warnings()).anyMatch(w -> w.contains("the last"));
    Verdict firstV = parsed(text, RUBRIC_V, VerdictPolicy.FIRST);
    assertThat(firstV.modelScore()).isEqualTo(0.5);
    assertThat(firstV.blockIndex()).isZero();
  }

  @Test
  void passedAsTheStringFalseIsFalse() {
    Verdict v = parsed(verdict(0.9, "false", 1.0, 2.0, 1.0, null), RUBRIC_V, VerdictPolicy.FINAL);
    assertThat(v.modelPassed()).isFalse();
    // the verdict's own pass comes from the threshold
    assertThat(v.passed()).isTrue();
    assertThat(v.warnings()).anyMatch(w -> w.contains("the string \"false\""));
    assertThat(v.warnings()).anyMatch(w -> w.contains("the model voted failed"));
    Verdict t = parsed(verdict(0.9, "TRUE", 1.0, 2.0, 1.0, null), RUBRIC_V, VerdictPolicy.FINAL);
    assertThat(t.modelPassed()).isTrue();
    Verdict junk = parsed(verdict(0.9, "yes", 1.0, 2.0, 1.0, null), RUBRIC_V, VerdictPolicy.FINAL);
    assertThat(junk.modelPassed()).isNull();
  }

  @Test
  void thresholdComesFromTheRubric() {
    Rubric strict = rubric(RUBRIC.replace("pass_threshold: 0.60", "pass_threshold: 0.9"));
    Verdict v = parsed(verdict(0.85, true, 1.0, 2.0, 0.5, null), strict, VerdictPolicy.FINAL);
    assertThat(v.score()).isCloseTo(0.85, within(1e-12));
    assertThat(v.passed()).isFalse();
    assertThat(v.passThreshold()).isEqualTo(0.9);
  }

  @Test
  void xmlWrappedAndUnfencedJsonIsFoundWithBracesInsideStrings() {
    String json =
        verdict(0.9, true, 1.0, 2.0, 1.0, null)
            .replace("Here is my evaluation.\n\n```json\n", "")
            .replace("```\n", "")
            .replace("evidence for F1", "prints {curly} braces } in a string");
    String text = "<json_evaluation>\n" + json + "</json_evaluation>";
    Verdict v = parsed(text, RUBRIC_V, VerdictPolicy.FINAL);
    assertThat(v.score()).isEqualTo(1.0);
    assertThat(v.grade()).isEqualTo("S");
  }

  @Test
  void unusableAnswersAreRejectedWithAReason() {
    assertThat(rejected("", RUBRIC_V)).isEqualTo("empty response");
    assertThat(rejected("The work looks fine to me.", RUBRIC_V))
        .isEqualTo("no JSON object in the response");
    assertThat(rejected("{\"note\": 1}", RUBRIC_V)).contains("no JSON verdict");
    assertThat(rejected("{\"score\": 0.9, \"passed\": tru", RUBRIC_V))
        .isEqualTo("no JSON object in the response");
    String missingItem = verdict(0.9, true, 1.0, 2.0, 1.0, null).replace("\"F2\"", "\"F9\"");
    assertThat(rejected(missingItem, RUBRIC_V)).contains("item 'F2'").contains("missing");
    String tooMany = verdict(0.9, true, 1.0, 2.5, 1.0, null);
    assertThat(rejected(tooMany, RUBRIC_V)).contains("achieved 2.5 is outside [0, 2.0]");
    String text =
        verdict(0.9, true, 1.0, 2.0, 1.0, null)
            .replace(
                "\"achieved\": 1.0,\n          \"max\": 1.0,\n          \"reason\": \"evidence for F1\"",
                "\"achieved\": \"yes\",\n          \"max\": 1.0,\n          \"reason\": \"evidence for F1\"");
    assertThat(rejected(text, RUBRIC_V)).contains("achieved must be a number");
    String noCats = "```json\n{\"score\": 0.9, \"passed\": true, \"reasoning\": \"ok\"}\n```";
    assertThat(rejected(noCats, RUBRIC_V)).contains("no categories object");
    String missingCategory =
        verdict(0.9, true, 1.0, 2.0, 1.0, null).replace("\"quality\"", "\"style\"");
    assertThat(rejected(missingCategory, RUBRIC_V)).contains("category 'quality'");
  }

  @Test
  void everyItemNaLeavesNothingToScore() {
    Rubric r =
        rubric(
            "categories:\n  only:\n    weight: 1.0\n    scoring_type: checklist\n    items:\n"
                + "      - id: X1\n        check: c\n        points: 1\n        na_condition: n\n");
    String text =
        "{\"score\": null, \"passed\": false, \"categories\": {\"only\": {\"items\": {\"X1\":"
            + " {\"achieved\": \"N/A\", \"max\": \"N/A\"}}}}}";
    assertThat(rejected(text, r)).contains("every rubric item is N/A");
  }

  @Test
  void validationWarningsDoNotRejectAVerdict() {
    String text =
        verdict(0.9, true, 1.0, 2.0, 1.0, 0.0)
            .replace(
                "\"max\": 2.0,\n          \"reason\": \"evidence for F2\"",
                "\"max\": 3.0,\n          \"reason\": \"evidence for F2\"");
    // Q2 scored 0 instead of N/A; F2's max misreported; category totals say 3/3 but that matches
    Verdict v =
        parsed(
            text.replace("\"categories\": {", "\"categories\": {\n    \"extra\": {\"items\": {}},"),
            RUBRIC_V,
            VerdictPolicy.FINAL);
    // functional 1.0, quality (1+0)/2 = 0.5 -> 0.85
    assertThat(v.score()).isCloseTo(0.85, within(1e-12));
    assertThat(v.warnings())
        .anyMatch(w -> w.contains("F2: max 3.0 differs from the rubric's 2.0 points"))
        .anyMatch(w -> w.contains("category extra is not in the rubric"));
    String naWithoutCondition =
        verdict(0.9, true, 1.0, 2.0, 1.0, null)
            .replace(
                "\"Q1\": {\n          \"achieved\": 1.0",
                "\"Q1\": {\n          \"achieved\": \"N/A\"");
    Verdict n = parsed(naWithoutCondition, RUBRIC_V, VerdictPolicy.FINAL);
    assertThat(n.warnings())
        .anyMatch(w -> w.contains("Q1 is marked N/A but the rubric gives it no N/A condition"));
  }

  @Test
  void withoutItemPointsTheModelScoreIsKeptAndFlagged() {
    Rubric req =
        rubric(
            "requirements:\n  - id: R001\n    description: prints hello\n    weight: 2.0\n"
                + "grading:\n  pass_threshold: 0.7\n");
    Verdict v =
        parsed(
            "{\"score\": 0.65, \"passed\": true, \"reasoning\": \"ok\"}", req, VerdictPolicy.FINAL);
    assertThat(v.scoreSource()).isEqualTo(Verdict.ScoreSource.MODEL);
    assertThat(v.score()).isEqualTo(0.65);
    assertThat(v.passed()).isFalse();
    assertThat(v.grade()).isEqualTo("B");
    assertThat(v.warnings()).anyMatch(w -> w.contains("model's own score is used"));
    Verdict none =
        parsed(
            "{\"score\": 1, \"passed\": true, \"reasoning\": \"ok\"}", null, VerdictPolicy.FINAL);
    assertThat(none.grade()).isEqualTo("S");
    assertThat(none.passThreshold()).isEqualTo(0.6);
    assertThat(rejected("{\"score\": 1.5, \"reasoning\": \"x\"}", req)).contains("outside [0, 1]");
    assertThat(rejected("{\"score\": null, \"reasoning\": \"x\"}", req))
        .contains("no numeric score");
    assertThat(rejected("{\"score\": NaN, \"reasoning\": \"x\"}", req))
        .contains("no numeric score");
  }

  @Test
  void naItemsThatContradictTheItemsAreFlagged() {
    String text =
        verdict(0.9, true, 1.0, 2.0, 1.0, null)
            .replace(
                "\"items\": {\n        \"Q1\"",
                "\"na_items\": [\"Q1\"],\n      \"items\": {\n        \"Q1\"");
    assertThat(text).contains("\"na_items\": [\"Q1\"]");
    Verdict v = parsed(text, RUBRIC_V, VerdictPolicy.FINAL);
    assertThat(v.warnings())
        .contains("category quality: na_items [Q1] differ from the items marked N/A [Q2]");
  }

  @Test
  void nullItemIsTakenAsNaWithAWarning() {
    String text =
        verdict(0.9, true, 1.0, 2.0, 1.0, null)
            .replace("\"achieved\": \"N/A\"", "\"achieved\": null");
    Verdict v = parsed(text, RUBRIC_V, VerdictPolicy.FINAL);
    assertThat(v.categoryScores().get(1).naItems()).containsExactly("Q2");
    assertThat(v.warnings()).anyMatch(w -> w.contains("Q2: achieved is null"));
  }
}
