package dev.scylla.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.Classifier;
import dev.scylla.status.SlotStatus;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import dev.scylla.testing.SharedFixtures;
import dev.scylla.testing.TreeSnapshot;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of the recorded experiment whose first slot of T0 was lost: judging it again replays the
 * recorded answer through the fake CLI, reuses the stored prompt (never rebuilt from the
 * workspace), and restores the recorded figures beside the code-computed score.
 */
class FixtureRejudgeTest {
  @TempDir Path tmp;

  @Test
  void aLostSlotIsJudgedAgainFromTheStoredPrompt() throws Exception {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    Path run = exp.resolve("T0/00/run_01");
    Path slot = run.resolve("judge/judge_01");
    String recorded = Files.readString(slot.resolve("stdout.log"));
    JsonNode stored = Json.parse(Files.readAllBytes(slot.resolve("judgment.json")));
    JudgeTesting.deleteTree(slot);
    // reproduce the January judge: plain text output, the first JSON block
    Path cfg = exp.resolve("config/experiment.json");
    ObjectNode config = (ObjectNode) Json.parse(Files.readAllBytes(cfg));
    config.set(
        "judging",
        Json.parse(
            "{\"verdict\": \"first\", \"clients\": {\"*\": {\"output_format\": \"text\"}}}"));
    Files.writeString(cfg, Json.write(config));
    var others = TreeSnapshot.of(run.resolve("judge/judge_02"));

    JudgeTesting.FakeClaude fake =
        new JudgeTesting.FakeClaude(tmp.resolve("fake")).replay(recorded);
    LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(300));
    JudgeService service =
        new JudgeService(
            launcher,
            new DefaultJudgeClients(
                launcher, fake.env, Clock.systemUTC(), HttpClient.newHttpClient()),
            null,
            e -> {},
            Clock.systemUTC());
    ExperimentStore store = ExperimentStore.open(exp);
    RunKey key = new RunKey("T0", "00", 1);
    RunMatrix m = store.matrix(new ArrayList<>());
    assertThat(Classifier.classify(store.readRun(key, m)).slots().get(0).status())
        .isEqualTo(SlotStatus.MISSING);
    SlotOutcome o =
        service.judgeSlot(
            JudgeContext.load(store).slotJob(store.runDir(key), key, 1), Cancellation.never());

    assertThat(o.kind()).isEqualTo(SlotOutcome.Kind.COMPLETE);
    assertThat(fake.logged(1, "stdin")).isEqualTo(Files.readString(run.resolve("judge_prompt.md")));
    JsonNode j = Json.parse(Files.readAllBytes(slot.resolve("judgment.json")));
    assertThat(j.get("model_score")).isEqualTo(stored.get("score"));
    assertThat(j.get("model_passed")).isEqualTo(stored.get("passed"));
    assertThat(j.get("reasoning")).isEqualTo(stored.get("reasoning"));
    assertThat(j.get("criteria_scores")).isEqualTo(stored.get("criteria_scores"));
    assertThat(j.get("score").doubleValue()).isEqualTo(0.99);
    assertThat(j.get("score_source").textValue()).isEqualTo("computed");
    assertThat(j.get("impl_rate").doubleValue()).isEqualTo(12.9 / 13);
    assertThat(j.get("verdict_block").get("count").intValue()).isEqualTo(3);
    assertThat(Files.readString(slot.resolve("response.txt"))).isEqualTo(recorded);
    assertThat(Files.readString(slot.resolve("stdout.log"))).isEqualTo(recorded);
    assertThat(Classifier.classify(store.readRun(key, m)).slots().get(0).status())
        .isEqualTo(SlotStatus.COMPLETE);
    assertThat(TreeSnapshot.of(run.resolve("judge/judge_02"))).isEqualTo(others);
  }
}
