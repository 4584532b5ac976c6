package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.JsonCompare;
import dev.scylla.results.ReasoningRule;
import dev.scylla.results.RunPlan;
import dev.scylla.results.WrittenFile;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** regenerate on experiments the tests build themselves (no ../shared needed). */
class RegenerateTest {
  @TempDir Path tmp;

  static final List<String> RUNS =
      List.of(
          "T0/00/run_01",
          "T0/00/run_02",
          "T0/00/run_03",
          "T0/01/run_01",
          "T0/01/run_02",
          "T0/01/run_03",
          "T1/01/run_01",
          "T1/01/run_02",
          "T1/01/run_03");

  Path experiment() {
    return SyntheticExperiment.builder()
        .tier("T0", "00", "01")
        .tier("T1", "01")
        .runs(3)
        .writeTo(tmp.resolve("exp"));
  }

  static RegenerateReport regenerate(Path exp) {
    return regenerate(exp, Selection.ALL, ConsensusPolicy.DEFAULT, false);
  }

  static RegenerateReport regenerate(
      Path exp, Selection sel, ConsensusPolicy policy, boolean dryRun) {
    return new Scylla(EventSink.NONE).regenerate(new RegenerateRequest(exp, sel, policy, dryRun));
  }

  static JsonNode read(Path p) throws IOException {
    try {
      return Json.parse(Files.readAllBytes(p));
    } catch (dev.scylla.store.CorruptFileException e) {
      throw new IOException(p + ": " + e.getMessage(), e);
    }
  }

  static Map<String, JsonNode> runResults(Path exp, String prefix) throws IOException {
    Map<String, JsonNode> out = new HashMap<>();
    for (String r : RUNS) {
      out.put(r, read(exp.resolve(prefix + r + "/run_result.json")));
    }
    return out;
  }

  static void deleteRunFiles(Path exp, String prefix) throws IOException {
    for (String r : RUNS) {
      Files.delete(exp.resolve(prefix + r + "/run_result.json"));
      Files.delete(exp.resolve(prefix + r + "/judge/result.json"));
    }
  }

  @Test
  void rebuildsDeletedRunFilesWithTheValuesTheyHad() throws IOException {
    Path exp = experiment();
    Map<String, JsonNode> original = runResults(exp, "");
    deleteRunFiles(exp, "");

    RegenerateReport r = regenerate(exp);

    assertThat(r.ok()).isTrue();
    assertThat(r.before().counts().runs(RunStatus.RESULTS)).isEqualTo(9);
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(9);
    assertThat(r.count(RunPlan.Outcome.REBUILT)).isEqualTo(9);
    for (String run : RUNS) {
      JsonNode ours = read(exp.resolve(run + "/run_result.json"));
      JsonNode was = original.get(run);
      // every field equal, path fields aside; the criteria now come from judge 1
      Set<String> ignore =
          Set.of("workspace_path", "logs_path", "command_log_path", "criteria_scores");
      assertThat(JsonCompare.firstDifference(was, ours, ignore, JsonCompare.Mode.OLD_COVERED))
          .as(run)
          .isNull();
      assertThat(ours.get("criteria_scores"))
          .isEqualTo(
              read(exp.resolve(run + "/judge/judge_01/judgment.json")).get("criteria_scores"));
      assertThat(ours.get("workspace_path").textValue())
          .isEqualTo(exp.resolve(run).resolve("workspace").toAbsolutePath().toString());
      assertThat(ours.get("judges")).hasSize(3);
      assertThat(ours.get("judges").get(1).get("model").textValue())
          .isEqualTo("claude-sonnet-4-5-20250929");
      JsonNode consensus = read(exp.resolve(run + "/judge/result.json"));
      assertThat(consensus.get("valid_judges").intValue()).isEqualTo(3);
      assertThat(consensus.get("reasoning_rule").textValue()).isEqualTo("first");
    }
    for (String f :
        List.of(
            "result.json",
            "report.json",
            "report.md",
            "summary.md",
            "tier_comparison.json",
            "T0/result.json",
            "T0/best_subtest.json",
            "T0/report.json",
            "T0/report.md",
            "T0/summary.md",
            "T0/00/report.json",
            "T0/00/report.md",
            "T0/01/report.md",
            "T1/01/report.json")) {
      assertThat(exp.resolve(f)).as(f).isRegularFile();
    }
    JsonNode t0 = read(exp.resolve("T0/result.json"));
    assertThat(t0.get("subtest_results").get("00").get("runs")).hasSize(3);
    assertThat(t0.get("subtest_results").get("00").get("runs").get(0))
        .isEqualTo(read(exp.resolve("T0/00/run_01/run_result.json")));
    JsonNode e = read(exp.resolve("result.json"));
    assertThat(e.get("tier_results").get("T0")).isEqualTo(t0);
    assertThat(e.get("config")).isEqualTo(read(exp.resolve("config/experiment.json")));
  }

