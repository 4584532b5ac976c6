package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.store.Json;
import dev.scylla.testing.EndToEnd;
import dev.scylla.workspace.DemoKit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs whose agent used up its turns, as a user chooses to treat them: judged like the others
 * ({@code --turn-limited judge}, the default) or scored as failures without paying any judge
 * ({@code --turn-limited fail}); counted apart either way, and rebuilt the same by {@code
 * regenerate}. The simulator's agent needs at least 3 turns, so {@code --max-turns 1} limits every
 * run.
 */
@EndToEnd
class TurnLimitedRunTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
  }

  private Path runExperiment(String rule) throws Exception {
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    Path results = tmp.resolve("results-" + rule);
    int rc =
        run(
            ChildCli.runArgs(
                    kit,
                    results,
                    2,
                    "claude-opus-4-6,claude-haiku-4-5",
                    1,
                    "--simulator",
                    "--max-turns",
                    "1",
                    "--turn-limited",
                    rule)
                .toArray(String[]::new));
    assertThat(rc).as(out.toString()).isZero();
    try (Stream<Path> s = Files.list(results)) {
      return s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
  }

  private static JsonNode json(Path p) throws Exception {
    return Json.parse(Files.readAllBytes(p));
  }

  private static List<Path> runDirs(Path exp) {
    return List.of(exp.resolve("T0/00/run_01"), exp.resolve("T0/00/run_02"));
  }

  @Test
  void failRuleScoresTurnLimitedRunsAsFailuresWithoutJudgesAndCountsThemApart() throws Exception {
    Path exp = runExperiment("fail");

    assertThat(json(exp.resolve("config/experiment.json")).at("/scylla/turn_limited").asText())
        .isEqualTo("fail");
    assertThat(json(exp.resolve("config/experiment.json")).get("max_turns").asInt()).isEqualTo(1);
    for (Path run : runDirs(exp)) {
      assertThat(json(run.resolve("agent/result.json")).get("turn_limit_reached").asBoolean())
          .isTrue();
      JsonNode consensus = json(run.resolve("judge/result.json"));
      assertThat(consensus.get("not_judged").asText()).isEqualTo("turn_limit_reached");
      assertThat(consensus.get("passed").asBoolean()).isFalse();
      assertThat(consensus.get("is_valid").asBoolean()).isTrue();
      // no judge was paid: no slot directory, no attempt journal
      assertThat(run.resolve("judge/judge_01")).doesNotExist();
      assertThat(run.resolve("judge/judge_02")).doesNotExist();
      JsonNode rr = json(run.resolve("run_result.json"));
      assertThat(rr.get("judge_score").asDouble()).isZero();
      assertThat(rr.get("judge_passed").asBoolean()).isFalse();
      assertThat(rr.get("judge_grade").asText()).isEqualTo("F");
      assertThat(rr.get("judges")).isEmpty();
      assertThat(rr.get("turn_limit_reached").asBoolean()).isTrue();
    }
    // counted apart in the summaries
    assertThat(json(exp.resolve("T0/00/report.json")).at("/summary/turn_limited_runs").asInt())
        .isEqualTo(2);
    assertThat(Files.readString(exp.resolve("report.md")))
        .contains("**Turn Limit Reached**: 2 runs (scored as failures without judging)");

    // status: everything done, the slots not judged, the runs counted apart
    assertThat(run("status", exp.toString(), "--json")).as(out.toString()).isZero();
    JsonNode status = Json.parse(out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(status.at("/runs/completed").asInt()).as(out.toString()).isEqualTo(2);
    assertThat(status.at("/runs/turn_limit_reached").asInt()).isEqualTo(2);
    assertThat(status.at("/judges/not_judged").asInt()).isEqualTo(4);

    // nothing is left for rerun-judges, and regenerate rebuilds the same files from the parts
    assertThat(run("rerun-judges", exp.toString(), "--simulator", "--dry-run"))
        .as(out.toString())
        .isZero();
    assertThat(out.toString()).contains("not_judged:         4").contains("0 judge call(s)");
    List<String> before = new ArrayList<>();
    for (Path run : runDirs(exp)) {
      before.add(Files.readString(run.resolve("run_result.json")));
      before.add(Files.readString(run.resolve("judge/result.json")));
      Files.delete(run.resolve("run_result.json"));
      Files.delete(run.resolve("judge/result.json"));
    }
    assertThat(run("regenerate", exp.toString())).as(out.toString()).isZero();
    List<String> after = new ArrayList<>();
    for (Path run : runDirs(exp)) {
      after.add(Files.readString(run.resolve("run_result.json")));
      after.add(Files.readString(run.resolve("judge/result.json")));
    }
    assertThat(after).isEqualTo(before);
  }

  @Test
  void judgeRuleJudgesTurnLimitedRunsAndStillCountsThemApart() throws Exception {
    Path exp = runExperiment("judge");

    for (Path run : runDirs(exp)) {
      assertThat(json(run.resolve("agent/result.json")).get("turn_limit_reached").asBoolean())
          .isTrue();
      assertThat(json(run.resolve("judge/result.json")).has("not_judged")).isFalse();
      assertThat(run.resolve("judge/judge_01/judgment.json")).isRegularFile();
      assertThat(run.resolve("judge/judge_02/judgment.json")).isRegularFile();
      assertThat(json(run.resolve("run_result.json")).get("judges")).hasSize(2);
    }
    assertThat(json(exp.resolve("T0/00/report.json")).at("/summary/turn_limited_runs").asInt())
        .isEqualTo(2);
    assertThat(Files.readString(exp.resolve("report.md")))
        .contains("**Turn Limit Reached**: 2 runs (judged like the others)");
  }

  @Test
  void anUnknownRuleIsRejectedBeforeAnythingIsCreated() throws Exception {
    Path results = tmp.resolve("results");
    int rc =
        run(
            "run",
            tmp.toString(),
            "--simulator",
            "--turn-limited",
            "skip",
            "--results-dir",
            results.toString());
    assertThat(rc).isEqualTo(2);
    assertThat(results).doesNotExist();
  }
}
