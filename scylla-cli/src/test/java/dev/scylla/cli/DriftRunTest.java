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
import java.util.ArrayList;
import java.util.List;
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

  /** RFC 4180 records: quoted fields may hold commas, quotes and newlines. */
  static List<List<String>> csv(Path file) throws Exception {
    String t = Files.readString(file);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < t.length() && t.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          f.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(f.toString());
        f.setLength(0);
      } else if (ch == '\n') {
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (ch != '\r') {
        f.append(ch);
      }
    }
    return rows;
  }

  /**
   * On a simulator experiment every judge slot has a cost above 0 in judges.csv, each run's
   * judge_cost_usd is the sum of its judges', and both say the money is simulated.
   */
  private void judgeCostsAreInTheAnalysis(Path exp) throws Exception {
    Path out = tmp.resolve("analysis");
    assertThat(run("analyze", exp.toString(), "--out", out.toString(), "--no-figures"))
        .as(out.toString() + err)
        .isZero();
    List<List<String>> judges = csv(out.resolve("data/judges.csv"));
    List<String> jh = judges.get(0);
    Map<String, Double> sums = new java.util.HashMap<>();
    assertThat(judges).hasSize(1 + 4);
    for (List<String> r : judges.subList(1, judges.size())) {
      double cost = Double.parseDouble(r.get(jh.indexOf("judge_cost_usd")));
      assertThat(cost).as("judge cost of " + r).isPositive();
      assertThat(Long.parseLong(r.get(jh.indexOf("judge_input_tokens")))).isPositive();
      assertThat(r.get(jh.indexOf("simulated"))).isEqualTo("True");
      sums.merge(r.get(jh.indexOf("run_number")), cost, Double::sum);
    }
    List<List<String>> runs = csv(out.resolve("data/runs.csv"));
    List<String> rh = runs.get(0);
    assertThat(runs).hasSize(1 + 2);
    for (List<String> r : runs.subList(1, runs.size())) {
      assertThat(Double.parseDouble(r.get(rh.indexOf("judge_cost_usd"))))
          .isCloseTo(
              sums.get(r.get(rh.indexOf("run_number"))),
              org.assertj.core.data.Offset.offset(1e-12));
      assertThat(r.get(rh.indexOf("simulated"))).isEqualTo("True");
    }
  }

  @Test
  void aRubricEditIsReportedRefusedAndClearedByRejudgingTheStaleSlots() throws Exception {
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    Path results = tmp.resolve("results");
    int rc =
        run(
            ChildCli.runArgs(kit, results, 2, "claude-opus-4-6,claude-haiku-4-5", 2, "--simulator")
                .toArray(String[]::new));
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

    judgeCostsAreInTheAnalysis(exp);

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

    JsonNode spendBefore = statusJson(exp).get("spend");
    assertThat(spendBefore.get("simulated").booleanValue()).isTrue();
    assertThat(spendBefore.get("archived_judge_calls").intValue()).isZero();

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
    assertThat(out.toString()).contains("judge calls:          4").contains(" simulated (agents $");
    // the set-aside verdicts' calls stay in the ledger as archived spend
    JsonNode spendAfter = statusJson(exp).get("spend");
    assertThat(spendAfter.get("archived_judge_calls").intValue())
        .isEqualTo(spendBefore.get("judge_calls").intValue());
    assertThat(spendAfter.get("archived_judges_usd").doubleValue())
        .isCloseTo(
            spendBefore.get("judges_usd").doubleValue(),
            org.assertj.core.data.Offset.offset(1e-12));
    assertThat(spendAfter.get("all_usd").doubleValue())
        .isCloseTo(
            spendAfter.get("total_usd").doubleValue() + spendBefore.get("judges_usd").doubleValue(),
            org.assertj.core.data.Offset.offset(1e-9));
    drift = statusJson(exp).get("drift");
    assertThat(drift.get("drift").booleanValue()).isFalse();
    assertThat(Files.readString(exp.resolve("T0/00/run_01/judge_prompt.md")))
        .contains("# reviewed: stricter wording");
    assertThat(exp.resolve("T0/00/run_01/judge_prompt.md.backup")).exists();
    assertThat(exp.resolve("T0/00/run_01/judge/judge_01/.archive/rejudge/judgment.json")).exists();
    assertThat(run("run", "--resume", exp.toString(), "--progress", "never")).isZero();
    // the cost table of analyze keeps the money of the set-aside verdicts, labelled simulated
    Path again = tmp.resolve("analysis-2");
    assertThat(run("analyze", exp.toString(), "--out", again.toString(), "--no-figures")).isZero();
    String ledger = Files.readString(again.resolve("tables/tab15_cost_ledger.md"));
    assertThat(ledger)
        .contains("Cost ledger (simulated money)")
        .contains(
            "| judges set aside or archived | all | judges | "
                + spendBefore.get("judge_calls").intValue()
                + " calls |  | "
                + String.format(
                    java.util.Locale.ROOT, "$%.3f", spendBefore.get("judges_usd").doubleValue()));

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

    // one run made again under the new model: analyze marks the subtest as mixing fingerprints
    try (var files = Files.walk(exp.resolve("T0/00/run_02"))) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    rc = run("rerun-agents", exp.toString(), "--simulator", "--progress", "never");
    assertThat(rc).as(out.toString() + err).isZero();
    Path third = tmp.resolve("analysis-3");
    assertThat(run("analyze", exp.toString(), "--out", third.toString(), "--no-figures")).isZero();
    JsonNode manifest = Json.parse(Files.readAllBytes(third.resolve("data/manifest.json")));
    assertThat(manifest.at("/mixed_fingerprints/0").asText())
        .startsWith(exp.getFileName() + "/T0/00 (2 run fingerprints");
    assertThat(Files.exists(again.resolve("data/manifest.json"))).isTrue();
    JsonNode earlier = Json.parse(Files.readAllBytes(again.resolve("data/manifest.json")));
    assertThat(earlier.has("mixed_fingerprints")).as(earlier.toString()).isFalse();
  }
}