  @Test
  void secondRunChangesNothing() throws IOException {
    Path exp = experiment();
    deleteRunFiles(exp, "");
    regenerate(exp);
    Map<String, String> once = TreeSnapshot.of(exp);
    RegenerateReport again = regenerate(exp);
    assertThat(again.filesWritten()).isZero();
    assertThat(again.runsUnchanged()).isEqualTo(9);
    assertThat(TreeSnapshot.of(exp)).isEqualTo(once);
  }

  @Test
  void dryRunWritesNothingAndListsWhatTheRealRunWrites() throws IOException {
    Path exp = experiment();
    deleteRunFiles(exp, "");
    Files.writeString(exp.resolve("T1/01/run_02/agent/result.json"), "{\"exit_code\": 0,");
    Map<String, String> before = TreeSnapshot.of(exp);

    RegenerateReport dry = regenerate(exp, Selection.ALL, ConsensusPolicy.DEFAULT, true);

    assertThat(TreeSnapshot.of(exp)).as("a dry run writes nothing").isEqualTo(before);
    assertThat(dry.after()).isNull();
    assertThat(dry.dryRun()).isTrue();
    List<String> planned = labels(dry);
    assertThat(planned).contains("T1/01/run_02/agent/result.json", "T0/result.json", "result.json");

    RegenerateReport real = regenerate(exp);
    assertThat(labels(real)).containsExactlyElementsOf(planned);
    assertThat(read(exp.resolve("T1/01/run_02/agent/result.json")).get("exit_code").intValue())
        .isZero();
    assertThat(exp.resolve("T1/01/run_02/agent/result.json.backup"))
        .hasContent("{\"exit_code\": 0,");
  }

  static List<String> labels(RegenerateReport r) {
    List<String> out = new ArrayList<>();
    r.runs().forEach(o -> o.files().forEach(f -> out.add(f.label())));
    r.summaries().forEach(f -> out.add(f.label()));
    return out;
  }

  @Test
  void phasedLayoutWritesUnderCompletedAndLinksThere() throws IOException {
    Path exp =
        SyntheticExperiment.builder()
            .tier("T0", "00", "01")
            .tier("T1", "01")
            .runs(3)
            .phased()
            .writeTo(tmp.resolve("phased"));
    deleteRunFiles(exp, "completed/");

    RegenerateReport r = regenerate(exp);

    assertThat(r.ok()).isTrue();
    assertThat(r.before().layout()).isEqualTo("phased");
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(9);
    assertThat(exp.resolve("completed/T0/result.json")).isRegularFile();
    assertThat(exp.resolve("completed/T0/00/report.md")).isRegularFile();
    assertThat(exp.resolve("T0")).doesNotExist();
    assertThat(exp.resolve("result.json")).isRegularFile();
    assertThat(Files.readString(exp.resolve("report.md")))
        .contains("- [T0](./completed/T0/report.md)");
    assertThat(Files.readString(exp.resolve("summary.md")))
        .contains("[View](./completed/T1/01/report.md)");
    assertThat(read(exp.resolve("report.json")).get("children").get(0).get("report").textValue())
        .isEqualTo("./completed/T0/report.json");
    assertThat(
            read(exp.resolve("completed/T0/00/run_01/run_result.json"))
                .get("logs_path")
                .textValue())
        .isEqualTo(exp.resolve("completed/T0/00/run_01/agent").toAbsolutePath().toString());
  }

