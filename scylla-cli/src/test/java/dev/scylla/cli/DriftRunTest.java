package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.store.Json;
import dev.scylla.testing.EndToEnd;
import dev.scylla.testing.TreeSnapshot;
import dev.scylla.workspace.DemoKit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's "done when", with the simulator as agent and judges: editing rubric.yaml after judging
 * is reported by {@code status}, refused by a resume (exit 2, naming rubric.yaml, nothing written),
 * and cleared by {@code rerun-judges --stale}; a changed agent model is accepted with {@code
 * --accept-drift} and recorded.
 */
@EndToEnd
class DriftRunTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private JsonNode statusJson(Path exp) throws Exception {
    run("status", exp.toString(), "--json", "--progress", "never");
    return Json.parse(out.toString());
  }

  @Test
  void aRubricEditIsReportedRefusedAndClearedByRejudgingTheStaleSlots() throws Exception {
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    Path results = tmp.resolve("results");
    int rc =
        run(
            "run",
            kit.testDir().toString(),
            "--catalogue",
            kit.catalogueDir().toString(),
            "--simulator",
            "--tiers",
            "T0",
            "--subtests",
            "00",
            "--runs",
            "2",
            "--judge-models",
            "claude-opus-4-6,claude-haiku-4-5",
            "--results-dir",
            results.toString(),
            "--concurrency",
            "2",
            "--progress",
            "never");
    assertThat(rc).as(out.toString() + err).isZero();
    Path exp = ChildCli.single(results);
    JsonNode drift = statusJson(exp).get("drift");
    assertThat(drift.get("drift").booleanValue()).isFalse();
    assertThat(drift.get("unrecorded_runs").intValue()).isZero();
    assertThat(drift.get("unrecorded_slots").intValue()).isZero();
    JsonNode judgment =
        Json.parse(Files.readAllBytes(exp.resolve("T0/00/run_01/judge/judge_01/judgment.json")));
    assertThat(judgment.at("/fingerprint/parts/rubric").asText()).hasSize(64);
    assertThat(judgment.at("/fingerprint/labels/judge_model").asText())
        .isEqualTo("claude-opus-4-6");

    // the rubric changes after judging
    Path rubric = exp.resolve("rubric.yaml");
    Files.writeString(rubric, Files.readString(rubric) + "\n# reviewed: stricter wording\n");
    drift = statusJson(exp).get("drift");
    assertThat(drift.get("drift").booleanValue()).isTrue();
    assertThat(drift.at("/changes/0/input").asText()).isEqualTo("rubric");
    assertThat(drift.at("/changes/0/description").asText())
        .isEqualTo("rubric.yaml changed after 4 of 4 slots were judged");
    assertThat(drift.get("stale_slots")).hasSize(4);
    assertThat(drift.get("changes")).hasSize(1);
    run("status", exp.toString(), "--progress", "never");
    assertThat(out.toString())
        .contains("Drift:      rubric.yaml changed after 4 of 4 slots were judged")
        .contains("scylla rerun-judges EXP --stale");

    // a resume refuses, naming rubric.yaml, and writes nothing
    Map<String, String> before = TreeSnapshot.of(exp);
    assertThat(run("run", "--resume", exp.toString(), "--progress", "never"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("rubric.yaml changed").contains("--stale");
    assertThat(run("rerun-agents", exp.toString(), "--simulator", "--progress", "never"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);

    // re-judging exactly the stale slots clears it
    rc = run("rerun-judges", exp.toString(), "--stale", "--simulator", "--progress", "never");
    assertThat(rc).as(out.toString() + err).isZero();
    assertThat(out.toString()).contains("judge calls:          4");
    drift = statusJson(exp).get("drift");
    assertThat(drift.get("drift").booleanValue()).isFalse();
    assertThat(Files.readString(exp.resolve("T0/00/run_01/judge_prompt.md")))
        .contains("# reviewed: stricter wording");
    assertThat(exp.resolve("T0/00/run_01/judge_prompt.md.backup")).exists();
    assertThat(exp.resolve("T0/00/run_01/judge/judge_01/.archive/rejudge/judgment.json")).exists();
    assertThat(run("run", "--resume", exp.toString(), "--progress", "never")).isZero();

    // the agent model changes: accepted once, recorded, then no more refusals
    Path cfg = exp.resolve("config/experiment.json");
    var config = Json.parseObject(Files.readAllBytes(cfg));
    config.putArray("models").add("claude-opus-4-6");
    Files.writeString(cfg, Json.write(config));
    assertThat(run("run", "--resume", exp.toString(), "--progress", "never"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .contains(
            "the agent model and settings (claude-sonnet-4-6 → claude-opus-4-6) changed after 2 of 2"
                + " runs were made");
    assertThat(run("run", "--resume", exp.toString(), "--accept-drift", "--progress", "never"))
        .isZero();
    JsonNode record = Json.parse(Files.readAllBytes(exp.resolve(".scylla/fingerprints.json")));
    assertThat(record.at("/accepted/0/changed/0").asText()).contains("the agent model");
    drift = statusJson(exp).get("drift");
    assertThat(drift.at("/accepted/command").asText()).isEqualTo("scylla run");
    assertThat(run("run", "--resume", exp.toString(), "--progress", "never")).isZero();
  }
}
