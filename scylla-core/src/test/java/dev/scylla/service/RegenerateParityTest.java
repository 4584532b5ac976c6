package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.EventSink;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.JsonCompare;
import dev.scylla.results.RunPlan;
import dev.scylla.results.WrittenFile;
import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
import dev.scylla.store.Json;
import dev.scylla.testing.SharedFixtures;
import dev.scylla.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with the recorded experiment: delete every derived file of a copy, regenerate, and compare
 * with the originals. Every JSON field of the original must be present and equal in ours (numbers
 * exactly, path fields aside, key order free); Markdown must be the same text. Where the recorded
 * experiment is not derivable from its own parts, the differences are listed below and each is
 * asserted with its evidence.
 */
class RegenerateParityTest {
  @TempDir Path tmp;

  static final List<String> TIERS = List.of("T0", "T1", "T2", "T3", "T4", "T5", "T6");

  static String subtest(String tier) {
    return tier.equals("T0") ? "00" : "01";
  }

  /** Every file regenerate derives, relative to the experiment. */
  static List<String> derivedFiles() {
    List<String> out = new ArrayList<>();
    for (String t : TIERS) {
      String s = subtest(t);
      String run = t + "/" + s + "/run_01/";
      out.add(run + "agent/result.json");
      out.add(run + "judge/result.json");
      out.add(run + "run_result.json");
      out.add(run + "report.json");
      out.add(run + "report.md");
      out.add(t + "/" + s + "/report.json");
      out.add(t + "/" + s + "/report.md");
      for (String f :
          List.of("result.json", "best_subtest.json", "report.json", "report.md", "summary.md")) {
        out.add(t + "/" + f);
      }
    }
    out.addAll(
        List.of("result.json", "report.json", "report.md", "summary.md", "tier_comparison.json"));
    return out;
  }

  private static RegenerateReport regenerate(Path exp) {
    return new Scylla(EventSink.NONE)
        .regenerate(new RegenerateRequest(exp, Selection.ALL, ConsensusPolicy.DEFAULT, false));
  }

