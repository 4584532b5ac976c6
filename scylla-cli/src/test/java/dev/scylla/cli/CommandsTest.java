package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.store.ExperimentLayout;
import dev.scylla.store.ExperimentLock;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: output, JSON shape, exit codes, errors. */
class CommandsTest {
  @TempDir Path tmp;
  private Path exp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void experiment() {
    exp =
        SyntheticExperiment.builder()
            .tier("T0", "00")
            .tier("T3", "01")
            .runs(2)
            .writeTo(tmp.resolve("exp"));
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void statusJsonHasTheDocumentedShape() throws Exception {
    Files.delete(exp.resolve("T3/01/run_02/run_result.json"));
    // work remains (a run to rebuild): exit 1, as the README's exit codes say
    assertThat(run("status", exp.toString(), "--json", "--progress", "never")).isEqualTo(1);
    JsonNode j = Json.parse(out.toString());
    assertThat(j.get("layout").asText()).isEqualTo("flat");
    assertThat(j.at("/runs/total").asInt()).isEqualTo(4);
    assertThat(j.at("/runs/results").asInt()).isEqualTo(1);
    assertThat(j.at("/runs/skipped_by_filter").asInt()).isZero();
    assertThat(j.at("/judges/total").asInt()).isEqualTo(12);
    for (String k :
        new String[] {"complete", "fallback", "missing", "failed", "partial", "agent_failed"}) {
      assertThat(j.get("judges").has(k)).as(k).isTrue();
    }
    JsonNode item = j.get("items").get(3);
    assertThat(item.get("tier").asText()).isEqualTo("T3");
    assertThat(item.get("subtest").asText()).isEqualTo("01");
    assertThat(item.get("run").asInt()).isEqualTo(2);
    assertThat(item.get("status").asText()).isEqualTo("results");
    assertThat(item.get("judges").get(0).get("slot").asInt()).isEqualTo(1);
    assertThat(item.get("judges").get(0).get("status").asText()).isEqualTo("complete");
  }

  @Test
  void statusSpendAddsTheJudgeCallsOfTheSlotJournalsToTheAgents() throws Exception {
    double agents = 0;
    for (String r : new String[] {"T0/00/run_01", "T0/00/run_02", "T3/01/run_01", "T3/01/run_02"}) {
      agents +=
          Json.parse(Files.readAllBytes(exp.resolve(r + "/agent/result.json")))
              .get("cost_usd")
              .doubleValue();
    }
    // one slot judged twice (a reminder), one call of unknown cost; other slots: no journal
    Files.writeString(
        exp.resolve("T0/00/run_01/judge/judge_01/attempts.json"),
        "{\"version\": 1, \"attempts\": [{\"attempt\": 1, \"outcome\": \"complete\", \"calls\":"
            + " 2, \"call_spend\": [{\"call\": 1, \"token_stats\": {\"input_tokens\": 100,"
            + " \"output_tokens\": 10, \"cache_creation_tokens\": 0, \"cache_read_tokens\": 0},"
            + " \"cost_usd\": 0.25}, {\"call\": 2, \"token_stats\": {\"input_tokens\": 120,"
            + " \"output_tokens\": 30, \"cache_creation_tokens\": 0, \"cache_read_tokens\": 5},"
            + " \"cost_usd\": 0.5}]}]}\n");
    Files.writeString(
        exp.resolve("T3/01/run_02/judge/judge_03/attempts.json"),
        "{\"version\": 1, \"attempts\": [{\"attempt\": 1, \"outcome\": \"complete\", \"calls\":"
            + " 1, \"call_spend\": [{\"call\": 1, \"token_stats\": null, \"cost_usd\": null}]}]}\n");

    assertThat(run("status", exp.toString(), "--json", "--progress", "never")).isZero();
    JsonNode spend = Json.parse(out.toString()).get("spend");
    assertThat(spend.get("judges_usd").doubleValue()).isEqualTo(0.75);
    assertThat(spend.get("judge_calls").intValue()).isEqualTo(3);
    assertThat(spend.get("judge_calls_unknown_cost").intValue()).isEqualTo(1);
    assertThat(spend.get("judge_token_stats").get("input_tokens").longValue()).isEqualTo(220);
    assertThat(spend.get("agents_usd").doubleValue())
        .isCloseTo(agents, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(spend.get("total_usd").doubleValue())
        .isCloseTo(agents + 0.75, org.assertj.core.data.Offset.offset(1e-12));

    assertThat(run("status", exp.toString(), "--progress", "never")).isZero();
    assertThat(out.toString())
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "Spend:      $%.4f (agents $%.4f, judges $0.7500; 1 judge call of unknown cost),"
                    + " 3 judge call(s) recorded",
                agents + 0.75,
                agents));
  }

