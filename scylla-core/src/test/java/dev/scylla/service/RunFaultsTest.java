package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunKey;
import dev.scylla.model.ScyllaException;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunFinal;
import dev.scylla.status.RunStatus;
import dev.scylla.store.ExperimentLayout;
import dev.scylla.store.Journals;
import dev.scylla.workspace.DemoKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the environment stop the experiment with a message naming the cause, mark the runs they
 * hit (journal: interrupted, no budget spent) and lose nothing: an unreachable repository, a commit
 * that does not exist, an agent binary that is not there, a test that is not a test.
 */
class RunFaultsTest {
  @TempDir Path tmp;
  private DemoKit.Materialized kit;

  @BeforeEach
  void kit() throws Exception {
    kit = DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
  }

  private RunRequest request(Path test, String claude) {
    return new RunRequest(
        test,
        kit.catalogueDir(),
        tmp.resolve("results"),
        List.of("T0"),
        List.of("00"),
        2,
        "claude-sonnet-4-6",
        List.of("claude-opus-4-6"),
        "claude-code",
        claude,
        Map.of(),
        claude == null,
        60,
        null,
        "None",
        2,
        null,
        false,
        false,
        null,
        true);
  }

  private Path testWith(String from, String to) throws Exception {
    Path t = tmp.resolve("test-" + Math.abs(to.hashCode()));
    ExperimentSetup.copyTree(kit.testDir(), t);
    Path yaml = t.resolve("test.yaml");
    String s = Files.readString(yaml);
    assertThat(s).contains(from);
    Files.writeString(yaml, s.replace(from, to));
    return t;
  }

  @Test
  void anUnreachableRepositoryStopsTheRunsAndMarksThem() throws Exception {
    Path test = testWith(kit.repoDir().toString(), tmp.resolve("gone").toString());
    RunReport r = new Scylla(EventSink.NONE).run(request(test, null), new RunControl());
    assertThat(r.work().stopReason()).contains("gone").contains("clone");
    assertThat(r.work().count(RunFinal.Kind.COMPLETED)).isZero();
    assertThat(r.after().counts().runs(RunStatus.MISSING)).isEqualTo(2);
    RunJournal j =
        Journals.read(
                new ExperimentLayout(r.experimentDir(), ExperimentLayout.Kind.FLAT),
                new RunKey("T0", "00", 1))
            .orNull();
    assertThat(j.last().outcome()).isEqualTo(RunJournal.Outcome.INTERRUPTED);
    assertThat(j.last().reason()).contains("setup failed");
    assertThat(j.spent()).isZero();
  }

  @Test
  void aCommitThatDoesNotExistIsNamed() throws Exception {
    Path test = testWith(kit.commit(), "0123456789abcdef0123456789abcdef01234567");
    RunReport r = new Scylla(EventSink.NONE).run(request(test, null), new RunControl());
    assertThat(r.work().stopReason()).contains("0123456789abcdef0123456789abcdef01234567");
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isZero();
  }

  @Test
  void aMissingAgentBinaryIsASetupProblemNotAFailedAttempt() throws Exception {
    RunReport r =
        new Scylla(EventSink.NONE)
            .run(
                request(kit.testDir(), tmp.resolve("no-such-claude").toString()), new RunControl());
    assertThat(r.work().stopReason()).contains("no-such-claude");
    for (RunFinal f : r.work().runs()) {
      RunJournal j =
          Journals.read(
                  new ExperimentLayout(r.experimentDir(), ExperimentLayout.Kind.FLAT), f.key())
              .orNull();
      if (j != null) {
        assertThat(j.spent()).as("no budget spent on a setup problem").isZero();
      }
    }
    assertThat(r.work().count(RunFinal.Kind.FAILED_FINAL)).isZero();
  }

  @Test
  void aTestDirectoryWithoutTestYamlIsBadInputAndCreatesNothing() {
    Path notATest = tmp.resolve("empty");
    assertThatThrownBy(
            () -> new Scylla(EventSink.NONE).run(request(notATest, null), new RunControl()))
        .isInstanceOf(ScyllaException.class)
        .satisfies(
            e -> assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT))
        .hasMessageContaining("empty");
    assertThat(tmp.resolve("results")).doesNotExist();
  }
}
