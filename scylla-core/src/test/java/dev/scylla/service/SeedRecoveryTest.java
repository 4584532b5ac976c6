package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.Event;
import dev.scylla.event.EventSink;
import dev.scylla.run.RunControl;
import dev.scylla.simulator.SimulatorLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import dev.scylla.store.Json;
import dev.scylla.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed, end to end on copies of the recorded experiment, with the bundled simulator standing in
 * for the {@code claude} CLI: the run that lost its run_result.json, the two failed judge slots
 * (one with its workspace deleted), and the judge that always fails.
 */
class SeedRecoveryTest {
  @TempDir Path tmp;
  private Path exp;
  private final List<String> messages = Collections.synchronizedList(new ArrayList<>());
  private final EventSink events =
      e -> {
        if (e instanceof Event.Message m) {
          messages.add(m.level() + " " + m.text());
        }
      };

  @BeforeEach
  void copy() {
    exp = SharedFixtures.copyOfDryrun(tmp);
  }

  private Scylla scylla(Map<String, String> sim) throws Exception {
    Path claude = SimulatorLauncher.install(tmp.resolve("bin"));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("SCYLLA_CLAUDE", claude.toString());
    env.put("SCYLLA_SIM_JUDGE_LATENCY_MS", "10");
    env.put("SCYLLA_SIM_STATE_DIR", tmp.resolve("sim-state").toString());
    env.putAll(sim);
    return new Scylla(events, env);
  }

  @Test
  void aRunMissingOnlyItsRunResultIsRebuiltNotRerun() throws Exception {
    Path run = exp.resolve("T5/01/run_01");
    Files.delete(run.resolve("run_result.json"));

    RerunReport r =
        scylla(Map.of())
            .rerunAgents(
                new RerunAgentsRequest(exp, Selection.ALL, false, false, 2, null, false),
                new RunControl());

    assertThat(r.before().counts().runs(RunStatus.RESULTS)).isEqualTo(1);
    assertThat(r.after().counts().runs(RunStatus.RESULTS)).isZero();
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(7);
    assertThat(r.work().agentLaunches()).isZero();
    assertThat(r.work().judgeCalls()).isZero();
    JsonNode agent = Json.parse(Files.readAllBytes(run.resolve("agent/result.json")));
    JsonNode rr = Json.parse(Files.readAllBytes(run.resolve("run_result.json")));
    long input = agent.at("/token_stats/input_tokens").asLong();
    long cacheRead = agent.at("/token_stats/cache_read_tokens").asLong();
    assertThat(cacheRead).isPositive();
    assertThat(rr.get("tokens_input").asLong()).isEqualTo(input + cacheRead);
    assertThat(rr.get("judges")).hasSize(3);
    assertThat(rr.get("judge_score").asDouble()).isEqualTo(0.9833333333333334);
  }

  @Test
  void twoFailedSlotsAreRejudgedEvenWithTheWorkspaceDeleted() throws Exception {
    Path a = exp.resolve("T0/00/run_01/judge/judge_02");
    Files.delete(a.resolve("judgment.json"));
    Files.writeString(
        a.resolve("error.log"), "Judge failed: [Errno 2] No such file or directory\n");
    Path b = exp.resolve("T3/01/run_01");
    Files.writeString(b.resolve("judge/judge_01/judgment.json"), "{\"score\": 0.9, \"pass");
    SharedFixturesTrees.delete(b.resolve("workspace"));

    RerunReport r =
        scylla(Map.of())
            .rerunJudges(
                new RerunJudgesRequest(exp, Selection.ALL, null, false, false, 2, false),
                new RunControl());

    assertThat(r.before().counts().slots(SlotStatus.FAILED)).isEqualTo(2);
    assertThat(r.after().counts().slots(SlotStatus.FAILED)).isZero();
    assertThat(r.after().counts().slots(SlotStatus.COMPLETE)).isEqualTo(21);
    assertThat(r.work().judgeCalls()).isEqualTo(2);
    assertThat(messages)
        .anyMatch(
            m -> m.startsWith("WARN") && m.contains("T3/01/run_01") && m.contains("workspace"));
    JsonNode j = Json.parse(Files.readAllBytes(a.resolve("judgment.json")));
    assertThat(j.get("is_valid").asBoolean()).isTrue();
    JsonNode rr = Json.parse(Files.readAllBytes(exp.resolve("T0/00/run_01/run_result.json")));
    assertThat(rr.at("/judges/1/score").asDouble()).isEqualTo(j.get("score").asDouble());
  }

  @Test
  void aJudgeThatAlwaysFailsEndsInAPersistedFallbackAndIsNotRetriedForever() throws Exception {
    Path slot = exp.resolve("T2/01/run_01/judge/judge_03");
    Files.delete(slot.resolve("judgment.json"));
    Scylla s = scylla(Map.of("SCYLLA_SIM_FAIL", "malformed,mode=judge"));

    RerunReport first =
        s.rerunJudges(
            new RerunJudgesRequest(exp, Selection.ALL, null, false, false, 2, false),
            new RunControl());

    assertThat(first.before().counts().slots(SlotStatus.PARTIAL)).isEqualTo(1);
    assertThat(first.after().counts().slots(SlotStatus.FALLBACK)).isEqualTo(1);
    JsonNode j = Json.parse(Files.readAllBytes(slot.resolve("judgment.json")));
    assertThat(j.get("fallback").asBoolean()).isTrue();
    assertThat(j.get("is_valid").asBoolean()).isFalse();
    assertThat(j.get("fallback_reason").asText()).isNotBlank();

    Instant t0 = Instant.now();
    RerunReport second =
        s.rerunJudges(
            new RerunJudgesRequest(exp, Selection.ALL, null, false, false, 2, false),
            new RunControl());
    assertThat(second.targets()).isEmpty();
    assertThat(second.work().judgeCalls()).isZero();
    assertThat(second.after().counts().slots(SlotStatus.FALLBACK)).isEqualTo(1);
    assertThat(Duration.between(t0, Instant.now()))
        .as("nothing to do is quick")
        .isLessThan(Duration.ofSeconds(30));
  }

  /** Deleting trees in tests. */
  static final class SharedFixturesTrees {
    static void delete(Path p) throws java.io.IOException {
      StatusDamageTest.deleteTree(p);
    }
  }
}