  /**
   * The seed's run: agent and judges finished, run_result.json lost, and agent/result.json written
   * by the reference's regenerator under the CLI's token names. It becomes completed, and
   * tokens_input is input + cache read (33 + 195,735), not 33.
   */
  @Test
  void theSeedsRunBecomesCompletedWithTheRightTokenTotal() throws IOException {
    Path exp = experiment();
    Path run = exp.resolve("T1/01/run_02");
    ObjectNode agent = (ObjectNode) read(run.resolve("agent/result.json"));
    ObjectNode legacy = Json.object();
    legacy.put("input_tokens", 33);
    legacy.put("output_tokens", 1717);
    legacy.put("cache_creation_input_tokens", 40_001);
    legacy.put("cache_read_input_tokens", 195_735);
    agent.set("token_stats", legacy);
    agent.put("api_calls", 1);
    String legacyText = Json.write(agent);
    Files.writeString(run.resolve("agent/result.json"), legacyText);
    Files.delete(run.resolve("run_result.json"));

    RegenerateReport r = regenerate(exp);

    assertThat(r.before().counts().runs(RunStatus.RESULTS)).isEqualTo(1);
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(9);
    JsonNode rr = read(run.resolve("run_result.json"));
    assertThat(rr.get("tokens_input").longValue()).isEqualTo(195_768);
    assertThat(rr.get("token_stats").get("cache_read_tokens").longValue()).isEqualTo(195_735);
    assertThat(rr.get("token_stats").has("cache_read_input_tokens")).isFalse();
    JsonNode fixed = read(run.resolve("agent/result.json"));
    assertThat(fixed.get("token_stats").get("cache_read_tokens").longValue()).isEqualTo(195_735);
    assertThat(fixed.get("token_stats").get("cache_creation_tokens").longValue()).isEqualTo(40_001);
    assertThat(fixed.get("stdout")).isEqualTo(agent.get("stdout"));
    assertThat(run.resolve("agent/result.json.backup")).hasContent(legacyText.strip());
    assertThat(r.runs())
        .singleElement()
        .satisfies(o -> assertThat(o.key().label()).isEqualTo("T1/01/run_02"));
  }

  @Test
  void agentResultIsRebuiltFromTheLogs() throws IOException {
    Path exp = experiment();
    Path run = exp.resolve("T0/01/run_03");
    JsonNode original = read(run.resolve("agent/result.json"));
    Files.delete(run.resolve("agent/result.json"));
    Files.delete(run.resolve("run_result.json"));
    RegenerateReport r = regenerate(exp);
    assertThat(r.ok()).isTrue();
    assertThat(read(run.resolve("agent/result.json"))).isEqualTo(original);
    assertThat(read(run.resolve("run_result.json")).get("cost_usd"))
        .isEqualTo(original.get("cost_usd"));
  }

  /** One kind of damage to a run's parts. */
  @FunctionalInterface
  interface Damage {
    void apply(Path run) throws IOException;
  }

