package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.AgentResult;
import dev.scylla.model.RunKey;
import dev.scylla.model.ScyllaException;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.run.RunContext;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.ModelJson;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finalising a run: the files a run leaves do not depend on where an earlier process died. */
class LocalResultsTest {
  @TempDir Path tmp;

  private static double seconds(Path file) throws Exception {
    JsonNode n = Json.parse(Files.readAllBytes(file));
    return n.get("judge_duration_seconds").doubleValue();
  }

  @Test
  void aRunWhoseProcessDiedAfterTheLastVerdictGetsItsJudgeTimingOnResume() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("e"));
    Path run = exp.resolve("T0/00/run_01");
    double slots = 0;
    for (int s = 1; s <= 3; s++) {
      slots += seconds(run.resolve("judge/judge_0" + s + "/timing.json"));
    }
    // killed between the last judgment and judge/timing.json: nothing of the finalisation on disk
    Files.delete(run.resolve("judge/timing.json"));
    Files.delete(run.resolve("run_result.json"));
    ExperimentStore store = ExperimentStore.open(exp);
    RunContext ctx =
        new RunContext(store, store.matrix(new ArrayList<>()), new RunKey("T0", "00", 1));
    LocalResults results = new LocalResults(ConsensusPolicy.DEFAULT, Clock.systemUTC());

    // the resumed process judged nothing (no judge time of its own)
    results.finalizeRun(ctx, null);

    assertThat(seconds(run.resolve("judge/timing.json"))).isEqualTo(slots);
    JsonNode rr = Json.parse(Files.readAllBytes(run.resolve("run_result.json")));
    assertThat(rr.get("judge_duration_seconds").doubleValue()).isEqualTo(slots);

    // killed between run_result.json and the run's reports: they are written on resume
    Files.delete(run.resolve("report.md"));
    Files.delete(run.resolve("report.json"));
    byte[] runResult = Files.readAllBytes(run.resolve("run_result.json"));
    results.finalizeRun(ctx, null);
    assertThat(run.resolve("report.md")).content().startsWith("# Run Report: T0/00/run_01");
    assertThat(Json.parse(Files.readAllBytes(run.resolve("report.json"))).get("score"))
        .isEqualTo(rr.get("judge_score"));
    assertThat(run.resolve("run_result.json")).hasBinaryContent(runResult);

    // an existing judge timing is kept when nothing was judged
    Files.writeString(
        run.resolve("judge/timing.json"),
        "{\"judge_duration_seconds\": 12.5, \"measured_at\": \"2026-01-01T00:00:00+00:00\"}");
    results.finalizeRun(ctx, null);
    assertThat(seconds(run.resolve("judge/timing.json"))).isEqualTo(12.5);
  }

  @Test
  void aFinishedAgentWhoseResultJsonIsGoneBeforeJudgingGetsItBackFromTheLogsAlone()
      throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(2).writeTo(tmp.resolve("exp"));
    Path run = exp.resolve("T0/00/run_02");
    AgentResult original =
        FileReads.readJson(run.resolve("agent/result.json"), ModelJson::agentResult).orNull();
    // killed after output.txt, before result.json, before any judge: no consensus to build from
    Files.delete(run.resolve("agent/result.json"));
    deleteTree(run.resolve("judge"));
    Files.deleteIfExists(run.resolve("run_result.json"));
    ExperimentStore store = ExperimentStore.open(exp);
    RunContext ctx =
        new RunContext(store, store.matrix(new ArrayList<>()), new RunKey("T0", "00", 2));

    new LocalResults(ConsensusPolicy.DEFAULT, Clock.systemUTC()).rebuildAgentResult(ctx);

    AgentResult rebuilt =
        FileReads.readJson(run.resolve("agent/result.json"), ModelJson::agentResult).orNull();
    assertThat(rebuilt).isNotNull();
    assertThat(rebuilt.exitCode()).isEqualTo(original.exitCode());
    assertThat(rebuilt.tokenStats()).isEqualTo(original.tokenStats());
    assertThat(run.resolve("run_result.json")).doesNotExist();
    assertThat(run.resolve("judge")).doesNotExist();
  }

  @Test
  void logsThatCannotGiveItAreAOneLineErrorNamingTheFileWithoutTheRunsLabel() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("exp"));
    Path run = exp.resolve("T0/00/run_01");
    Files.delete(run.resolve("agent/result.json"));
    Files.writeString(run.resolve("agent/stdout.log"), "not json");
    ExperimentStore store = ExperimentStore.open(exp);
    RunContext ctx =
        new RunContext(store, store.matrix(new ArrayList<>()), new RunKey("T0", "00", 1));

    assertThatThrownBy(
            () ->
                new LocalResults(ConsensusPolicy.DEFAULT, Clock.systemUTC())
                    .rebuildAgentResult(ctx))
        .isInstanceOf(ScyllaException.class)
        .hasMessageStartingWith("cannot rebuild agent/result.json: ")
        .hasMessageContaining("stdout.log")
        .hasMessageNotContaining("T0/00/run_01");
  }

  private static void deleteTree(Path p) throws Exception {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
