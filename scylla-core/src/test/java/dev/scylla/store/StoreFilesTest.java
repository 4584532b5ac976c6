package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunKey;
import dev.scylla.model.ScyllaException;
import dev.scylla.testing.SharedFixtures;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFilesTest {
  @TempDir Path tmp;

  @Test
  void pythonCompatibleJson() throws Exception {
    ObjectNode o = Json.object();
    o.put("b", 1.5);
    o.put("a", "é\n\"x\"");
    o.putArray("c")
        .add(1e-05)
        .addNull()
        .add(true)
        .add(0.1351093)
        .add(1e16)
        .add(100.0)
        .add(Double.NaN);
    o.putObject("empty");
    o.putArray("none");
    assertThat(Json.writeCompact(o))
        .isEqualTo(
            "{\"b\": 1.5, \"a\": \"\\u00e9\\n\\\"x\\\"\", \"c\": [1e-05, null, true, 0.1351093, 1e+16, 100.0, null], \"empty\": {}, \"none\": []}");
    assertThat(Json.write(Json.parse("{\"k\": [1, {\"x\": 0.9733333333333333}], \"e\": {}}")))
        .isEqualTo(
            "{\n  \"k\": [\n    1,\n    {\n      \"x\": 0.9733333333333333\n    }\n  ],\n  \"e\": {}\n}\n");
    assertThat(Json.formatDouble(0.0001)).isEqualTo("0.0001");
    assertThat(Json.formatDouble(123456789012345.6)).isEqualTo("123456789012345.6");
    assertThat(Json.formatDouble(-2.5e-7)).isEqualTo("-2.5e-07");
    assertThat(Json.formatDouble(0.1 + 0.2)).isEqualTo("0.30000000000000004");
  }

  @Test
  void fixtureFilesRoundTripByteForByte() throws Exception {
    Path exp = SharedFixtures.dryrun();
    for (String f :
        List.of(
            "T0/00/run_01/run_result.json",
            "T0/result.json",
            "result.json",
            "T3/01/run_01/judge/judge_01/judgment.json")) {
      byte[] original = Files.readAllBytes(exp.resolve(f));
      assertThat(Json.write(Json.parse(original)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .as(f)
          .isEqualTo(
              original.length > 0 && original[original.length - 1] == '\n'
                  ? original
                  : (new String(original) + "\n").getBytes());
    }
  }

  @Test
  void configHashFollowsTheReference() throws Exception {
    var config =
        (ObjectNode)
            Json.parse(
                Files.readAllBytes(SharedFixtures.dryrun().resolve("config/experiment.json")));
    // json.dumps(sort_keys=True) of the config without parallel_*, max_subtests, tiers_to_run
    assertThat(CheckpointFile.configHash(config)).isEqualTo("2e656872bec8f45c");
  }

  @Test
  void atomicWriteReplacesAndLeavesNoTemporaryFiles() throws Exception {
    Path f = tmp.resolve("d/x.json");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertThat(Files.readString(f)).isEqualTo("two");
    assertThat(AtomicFiles.writeIfChanged(f, "two".getBytes())).isFalse();
    assertThat(AtomicFiles.writeIfChanged(f, "three".getBytes())).isTrue();
    try (var s = Files.list(f.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("x.json");
    }
    Path b1 = AtomicFiles.backup(f);
    AtomicFiles.writeString(f, "four");
    Path b2 = AtomicFiles.backup(f);
    assertThat(b1.getFileName().toString()).isEqualTo("x.json.backup");
    assertThat(b2.getFileName().toString()).isEqualTo("x.json.backup.2");
    assertThat(Files.readString(b1)).isEqualTo("three");
    assertThat(Files.readString(b2)).isEqualTo("four");
  }

  @Test
  void archiveNeverOverwrites() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("e"));
    ExperimentLayout layout = ExperimentLayout.detect(exp);
    RunKey key = new RunKey("T0", "00", 1);
    Files.createDirectories(layout.failedDir("T0", "00").resolve("run_01_attempt_1"));
    String to = Archive.archiveRun(layout, key, 1);
    assertThat(to).isEqualTo("T0/00/.failed/run_01_attempt_2");
    assertThat(exp.resolve(to).resolve("run_result.json")).exists();
    assertThat(layout.runDir(key)).doesNotExist();
    assertThat(Archive.archiveRun(layout, key, 1)).isNull();
  }

  @Test
  void journalsRoundTripAndCorruptOnesAreReported() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("e"));
    ExperimentLayout layout = ExperimentLayout.detect(exp);
    RunKey key = new RunKey("T0", "00", 1);
    assertThat(Journals.read(layout, key).isMissing()).isTrue();
    RunJournal j =
        RunJournal.EMPTY.with(
            new RunJournal.Attempt(1, "a", "b", RunJournal.Outcome.FAILED, "x", null));
    Journals.write(layout, key, j);
    assertThat(Journals.read(layout, key).orNull()).isEqualTo(j);
    Files.writeString(
        Journals.file(layout, key),
        "{\"version\": 1, \"attempts\": [{\"attempt\": 1, \"outcome\": \"exploded\"}]}");
    assertThat(Journals.read(layout, key).isCorrupt()).isTrue();
  }

  @Test
  void aSecondWriterIsRefusedWithTheHolderNamed() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("e"));
    ExperimentLayout layout = ExperimentLayout.detect(exp);
    try (ExperimentLock lock = ExperimentLock.acquire(layout, "scylla run", Duration.ZERO)) {
      assertThat(lock.file()).exists();
      assertThatThrownBy(
              () -> ExperimentLock.acquire(layout, "scylla rerun-judges", Duration.ofMillis(300)))
          .isInstanceOf(ScyllaException.class)
          .hasMessageContaining("locked")
          .hasMessageContaining("scylla run")
          .satisfies(
              e -> assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.LOCKED));
    }
    try (ExperimentLock again = ExperimentLock.acquire(layout, "scylla status", Duration.ZERO)) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void takingTheLockRemovesWhatWritersKilledMidWriteLeftAndNothingElse() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("e"));
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    long dead = p.pid();
    long live = ProcessHandle.current().pid();
    Path run = exp.resolve("T0/00/run_01");
    Path abandoned = run.resolve(".report.md.tmp-" + dead + "-5cb8cb3715a0ae4b");
    Path top = exp.resolve(".result.json.tmp-" + dead + "-1f");
    Path ours = run.resolve(".run_result.json.tmp-" + live + "-2a");
    Path inWorkspace = run.resolve("workspace/.hello.py.tmp-" + dead + "-3b");
    Path userFile = run.resolve("notes.tmp-" + dead + "-4c");
    for (Path f : List.of(abandoned, top, ours, inWorkspace, userFile)) {
      Files.createDirectories(f.getParent());
      Files.writeString(f, "partial");
    }
    String runResult = Files.readString(run.resolve("run_result.json"));

    // a holder that released the lock cleanly left nothing to clean up: no walk of the tree
    try (ExperimentLock lock =
        ExperimentLock.acquire(ExperimentLayout.detect(exp), "scylla run", Duration.ZERO)) {
      assertThat(lock.removedTemporaryFiles()).isEmpty();
    }
    assertThat(abandoned).exists();

    // a holder killed with the lock held leaves its lock.json behind
    Files.writeString(
        exp.resolve(".scylla/lock.json"),
        "{\"pid\": " + dead + ", \"command\": \"scylla run\", \"since\": \"x\"}");
    try (ExperimentLock lock =
        ExperimentLock.acquire(ExperimentLayout.detect(exp), "scylla run", Duration.ZERO)) {
      assertThat(lock.removedTemporaryFiles())
          .containsExactlyInAnyOrder(
              exp.relativize(abandoned).toString(), exp.relativize(top).toString());
    }
    assertThat(abandoned).doesNotExist();
    assertThat(top).doesNotExist();
    assertThat(ours).as("a live writer's file").exists();
    assertThat(inWorkspace).as("worktrees are the agent's").exists();
    assertThat(userFile).as("not named as ours").exists();
    assertThat(run.resolve("run_result.json")).hasContent(runResult);
  }

  @Test
  void checkpointIsWrittenInTheReferenceShape() throws Exception {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    ExperimentStore store = ExperimentStore.open(exp);
    CheckpointFile cp = CheckpointFile.open(store.layout(), store.config());
    RunKey key = new RunKey("T0", "00", 2);
    cp.runState(key, "agent_complete");
    cp.completed(key, false);
    cp.save();
    ObjectNode saved = (ObjectNode) Json.parse(Files.readAllBytes(exp.resolve("checkpoint.json")));
    assertThat(saved.get("version").asText()).isEqualTo("3.1");
    assertThat(saved.at("/completed_runs/T0/00/1").asText())
        .as("v2.0 entries are kept")
        .isEqualTo("passed");
    assertThat(saved.at("/completed_runs/T0/00/2").asText()).isEqualTo("failed");
    assertThat(saved.at("/run_states/T0/00/2").asText()).isEqualTo("agent_complete");
    assertThat(saved.get("experiment_dir").asText())
        .isEqualTo(exp.toAbsolutePath().normalize().toString());
    assertThat(saved.get("started_at").asText()).isEqualTo("2026-01-20T06:13:07.515053+00:00");
  }

  @Test
  void aCorruptCheckpointIsBackedUpBeforeItIsReplaced() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("exp"));
    Files.writeString(exp.resolve("checkpoint.json"), "{\"version\": ");
    ExperimentStore store = ExperimentStore.open(exp);

    CheckpointFile.open(store.layout(), store.config()).save();

    assertThat(exp.resolve("checkpoint.json.backup")).hasContent("{\"version\": ");
    assertThat(
            Json.parse(Files.readAllBytes(exp.resolve("checkpoint.json"))).get("version").asText())
        .isEqualTo("3.1");
  }
}
