package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import dev.scylla.status.StatusReport;
import dev.scylla.testing.SharedFixtures;
import dev.scylla.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged copies of the recorded experiment: every damage is classified, none crashes the scan, and
 * the scan changes nothing on disk.
 */
class StatusDamageTest {
  @TempDir Path tmp;

  private static final String T5 = "T5/01/run_01";

  /** One kind of damage applied to run T5/01/run_01 of a copy. */
  @FunctionalInterface
  interface Damage {
    void apply(Path run) throws IOException;
  }

  static Stream<Arguments> runDamages() {
    return Stream.of(
        Arguments.of(
            "delete run_result.json",
            (Damage) r -> Files.delete(r.resolve("run_result.json")),
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "delete agent/result.json",
            (Damage) r -> Files.delete(r.resolve("agent/result.json")),
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "run_result.json is {}",
            (Damage) r -> write(r.resolve("run_result.json"), "{}"),
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "run_result.json truncated",
            (Damage) r -> truncate(r.resolve("run_result.json"), 100),
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "run_result.json empty",
            (Damage) r -> write(r.resolve("run_result.json"), ""),
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "run_result.json wrong type",
            (Damage)
                r ->
                    replace(
                        r.resolve("run_result.json"),
                        "\"judge_passed\": true",
                        "\"judge_passed\": \"yes\""),
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "run_result.json not UTF-8",
            (Damage)
                r ->
                    Files.write(
                        r.resolve("run_result.json"),
                        new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}),
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "run_result.json is an array",
            (Damage) r -> write(r.resolve("run_result.json"), "[1, 2]"),
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "agent/result.json corrupt",
            (Damage) r -> write(r.resolve("agent/result.json"), "{\"exit_code\": 0,"),
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "both result files deleted",
            (Damage)
                r -> {
                  Files.delete(r.resolve("agent/result.json"));
                  Files.delete(r.resolve("run_result.json"));
                },
            RunStatus.RESULTS,
            SlotStatus.COMPLETE),
        Arguments.of(
            "empty output + stderr",
            (Damage)
                r -> {
                  write(r.resolve("agent/output.txt"), "");
                  write(r.resolve("agent/stderr.log"), "Error: boom\n");
                },
            RunStatus.FAILED,
            SlotStatus.AGENT_FAILED),
        Arguments.of(
            "infrastructure failure recorded",
            (Damage)
                r ->
                    write(
                        r.resolve("agent/result.json"),
                        "{\"exit_code\": -1, \"stdout\": \"\", \"stderr\": \"timeout\", \"token_stats\": {\"input_tokens\": 0, \"output_tokens\": 0, \"cache_creation_tokens\": 0, \"cache_read_tokens\": 0}, \"cost_usd\": 0.0}"),
            RunStatus.FAILED,
            SlotStatus.AGENT_FAILED),
        Arguments.of(
            "agent still running (stderr streaming, exit code not yet logged)",
            (Damage)
                r -> {
                  Files.delete(r.resolve("agent/timing.json"));
                  write(r.resolve("agent/output.txt"), "");
                  replace(
                      r.resolve("agent/command_log.json"),
                      "\"exit_code\": 0",
                      "\"exit_code\": null");
                },
            RunStatus.PARTIAL,
            SlotStatus.AGENT_FAILED),
        // a finished agent (output and a valid result, both written after timing.json) is never
        // partial for its timing file alone: it would be archived and paid for again
        Arguments.of(
            "no agent/timing.json, but output and a valid agent result",
            (Damage) r -> Files.delete(r.resolve("agent/timing.json")),
            RunStatus.COMPLETED,
            SlotStatus.COMPLETE),
        Arguments.of(
            "corrupt agent/timing.json, but output and a valid agent result",
            (Damage) r -> write(r.resolve("agent/timing.json"), "{\"agent_duration_seconds\": "),
            RunStatus.COMPLETED,
            SlotStatus.COMPLETE),
        Arguments.of(
            "no agent/timing.json and no agent result",
            (Damage)
                r -> {
                  Files.delete(r.resolve("agent/timing.json"));
                  Files.delete(r.resolve("agent/result.json"));
                },
            RunStatus.PARTIAL,
            SlotStatus.AGENT_FAILED),
        Arguments.of(
            "no agent/command_log.json",
            (Damage) r -> Files.delete(r.resolve("agent/command_log.json")),
            RunStatus.PARTIAL,
            SlotStatus.AGENT_FAILED),
        Arguments.of(
            "agent dir only, nothing finished",
            (Damage)
                r -> {
                  for (String f :
                      new String[] {"output.txt", "timing.json", "stderr.log", "result.json"})
                    Files.delete(r.resolve("agent/" + f));
                },
            RunStatus.PARTIAL,
            SlotStatus.AGENT_FAILED),
        Arguments.of(
            "deleted run dir",
            (Damage) StatusDamageTest::deleteTree,
            RunStatus.MISSING,
            SlotStatus.AGENT_FAILED),
        Arguments.of(
            "empty run dir",
            (Damage)
                r -> {
                  deleteTree(r);
                  Files.createDirectories(r);
                },
            RunStatus.MISSING,
            SlotStatus.AGENT_FAILED),
        Arguments.of(
            "run dir is a file",
            (Damage)
                r -> {
                  deleteTree(r);
                  write(r, "not a dir");
                },
            RunStatus.MISSING,
            SlotStatus.AGENT_FAILED),
        Arguments.of(
            "run dir is a symlink loop",
            (Damage)
                r -> {
                  deleteTree(r);
                  Files.createSymbolicLink(r, r.getFileName());
                },
            RunStatus.MISSING,
            SlotStatus.AGENT_FAILED),
        Arguments.of(
            "run dir without agent/",
            (Damage) r -> deleteTree(r.resolve("agent")),
            RunStatus.PARTIAL,
            SlotStatus.AGENT_FAILED));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("runDamages")
  void runDamageIsClassifiedAndNothingIsModified(
      String name, Damage damage, RunStatus expected, SlotStatus expectedSlots) throws IOException {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    damage.apply(exp.resolve(T5));
    Map<String, String> before = TreeSnapshot.of(exp);

    StatusReport report = scan(exp);

    assertThat(TreeSnapshot.of(exp)).as("status must not modify the experiment").isEqualTo(before);
    RunView t5 = find(report, "T5");
    assertThat(t5.status()).as(t5.reason()).isEqualTo(expected);
    assertThat(t5.reason()).isNotBlank();
    assertThat(t5.slots()).extracting(SlotView::status).containsOnly(expectedSlots);
    assertThat(report.counts().totalRuns()).isEqualTo(7);
    assertThat(report.counts().runs(RunStatus.COMPLETED))
        .isEqualTo(expected == RunStatus.COMPLETED ? 7 : 6);
    assertThat(report.counts().totalSlots()).isEqualTo(21);
  }

