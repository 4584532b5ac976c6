package dev.scylla.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.event.Event;
import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import dev.scylla.store.Json;
import dev.scylla.testing.SharedFixtures;
import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on purpose: truncated, wrong-typed, non-UTF-8 and missing files, runs that failed for
 * infrastructure reasons, archived attempts. Nothing aborts the analysis, every problem is named,
 * the experiment is never modified, and each run lands in the right denominator.
 */
class DamagedInputTest {
  static final AnalysisParameters FAST =
      new AnalysisParameters(0.05, 200, 42, 0.95).with(Pipeline.COMMITTED);
  @TempDir Path tmp;
  final List<String> warnings = new ArrayList<>();
  final EventSink sink =
      e -> {
        if (e instanceof Event.Message m && m.level() == Event.Level.WARN) {
          warnings.add(m.text());
        }
      };

  private Path synthetic() {
    return SyntheticExperiment.builder()
        .tier("T0", "00", "01")
        .tier("T1", "01")
        .runs(3)
        .writeTo(tmp.resolve("exp"));
  }

  private static void write(Path p, String text) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private static void edit(Path p, String from, String to) throws Exception {
    String s = Files.readString(p);
    assertThat(s).contains(from);
    Files.writeString(p, s.replace(from, to));
  }

  private static void deleteTree(Path p) throws Exception {
    try (Stream<Path> w = Files.walk(p)) {
      for (Path x : w.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  private static RunOutcome outcome(Analysis a, String tier, String sub, int run) {
    return a.data().outcomes().stream()
        .filter(o -> o.tier().equals(tier) && o.subtest().equals(sub) && o.runNumber() == run)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyDamageIsNamedAndCountedInTheRightDenominator() throws Exception {
    Path exp = synthetic();
    Path r = exp.resolve("T0/00/run_01");
    byte[] rr = Files.readAllBytes(r.resolve("run_result.json"));
    Files.write(r.resolve("run_result.json"), java.util.Arrays.copyOf(rr, rr.length / 2));
    edit(exp.resolve("T0/00/run_02/run_result.json"), "\"workspace_path\"", "\"workspace_was\"");
    Path r3 = exp.resolve("T0/00/run_03");
    String rr3 = Files.readString(r3.resolve("run_result.json"));
    Files.writeString(
        r3.resolve("run_result.json"),
        rr3.replaceFirst("\"judge_score\": [0-9.]+", "\"judge_score\": \"abc\""));
    byte[] j2 = Files.readAllBytes(r3.resolve("judge/judge_02/judgment.json"));
    Files.write(r3.resolve("judge/judge_02/judgment.json"), java.util.Arrays.copyOf(j2, 10));
    Files.delete(r3.resolve("judge/judge_01/MODEL.md"));
    Path a1 = exp.resolve("T0/01/.failed/run_01_attempt_1");
    write(a1.resolve("agent/stderr.log"), "API Error: 429 Too Many Requests\n");
    Path bad = exp.resolve("T0/01/run_02/judge/judge_03/judgment.json");
    byte[] latin1 =
        "{\"score\": 0.5, \"reasoning\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(bad, latin1);
    Path partial = exp.resolve("T0/01/run_03");
    for (String f :
        List.of(
            "agent/output.txt",
            "agent/timing.json",
            "agent/command_log.json",
            "agent/stderr.log",
            "run_result.json")) {
      Files.delete(partial.resolve(f));
    }
    Path limited = exp.resolve("T1/01/run_01");
    Files.delete(limited.resolve("agent/output.txt"));
    Files.delete(limited.resolve("run_result.json"));
    write(limited.resolve("agent/stderr.log"), "Error: rate limit exceeded; resets 5pm (UTC)\n");
    Path crashed = exp.resolve("T1/01/run_02");
    edit(crashed.resolve("agent/result.json"), "\"exit_code\": 0", "\"exit_code\": -1");
    String res = Files.readString(crashed.resolve("agent/result.json"));
    res =
        res.replaceAll(
            "\"(input|output|cache_creation|cache_read)_tokens\": [0-9]+", "\"$1_tokens\": 0");
    Files.writeString(crashed.resolve("agent/result.json"), res);
    Files.delete(crashed.resolve("agent/output.txt"));
    Files.delete(crashed.resolve("run_result.json"));
    deleteTree(exp.resolve("T1/01/run_03"));
    Map<String, String> before = TreeSnapshot.of(exp);

    Analysis a = new Analyzer(sink).analyze(List.of(exp), List.of(), FAST);

    assertThat(TreeSnapshot.of(exp)).as("nothing modified").isEqualTo(before);
    assertThat(a.data().runs())
        .extracting(RunRow::label)
        .containsExactly(
            "exp/T0/00/run_02", "exp/T0/00/run_03", "exp/T0/01/run_01", "exp/T0/01/run_02");
    // wrong-typed judge_score: coerced to NaN (an empty field), as the reference coerces it
    assertThat(a.data().runs().get(1).score()).isNaN();
    assertThat(DataFiles.runsCsv(a.data().runs()).lines().skip(2).findFirst().orElseThrow())
        .startsWith("exp,Sonnet 4.5,T0,00,3,,");
    // truncated judge 2 left out; judge 1 without MODEL.md gets the configured model
    List<JudgeRow> j =
        a.data().judges().stream()
            .filter(x -> x.tier().equals("T0") && x.subtest().equals("00") && x.runNumber() == 3)
            .toList();
    assertThat(j).extracting(JudgeRow::judgeNumber).containsExactly(1, 3);
    assertThat(j.get(0).judgeModel()).isEqualTo("claude-opus-4-5-20251101");
    // non-UTF-8 judgment left out
    assertThat(
            a.data().judges().stream()
                .filter(
                    x -> x.subtest().equals("01") && x.runNumber() == 2 && x.tier().equals("T0")))
        .extracting(JudgeRow::judgeNumber)
        .containsExactly(1, 2);
    assertThat(a.data().warnings())
        .anyMatch(w -> w.contains("T0/00/run_01/run_result.json") || w.contains("incomplete"))
        .anyMatch(w -> w.contains("T0/00/run_03/judge/judge_02/judgment.json"))
        .anyMatch(w -> w.contains("T0/00/run_03/judge/judge_01/MODEL.md"))
        .anyMatch(w -> w.contains("judgments are unreadable"));
    assertThat(warnings).isEqualTo(a.data().warnings());

    assertThat(outcome(a, "T0", "00", 1).failure()).isEqualTo(FailureKind.NO_VERDICT);
    assertThat(outcome(a, "T0", "01", 3).failure()).isEqualTo(FailureKind.INTERRUPTED);
    assertThat(outcome(a, "T1", "01", 1).failure()).isEqualTo(FailureKind.RATE_LIMIT);
    assertThat(outcome(a, "T1", "01", 2).failure()).isEqualTo(FailureKind.CRASH);
    assertThat(outcome(a, "T1", "01", 3).outcome()).isEqualTo(Outcome.NOT_RUN);
    RunOutcome retried = outcome(a, "T0", "01", 1);
    assertThat(retried.outcome()).isEqualTo(Outcome.SCORED);
    assertThat(retried.attempts()).isEqualTo(2);
    assertThat(retried.archived()).containsExactly(FailureKind.RATE_LIMIT);

    PassRateRow model = a.passRates().get(0);
    assertThat(model.scope()).isEqualTo("model");
    assertThat(model.expected()).isEqualTo(9);
    assertThat(model.notRun()).isEqualTo(1);
    assertThat(model.attempted()).isEqualTo(8);
    assertThat(model.infraFailures()).isEqualTo(4);
    assertThat(model.rateLimited()).isEqualTo(1);
    assertThat(model.crashed()).isEqualTo(1);
    assertThat(model.interrupted()).isEqualTo(1);
    assertThat(model.noVerdict()).isEqualTo(1);
    assertThat(model.scored()).isEqualTo(4);
    long passed = a.data().runs().stream().filter(RunRow::passed).count();
    assertThat(model.passed()).isEqualTo((int) passed);
    assertThat(model.passRateStrict()).isEqualTo(passed / 8.0);
    assertThat(model.passRateExclInfra()).isEqualTo(passed / 4.0);
    assertThat(model.passRate()).isEqualTo(passed / 4.0);

    RetryRow retries = a.retries().get(0);
    assertThat(retries.tier()).isEmpty();
    assertThat(retries.retriedRuns()).isEqualTo(1);
    assertThat(retries.firstAttemptRuns()).isEqualTo(3);
    assertThat(retries.archivedAttempts()).isEqualTo(1);
    assertThat(retries.archivedRateLimited()).isEqualTo(1);
    assertThat(retries.meanAttemptsRetried()).isEqualTo(2.0);

    String stats = Json.write(DataFiles.statisticsJson(a.statistics()));
    assertThat(stats).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(Json.write(DataFiles.summaryJson(a.summary()))).doesNotContain("NaN");
  }

  @Test
  void aDamagedCopyOfTheRecordedExperimentLosesOnlyTheDamagedRun() throws Exception {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    Path committed = SharedFixtures.dryrunAnalysis();
    Files.delete(exp.resolve("T3/01/run_01/run_result.json"));
    Path j = exp.resolve("T0/00/run_01/judge/judge_02/judgment.json");
    Files.writeString(j, "{\"score\": 0.96, \"passed\": tru");
    Analysis a = new Analyzer(sink).analyze(List.of(exp), List.of(), FAST);
    List<String> ours = DataFiles.runsCsv(a.data().runs()).lines().toList();
    List<String> theirs = Files.readAllLines(committed.resolve("runs.csv"));
    assertThat(ours).hasSize(7);
    // T0's impl rate is now the median of judges 1 and 3: (0.9923076923076923 + 1.0) / 2
    assertThat(ours.get(1)).contains(",0.9961538461538462,");
    assertThat(ours.subList(2, 4)).isEqualTo(theirs.subList(2, 4));
    assertThat(ours.subList(4, 7)).isEqualTo(theirs.subList(5, 8));
    assertThat(outcome(a, "T3", "01", 1).failure()).isEqualTo(FailureKind.NO_VERDICT);
    assertThat(warnings).anyMatch(w -> w.contains("T0/00/run_01/judge/judge_02/judgment.json"));
    PassRateRow t3 =
        a.passRates().stream()
            .filter(p -> p.scope().equals("tier") && p.tier().equals("T3"))
            .findFirst()
            .orElseThrow();
    assertThat(t3.passRateStrict()).isEqualTo(0.0);
    assertThat(t3.passRateExclInfra()).isNaN();
    assertThat(t3.passRate()).isNaN();
  }

  @Test
  void aFallbackVerdictIsExportedInvalidWithoutImplRateOrAgreement() throws Exception {
    Path exp = synthetic();
    Path slot = exp.resolve("T0/00/run_01/judge/judge_03");
    Files.writeString(
        slot.resolve("judgment.json"),
        "{\"score\": 0.0, \"passed\": false, \"grade\": \"F\", \"reasoning\": \"no verdict\","
            + " \"is_valid\": false, \"fallback\": true, \"fallback_reason\": \"budget spent\","
            + " \"criteria_scores\": {\"functional\": {\"achieved\": 0, \"max\": 3.0}}}");
    Analysis a = new Analyzer(sink).analyze(List.of(exp), List.of(), FAST);
    JudgeRow fallback =
        a.data().judges().stream()
            .filter(j -> j.tier().equals("T0") && j.subtest().equals("00") && j.runNumber() == 1)
            .filter(j -> j.judgeNumber() == 3)
            .findFirst()
            .orElseThrow();
    assertThat(fallback.judgeIsValid()).isFalse();
    assertThat(fallback.judgeImplRate()).isNaN();
    List<JudgeRow> others =
        a.data().judges().stream()
            .filter(j -> j.tier().equals("T0") && j.subtest().equals("00") && j.runNumber() == 1)
            .filter(j -> j.judgeNumber() != 3)
            .toList();
    double expected = (others.get(0).judgeImplRate() + others.get(1).judgeImplRate()) / 2;
    assertThat(a.data().runs().get(0).implRate()).isEqualTo(expected);
    var alpha =
        a.statistics().judgeAgreement().stream()
            .filter(StatisticalResults.JudgeAgreement::isAlphaRow)
            .findFirst()
            .orElseThrow();
    assertThat(alpha.n()).isEqualTo(a.data().runs().size() - 1);
  }

  @Test
  void anExperimentWithoutConfigIsBadInput() throws Exception {
    Path exp = synthetic();
    Files.delete(exp.resolve("config/experiment.json"));
    assertThatThrownBy(() -> new Analyzer(sink).analyze(List.of(exp), List.of(), FAST))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining(exp.toString())
        .extracting(e -> ((ScyllaException) e).kind())
        .isEqualTo(ScyllaException.Kind.BAD_INPUT);
  }

  @Test
  void wrongTypedConfigIsBadInputNamingTheField() throws Exception {
    Path exp = synthetic();
    edit(
        exp.resolve("config/experiment.json"),
        "\"runs_per_subtest\": 3",
        "\"runs_per_subtest\": \"3\"");
    assertThatThrownBy(() -> new Analyzer(sink).analyze(List.of(exp), List.of(), FAST))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("experiment.json")
        .hasMessageContaining("runs_per_subtest");
  }

  @Test
  void anExperimentWithNoRunAtAllStillGivesFiles() throws Exception {
    Path exp = synthetic();
    for (String t : List.of("T0", "T1")) {
      deleteTree(exp.resolve(t));
    }
    Analysis a = new Analyzer(sink).analyze(List.of(exp), List.of(), FAST);
    assertThat(a.data().runs()).isEmpty();
    assertThat(a.summary().totalRuns()).isZero();
    assertThat(DataFiles.runsCsv(a.data().runs()).lines()).hasSize(1);
    assertThat(Json.write(DataFiles.summaryJson(a.summary()))).doesNotContain("NaN");
  }
}
