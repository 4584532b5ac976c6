package dev.scylla.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Fingerprint;
import dev.scylla.model.InputSet;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input of the fingerprints changes exactly its own part: a run's task prompt, test commit,
 * agent model and settings and subtest configuration; a judge slot's rubric, prompt template, model
 * and backend.
 */
class InputsTest {
  @TempDir Path tmp;
  private Path exp;

  @BeforeEach
  void experiment() throws Exception {
    exp =
        SyntheticExperiment.builder()
            .tier("T0", "00", "01")
            .runs(1)
            .judges("claude-opus-4-6", "claude-sonnet-4-6")
            .withPlan()
            .writeTo(tmp.resolve("exp"));
    Files.writeString(exp.resolve("rubric.yaml"), "categories: {}\n");
    Path cat = exp.resolve("config/catalogue");
    Files.createDirectories(cat.resolve("subtests/t0"));
    Files.createDirectories(cat.resolve("blocks"));
    Files.writeString(cat.resolve("blocks/B01-style.md"), "Write small functions.\n");
    Files.writeString(cat.resolve("subtests/t0/00-empty.yaml"), "name: empty\ndescription: none\n");
    Files.writeString(
        cat.resolve("subtests/t0/01-block.yaml"),
        "name: block\ndescription: one block\nresources:\n  claude_md:\n    blocks: [B01]\n");
  }

  private InputSet current() {
    ExperimentStore store = ExperimentStore.open(exp);
    List<String> warnings = new ArrayList<>();
    InputSet s = Inputs.current(store, store.matrix(warnings), warnings);
    assertThat(warnings).isEmpty();
    return s;
  }

  private void config(Consumer<ObjectNode> edit) throws Exception {
    Path f = exp.resolve("config/experiment.json");
    ObjectNode o = Json.parseObject(Files.readAllBytes(f));
    edit.accept(o);
    Files.writeString(f, Json.write(o));
  }

  /** The parts that differ between before and after, per subtest run and per judge slot. */
  private static List<String> changed(InputSet a, InputSet b) {
    List<String> out = new ArrayList<>();
    a.runs()
        .forEach(
            (k, f) ->
                f.differingParts(b.runs().get(k)).forEach(p -> out.add("run " + k + " " + p)));
    a.judges()
        .forEach(
            (k, f) ->
                f.differingParts(b.judges().get(k)).forEach(p -> out.add("judge " + k + " " + p)));
    return out;
  }

  @Test
  void theSameFilesGiveTheSameFingerprints() {
    InputSet a = current();
    InputSet b = current();
    assertThat(a.sha256()).isEqualTo(b.sha256());
    assertThat(a.runs().keySet()).containsExactly("T0/00", "T0/01");
    assertThat(a.runs().get("T0/00").parts().keySet())
        .containsExactlyInAnyOrderElementsOf(Fingerprint.RUN_PARTS);
    assertThat(a.judges().get(1).parts().keySet())
        .containsExactlyInAnyOrderElementsOf(Fingerprint.JUDGE_PARTS);
    assertThat(changed(a, b)).isEmpty();
  }

  @Test
  void theTaskPromptIsPartOfEveryRun() throws Exception {
    InputSet before = current();
    Files.writeString(exp.resolve("prompt.md"), "Create hello.py that prints Hello!\n");
    assertThat(changed(before, current()))
        .containsExactly("run T0/00 task_prompt", "run T0/01 task_prompt");
  }

  @Test
  void theTestCommitIsPartOfEveryRun() throws Exception {
    InputSet before = current();
    config(o -> o.put("task_commit", "0123456789abcdef0123456789abcdef01234567"));
    assertThat(changed(before, current()))
        .containsExactly("run T0/00 test_commit", "run T0/01 test_commit");
    assertThat(current().runs().get("T0/00").labels().get(Fingerprint.TEST_COMMIT))
        .isEqualTo("0123456789abcdef0123456789abcdef01234567");
  }

  @Test
  void theAgentModelAndItsSettingsArePartOfEveryRun() throws Exception {
    InputSet before = current();
    config(o -> o.putArray("models").add("claude-opus-4-6"));
    InputSet model = current();
    assertThat(changed(before, model)).containsExactly("run T0/00 agent", "run T0/01 agent");
    assertThat(model.runs().get("T0/00").labels().get(Fingerprint.AGENT))
        .isEqualTo("claude-opus-4-6");
    config(o -> o.put("max_turns", 7));
    assertThat(changed(model, current())).containsExactly("run T0/00 agent", "run T0/01 agent");
  }

  @Test
  void theSubtestConfigurationIsPartOfItsOwnRunsOnly() throws Exception {
    InputSet before = current();
    // a block only T0/01 uses
    Files.writeString(
        exp.resolve("config/catalogue/blocks/B01-style.md"), "Write large functions.\n");
    InputSet block = current();
    assertThat(changed(before, block)).containsExactly("run T0/01 subtest_config");
    Files.writeString(
        exp.resolve("config/catalogue/subtests/t0/00-empty.yaml"),
        "name: empty\ndescription: none\nsystem_prompt_mode: none\n");
    assertThat(changed(block, current())).containsExactly("run T0/00 subtest_config");
  }

  @Test
  void theRubricIsPartOfEveryJudgeSlot() throws Exception {
    InputSet before = current();
    Files.writeString(
        exp.resolve("rubric.yaml"), Files.readString(exp.resolve("rubric.yaml")) + "# edited\n");
    assertThat(changed(before, current())).containsExactly("judge 1 rubric", "judge 2 rubric");
  }

  @Test
  void theJudgePromptTemplateIsPartOfEveryJudgeSlot() throws Exception {
    InputSet before = current();
    Files.writeString(exp.resolve("judge_system_prompt.md"), "You are a strict judge.\n");
    config(o -> o.putObject("judging").put("system_prompt_file", "judge_system_prompt.md"));
    InputSet custom = current();
    assertThat(changed(before, custom))
        .containsExactly("judge 1 judge_prompt_template", "judge 2 judge_prompt_template");
    Files.writeString(exp.resolve("judge_system_prompt.md"), "You are a lenient judge.\n");
    assertThat(changed(custom, current()))
        .containsExactly("judge 1 judge_prompt_template", "judge 2 judge_prompt_template");
  }

  @Test
  void theJudgeModelIsPartOfItsSlotOnly() throws Exception {
    InputSet before = current();
    config(
        o -> {
          var m = o.putArray("judge_models");
          m.add("claude-opus-4-6");
          m.add("claude-haiku-4-5");
        });
    InputSet after = current();
    assertThat(changed(before, after)).containsExactly("judge 2 judge_model");
    assertThat(after.judges().get(2).labels().get(Fingerprint.JUDGE_MODEL))
        .isEqualTo("claude-haiku-4-5");
  }

  @Test
  void theJudgeBackendIsPartOfTheSlotsItServes() throws Exception {
    InputSet before = current();
    config(
        o ->
            o.putObject("judging")
                .putObject("clients")
                .putObject("claude-sonnet-4-6")
                .put("backend", "anthropic-api"));
    InputSet after = current();
    assertThat(changed(before, after)).containsExactly("judge 2 judge_backend");
    assertThat(after.judges().get(2).labels().get(Fingerprint.JUDGE_BACKEND))
        .isEqualTo("anthropic-api");
  }

  @Test
  void anExperimentWithoutACatalogueCopyHasNoSubtestPart() throws Exception {
    try (var s = Files.walk(exp.resolve("config/catalogue"))) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    assertThat(current().runs().get("T0/00").parts()).doesNotContainKey(Fingerprint.SUBTEST_CONFIG);
  }
}
