package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.model.Loaded;
import dev.scylla.model.Rubric;
import dev.scylla.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RubricYamlTest {
  @TempDir Path tmp;

  private static final String GOOD =
      """
      categories:
        functional:
          weight: 0.7
          scoring_type: checklist
          items:
            - id: F1
              check: "exists"
              points: 1.0
            - id: F2
              check: >
                folded
                text
              points: 2
              na_condition: "never"
        quality:
          weight: 0.3
          scoring_type: subjective
          items:
            - id: Q1
              check: "idiomatic"
              points: 1.0
      grading:
        pass_threshold: 0.75
      """;

  static Rubric parse(String yaml) throws CorruptFileException {
    return RubricYaml.parse(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsCategoriesItemsAndThreshold() throws Exception {
    Rubric r = parse(GOOD);
    assertThat(r.scoresInCode()).isTrue();
    assertThat(r.categories())
        .extracting(Rubric.Category::name)
        .containsExactly("functional", "quality");
    Rubric.Category f = r.categories().get(0);
    assertThat(f.weight()).isEqualTo(0.7);
    assertThat(f.maxPoints()).isEqualTo(3.0);
    assertThat(f.item("F2").orElseThrow().check()).isEqualTo("folded text");
    assertThat(f.item("F2").orElseThrow().naCondition()).isEqualTo("never");
    assertThat(f.item("F1").orElseThrow().naCondition()).isNull();
    assertThat(r.passThreshold()).isEqualTo(0.75);
    assertThat(r.thresholdDeclared()).isTrue();
    assertThat(r.text()).isEqualTo(GOOD);
  }

  @Test
  void thresholdDefaultsTo060AndRequirementsAreRead() throws Exception {
    Rubric r =
        parse(
            "requirements:\n  - id: R001\n    description: prints hello\n    weight: 2.0\n"
                + "    evaluation: binary\n    criteria: [a, b]\n");
    assertThat(r.scoresInCode()).isFalse();
    assertThat(r.passThreshold()).isEqualTo(0.60);
    assertThat(r.thresholdDeclared()).isFalse();
    assertThat(r.requirements().get(0).criteria()).containsExactly("a", "b");
  }

  @Test
  void theRecordedExperimentsRubricParses() {
    Path exp = SharedFixtures.dryrun();
    Loaded<Rubric> l = RubricYaml.load(exp.resolve("rubric.yaml"));
    Rubric r = l.orNull();
    assertThat(r).as(l.describe()).isNotNull();
    assertThat(r.categories()).hasSize(5);
    double w = r.categories().stream().mapToDouble(Rubric.Category::weight).sum();
    assertThat(w).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(r.category("proportionality").orElseThrow().maxPoints()).isEqualTo(3.5);
    assertThat(r.category("overall_quality").orElseThrow().scoringType()).isEqualTo("subjective");
    assertThat(r.passThreshold()).isEqualTo(0.60);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not yaml|categories: [unclosed|not valid YAML",
        "a list at the top|- a\\n- b|expected a mapping at the top",
        "weight out of range|categories:\\n  c:\\n    weight: 1.5\\n    items:\\n      - {id: A, check: x, points: 1}|field \"categories.c.weight\": 1.5 is outside [0, 1]",
        "weight is text|categories:\\n  c:\\n    weight: heavy\\n    items:\\n      - {id: A, check: x, points: 1}|field \"categories.c.weight\": expected a number, found a string",
        "no items|categories:\\n  c:\\n    weight: 1\\n    items: []|field \"categories.c.items\": expected a non-empty list",
        "negative points|categories:\\n  c:\\n    weight: 1\\n    items:\\n      - {id: A, check: x, points: -1}|field \"categories.c.items[0].points\": -1.0 is negative",
        "missing check|categories:\\n  c:\\n    weight: 1\\n    items:\\n      - {id: A, points: 1}|missing required field \"categories.c.items[0].check\"",
        "duplicate id|categories:\\n  c:\\n    weight: 1\\n    items:\\n      - {id: A, check: x, points: 1}\\n      - {id: A, check: y, points: 1}|duplicate item id 'A'",
        "bad scoring type|categories:\\n  c:\\n    weight: 1\\n    scoring_type: vibes\\n    items:\\n      - {id: A, check: x, points: 1}|is neither checklist nor subjective",
        "threshold out of range|grading:\\n  pass_threshold: 60|field \"grading.pass_threshold\": 60.0 is outside [0, 1]",
        "duplicate key|grading:\\n  pass_threshold: 0.5\\ngrading:\\n  pass_threshold: 0.6|not valid YAML",
        "requirement weight|requirements:\\n  - {id: R001, description: abc, weight: 11}|field \"requirements[0].weight\": 11.0 is outside [0, 10]",
        "only a comment|# nothing here|empty rubric",
      })
  void badRubricsNameTheFieldAndTheProblem(String name, String yaml, String expected) {
    String text = yaml.replace("\\n", "\n").strip();
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void loadTellsMissingFromCorruptAndNonUtf8() throws Exception {
    assertThat(RubricYaml.load(tmp.resolve("none.yaml")).isMissing()).isTrue();
    Path bin = tmp.resolve("bin.yaml");
    Files.write(bin, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
    assertThat(RubricYaml.load(bin)).isInstanceOf(Loaded.Corrupt.class);
    assertThat(RubricYaml.load(bin).describe()).contains("not UTF-8");
    Path dir = Files.createDirectory(tmp.resolve("dir.yaml"));
    assertThat(RubricYaml.load(dir).isCorrupt()).isTrue();
  }
}
