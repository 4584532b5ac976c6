package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegenerateCommandTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  Path experiment() throws Exception {
    Path exp = SyntheticExperiment.builder().runs(2).writeTo(tmp.resolve("exp"));
    Files.delete(exp.resolve("T0/00/run_01/run_result.json"));
    Files.delete(exp.resolve("T1/01/run_02/judge/result.json"));
    return exp;
  }

  @Test
  void regeneratePrintsWhatItWroteAndBeforeAfterCounts() throws Exception {
    Path exp = experiment();
    Result r = run("regenerate", exp.toString(), "--progress", "never");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("T0/00/run_01     wrote run_result.json (missing)")
        .contains("T1/01/run_02     wrote judge/result.json (missing)")
        .contains("Runs: 2 rebuilt, 2 unchanged")
        .containsPattern("completed +3 -> 4 ")
        .containsPattern("results +1 -> 0 ");
    Result again = run("regenerate", exp.toString(), "--progress", "never");
    assertThat(again.out()).contains("Runs: 0 rebuilt, 4 unchanged").contains("Summaries: 0 wrote");
  }

  @Test
  void rejudgeJudgesTheBrokenSlotThenRebuildsWhatDependsOnIt() throws Exception {
    Path exp = SyntheticExperiment.builder().runs(1).writeTo(tmp.resolve("exp"));
    Path slot = exp.resolve("T0/00/run_01/judge/judge_02");
    Files.writeString(slot.resolve("judgment.json"), "{");
    Result r = run("regenerate", exp.toString(), "--rejudge", "--simulator", "--progress", "never");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    // one of the rerun's lines, then regenerate's own report
    assertThat(r.out()).contains("Runs:");
    JsonNode j = Json.parse(Files.readAllBytes(slot.resolve("judgment.json")));
    assertThat(j.get("score").isNumber()).isTrue();
    assertThat(
            Files.exists(slot.resolve(".archive"))
                || Files.exists(slot.getParent().resolve(".archive")))
        .as("the corrupt verdict is kept, not deleted")
        .isTrue();
    Result status = run("status", exp.toString(), "--progress", "never");
    assertThat(status.code()).as(status.out()).isZero();
  }

  @Test
  void dryRunJsonSaysWhatWouldBeWrittenAndWritesNothing() throws Exception {
    Path exp = experiment();
    Map<String, String> before = TreeSnapshot.of(exp);
    Result r = run("regenerate", exp.toString(), "--dry-run", "--json", "--reasoning", "closest");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
    JsonNode j = Json.parse(r.out());
    assertThat(j.get("dry_run").booleanValue()).isTrue();
    assertThat(j.get("reasoning_rule").textValue()).isEqualTo("closest");
    assertThat(j.get("runs").get("rebuilt").intValue()).isGreaterThanOrEqualTo(2);
    assertThat(j.get("after").isNull()).isTrue();
    assertThat(j.get("before").get("runs").get("results").intValue()).isEqualTo(1);
  }

  @Test
  void filtersAndAFailedRunSetTheExitCode() throws Exception {
    Path exp = experiment();
    Files.writeString(exp.resolve("T0/00/run_01/judge/judge_02/judgment.json"), "{");
    Result r = run("regenerate", exp.toString(), "--tier", "T0", "--progress", "never");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out()).contains("T0/00/run_01     left as it was: judge/judge_02/judgment.json");
    assertThat(r.err()).contains("warning: T0/00/run_01: left as it was");
    assertThat(exp.resolve("T1/01/run_02/judge/result.json")).doesNotExist();
  }

  @Test
  void badInputIsExitCodeTwo() throws Exception {
    assertThat(run("regenerate", tmp.resolve("none").toString()).code())
        .isEqualTo(ExitCodes.BAD_INPUT);
    Path exp = experiment();
    Result rule = run("regenerate", exp.toString(), "--reasoning", "loudest");
    assertThat(rule.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(rule.err()).contains("loudest");
    assertThat(run("regenerate", exp.toString(), "--quorum", "0").code())
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run("regenerate", exp.toString(), "--status", "done").code())
        .isEqualTo(ExitCodes.BAD_INPUT);
  }
}