  @Test
  void rebuildsEveryDerivedFileOfTheRecordedExperiment() throws IOException {
    Path fixture = SharedFixtures.dryrun();
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    for (String f : derivedFiles()) {
      Files.delete(exp.resolve(f));
    }
    Map<String, String> surviving = TreeSnapshot.of(exp);

    RegenerateReport r = regenerate(exp);

    assertThat(r.ok()).isTrue();
    assertThat(r.before().counts().runs(RunStatus.RESULTS)).isEqualTo(7);
    assertThat(r.after().counts().runs(RunStatus.COMPLETED)).isEqualTo(7);
    assertThat(r.after().allDone()).isTrue();
    assertThat(r.count(RunPlan.Outcome.REBUILT)).isEqualTo(7);
    List<String> written = new ArrayList<>();
    r.runs().forEach(o -> o.files().forEach(f -> written.add(f.label())));
    r.summaries().forEach(f -> written.add(f.label()));
    assertThat(written).containsExactlyInAnyOrderElementsOf(derivedFiles());
    assertThat(r.summaries()).noneMatch(WrittenFile::replaced);

    // agent/result.json: byte for byte
    for (String t : TIERS) {
      String f = t + "/" + subtest(t) + "/run_01/agent/result.json";
      assertThat(exp.resolve(f)).hasSameBinaryContentAs(fixture.resolve(f));
    }

    // JSON: every field of the original present and equal in ours, except the listed ones
    Map<String, Set<String>> differences = new TreeMap<>();
    for (String f : derivedFiles()) {
      if (f.endsWith(".json")) {
        Set<String> d = new TreeSet<>();
        missingOrDifferent("", read(fixture.resolve(f)), read(exp.resolve(f)), d);
        if (f.equals("report.json")) {
          // the order of the tiers, see evidence 4
          d.removeIf(path -> path.startsWith("children["));
        }
        if (!d.isEmpty()) {
          differences.put(f, d);
        }
      }
    }
    assertThat(differences).isEqualTo(expectedDifferences());

    // Evidence 1: criteria_scores. The January 2026 code did not carry the criteria of the judge
    // whose reasoning it took into run_result.json; its judgments have them.
    for (String t : TIERS) {
      String run = t + "/" + subtest(t) + "/run_01/";
      JsonNode original = read(fixture.resolve(run + "run_result.json"));
      JsonNode judge1 = read(fixture.resolve(run + "judge/judge_01/judgment.json"));
      assertThat(original.get("criteria_scores").isEmpty()).isTrue();
      assertThat(original.get("judge_reasoning")).isEqualTo(judge1.get("reasoning"));
      assertThat(judge1.get("criteria_scores").isEmpty()).isFalse();
      assertThat(read(exp.resolve(run + "run_result.json")).get("criteria_scores"))
          .isEqualTo(judge1.get("criteria_scores"));
      assertThat(read(fixture.resolve(run + "judge/result.json")).has("criteria_scores")).isFalse();
    }

    // Evidence 2: a tier's total_duration is the wall clock of the invocation that ran it, longer
    // than its runs and recorded nowhere else; ours is the sum of the runs' durations.
    for (String t : TIERS) {
      double recorded =
          read(fixture.resolve(t + "/result.json")).get("total_duration").doubleValue();
      double runs =
          read(fixture.resolve(t + "/" + subtest(t) + "/run_01/run_result.json"))
              .get("duration_seconds")
              .doubleValue();
      assertThat(recorded).isGreaterThan(runs);
      assertThat(mentions(exp, surviving, Json.formatDouble(recorded))).isEmpty();
      assertThat(read(exp.resolve(t + "/result.json")).get("total_duration").doubleValue())
          .isEqualTo(runs);
    }

    // T5 and T6 were built on the best subtest of an earlier tier (T5 on the cheapest pass of
    // T0-T4, T6 on T5): their inherited_from is rebuilt from the earlier tiers and the subtests'
    // manifests, field for field (it is in the comparison above); the first layer has none.
    for (String t : TIERS) {
      JsonNode recorded = read(fixture.resolve(t + "/result.json")).get("inherited_from");
      assertThat(read(exp.resolve(t + "/result.json")).get("inherited_from")).isEqualTo(recorded);
      assertThat(recorded.isNull()).isEqualTo(!t.equals("T5") && !t.equals("T6"));
    }
    assertThat(read(exp.resolve("T5/result.json")).path("inherited_from").path("tier_id").asText())
        .isEqualTo("T1");
    assertThat(read(exp.resolve("T6/result.json")).path("inherited_from").path("tier_id").asText())
        .isEqualTo("T5");

    // Evidence 3: the experiment's start and end are recorded only in the deleted files; ours come
    // from checkpoint.json, and the duration is their difference in both.
    JsonNode original = read(fixture.resolve("result.json"));
    JsonNode ours = read(exp.resolve("result.json"));
    JsonNode checkpoint = read(exp.resolve("checkpoint.json"));
    for (String key : List.of("started_at", "completed_at")) {
      assertThat(mentions(exp, surviving, original.get(key).textValue())).isEmpty();
    }
    assertThat(ours.get("started_at")).isEqualTo(checkpoint.get("started_at"));
    assertThat(ours.get("completed_at")).isEqualTo(checkpoint.get("last_updated_at"));
    assertThat(original.get("total_duration_seconds").doubleValue()).isEqualTo(549.881757);
    assertThat(ours.get("total_duration_seconds").doubleValue()).isEqualTo(549.879565);

    // Evidence 4: the recorded report lists tiers in the order they completed (the key order of
    // its result.json), which no file records; ours lists T0..T6. Same entries.
    List<String> recordedOrder = new ArrayList<>();
    original.get("tier_results").fieldNames().forEachRemaining(recordedOrder::add);
    assertThat(recordedOrder).containsExactly("T3", "T4", "T2", "T0", "T1", "T5", "T6");
    JsonNode recordedChildren = read(fixture.resolve("report.json")).get("children");
    JsonNode ourChildren = read(exp.resolve("report.json")).get("children");
    assertThat(texts(recordedChildren, "tier")).containsExactlyElementsOf(recordedOrder);
    assertThat(texts(ourChildren, "tier")).containsExactlyElementsOf(TIERS);
    for (JsonNode c : recordedChildren) {
      JsonNode mine = null;
      for (JsonNode o : ourChildren) {
        if (o.get("tier").equals(c.get("tier"))) {
          mine = o;
        }
      }
      assertThat(mine).isEqualTo(c);
    }

    // Evidence 1 again, in the run reports: ours show the criteria the run result now carries
    // (those of judge 1, whose reasoning the consensus took); the recorded ones, written from a
    // run result without criteria, have no such section.
    for (String t : TIERS) {
      String run = t + "/" + subtest(t) + "/run_01/";
      String report = Files.readString(exp.resolve(run + "report.md"));
      assertThat(Files.readString(fixture.resolve(run + "report.md")))
          .doesNotContain("## Criteria Scores");
      assertThat(report).contains("## Criteria Scores");
      JsonNode criteria =
          read(fixture.resolve(run + "judge/judge_01/judgment.json")).get("criteria_scores");
      criteria
          .fields()
          .forEachRemaining(
              c ->
                  assertThat(report)
                      .contains(
                          "| "
                              + c.getKey()
                              + " | "
                              + dev.scylla.results.PyFormat.fixed(
                                  c.getValue().get("score").doubleValue(), 3)
                              + " |"));
    }

    // ... and in the subtest reports, which now have the per-criteria section.
    for (String t : TIERS) {
      String sub = t + "/" + subtest(t) + "/report.md";
      assertThat(Files.readString(fixture.resolve(sub))).doesNotContain("Per-Criteria");
      assertThat(Files.readString(exp.resolve(sub)))
          .contains("## Per-Criteria Scores (All Runs)")
          .containsPattern("\\| functional \\| [01]\\.[0-9]{3} \\|");
    }

    // Markdown: the same text, once the values above (and the generation time) are masked.
    for (String f : derivedFiles()) {
      if (f.endsWith(".md")) {
        assertThat(maskMarkdown(Files.readString(exp.resolve(f))))
            .as(f)
            .isEqualTo(maskMarkdown(Files.readString(fixture.resolve(f))));
      }
    }
    // ... and the one link we fix: the recorded summary.md points into a tiers/ directory that
    // does not exist.
    assertThat(Files.readString(fixture.resolve("summary.md")))
        .contains("(./tiers/T0/00/report.md)");
    assertThat(fixture.resolve("tiers")).doesNotExist();
    assertThat(Files.readString(exp.resolve("summary.md"))).contains("(./T0/00/report.md)");
    assertThat(exp.resolve("T0/00/report.md")).exists();

    // Running again changes nothing.
    Map<String, String> once = TreeSnapshot.of(exp);
    RegenerateReport again = regenerate(exp);
    assertThat(again.filesWritten()).isZero();
    assertThat(TreeSnapshot.of(exp)).isEqualTo(once);
  }