  static Stream<Arguments> badParts() {
    return Stream.of(
        Arguments.of(
            "unparseable judgment.json",
            (Damage)
                r ->
                    Files.writeString(
                        r.resolve("judge/judge_02/judgment.json"), "{\"score\": 0.9,"),
            "judge/judge_02/judgment.json"),
        Arguments.of(
            "judgment.json with a wrong-typed score",
            (Damage)
                r ->
                    Files.writeString(
                        r.resolve("judge/judge_01/judgment.json"), "{\"score\": \"high\"}"),
            "judge/judge_01/judgment.json"),
        Arguments.of(
            "score outside [0, 1]",
            (Damage)
                r ->
                    Files.writeString(
                        r.resolve("judge/judge_03/judgment.json"),
                        "{\"score\": 1.5, \"passed\": true, \"grade\": \"S\", \"reasoning\": \"x\"}"),
            "outside [0, 1]"),
        Arguments.of(
            "missing MODEL.md",
            (Damage) r -> Files.delete(r.resolve("judge/judge_03/MODEL.md")),
            "judge/judge_03/MODEL.md"),
        Arguments.of(
            "MODEL.md without a model line",
            (Damage) r -> Files.writeString(r.resolve("judge/judge_01/MODEL.md"), "# Judge\n"),
            "judge/judge_01/MODEL.md"),
        Arguments.of(
            "negative agent duration",
            (Damage)
                r -> {
                  Files.writeString(
                      r.resolve("agent/timing.json"),
                      "{\"agent_duration_seconds\": -4.5, \"measured_at\": \"x\"}");
                  // and no duration in the command log to fall back on
                  Path log = r.resolve("agent/command_log.json");
                  Files.writeString(
                      log,
                      Files.readString(log)
                          .replaceAll(
                              "\"duration_seconds\": [0-9.e-]+", "\"duration_seconds\": null"));
                },
            "agent/timing.json"),
        Arguments.of(
            "negative judge duration",
            (Damage)
                r ->
                    Files.writeString(
                        r.resolve("judge/timing.json"), "{\"judge_duration_seconds\": -1.0}"),
            "judge/timing.json"),
        Arguments.of(
            "corrupt judge/timing.json",
            (Damage) r -> Files.writeString(r.resolve("judge/timing.json"), "[]"),
            "judge/timing.json"),
        Arguments.of(
            "truncated agent stdout, no agent result",
            (Damage)
                r -> {
                  Files.delete(r.resolve("agent/result.json"));
                  byte[] all = Files.readAllBytes(r.resolve("agent/stdout.log"));
                  Files.write(r.resolve("agent/stdout.log"), java.util.Arrays.copyOf(all, 60));
                },
            "agent/stdout.log"),
        Arguments.of(
            "no judge verdict at all",
            (Damage)
                r -> {
                  for (int j = 1; j <= 3; j++) {
                    Files.delete(r.resolve("judge/judge_0" + j + "/judgment.json"));
                  }
                },
            "judge/result.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badParts")
  void aBadPartLeavesItsRunAsItWasAndEverythingElseIsRebuilt(
      String name, Damage damage, String message) throws IOException {
    Path exp = experiment();
    deleteRunFiles(exp, "");
    Path bad = exp.resolve("T0/01/run_02");
    damage.apply(bad);
    Map<String, String> badBefore = TreeSnapshot.of(bad);

    RegenerateReport r = regenerate(exp);

    assertThat(r.ok()).isFalse();
    assertThat(r.runs())
        .filteredOn(o -> o.outcome() == RunPlan.Outcome.FAILED)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.key().label()).isEqualTo("T0/01/run_02");
              assertThat(o.reason()).contains(message).doesNotContain("\n");
              assertThat(o.files()).isEmpty();
            });
    assertThat(TreeSnapshot.of(bad)).as("the damaged run is left as it was").isEqualTo(badBefore);
    assertThat(r.count(RunPlan.Outcome.REBUILT)).isEqualTo(8);
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(8);
    assertThat(r.errors()).isEmpty();
    JsonNode sub = read(exp.resolve("T0/01/report.json"));
    assertThat(sub.get("summary").get("total_runs").intValue())
        .as("the summaries count the runs that could be rebuilt")
        .isEqualTo(2);
  }

  @Test
  void aMovedExperimentRewritesNothingButNewFilesGetTheNewPaths() throws IOException {
    Path exp = experiment();
    deleteRunFiles(exp, "");
    regenerate(exp);
    Path moved = tmp.resolve("elsewhere/exp");
    Files.createDirectories(moved.getParent());
    Files.move(exp, moved);
    Map<String, String> before = TreeSnapshot.of(moved);

    assertThat(regenerate(moved).filesWritten()).isZero();
    assertThat(TreeSnapshot.of(moved)).isEqualTo(before);

    Files.delete(moved.resolve("T0/00/run_02/run_result.json"));
    RegenerateReport r = regenerate(moved);
    assertThat(r.runs()).singleElement();
    assertThat(
            read(moved.resolve("T0/00/run_02/run_result.json")).get("workspace_path").textValue())
        .startsWith(moved.toAbsolutePath().toString());
    assertThat(
            read(moved.resolve("T0/00/run_01/run_result.json")).get("workspace_path").textValue())
        .startsWith(exp.toAbsolutePath().toString());
  }

  @Test
  void aChangedJudgmentRewritesWhatDependsOnItWithBackups() throws IOException {
    Path exp = experiment();
    Path run = exp.resolve("T1/01/run_01");
    ObjectNode j = (ObjectNode) read(run.resolve("judge/judge_02/judgment.json"));
    j.put("score", 0.0);
    j.put("passed", false);
    Files.writeString(run.resolve("judge/judge_02/judgment.json"), Json.write(j));
    byte[] oldConsensus = Files.readAllBytes(run.resolve("judge/result.json"));
    byte[] oldRun = Files.readAllBytes(run.resolve("run_result.json"));

    RegenerateReport r = regenerate(exp);

    assertThat(r.runs())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.files())
                  .extracting(WrittenFile::label)
                  .containsExactly(
                      "T1/01/run_01/judge/result.json",
                      "T1/01/run_01/run_result.json",
                      "T1/01/run_01/report.json",
                      "T1/01/run_01/report.md");
              assertThat(o.files()).allMatch(WrittenFile::replaced);
              assertThat(o.files().get(0).reason()).startsWith("score ");
            });
    assertThat(run.resolve("judge/result.json.backup")).hasBinaryContent(oldConsensus);
    assertThat(run.resolve("run_result.json.backup")).hasBinaryContent(oldRun);
    JsonNode rr = read(run.resolve("run_result.json"));
    JsonNode c = read(run.resolve("judge/result.json"));
    assertThat(rr.get("judge_score")).isEqualTo(c.get("score"));
    assertThat(rr.get("judges").get(1).get("score").doubleValue()).isZero();
    assertThat(
            read(exp.resolve("T1/result.json")).get("subtest_results").get("01").get("runs").get(0))
        .isEqualTo(rr);
    // a later change backs up again without overwriting the first backup
    j.put("score", 0.1);
    Files.writeString(run.resolve("judge/judge_02/judgment.json"), Json.write(j));
    regenerate(exp);
    assertThat(run.resolve("judge/result.json.backup")).hasBinaryContent(oldConsensus);
    assertThat(run.resolve("judge/result.json.backup.2")).isRegularFile();
  }

  @Test
  void aRunsOwnReportIsRebuiltFromItsRunResultAndKeptWhenCurrent() throws IOException {
    Path exp = experiment();
    Path run = exp.resolve("T0/01/run_02");
    byte[] md = Files.readAllBytes(run.resolve("report.md"));
    byte[] json = Files.readAllBytes(run.resolve("report.json"));
    Files.delete(run.resolve("report.md"));
    Files.writeString(run.resolve("report.json"), "{\"run_number\": 2, \"score\": ");

    RegenerateReport r = regenerate(exp);

    assertThat(r.runs())
        .singleElement()
        .satisfies(
            o ->
                assertThat(o.files())
                    .extracting(WrittenFile::label, WrittenFile::replaced)
                    .containsExactly(
                        tuple("T0/01/run_02/report.json", true),
                        tuple("T0/01/run_02/report.md", false)));
    assertThat(run.resolve("report.json.backup")).hasContent("{\"run_number\": 2, \"score\": ");
    JsonNode rr = read(run.resolve("run_result.json"));
    JsonNode rep = read(run.resolve("report.json"));
    assertThat(rep.get("score")).isEqualTo(rr.get("judge_score"));
    assertThat(rep.get("cost_usd")).isEqualTo(rr.get("cost_usd"));
    assertThat(rep.get("duration_seconds")).isEqualTo(rr.get("duration_seconds"));
    assertThat(rep.get("grade")).isEqualTo(rr.get("judge_grade"));
    // the same content as before, apart from the generation time
    assertThat(Json.mapper().readTree(json).get("score")).isEqualTo(rep.get("score"));
    String text = Files.readString(run.resolve("report.md"));
    assertThat(text.replaceAll("\\*\\*Generated\\*\\*: .*", ""))
        .isEqualTo(
            new String(md, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\*\\*Generated\\*\\*: .*", ""));
    assertThat(text).contains("# Run Report: T0/01/run_02");

    // a report that says something else than its run result is rewritten
    Files.writeString(
        run.resolve("report.md"), text.replace("| Exit Code | 0 |", "| Exit Code | 9 |"));
    RegenerateReport again = regenerate(exp);
    assertThat(again.runs()).singleElement().satisfies(o -> assertThat(o.files()).hasSize(1));
    assertThat(
            Files.readString(run.resolve("report.md")).replaceAll("\\*\\*Generated\\*\\*: .*", ""))
        .isEqualTo(text.replaceAll("\\*\\*Generated\\*\\*: .*", ""));
    assertThat(regenerate(exp).filesWritten()).isZero();
  }

  @Test
  void runResultsThatCarryEachJudgesCriteriaKeepThem() throws IOException {
    Path exp = experiment();
    Path run = exp.resolve("T0/01/run_02");
    ObjectNode rr = (ObjectNode) read(run.resolve("run_result.json"));
    for (int j = 0; j < 3; j++) {
      JsonNode crit =
          read(run.resolve("judge/judge_0" + (j + 1) + "/judgment.json")).get("criteria_scores");
      ((ObjectNode) rr.get("judges").get(j)).set("criteria_scores", crit);
      ((ObjectNode) rr.get("judges").get(j)).put("is_valid", true);
    }
    Files.writeString(run.resolve("run_result.json"), Json.write(rr));
    Map<String, String> before = TreeSnapshot.of(run);
    RegenerateReport r = regenerate(exp);
    assertThat(r.runs()).isEmpty();
    assertThat(TreeSnapshot.of(run)).isEqualTo(before);

    // once something else changes, the rewritten file still carries them
    ObjectNode j2 = (ObjectNode) read(run.resolve("judge/judge_02/judgment.json"));
    j2.put("score", 0.01);
    Files.writeString(run.resolve("judge/judge_02/judgment.json"), Json.write(j2));
    Files.delete(exp.resolve("T0/00/run_01/run_result.json"));
    regenerate(exp);
    JsonNode now = read(run.resolve("run_result.json"));
    assertThat(now.get("judges").get(1).get("score").doubleValue()).isEqualTo(0.01);
    assertThat(now.get("judges").get(0).get("criteria_scores"))
        .isEqualTo(rr.get("judges").get(0).get("criteria_scores"));
    assertThat(
            read(exp.resolve("T0/00/run_01/run_result.json"))
                .get("judges")
                .get(0)
                .has("criteria_scores"))
        .as("files we build do not copy them")
        .isFalse();
  }

  @Test
  void closestRuleAndQuorumAreRecorded() throws IOException {
    Path exp = experiment();
    deleteRunFiles(exp, "");
    RegenerateReport r =
        regenerate(exp, Selection.ALL, new ConsensusPolicy(ReasoningRule.CLOSEST, 4), false);
    assertThat(r.ok()).isTrue();
    JsonNode c = read(exp.resolve("T0/00/run_01/judge/result.json"));
    assertThat(c.get("reasoning_rule").textValue()).isEqualTo("closest");
    assertThat(c.get("quorum").intValue()).isEqualTo(4);
    assertThat(c.get("is_valid").booleanValue()).as("3 valid judges < quorum 4").isFalse();
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(9);
    assertThat(exp.resolve("T0/00/report.json"))
        .as("runs whose consensus is invalid do not count in the summaries")
        .doesNotExist();
    assertThat(r.notes()).isEmpty();

    // with summaries from before, the ones left stale are named
    RegenerateReport valid = regenerate(exp);
    assertThat(exp.resolve("T0/00/report.json")).exists();
    RegenerateReport strict =
        regenerate(exp, Selection.ALL, new ConsensusPolicy(ReasoningRule.FIRST, 4), false);
    assertThat(valid.ok()).isTrue();
    assertThat(strict.notes())
        .anySatisfy(n -> assertThat(n).startsWith("T0/00: no completed run with a valid consensus"))
        .anySatisfy(n -> assertThat(n).startsWith("T1: no completed run"));
  }

  @Test
  void filtersLimitWhatIsRebuiltButTheSummariesCoverEverything() throws IOException {
    Path exp = experiment();
    deleteRunFiles(exp, "");
    Selection t1 = new Selection(Set.of("T1"), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    RegenerateReport r = regenerate(exp, t1, ConsensusPolicy.DEFAULT, false);
    assertThat(r.count(RunPlan.Outcome.REBUILT)).isEqualTo(3);
    assertThat(r.runsNotSelected()).isEqualTo(6);
    assertThat(exp.resolve("T0/00/run_01/run_result.json")).doesNotExist();
    assertThat(exp.resolve("T0/result.json")).doesNotExist();
    assertThat(read(exp.resolve("result.json")).get("tier_results").has("T0")).isFalse();
    assertThat(r.after().counts().runsSkippedByFilter()).isEqualTo(6);

    RegenerateReport all = regenerate(exp);
    assertThat(all.count(RunPlan.Outcome.REBUILT)).isEqualTo(6);
    assertThat(read(exp.resolve("result.json")).get("tier_results").has("T0")).isTrue();
  }

  @Test
  void nothingPassingGivesNullsNeverInfinity() throws IOException {
    Path exp = experiment();
    for (String run : RUNS) {
      for (int j = 1; j <= 3; j++) {
        Path f = exp.resolve(run + "/judge/judge_0" + j + "/judgment.json");
        ObjectNode o = (ObjectNode) read(f);
        o.put("passed", false);
        Files.writeString(f, Json.write(o));
      }
    }
    RegenerateReport r = regenerate(exp);
    assertThat(r.ok()).isTrue();
    JsonNode e = read(exp.resolve("result.json"));
    assertThat(e.get("frontier_cop").isNull()).isTrue();
    assertThat(e.get("best_overall_tier").isNull()).isTrue();
    assertThat(e.get("tier_results").get("T0").get("cost_of_pass").isNull()).isTrue();
    assertThat(read(exp.resolve("report.json")).get("summary").get("frontier_cop").isNull())
        .isTrue();
    assertThat(Files.readString(exp.resolve("report.md"))).contains("- **Frontier CoP**: N/A");
    try (Stream<Path> files = Files.walk(exp)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(text).as(f.toString()).doesNotContain("Infinity").doesNotContain("NaN");
      }
    }
  }

  @Test
  void statusAndRegenerateReadNonFiniteNumbersAlike() throws IOException {
    // issue 12 (6): one reading serves every command
    Path exp = experiment();
    Path score = exp.resolve("T0/00/run_01/run_result.json");
    Files.writeString(
        score,
        Files.readString(score).replaceAll("\"judge_score\": [0-9.e-]+", "\"judge_score\": 1e999"));
    Path timing = exp.resolve("T0/00/run_02/agent/timing.json");
    Files.writeString(timing, "{\"agent_duration_seconds\": NaN, \"measured_at\": \"x\"}");
    Files.delete(exp.resolve("T0/00/run_02/run_result.json"));

    StatusReport before =
        dev.scylla.run.Scanner.scan(ExperimentStore.open(exp), Selection.ALL, EventSink.NONE);
    RunView first =
        before.items().stream()
            .filter(
                v ->
                    v.key().run() == 1
                        && v.key().tier().equals("T0")
                        && v.key().subtest().equals("00"))
            .findFirst()
            .orElseThrow();
    assertThat(first.status()).isEqualTo(RunStatus.RESULTS);
    assertThat(first.reason()).contains("judge_score");

    RegenerateReport r = regenerate(exp);

    assertThat(r.ok()).isTrue();
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(9);
    assertThat(read(score).get("judge_score").isNumber()).isTrue();
    assertThat(Double.isFinite(read(score).get("judge_score").doubleValue())).isTrue();
    // the NaN timing fell back on the command log's duration
    assertThat(
            read(exp.resolve("T0/00/run_02/run_result.json"))
                .get("agent_duration_seconds")
                .doubleValue())
        .isFinite()
        .isNotNegative();
  }

  @Test
  void unfinishedRunsAreNotTouched() throws IOException {
    Path exp = experiment();
    Path run = exp.resolve("T0/00/run_03");
    // killed before timing.json: no timing, no agent result (a valid result would prove the end)
    Files.delete(run.resolve("agent/timing.json"));
    Files.delete(run.resolve("agent/result.json"));
    Files.delete(run.resolve("run_result.json"));
    Map<String, String> before = TreeSnapshot.of(run);
    RegenerateReport r = regenerate(exp);
    assertThat(r.ok()).isTrue();
    assertThat(r.runs())
        .filteredOn(o -> o.outcome() == RunPlan.Outcome.SKIPPED)
        .singleElement()
        .satisfies(o -> assertThat(o.before()).isEqualTo(RunStatus.PARTIAL));
    assertThat(TreeSnapshot.of(run)).isEqualTo(before);
    assertThat(read(exp.resolve("T0/00/report.json")).get("summary").get("total_runs").intValue())
        .isEqualTo(2);
  }

  @Test
  void notAnExperimentIsBadInput() {
    assertThatThrownBy(() -> regenerate(tmp.resolve("nope")))
        .isInstanceOf(ScyllaException.class)
        .satisfies(
            e ->
                assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT));
  }

  /**
   * Repeat verdicts ({@code rerun-judges --repeat}) beside a slot, even damaged ones, change
   * neither the slot's classification nor what regenerate derives, and a slot archive never moves
   * them.
   */
  @Test
  void repeatsBesideASlotAreIgnoredByTheClassificationAndRegenerate() throws IOException {
    Path exp = experiment();
    regenerate(exp);
    StatusReport plain = new Scylla(EventSink.NONE).status(new StatusRequest(exp, Selection.ALL));
    Path slot = exp.resolve("T0/00/run_01/judge/judge_01");
    Path r1 = dev.scylla.store.Repeats.dir(slot, 1);
    Path r2 = dev.scylla.store.Repeats.dir(slot, 2);
    Files.createDirectories(r1);
    Files.createDirectories(r2);
    // a repeat killed mid-call: its journal says running, no verdict; another truncated
    Files.writeString(
        r1.resolve("attempts.json"),
        "{\"version\": 1, \"attempts\": [{\"attempt\": 1, \"status\": \"running\"}]}");
    Files.writeString(r2.resolve("judgment.json"), "{\"score\": 0.1, \"passed\"");
    Path other = exp.resolve("T0/00/run_01/judge/judge_02/.repeats");
    Files.createDirectories(other);
    Files.writeString(other.resolve("stray.txt"), "x");
    Map<String, String> before = TreeSnapshot.of(exp);

    StatusReport withRepeats =
        new Scylla(EventSink.NONE).status(new StatusRequest(exp, Selection.ALL));
    for (RunStatus st : RunStatus.values()) {
      assertThat(withRepeats.counts().runs(st)).isEqualTo(plain.counts().runs(st));
    }
    for (dev.scylla.status.SlotStatus st : dev.scylla.status.SlotStatus.values()) {
      assertThat(withRepeats.counts().slots(st)).isEqualTo(plain.counts().slots(st));
    }
    assertThat(withRepeats.counts().judgeSpend()).isEqualTo(plain.counts().judgeSpend());
    for (int i = 0; i < plain.items().size(); i++) {
      assertThat(withRepeats.items().get(i).slots()).isEqualTo(plain.items().get(i).slots());
      assertThat(withRepeats.items().get(i).status()).isEqualTo(plain.items().get(i).status());
    }
    RegenerateReport again = regenerate(exp);
    assertThat(again.filesWritten()).isZero();
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
    assertThat(dev.scylla.store.Repeats.next(slot)).isEqualTo(3);

    // archiving the slot's entries before a re-judge leaves .repeats/ where it is
    String to = dev.scylla.store.Archive.archiveSlotEntries(slot, "rejudge", n -> true);
    assertThat(to).isEqualTo(".archive/rejudge");
    assertThat(r1.resolve("attempts.json")).exists();
    assertThat(slot.resolve(".archive/rejudge/.repeats")).doesNotExist();
  }
}
