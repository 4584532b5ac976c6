package dev.scylla.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.Grades;
import dev.scylla.model.ImplRate;
import dev.scylla.model.Loaded;
import dev.scylla.model.Rubric;
import dev.scylla.store.ClaudeOutput;
import dev.scylla.store.Json;
import dev.scylla.store.RubricYaml;
import dev.scylla.testing.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The recorded experiment's 21 judge answers. With the reference's rule (first JSON block) the
 * model's figures equal the stored judgment.json files exactly; with ours (final block) the five
 * self-corrected answers give their revised figures; the scores computed in code from the items are
 * reported beside the model's.
 */
class FixtureVerdictsTest {
  private static final String[] RUNS = {
    "T0/00", "T1/01", "T2/01", "T3/01", "T4/01", "T5/01", "T6/01"
  };

  /** Scores computed from each judge's items (rounded to 4 places), opus, sonnet, haiku. */
  private static final Map<String, double[]> COMPUTED =
      Map.of(
          "T0/00", new double[] {0.99, 0.9471, 1.0},
          "T1/01", new double[] {0.985, 0.9936, 1.0},
          "T2/01", new double[] {1.0, 1.0, 1.0},
          "T3/01", new double[] {0.9686, 1.0, 0.99},
          "T4/01", new double[] {0.9636, 1.0, 0.9486},
          "T5/01", new double[] {0.96, 1.0, 1.0},
          "T6/01", new double[] {0.9686, 0.9786, 1.0});

  /** The self-corrected answers: what their last block says. */
  private static final Map<String, Double> REVISED =
      Map.of(
          "T0/00 1", 0.99,
          "T0/00 2", 0.97,
          "T1/01 1", 0.99,
          "T2/01 1", 1.0,
          "T6/01 1", 0.96);

  private static Rubric rubric(Path exp) {
    Loaded<Rubric> r = RubricYaml.load(exp.resolve("rubric.yaml"));
    assertThat(r.isPresent()).as(r.describe()).isTrue();
    return r.orNull();
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void firstBlockReproducesEveryStoredJudgmentAndCodeScoresAreReportedBeside() throws Exception {
    Path exp = SharedFixtures.dryrun();
    Rubric rubric = rubric(exp);
    int drift = 0;
    List<String> table = new ArrayList<>();
    for (String run : RUNS) {
      for (int j = 1; j <= 3; j++) {
        Path slot = exp.resolve(run + "/run_01/judge/judge_0" + j);
        String response = read(slot.resolve("response.txt"));
        // the January CLI wrote plain text: stdout and the response are the same
        assertThat(ClaudeOutput.responseText(read(slot.resolve("stdout.log")))).isEqualTo(response);
        JsonNode stored = Json.parse(Files.readAllBytes(slot.resolve("judgment.json")));
        Verdict v = VerdictParserTest.parsed(response, rubric, VerdictPolicy.FIRST);
        String where = run + " judge_0" + j;
        assertThat(v.modelScore()).as(where).isEqualTo(stored.get("score").doubleValue());
        assertThat(v.modelPassed()).as(where).isEqualTo(stored.get("passed").booleanValue());
        assertThat(v.reasoning()).as(where).isEqualTo(stored.get("reasoning").textValue());
        assertThat(v.criteriaScores()).as(where).isEqualTo(stored.get("criteria_scores"));
        assertThat(Grades.letter(v.modelScore()))
            .as(where)
            .isEqualTo(stored.get("grade").textValue());
        double computed = COMPUTED.get(run)[j - 1];
        assertThat(VerdictParser.round4(v.score())).as(where).isEqualTo(computed);
        assertThat(v.scoreSource()).isEqualTo(Verdict.ScoreSource.COMPUTED);
        if (v.warnings().stream().anyMatch(w -> w.contains("differs from the score its items"))) {
          drift++;
        }
        table.add(
            where + ": model " + v.modelScore() + ", computed " + VerdictParser.round4(v.score()));
      }
    }
    // the reference's note: 11 of 21 top-level scores disagree with the model's own items
    assertThat(drift).as(String.join("\n", table)).isEqualTo(11);
  }

  @Test
  void finalBlockTakesTheRevisedVerdictOfTheFiveSelfCorrectedAnswers() throws Exception {
    Path exp = SharedFixtures.dryrun();
    Rubric rubric = rubric(exp);
    Map<String, Double> differing = new LinkedHashMap<>();
    for (String run : RUNS) {
      for (int j = 1; j <= 3; j++) {
        Path slot = exp.resolve(run + "/run_01/judge/judge_0" + j);
        Verdict v =
            VerdictParserTest.parsed(
                read(slot.resolve("response.txt")), rubric, VerdictPolicy.FINAL);
        double stored =
            Json.parse(Files.readAllBytes(slot.resolve("judgment.json")))
                .get("score")
                .doubleValue();
        if (v.modelScore() != stored) {
          differing.put(run + " " + j, v.modelScore());
        }
        if (v.blockCount() > 1) {
          assertThat(v.blockIndex()).isEqualTo(v.blockCount() - 1);
        }
      }
    }
    assertThat(differing).isEqualTo(REVISED);
  }

  @Test
  void implRateOfTheStoredJudgmentsMatchesTheExportedRunsCsv() throws Exception {
    Path exp = SharedFixtures.dryrun();
    Path csv = SharedFixtures.dryrunAnalysis().resolve("runs.csv");
    Map<String, Double> exported = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      exported.put(
          f[header.indexOf("tier")] + "/" + f[header.indexOf("subtest")],
          Double.parseDouble(f[header.indexOf("impl_rate")]));
    }
    for (String run : RUNS) {
      List<Double> rates = new ArrayList<>();
      for (int j = 1; j <= 3; j++) {
        JsonNode stored =
            Json.parse(
                Files.readAllBytes(
                    exp.resolve(run + "/run_01/judge/judge_0" + j + "/judgment.json")));
        rates.add(ImplRate.ofJudge(stored.get("criteria_scores")));
      }
      assertThat(ImplRate.ofRun(rates)).as(run).isEqualTo(exported.get(run));
    }
  }
}