  static Map<String, Set<String>> expectedDifferences() {
    Map<String, Set<String>> m = new TreeMap<>();
    Set<String> exp = new TreeSet<>();
    for (String t : TIERS) {
      String s = subtest(t);
      m.put(t + "/" + s + "/run_01/run_result.json", Set.of("criteria_scores"));
      m.put(
          t + "/result.json",
          Set.of("subtest_results." + s + ".runs[0].criteria_scores", "total_duration"));
      m.put(t + "/report.json", Set.of("summary.total_duration"));
      exp.add("tier_results." + t + ".subtest_results." + s + ".runs[0].criteria_scores");
      exp.add("tier_results." + t + ".total_duration");
    }
    exp.addAll(Set.of("started_at", "completed_at", "total_duration_seconds"));
    m.put("result.json", exp);
    m.put(
        "report.json",
        Set.of("summary.started_at", "summary.completed_at", "summary.total_duration"));
    return m;
  }

  @Test
  void regeneratingTheIntactExperimentKeepsItsMeasurementsAndTouchesTwoFiles() throws IOException {
    Path fixture = SharedFixtures.dryrun();
    Path exp = SharedFixtures.copyOfDryrun(tmp);

    RegenerateReport r = regenerate(exp);

    assertThat(r.ok()).isTrue();
    assertThat(r.runs()).isEmpty();
    assertThat(r.runsUnchanged()).isEqualTo(7);
    assertThat(r.summaries())
        .extracting(WrittenFile::label)
        .containsExactlyInAnyOrder("report.json", "summary.md");
    for (WrittenFile f : r.summaries()) {
      assertThat(f.replaced()).isTrue();
      assertThat(f.backup()).hasSameBinaryContentAs(fixture.resolve(f.label()));
    }
    for (String f : derivedFiles()) {
      if (!f.equals("report.json") && !f.equals("summary.md")) {
        assertThat(exp.resolve(f)).as(f).hasSameBinaryContentAs(fixture.resolve(f));
      }
    }
    Map<String, String> once = TreeSnapshot.of(exp);
    assertThat(regenerate(exp).filesWritten()).isZero();
    assertThat(TreeSnapshot.of(exp)).isEqualTo(once);
  }

