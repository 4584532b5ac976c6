package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.model.ScyllaException;
import dev.scylla.model.TestDefinition;
import dev.scylla.testing.InputFixtures;
import dev.scylla.testing.SharedFixtures;
import dev.scylla.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestDefinitionsTest {
  @TempDir Path tmp;

  @Test
  void loadsAValidTestDirectory() {
    Path dir = InputFixtures.testDir(tmp.resolve("t"));
    TestDefinition t = TestDefinitions.load(dir);
    assertThat(t.id()).isEqualTo("test-101");
    assertThat(t.language()).isEqualTo("python");
    assertThat(t.repo()).isEqualTo("https://example.invalid/repo");
    assertThat(t.commit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    assertThat(t.branch()).isEqualTo("main");
    assertThat(t.timeoutSeconds()).isEqualTo(120);
    assertThat(t.tiers()).containsExactly("T0", "T1");
    assertThat(t.promptText()).contains("hello.py");
    assertThat(t.rubricText()).isEqualTo(InputFixtures.RUBRIC);
    assertThat(t.criteriaText()).isEqualTo("# Criteria\n");
    assertThat(t.rubricPath()).isEqualTo(dir.resolve("expected/rubric.yaml"));
    assertThat(TestDefinitions.isTestDir(dir)).isTrue();
  }

  @Test
  void defaultsApplyWhenOptionalSectionsAreAbsent() throws Exception {
    Path dir = InputFixtures.testDir(tmp.resolve("t"));
    InputFixtures.write(
        dir.resolve("test.yaml"),
        "id: t1\nname: abc\nlanguage: mojo\nsource: {repo: /some/path, hash: \""
            + "a".repeat(40)
            + "\"}\n");
    Files.delete(dir.resolve("expected/criteria.md"));
    TestDefinition t = TestDefinitions.load(dir);
    assertThat(t.timeoutSeconds()).isEqualTo(3600);
    assertThat(t.promptFile()).isEqualTo("prompt.md");
    assertThat(t.criteriaText()).isNull();
    assertThat(t.tiers()).isEmpty();
    assertThat(t.repo()).isEqualTo("/some/path");
  }

  /** Each row damages test.yaml: the replaced text, the replacement, and what the error names. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "id: \"test-101\"|id: \"Test_101\"|field \"id\"",
        "id: \"test-101\"|id: 42|field \"id\": expected a string",
        "id: \"test-101\"\\n|\\n|field \"id\": missing",
        "language: python|language: rust|field \"language\": 'rust'",
        "hash: \"0123456789abcdef0123456789abcdef01234567\"|hash: \"abc\"|field \"source.hash\"",
        "hash: \"0123456789abcdef0123456789abcdef01234567\"|hash: [1]|field \"source.hash\"",
        "timeout_seconds: 120|timeout_seconds: \"soon\"|field \"task.timeout_seconds\": expected a whole number",
        "timeout_seconds: 120|timeout_seconds: 999999|field \"task.timeout_seconds\": must be between",
        "tiers: [T0, t1]|tiers: [T0, T9]|field \"tiers[1]\": unknown tier 'T9'",
        "tiers: [T0, t1]|tiers: T0|field \"tiers\": expected a list",
        "tiers: [T0, t1]|tierz: [T0]|field \"tierz\": unknown field",
        "prompt_file: \"prompt.md\"|prompt_file: \"/etc/passwd\"|field \"task.prompt_file\"",
        "prompt_file: \"prompt.md\"|prompt_file: \"../x.md\"|field \"task.prompt_file\"",
        "source:|sauce:|unknown field",
      })
  void damagedTestYamlIsBadInputNamingTheFieldAndFile(String from, String to, String expected)
      throws Exception {
    Path dir = InputFixtures.testDir(tmp.resolve("t"));
    String yaml = Files.readString(dir.resolve("test.yaml"));
    assertThat(yaml).contains(from.replace("\\n", "\n"));
    Files.writeString(
        dir.resolve("test.yaml"), yaml.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n")));
    assertBadInput(dir, "test.yaml", expected);
  }

  @Test
  void brokenYamlNamesTheLine() throws Exception {
    Path dir = InputFixtures.testDir(tmp.resolve("t"));
    Files.writeString(dir.resolve("test.yaml"), "id: x\nname: [unclosed\nlanguage: python\n");
    assertBadInput(dir, "test.yaml", "not valid YAML (line");
  }

  @Test
  void emptyAndNonMappingTestYaml() throws Exception {
    Path dir = InputFixtures.testDir(tmp.resolve("t"));
    Files.writeString(dir.resolve("test.yaml"), "# only a comment\n");
    assertBadInput(dir, "test.yaml", "empty YAML document");
    Files.writeString(dir.resolve("test.yaml"), "- a\n- b\n");
    assertBadInput(dir, "test.yaml", "expected a YAML mapping at the top, found an array");
    Files.write(dir.resolve("test.yaml"), new byte[] {'i', 'd', ':', ' ', (byte) 0xff, '\n'});
    assertBadInput(dir, "test.yaml", "not UTF-8");
  }

  @Test
  void missingPiecesAreNamed() throws Exception {
    assertBadInput(tmp.resolve("nope"), "nope", "test directory does not exist");
    Path dir = InputFixtures.testDir(tmp.resolve("t"));
    Files.delete(dir.resolve("prompt.md"));
    assertBadInput(dir, "prompt.md", "the task prompt is missing");
    Files.writeString(dir.resolve("prompt.md"), "  \n");
    assertBadInput(dir, "prompt.md", "the task prompt is empty");
    Files.writeString(dir.resolve("prompt.md"), "Do it.\n");
    Files.delete(dir.resolve("expected/rubric.yaml"));
    assertBadInput(dir, "rubric.yaml", "the rubric is missing");
    Files.delete(dir.resolve("test.yaml"));
    assertBadInput(dir, "test.yaml", "missing (not a test directory)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "pass_threshold: 0.60|pass_threshold: 1.5|field \"grading.pass_threshold\": must be between",
        "pass_threshold: 0.60|pass_thresold: 0.6|field \"grading.pass_threshold\": missing",
        "points: 2.0|points: \"two\"|field \"categories.overall_quality.items[0].points\": expected a number",
        "weight: 0.7|weight: 7|field \"categories.functional.weight\"",
        "scoring_type: \"subjective\"|scoring_type: \"vibes\"|scoring_type\": 'vibes'",
        "id: OQ1|id: F1|duplicate item id 'F1'",
        "check: \"Good\"|check: \"\"|field \"categories.overall_quality.items[0].check\": must not be empty",
        "grading:|grades:|field \"grading\": missing",
      })
  void damagedRubricIsBadInputNamingTheField(String from, String to, String expected)
      throws Exception {
    Path dir = InputFixtures.testDir(tmp.resolve("t"));
    Path rubric = dir.resolve("expected/rubric.yaml");
    String text = Files.readString(rubric);
    assertThat(text).contains(from);
    Files.writeString(rubric, text.replace(from, to));
    assertBadInput(dir, "rubric.yaml", expected);
  }

  @Test
  void requirementRubricsAreValidatedToo() throws Exception {
    Path dir = InputFixtures.testDir(tmp.resolve("t"));
    Path rubric = dir.resolve("expected/rubric.yaml");
    Files.writeString(
        rubric,
        "requirements:\n  - id: R001\n    description: File exists\n    weight: 2.0\n"
            + "    evaluation: binary\ngrading:\n  pass_threshold: 0.7\n");
    assertThat(TestDefinitions.load(dir).id()).isEqualTo("test-101");
    Files.writeString(
        rubric,
        "requirements:\n  - id: X1\n    description: File exists\n    weight: 2.0\n"
            + "grading:\n  pass_threshold: 0.7\n");
    assertBadInput(dir, "rubric.yaml", "field \"requirements[0].id\": 'X1'");
    Files.writeString(rubric, "grading:\n  pass_threshold: 0.7\n");
    assertBadInput(dir, "rubric.yaml", "neither categories nor requirements");
  }

  @Test
  void loadingNeverWritesAnything() throws Exception {
    Path good = InputFixtures.testDir(tmp.resolve("good"));
    Map<String, String> before = TreeSnapshot.of(good);
    TestDefinitions.load(good);
    assertThat(TreeSnapshot.of(good)).isEqualTo(before);
    Path bad = InputFixtures.testDir(tmp.resolve("bad"));
    Files.writeString(bad.resolve("test.yaml"), "id: [");
    Map<String, String> badBefore = TreeSnapshot.of(bad);
    assertThatThrownBy(() -> TestDefinitions.load(bad)).isInstanceOf(ScyllaException.class);
    assertThat(TreeSnapshot.of(bad)).isEqualTo(badBefore);
  }

  @Test
  void theReferenceTestDefinitionsLoad() {
    Path tests = SharedFixtures.catalogue().resolve("tests/fixtures/tests");
    TestDefinition t1 = TestDefinitions.load(tests.resolve("test-001"));
    assertThat(t1.id()).isEqualTo("test-001");
    assertThat(t1.language()).isEqualTo("python");
    assertThat(t1.repo()).isEqualTo("https://github.com/mvillmow/Hello-World");
    assertThat(t1.commit()).isEqualTo("7fd1a60b01f91b314f59955a4e4d4e80d8edf11d");
    assertThat(t1.timeoutSeconds()).isEqualTo(180);
    assertThat(t1.tiers()).containsExactly("T0", "T1", "T2", "T3", "T4", "T5", "T6");
    assertThat(t1.promptText()).startsWith("# Task: Create a Hello World Script");
    assertThat(t1.rubricText()).contains("pass_threshold: 0.60");
    assertThat(t1.criteriaText()).contains("R001");
    TestDefinition t2 = TestDefinitions.load(tests.resolve("test-002"));
    assertThat(t2.language()).isEqualTo("mojo");
    assertThat(t2.timeoutSeconds()).isEqualTo(1380);
    assertThat(t2.rubricText()).contains("requirements:");
    TestDefinition t3 = TestDefinitions.load(tests.resolve("test-003"));
    assertThat(t3.repo()).isEqualTo("https://github.com/mvillmow/ProjectOdyssey");
    assertThat(t3.timeoutSeconds()).isEqualTo(360);
  }

  private static void assertBadInput(Path dir, String file, String expected) {
    assertThatThrownBy(() -> TestDefinitions.load(dir))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT);
              assertThat(e.getMessage()).contains(file).contains(expected).doesNotContain("\n");
            });
  }
}
