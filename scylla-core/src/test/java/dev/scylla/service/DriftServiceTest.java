package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import dev.scylla.run.FakePorts;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunSettings;
import dev.scylla.status.DriftReport;
import dev.scylla.status.Selection;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift on an experiment made before fingerprints were recorded (synthetic, fake ports): status
 * says so, the first acting command records the inputs as first seen, a later edit is reported and
 * refused until accepted.
 */
class DriftServiceTest {
  @TempDir Path tmp;
  private final FakePorts fakes = new FakePorts();
  private Path exp;

  private Scylla scylla() {
    return new Scylla(EventSink.NONE) {
      @Override
      protected Orchestrator.Wiring createWiring(ExperimentStore store) {
        return fakes.wiring();
      }
    };
  }

  @BeforeEach
  void experiment() throws Exception {
    exp =
        SyntheticExperiment.builder()
            .tier("T0", "00", "01")
            .runs(2)
            .withPlan()
            .writeTo(tmp.resolve("exp"));
    Files.writeString(exp.resolve("rubric.yaml"), "categories: {}\n");
  }

  private DriftReport drift() {
    return scylla().status(new StatusRequest(exp, Selection.ALL)).drift();
  }

  private void resume(Scylla s) {
    s.resume(new ResumeRequest(exp, 2, null, false, false), new RunControl());
  }

  @Test
  void anExperimentWithoutFingerprintsIsTakenAsOfFirstSight() throws Exception {
    DriftReport d = drift();
    assertThat(d.hasDrift()).isFalse();
    assertThat(d.unrecordedRuns()).isEqualTo(4);
    assertThat(d.unrecordedSlots()).isEqualTo(12);
    assertThat(d.firstSeenAt()).isNull();
    assertThat(d.unrecordedNote()).contains("no acting command has seen this experiment yet");

    resume(scylla());
    assertThat(exp.resolve(".scylla/fingerprints.json")).exists();
    assertThat(drift().firstSeenAt()).isNotNull();
    assertThat(drift().unrecordedNote()).contains("taken as of first sight");

    // an edit of the rubric after first sight: every judged slot was judged under the old one
    Files.writeString(exp.resolve("rubric.yaml"), "categories: {}\n# stricter\n");
    d = drift();
    assertThat(d.hasDrift()).isTrue();
    assertThat(d.lines()).containsExactly("rubric.yaml changed after 12 of 12 slots were judged");
    assertThat(d.staleSlotCount()).isEqualTo(12);
    assertThat(d.staleRuns()).isEmpty();
  }

  @Test
  void aResumeRefusesDriftNamingTheInputAndChangesNothingUntilAccepted() throws Exception {
    resume(scylla());
    fakes.log.clear();
    Files.writeString(exp.resolve("prompt.md"), "Create hello.py that prints Hi\n");
    Map<String, String> before = TreeSnapshot.of(exp);
    assertThatThrownBy(() -> resume(scylla()))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e -> assertThat(e.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT))
        .hasMessageContaining("prompt.md changed after 4 of 4 runs were made")
        .hasMessageContaining("--accept-drift");
    assertThatThrownBy(
            () ->
                scylla()
                    .rerunAgents(
                        new RerunAgentsRequest(exp, Selection.ALL, false, false, 2, null, false),
                        new RunControl()))
        .hasMessageContaining("scylla rerun-agents refused: prompt.md changed");
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
    assertThat(fakes.log).isEmpty();

    resume(scylla().configureRuns(s -> s.withDrift(RunSettings.DriftPolicy.ACCEPT)));
    var record = Json.parse(Files.readAllBytes(exp.resolve(".scylla/fingerprints.json")));
    assertThat(record.at("/accepted/0/command").asText()).isEqualTo("scylla run");
    assertThat(record.at("/accepted/0/changed/0").asText())
        .isEqualTo("prompt.md changed after 4 of 4 runs were made");
    DriftReport d = drift();
    assertThat(d.hasDrift()).as("the runs were still made from the old prompt").isTrue();
    assertThat(d.accepted()).isNotNull();
    // accepted once: the next resume goes on without the flag
    resume(scylla());
  }
}