  @Test
  void runFilesAloneAreRebuiltAndTheKeptMeasurementsSurvive() throws IOException {
    Path fixture = SharedFixtures.dryrun();
    Path exp = SharedFixtures.copyOfDryrun(tmp);
    for (String t : TIERS) {
      Files.delete(exp.resolve(t + "/" + subtest(t) + "/run_01/run_result.json"));
      Files.delete(exp.resolve(t + "/" + subtest(t) + "/run_01/judge/result.json"));
    }
    RegenerateReport r = regenerate(exp);
    assertThat(r.ok()).isTrue();
    for (String t : TIERS) {
      JsonNode tier = read(exp.resolve(t + "/result.json"));
      JsonNode was = read(fixture.resolve(t + "/result.json"));
      assertThat(tier.get("total_duration")).isEqualTo(was.get("total_duration"));
      assertThat(tier.get("inherited_from")).isEqualTo(was.get("inherited_from"));
      assertThat(exp.resolve(t + "/result.json.backup"))
          .hasSameBinaryContentAs(fixture.resolve(t + "/result.json"));
    }
    JsonNode e = read(exp.resolve("result.json"));
    JsonNode was = read(fixture.resolve("result.json"));
    for (String k : List.of("started_at", "completed_at", "total_duration_seconds")) {
      assertThat(e.get(k)).isEqualTo(was.get(k));
    }
    assertThat(Files.readString(exp.resolve("T0/report.md"))).contains("| Duration | 212.5s |");
  }

  // ------------------------------------------------------------------ helpers

  static JsonNode read(Path p) throws IOException {
    try {
      return Json.parse(Files.readAllBytes(p));
    } catch (dev.scylla.store.CorruptFileException e) {
      throw new IOException(p + ": " + e.getMessage(), e);
    }
  }

  /** Paths (a.b[0].c) where {@code original} holds a value {@code ours} lacks or differs in. */
  static void missingOrDifferent(String path, JsonNode original, JsonNode ours, Set<String> out) {
    if (ours == null) {
      out.add(path);
      return;
    }
    if (original.isObject() && ours.isObject()) {
      if (original.isEmpty() != ours.isEmpty()) {
        out.add(path);
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> it = original.fields();
      while (it.hasNext()) {
        var e = it.next();
        if (JsonCompare.PATH_KEYS.contains(e.getKey()) || e.getKey().equals("generated_at")) {
          continue;
        }
        missingOrDifferent(
            path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
            e.getValue(),
            ours.get(e.getKey()),
            out);
      }
      return;
    }
    if (original.isArray() && ours.isArray() && original.size() == ours.size()) {
      for (int i = 0; i < original.size(); i++) {
        missingOrDifferent(path + "[" + i + "]", original.get(i), ours.get(i), out);
      }
      return;
    }
    if (JsonCompare.firstDifference(original, ours, Set.of(), JsonCompare.Mode.EQUAL) != null) {
      out.add(path);
    }
  }

  /** The surviving files (of the deletion) whose text contains {@code needle}. */
  static List<String> mentions(Path exp, Map<String, String> surviving, String needle)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (String rel : surviving.keySet()) {
      Path p = exp.resolve(rel);
      if (Files.isRegularFile(p)
          && new String(Files.readAllBytes(p), StandardCharsets.UTF_8).contains(needle)) {
        out.add(rel);
      }
    }
    return out;
  }

  static List<String> texts(JsonNode array, String key) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(key).textValue()));
    return out;
  }

  /**
   * Masks the values the comparison cannot hold ours to: the generation time, tier durations (wall
   * clock, see evidence 2), the experiment duration, and the summary links (the one we fix).
   */
  static String maskMarkdown(String md) {
    return md.replaceAll("\\*\\*Generated\\*\\*: .*", "**Generated**: <time>")
        .replaceAll("\\*\\*Duration\\*\\*: .*", "**Duration**: <d>")
        .replaceAll("\\| Duration \\| [0-9.]+s \\|", "| Duration | <d> |")
        .replaceAll("(?m)^(\\| T[0-6] \\| [0-9]+ \\| )[0-9.]+s( \\|)", "$1<d>$2")
        .replace("(./tiers/", "(./")
        .replaceAll("(?s)## Criteria Scores\n.*?\n---\n\n", "")
        .replaceAll("\n## Per-Criteria Scores \\(All Runs\\)\n\n(\\|.*\\|\n)+", "");
  }

  static Map<String, String> lines(Stream<String> s) {
    Map<String, String> m = new LinkedHashMap<>();
    s.forEach(l -> m.put(l, l));
    return m;
  }
}
