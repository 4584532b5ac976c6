package dev.scylla.judge;

import static dev.scylla.judge.JudgeTesting.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.ScyllaException;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import dev.scylla.testing.SharedFixtures;
import dev.scylla.testing.TreeSnapshot;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading what judging needs from an experiment, and parsing stored answers again. */
class JudgeContextTest {
  @TempDir Path tmp;
  final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(300));

  static void setJudging(Path exp, String judging) throws Exception {
    Path cfg = exp.resolve("config/experiment.json");
    ObjectNode config = (ObjectNode) Json.parse(Files.readAllBytes(cfg));
    config.set("judging", Json.parse(judging));
    Files.writeString(cfg, Json.write(config));
  }

  JudgeService service(JudgeTesting.FakeClaude fake) {
    return new JudgeService(
        launcher,
        new DefaultJudgeClients(launcher, fake.env, Clock.systemUTC(), HttpClient.newHttpClient()),
        null,
        e -> {},
        Clock.systemUTC());
  }

  @Test
  void theJobNamesTheSlotsModelRubricBudgetAndRule() throws Exception {
    Path exp = JudgeTesting.experiment(tmp.resolve("exp"), false);
    setJudging(exp, "{\"max_attempts\": 4, \"verdict\": \"first\"}");
    ExperimentStore store = ExperimentStore.open(exp);
    SlotJob job = JudgeContext.load(store).slotJob(store.runDir(KEY), KEY, 2);
    assertThat(job.model()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(job.maxAttempts()).isEqualTo(4);
    assertThat(job.policy()).isEqualTo(VerdictPolicy.FIRST);
    assertThat(job.rubric().categories()).hasSize(2);
    assertThat(job.slotDir())
        .isEqualTo(exp.resolve("T0/00/run_01/judge/judge_02").toAbsolutePath());
    assertThat(job.label()).isEqualTo("T0/00/run_01 judge_02");
  }

  @Test
  void aDamagedRubricOrSystemPromptIsBadInputNamingTheFile() throws Exception {
    Path exp = JudgeTesting.experiment(tmp.resolve("exp"), false);
    Files.writeString(
        exp.resolve("rubric.yaml"), "categories:\n  c:\n    weight: 2\n    items: []\n");
    assertThatThrownBy(() -> JudgeContext.load(ExperimentStore.open(exp)))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining(
            "rubric.yaml: unusable rubric: field \"categories.c.weight\": 2.0 is outside [0, 1]")
        .satisfies(
            e ->
                assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT));
    Files.delete(exp.resolve("rubric.yaml"));
    assertThat(JudgeContext.load(ExperimentStore.open(exp)).rubric()).isNull();
    setJudging(exp, "{\"system_prompt_file\": \"judge_rules.md\"}");
    assertThatThrownBy(() -> JudgeContext.load(ExperimentStore.open(exp)))
        .hasMessageContaining("judge_rules.md: judging.system_prompt_file cannot be read");
  }

  @Test
  void aConfiguredSystemPromptIsTheOneTheJudgeReceives() throws Exception {
    Path exp = JudgeTesting.experiment(tmp.resolve("exp"), false);
    Files.writeString(exp.resolve("judge_rules.md"), "Grade strictly.\n");
    setJudging(exp, "{\"system_prompt_file\": \"judge_rules.md\"}");
    JudgeTesting.FakeClaude fake =
        new JudgeTesting.FakeClaude(tmp.resolve("fake"))
            .replay(JudgeTesting.streamJson(JudgeTesting.verdict(0.9, true, 1, 2, 1, null)));
    ExperimentStore store = ExperimentStore.open(exp);
    SlotJob job = JudgeContext.load(store).slotJob(store.runDir(KEY), KEY, 1);
    assertThat(service(fake).judgeSlot(job, Cancellation.never()).kind())
        .isEqualTo(SlotOutcome.Kind.COMPLETE);
    List<String> args = List.of(fake.logged(1, "args").split("\n", -1));
    assertThat(Files.readString(Path.of(args.get(args.size() - 2)))).isEqualTo("Grade strictly.\n");
  }

  @Test
  void storedAnswersAreParsedAgainWithABackupOfTheOldJudgment() throws Exception {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    Path slot = exp.resolve("T0/00/run_01/judge/judge_01");
    String original = Files.readString(slot.resolve("judgment.json"));
    ExperimentStore store = ExperimentStore.open(exp);
    SlotJob job = JudgeContext.load(store).slotJob(store.runDir(KEY), KEY, 1);
    JudgeService service = service(new JudgeTesting.FakeClaude(tmp.resolve("fake")));
    VerdictParser.Outcome o = service.reparseSlot(job);
    assertThat(o).isInstanceOf(VerdictParser.Outcome.Parsed.class);
    JsonNode j = Json.parse(Files.readAllBytes(slot.resolve("judgment.json")));
    // our rule: the model's final answer (0.99), its items give 0.99 too
    assertThat(j.get("model_score").doubleValue()).isEqualTo(0.99);
    assertThat(j.get("score").doubleValue()).isEqualTo(0.99);
    assertThat(j.get("reparsed").booleanValue()).isTrue();
    assertThat(j.get("verdict_block").get("index").intValue()).isEqualTo(2);
    assertThat(Files.readString(slot.resolve("judgment.json.backup"))).isEqualTo(original);
  }

  @Test
  void anAnswerThatStillCannotBeUsedChangesNothing() throws Exception {
    Path exp = JudgeTesting.experiment(tmp.resolve("exp"), false);
    Path slot = Files.createDirectories(exp.resolve("T0/00/run_01/judge/judge_01"));
    Files.writeString(slot.resolve("response.txt"), "I think it is fine.");
    ExperimentStore store = ExperimentStore.open(exp);
    SlotJob job = JudgeContext.load(store).slotJob(store.runDir(KEY), KEY, 1);
    var before = TreeSnapshot.of(exp);
    JudgeService service = service(new JudgeTesting.FakeClaude(tmp.resolve("fake")));
    assertThat(service.reparseSlot(job))
        .isEqualTo(new VerdictParser.Outcome.Rejected("no JSON object in the response"));
    SlotJob other = JudgeContext.load(store).slotJob(store.runDir(KEY), KEY, 2);
    assertThat(((VerdictParser.Outcome.Rejected) service.reparseSlot(other)).reason())
        .contains("response.txt missing");
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
  }
}