  static Stream<Arguments> slotDamages() {
    return Stream.of(
        Arguments.of(
            "deleted judgment.json in a kept slot dir",
            (Damage) s -> Files.delete(s.resolve("judgment.json")),
            SlotStatus.PARTIAL),
        Arguments.of(
            "corrupt judgment.json",
            (Damage) s -> truncate(s.resolve("judgment.json"), 40),
            SlotStatus.FAILED),
        Arguments.of(
            "judgment.json is {}",
            (Damage) s -> write(s.resolve("judgment.json"), "{}"),
            SlotStatus.FAILED),
        Arguments.of(
            "judgment.json without score",
            (Damage) s -> write(s.resolve("judgment.json"), "{\"passed\": true, \"grade\": \"A\"}"),
            SlotStatus.FAILED),
        Arguments.of(
            "judgment score outside [0,1]",
            (Damage) s -> replace(s.resolve("judgment.json"), "\"score\": 0.95", "\"score\": 1.5"),
            SlotStatus.FAILED),
        Arguments.of(
            "judgment score NaN",
            (Damage) s -> replace(s.resolve("judgment.json"), "\"score\": 0.95", "\"score\": NaN"),
            SlotStatus.FAILED),
        Arguments.of(
            "judgment passed as a string",
            (Damage)
                s ->
                    replace(
                        s.resolve("judgment.json"), "\"passed\": true", "\"passed\": \"false\""),
            SlotStatus.FAILED),
        Arguments.of(
            "judgment marked invalid",
            (Damage)
                s ->
                    replace(
                        s.resolve("judgment.json"), "\"is_valid\": true", "\"is_valid\": false"),
            SlotStatus.FAILED),
        Arguments.of(
            "recorded failure (error.log)",
            (Damage)
                s -> {
                  Files.delete(s.resolve("judgment.json"));
                  write(s.resolve("error.log"), "Judge failed: rate limit\n");
                },
            SlotStatus.FAILED),
        Arguments.of(
            "recorded failure (timing.json failed)",
            (Damage)
                s -> {
                  Files.delete(s.resolve("judgment.json"));
                  write(
                      s.resolve("timing.json"),
                      "{\"judge_duration_seconds\": 0.0, \"failed\": true, \"error\": \"boom\"}");
                },
            SlotStatus.FAILED),
        Arguments.of(
            "persisted fallback",
            (Damage)
                s ->
                    write(
                        s.resolve("judgment.json"),
                        "{\"score\": 0.0, \"passed\": false, \"grade\": \"F\", \"reasoning\": \"fallback\", \"is_valid\": false, \"fallback\": true, \"fallback_reason\": \"judge failed twice\"}"),
            SlotStatus.FALLBACK),
        Arguments.of(
            "deleted slot dir", (Damage) StatusDamageTest::deleteTree, SlotStatus.MISSING));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("slotDamages")
  void slotDamageIsClassifiedAndTheRunViewAgrees(String name, Damage damage, SlotStatus expected)
      throws IOException {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    damage.apply(exp.resolve(T5).resolve("judge/judge_01"));
    Map<String, String> before = TreeSnapshot.of(exp);

    StatusReport report = scan(exp);

    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
    RunView t5 = find(report, "T5");
    assertThat(t5.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(t5.slots().get(0).status()).as(t5.slots().get(0).reason()).isEqualTo(expected);
    assertThat(t5.slots().subList(1, 3))
        .extracting(SlotView::status)
        .containsOnly(SlotStatus.COMPLETE);
    assertThat(t5.attention()).as("the run view must flag the judge problem").isNotEmpty();
    assertThat(report.counts().slots(expected)).isEqualTo(1);
    assertThat(report.counts().slots(SlotStatus.COMPLETE)).isEqualTo(20);
  }

  @Test
  void pristineFixtureIsAllComplete() {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    StatusReport report = scan(exp);
    assertThat(report.layout()).isEqualTo("flat");
    assertThat(report.counts().runs(RunStatus.COMPLETED)).isEqualTo(7);
    assertThat(report.counts().totalRuns()).isEqualTo(7);
    assertThat(report.counts().slots(SlotStatus.COMPLETE)).isEqualTo(21);
    assertThat(report.counts().totalSlots()).isEqualTo(21);
    assertThat(report.items()).allSatisfy(v -> assertThat(v.attention()).isEmpty());
    assertThat(report.unexpected()).isEmpty();
    assertThat(report.allDone()).isTrue();
  }

  @Test
  void oddDirectoriesAreReportedNotCounted() throws IOException {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    Files.createDirectories(exp.resolve("T0/zz"));
    Files.createDirectories(exp.resolve("T0/00/run_05/agent"));
    Files.createDirectories(exp.resolve("T0/00/notes"));
    Files.createDirectories(exp.resolve("T9"));
    Files.createDirectories(exp.resolve("T0/00/.failed/run_01_attempt_1/agent"));
    StatusReport report = scan(exp);
    assertThat(report.counts().totalRuns()).isEqualTo(7);
    assertThat(report.counts().runs(RunStatus.COMPLETED)).isEqualTo(7);
    assertThat(report.unexpected())
        .extracting(u -> u.location())
        .containsExactlyInAnyOrder("T0/zz", "T0/00/run_05", "T0/00/notes", "T9");
  }

  @Test
  void filtersNarrowEnumerationAndStatusOnlyNarrowsTheListing() throws IOException {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    Files.delete(exp.resolve(T5).resolve("run_result.json"));
    var sel =
        new Selection(
            java.util.Set.of("T5", "T6"),
            java.util.Set.of(),
            java.util.Set.of(1),
            java.util.Set.of(RunStatus.RESULTS),
            java.util.Set.of(),
            java.util.Set.of());
    StatusReport report = new Scylla(EventSink.NONE).status(new StatusRequest(exp, sel));
    assertThat(report.counts().totalRuns()).isEqualTo(2);
    assertThat(report.counts().runsSkippedByFilter()).isEqualTo(5);
    assertThat(report.counts().slotsSkippedByFilter()).isEqualTo(15);
    assertThat(report.counts().runs(RunStatus.RESULTS)).isEqualTo(1);
    assertThat(report.counts().runs(RunStatus.COMPLETED)).isEqualTo(1);
    assertThat(report.items())
        .singleElement()
        .satisfies(v -> assertThat(v.key().tier()).isEqualTo("T5"));
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of("missing", null, "not an experiment directory"),
        Arguments.of("truncated", "{\"experiment_id\": \"x\",", "not valid JSON"),
        Arguments.of(
            "wrong type",
            "{\"experiment_id\": \"x\", \"runs_per_subtest\": \"ten\"}",
            "runs_per_subtest"),
        Arguments.of("no id", "{\"runs_per_subtest\": 1}", "experiment_id"),
        Arguments.of(
            "unknown tier", "{\"experiment_id\": \"x\", \"tiers_to_run\": [\"T9\"]}", "T9"),
        Arguments.of("not an object", "[]", "expected a JSON object"));
  }

  @ParameterizedTest(name = "config {0}")
  @MethodSource("badConfigs")
  void unusableConfigIsBadInputNamingTheFile(String name, String content, String message)
      throws IOException {
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    Path cfg = exp.resolve("config/experiment.json");
    if (content == null) {
      Files.delete(cfg);
    } else {
      write(cfg, content);
    }
    Map<String, String> before = TreeSnapshot.of(exp);
    assertThatThrownBy(() -> scan(exp))
        .isInstanceOf(ScyllaException.class)
        .satisfies(
            e -> assertThat(((ScyllaException) e).kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT))
        .hasMessageContaining(content == null ? exp.toString() : "experiment.json")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(TreeSnapshot.of(exp)).isEqualTo(before);
  }

  // ------------------------------------------------------------------ helpers

  private static StatusReport scan(Path exp) {
    return new Scylla(EventSink.NONE).status(new StatusRequest(exp, Selection.ALL));
  }

  private static RunView find(StatusReport r, String tier) {
    return r.items().stream().filter(v -> v.key().tier().equals(tier)).findFirst().orElseThrow();
  }

  static void write(Path p, String s) throws IOException {
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }

  static void truncate(Path p, int bytes) throws IOException {
    byte[] all = Files.readAllBytes(p);
    Files.write(p, java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
  }

  static void replace(Path p, String from, String to) throws IOException {
    String s = Files.readString(p);
    if (!s.contains(from)) {
      throw new IllegalStateException(p + " does not contain " + from);
    }
    write(p, s.replace(from, to));
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