  @Test
  void filtersCountSkippedRunsAndTheTableListsWhatNeedsAttention() throws Exception {
    Files.delete(exp.resolve("T3/01/run_02/run_result.json"));
    assertThat(run("status", exp.toString(), "--tier", "t3", "--runs", "2", "--progress", "never"))
        .as("the selected run needs a rebuild")
        .isEqualTo(1);
    assertThat(out.toString()).contains("T3/01/run_02").contains("results").contains("skipped");
    // runs outside the filter do not count: the selected, completed ones are all done
    assertThat(run("status", exp.toString(), "--tier", "T0", "--progress", "never")).isZero();
    assertThat(
            run(
                "status",
                exp.toString(),
                "--json",
                "--tier",
                "T3",
                "--runs",
                "2",
                "--progress",
                "never"))
        .isEqualTo(1);
    assertThat(Json.parse(out.toString()).at("/runs/skipped_by_filter").asInt()).isEqualTo(3);
  }

  @Test
  void dryRunsPrintTheStatusJsonAndChangeNothing() throws Exception {
    Files.delete(exp.resolve("T0/00/run_01/run_result.json"));
    Map<String, String> before = TreeSnapshot.of(exp);
    assertThat(run("rerun-agents", exp.toString(), "--dry-run", "--json", "--progress", "never"))
        .isZero();
    JsonNode a = Json.parse(out.toString());
    assertThat(a.at("/runs/results").asInt()).isEqualTo(1);
    assertThat(a.has("items")).isTrue();
    assertThat(run("rerun-judges", exp.toString(), "--dry-run", "--progress", "never")).isZero();
    assertThat(out.toString()).contains("DRY RUN").contains("JUDGE SLOT CLASSIFICATION");
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo() {
    assertThat(run("status", tmp.resolve("nope").toString())).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("scylla: ").doesNotContain("\n").contains("nope");
    Path notExp = tmp.resolve("plain");
    notExp.toFile().mkdirs();
    assertThat(run("status", notExp.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("not an experiment directory");
    assertThat(run("status", exp.toString(), "--tier", "T9")).isEqualTo(2);
    assertThat(err.toString()).contains("T9");
    assertThat(run("status", exp.toString(), "--status", "done")).isEqualTo(2);
    assertThat(run("rerun-judges", exp.toString(), "--judge-slot", "0")).isEqualTo(2);
    assertThat(run("status")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter");
  }

  @Test
  void aSecondWriterGetsExitCodeThree() throws Exception {
    Files.delete(exp.resolve("T0/00/run_01/run_result.json"));
    try (ExperimentLock lock =
        ExperimentLock.acquire(ExperimentLayout.detect(exp), "scylla run", Duration.ZERO)) {
      assertThat(run("rerun-agents", exp.toString(), "--progress", "never")).isEqualTo(3);
      assertThat(err.toString()).contains("locked").contains("scylla run");
      assertThat(run("regenerate", exp.toString(), "--progress", "never")).isEqualTo(3);
    }
    assertThat(run("rerun-agents", exp.toString(), "--progress", "never")).isZero();
    assertThat(out.toString()).contains("results").contains("1 -> 0");
  }
}
