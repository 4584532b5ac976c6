package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 4, judge noise, with the simulator as agent and judges: {@code rerun-judges
 * --repeat R} judges every slot with a valid verdict R more times into {@code
 * judge_NN/.repeats/repeat_K/}, leaves the slot verdicts, run results and summaries as they were,
 * counts the repeat calls in the spend, continues the numbering on a second invocation, and {@code
 * analyze} writes {@code data/judge_noise.csv} equal to an independent computation from the files.
 */
@EndToEnd
class JudgeNoiseRunTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private JsonNode spend(Path exp) throws Exception {
    assertThat(run("status", exp.toString(), "--json", "--progress", "never")).isZero();
    return Json.parse(out.toString()).get("spend");
  }

  private static Map<String, byte[]> verdictFiles(Path exp) throws Exception {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(exp)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = exp.relativize(p).toString();
        if (rel.contains(".repeats")) {
          continue;
        }
        if (rel.endsWith("judgment.json")
            || rel.endsWith("run_result.json")
            || rel.endsWith("judge/result.json")
            || rel.endsWith("attempts.json")) {
          m.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return m;
  }

  private static List<Path> slotDirs(Path exp) throws Exception {
    try (Stream<Path> s = Files.walk(exp)) {
      return s.filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().matches("judge_[0-9]+"))
          .filter(p -> !exp.relativize(p).toString().contains("."))
          .sorted()
          .toList();
    }
  }

  private static List<Path> repeatDirs(Path slot) throws Exception {
    Path r = slot.resolve(".repeats");
    if (!Files.isDirectory(r)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(r)) {
      return s.sorted().toList();
    }
  }

  /** The judge calls and cost recorded in the attempt journals of every repeat. */
  private static double[] repeatSpend(Path exp) throws Exception {
    double calls = 0;
    double usd = 0;
    for (Path slot : slotDirs(exp)) {
      for (Path r : repeatDirs(slot)) {
        JsonNode j = Json.parse(Files.readAllBytes(r.resolve("attempts.json")));
        for (JsonNode a : j.get("attempts")) {
          for (JsonNode c : a.get("call_spend")) {
            calls++;
            usd += c.get("cost_usd").doubleValue();
          }
        }
      }
    }
    return new double[] {calls, usd};
  }

  /** Column {@code c} of {@code row} is empty when {@code expected} is NaN, else equal to it. */
  private static void assertCell(List<String> row, int c, double expected) {
    if (Double.isNaN(expected)) {
      assertThat(row.get(c)).as(row.toString()).isEmpty();
    } else {
      assertThat(Double.parseDouble(row.get(c)))
          .as(row.toString())
          .isCloseTo(expected, Offset.offset(1e-12));
    }
  }

  @Test
  void repeatsAreStoredBesideTheSlotsCountedInTheSpendAndReportedByAnalyze() throws Exception {
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    Path results = tmp.resolve("results");
    int rc =
        run(
            ChildCli.runArgs(kit, results, 2, "claude-opus-4-6,claude-haiku-4-5", 2, "--simulator")
                .toArray(String[]::new));
    assertThat(rc).as(out.toString() + err).isZero();
    Path exp = ChildCli.single(results);
    List<Path> slots = slotDirs(exp);
    assertThat(slots).hasSize(4);

    // bad values: exit 2, one line, nothing written
    Map<String, String> tree = TreeSnapshot.of(exp);
    for (String bad : List.of("0", "-1", "x")) {
      assertThat(run("rerun-judges", exp.toString(), "--repeat", bad, "--simulator"))
          .as(bad + ": " + err)
          .isEqualTo(ExitCodes.BAD_INPUT);
    }
    assertThat(run("rerun-judges", exp.toString(), "--repeat", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--repeat 0: must be at least 1");
    assertThat(err.toString().strip().lines().count()).isEqualTo(1);
    assertThat(run("rerun-judges", exp.toString(), "--repeat", "1", "--stale")).isEqualTo(2);
    // a dry run estimates the calls and changes nothing
    assertThat(run("rerun-judges", exp.toString(), "--repeat", "2", "--simulator", "--dry-run"))
        .as(out.toString() + err)
        .isZero();
    assertThat(TreeSnapshot.of(exp)).isEqualTo(tree);

    Map<String, byte[]> verdicts = verdictFiles(exp);
    JsonNode before = spend(exp);
    assertThat(before.get("archived_judge_calls").intValue()).isZero();

    rc = run("rerun-judges", exp.toString(), "--repeat", "2", "--simulator", "--progress", "never");
    assertThat(rc).as(out.toString() + err).isZero();
    assertThat(out.toString()).contains("judge calls:          8");

    // every slot has two repeats with a valid verdict and their own journal; nothing else changed
    for (Path slot : slots) {
      assertThat(repeatDirs(slot))
          .extracting(p -> p.getFileName().toString())
          .containsExactly("repeat_1", "repeat_2");
      for (Path r : repeatDirs(slot)) {
        JsonNode j = Json.parse(Files.readAllBytes(r.resolve("judgment.json")));
        assertThat(j.get("is_valid").booleanValue()).isTrue();
        assertThat(j.get("score").doubleValue()).isBetween(0.0, 1.0);
        assertThat(r.resolve("attempts.json")).exists();
        assertThat(r.resolve("response.txt")).exists();
      }
    }
    Map<String, byte[]> after = verdictFiles(exp);
    assertThat(after.keySet()).isEqualTo(verdicts.keySet());
    for (String k : verdicts.keySet()) {
      assertThat(after.get(k)).as(k).isEqualTo(verdicts.get(k));
    }
    Map<String, String> changed = new TreeMap<>(TreeSnapshot.of(exp));
    changed.keySet().removeIf(k -> k.contains("/.repeats/"));
    Map<String, String> old = new TreeMap<>(tree);
    for (String k : List.copyOf(changed.keySet())) {
      if (changed.get(k).equals(old.get(k))) {
        changed.remove(k);
        old.remove(k);
      }
    }
    // only the slot directories gain .repeats/, and the experiment's own bookkeeping changes
    assertThat(changed.keySet())
        .allSatisfy(
            k ->
                assertThat(k)
                    .matches("(.*judge_0[12]/(\\.repeats/)?|\\.scylla/.*|checkpoint.json)"));

    // the repeat calls are in the spend status prints, as recorded where they happened
    double[] rs = repeatSpend(exp);
    assertThat(rs[0]).isEqualTo(8);
    assertThat(rs[1]).isPositive();
    JsonNode spent = spend(exp);
    assertThat(spent.get("archived_judge_calls").intValue()).isEqualTo(8);
    assertThat(spent.get("archived_judges_usd").doubleValue())
        .isCloseTo(rs[1], Offset.offset(1e-9));
    assertThat(spent.get("all_usd").doubleValue())
        .isCloseTo(before.get("all_usd").doubleValue() + rs[1], Offset.offset(1e-9));
    run("status", exp.toString(), "--progress", "never");
    assertThat(out.toString()).contains("8 archived or repeat judge call(s)");

    // a second invocation continues the numbering, and --judge-slot composes
    rc =
        run(
            "rerun-judges",
            exp.toString(),
            "--repeat",
            "1",
            "--judge-slot",
            "1",
            "--simulator",
            "--progress",
            "never");
    assertThat(rc).as(out.toString() + err).isZero();
    assertThat(out.toString()).contains("judge calls:          2");
    for (Path slot : slots) {
      assertThat(repeatDirs(slot))
          .hasSize(slot.getFileName().toString().equals("judge_01") ? 3 : 2);
    }

    // --judge-model composes: the repeat is made with that model, the slot is not set aside
    Map<String, byte[]> beforeOther = verdictFiles(exp);
    rc =
        run(
            "rerun-judges",
            exp.toString(),
            "--repeat",
            "1",
            "--judge-slot",
            "2",
            "--judge-model",
            "claude-sonnet-4-5",
            "--simulator",
            "--progress",
            "never");
    assertThat(rc).as(out.toString() + err).isZero();
    for (Path slot : slots) {
      if (slot.getFileName().toString().equals("judge_02")) {
        JsonNode rj =
            Json.parse(Files.readAllBytes(slot.resolve(".repeats/repeat_3/judgment.json")));
        assertThat(rj.get("model").textValue()).isEqualTo("claude-sonnet-4-5");
        assertThat(slot.resolve(".archive")).doesNotExist();
      }
    }
    verdictFiles(exp).forEach((k, v) -> assertThat(v).as(k).isEqualTo(beforeOther.get(k)));

    // the simulator judges deterministically: make one judge noisy by hand, then compare
    Path noisy = slots.get(0).resolve(".repeats/repeat_2/judgment.json");
    ObjectNode nj = (ObjectNode) Json.parse(Files.readAllBytes(noisy));
    nj.put("score", Math.max(0.0, nj.get("score").doubleValue() - 0.45));
    nj.put("passed", !nj.get("passed").booleanValue());
    Files.writeString(noisy, Json.write(nj));

    Path analysis = tmp.resolve("analysis");
    assertThat(run("analyze", exp.toString(), "--out", analysis.toString(), "--no-figures"))
        .as(out.toString() + err)
        .isZero();
    assertThat(out.toString())
        .contains("judge noise of claude-opus-4-6: 6 repeat(s) of 2 slot(s), mean SD of score")
        .contains(
            "judge noise of claude-haiku-4-5: 4 repeat(s) of 2 slot(s), mean SD of score 0.000");
    List<List<String>> csv = DriftRunTest.csv(analysis.resolve("data/judge_noise.csv"));
    assertThat(csv.get(0))
        .containsExactly(
            "judge_model",
            "slots_with_repeats",
            "repeats",
            "mean_sd_score",
            "mean_range_score",
            "flip_share");
    Map<String, double[]> expected = independent(slots);
    assertThat(csv.subList(1, csv.size()))
        .extracting(r -> r.get(0))
        .containsExactlyElementsOf(expected.keySet());
    for (List<String> r : csv.subList(1, csv.size())) {
      double[] e = expected.get(r.get(0));
      assertThat(Integer.parseInt(r.get(1))).as(r.toString()).isEqualTo((int) e[0]);
      assertThat(Integer.parseInt(r.get(2))).as(r.toString()).isEqualTo((int) e[1]);
      for (int c = 3; c <= 5; c++) {
        assertCell(r, c, e[c - 1]);
      }
    }
    assertThat(expected.get("claude-opus-4-6")[2]).as("the noisy judge").isPositive();
    assertThat(expected.get("claude-haiku-4-5")[2]).isCloseTo(0.0, Offset.offset(1e-12));
    // the other model's repeats of judge 2: two slots, one score each, no SD
    assertThat(expected.get("claude-sonnet-4-5")[0]).isEqualTo(2);
    assertThat(expected.get("claude-sonnet-4-5")[2]).isNaN();
    assertThat(analysis.resolve("tables/tab16_judge_noise.md")).exists();
    assertThat(Files.readString(analysis.resolve("tables/tab16_judge_noise.md")))
        .contains("claude-opus-4-6");
  }

  /**
   * Per judge model, straight from the files: slots, repeats, mean SD (n − 1) and mean range of the
   * slot's score with its repeats' scores, share of repeats whose passed differs from the slot's.
   */
  private static Map<String, double[]> independent(List<Path> slots) throws Exception {
    Map<String, List<double[]>> perSlot = new TreeMap<>();
    Map<String, int[]> flips = new TreeMap<>();
    for (Path slot : slots) {
      JsonNode sj = Json.parse(Files.readAllBytes(slot.resolve("judgment.json")));
      String slotModel = sj.get("model").textValue();
      // the repeats of this slot by the model that made them
      Map<String, List<JsonNode>> byModel = new TreeMap<>();
      for (Path r : repeatDirs(slot)) {
        JsonNode rj = Json.parse(Files.readAllBytes(r.resolve("judgment.json")));
        byModel.computeIfAbsent(rj.get("model").textValue(), k -> new ArrayList<>()).add(rj);
      }
      for (var e : byModel.entrySet()) {
        String model = e.getKey();
        List<Double> scores = new ArrayList<>();
        if (model.equals(slotModel)) {
          scores.add(sj.get("score").doubleValue());
        }
        int[] f = flips.computeIfAbsent(model, k -> new int[2]);
        for (JsonNode rj : e.getValue()) {
          scores.add(rj.get("score").doubleValue());
          f[1]++;
          if (rj.get("passed").booleanValue() != sj.get("passed").booleanValue()) {
            f[0]++;
          }
        }
        List<double[]> list = perSlot.computeIfAbsent(model, k -> new ArrayList<>());
        if (scores.size() < 2) {
          list.add(null);
          continue;
        }
        double mean = scores.stream().mapToDouble(d -> d).average().orElseThrow();
        double ss = scores.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
        double sd = Math.sqrt(ss / (scores.size() - 1));
        double range =
            scores.stream().mapToDouble(d -> d).max().orElseThrow()
                - scores.stream().mapToDouble(d -> d).min().orElseThrow();
        list.add(new double[] {sd, range});
      }
    }
    Map<String, double[]> out = new TreeMap<>();
    for (var e : perSlot.entrySet()) {
      List<double[]> v = e.getValue();
      List<double[]> two = v.stream().filter(x -> x != null).toList();
      int[] f = flips.get(e.getKey());
      out.put(
          e.getKey(),
          new double[] {
            v.size(),
            f[1],
            two.stream().mapToDouble(x -> x[0]).average().orElse(Double.NaN),
            two.stream().mapToDouble(x -> x[1]).average().orElse(Double.NaN),
            (double) f[0] / f[1]
          });
    }
    return out;
  }
}
