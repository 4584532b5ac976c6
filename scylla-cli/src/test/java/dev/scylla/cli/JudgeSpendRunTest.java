package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.store.Json;
import dev.scylla.testing.EndToEnd;
import dev.scylla.workspace.DemoKit;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Judge spend as a user sees it, with the simulator playing agent and judges: the summary line,
 * {@code status}, and {@code --max-cost} stopping the judging when judge spend would cross it.
 */
@EndToEnd
class JudgeSpendRunTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
  }

  private static double sumCallCosts(JsonNode journal) {
    double sum = 0;
    for (JsonNode a : journal.get("attempts")) {
      for (JsonNode c : a.get("call_spend")) {
        sum += c.get("cost_usd").doubleValue();
      }
    }
    return sum;
  }

  private static JsonNode json(Path p) throws Exception {
    return Json.parse(Files.readAllBytes(p));
  }

  private static String usd(double v) {
    return String.format(Locale.ROOT, "$%.4f", v);
  }

  @Test
  void judgeSpendIsRecordedPrintedCountedByStatusAndStopsAtTheCostLimit() throws Exception {
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    Path results = tmp.resolve("results");
    int rc =
        run(
            ChildCli.runArgs(
                    kit,
                    results,
                    1,
                    "claude-opus-4-6,claude-sonnet-4-6,claude-haiku-4-5",
                    1,
                    "--simulator")
                .toArray(String[]::new));
    assertThat(rc).as(out.toString()).isZero();
    Path exp = ChildCli.single(results);
    Path runDir = exp.resolve("T0/00/run_01");
    double agent = json(runDir.resolve("agent/result.json")).get("cost_usd").doubleValue();
    double[] judge = new double[4];
    for (int s = 1; s <= 3; s++) {
      JsonNode journal = json(runDir.resolve("judge/judge_0" + s + "/attempts.json"));
      JsonNode call = journal.get("attempts").get(0).get("call_spend").get(0);
      assertThat(call.get("token_stats").get("input_tokens").longValue()).isPositive();
      judge[s] = sumCallCosts(journal);
      assertThat(judge[s]).isPositive();
    }
    double judges = judge[1] + judge[2] + judge[3];
    assertThat(out.toString())
        .contains("1 agent launch(es), 3 judge call(s), spend " + usd(agent + judges))
        .contains("(agents " + usd(agent) + ", judges " + usd(judges) + ")");

    assertThat(run("status", exp.toString(), "--json", "--progress", "never")).isZero();
    JsonNode spend = Json.parse(out.toString()).get("spend");
    assertThat(spend.get("judge_calls").intValue()).isEqualTo(3);
    assertThat(spend.get("judge_calls_unknown_cost").intValue()).isZero();
    assertThat(spend.get("judges_usd").doubleValue())
        .isCloseTo(judges, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(spend.get("agents_usd").doubleValue()).isEqualTo(agent);
    assertThat(spend.get("total_usd").doubleValue())
        .isCloseTo(agent + judges, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(run("status", exp.toString(), "--progress", "never")).isZero();
    assertThat(out.toString()).contains("Spend:      " + usd(agent + judges));

    // Two judges to do again, with a limit that allows one judge call and not a second one.
    for (String s : new String[] {"judge/judge_02", "judge/judge_03"}) {
      deleteTree(runDir.resolve(s));
    }
    Files.deleteIfExists(runDir.resolve("run_result.json"));
    Files.deleteIfExists(runDir.resolve("judge/result.json"));
    String limit = String.format(Locale.ROOT, "%.6f", judge[2] * 1.5);
    rc = run("run", "--resume", exp.toString(), "--max-cost", limit, "--progress", "never");
    assertThat(rc).as(out.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(out.toString())
        .contains("0 agent launch(es), 1 judge call(s)")
        .contains("Stopped early: cost limit")
        .contains("the next judge call would exceed it");
    assertThat(Files.exists(runDir.resolve("judge/judge_02/judgment.json"))).isTrue();
    assertThat(Files.exists(runDir.resolve("judge/judge_03/judgment.json"))).isFalse();
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
