package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.StatusReport;
import dev.scylla.store.Json;
import dev.scylla.testing.EndToEnd;
import dev.scylla.workspace.DemoKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scylla run} end to end with the simulator, 2 tiers × 2 subtests × 3 runs × 3 judges at
 * concurrency 4: once uninterrupted, once killed with SIGKILL at random points (twice) and resumed.
 * Both must end with the same runs, each counted once, every file valid, the same verdicts.
 */
@EndToEnd
class RunResumeTest {
  @TempDir Path tmp;

  private static final List<String> SIM_ENV = ChildCli.simulator(11);

  private List<String> runArgs(DemoKit.Materialized kit, Path results) {
    return ChildCli.runArgs(kit, results, 3);
  }

  @Test
  void aKilledRunResumesToTheSameTreeAsAnUninterruptedOne() throws Exception {
    ChildCli cli = new ChildCli(tmp, SIM_ENV);
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());

    // The uninterrupted run, in a child JVM with the same simulator settings.
    Process straight = cli.launch(runArgs(kit, tmp.resolve("whole")));
    assertThat(straight.waitFor()).isZero();
    Path whole = ChildCli.single(tmp.resolve("whole"));

    // Killed twice at random points (after a random number of finished runs), then resumed.
    Random rnd = new Random(20261123L);
    Path results = tmp.resolve("killed");
    Process p = cli.launch(runArgs(kit, results));
    waitForRunResults(results, 1 + rnd.nextInt(4), p);
    p.destroyForcibly().waitFor();
    Path exp = ChildCli.single(results);
    Process again =
        cli.launch(
            List.of(
                "run", "--resume", exp.toString(), "--concurrency", "4", "--progress", "never"));
    waitForRunResults(results, 6 + rnd.nextInt(4), again);
    again.destroyForcibly().waitFor();
    int rc =
        Main.run(
            new String[] {
              "run", "--resume", exp.toString(), "--concurrency", "4", "--progress", "never"
            },
            ChildCli.sink(),
            ChildCli.sink());
    assertThat(rc).isZero();

    StatusReport a = ChildCli.status(whole);
    StatusReport b = ChildCli.status(exp);
    for (StatusReport r : List.of(a, b)) {
      assertThat(r.counts().totalRuns()).isEqualTo(12);
      assertThat(r.counts().runs(RunStatus.COMPLETED)).isEqualTo(12);
      assertThat(r.counts().slots(SlotStatus.COMPLETE) + r.counts().slots(SlotStatus.FALLBACK))
          .isEqualTo(36);
      assertThat(r.unexpected()).isEmpty();
    }
    // The same tree: every file the uninterrupted run has, the resumed one has, and no other
    // (archived attempts, our bookkeeping, backups and the shared clone aside); every verdict
    // valid.
    assertThat(ChildCli.files(exp)).isEqualTo(ChildCli.files(whole));
    assertThat(verdicts(exp).keySet()).isEqualTo(verdicts(whole).keySet());
    for (Path e : List.of(whole, exp)) {
      assertEachRunCountedOnce(e);
    }
  }

  /** run_number matches the directory, subtest reports count 3 runs, the checkpoint 12. */
  private static void assertEachRunCountedOnce(Path exp) throws Exception {
    List<Path> results;
    try (Stream<Path> s = Files.walk(exp)) {
      results =
          s.filter(p -> p.getFileName().toString().equals("run_result.json"))
              .filter(p -> !p.toString().contains("/.failed/"))
              .toList();
    }
    assertThat(results).hasSize(12);
    for (Path rr : results) {
      JsonNode n = Json.parse(Files.readAllBytes(rr));
      assertThat(String.format("run_%02d", n.get("run_number").asInt()))
          .isEqualTo(rr.getParent().getFileName().toString());
      // the run's own reports agree with its run result and list what the judges saw changed
      Path dir = rr.getParent();
      JsonNode report = Json.parse(Files.readAllBytes(dir.resolve("report.json")));
      assertThat(report.get("run_number")).isEqualTo(n.get("run_number"));
      assertThat(report.get("score")).isEqualTo(n.get("judge_score"));
      assertThat(report.get("passed")).isEqualTo(n.get("judge_passed"));
      String md = Files.readString(dir.resolve("report.md"));
      assertThat(dir.resolve("task_prompt.md")).hasSameTextualContentAs(exp.resolve("prompt.md"));
      assertThat(md)
          .contains("# Run Report: ")
          .contains("| Grade | " + n.get("judge_grade").asText());
      for (var f :
          dev.scylla.results.RunReportRenderer.workspaceFiles(
              Files.readString(dir.resolve("judge_prompt.md")))) {
        assertThat(md).contains("- [" + f.path() + "](./workspace/" + f.path() + ")");
      }
    }
    for (String sub : List.of("T0/00", "T0/02", "T1/01", "T1/02")) {
      JsonNode report = Json.parse(Files.readAllBytes(exp.resolve(sub).resolve("report.json")));
      assertThat(report.at("/summary/total_runs").asInt()).as(sub).isEqualTo(3);
    }
    JsonNode cp = Json.parse(Files.readAllBytes(exp.resolve("checkpoint.json")));
    int completed = 0;
    for (JsonNode tier : cp.get("completed_runs")) {
      for (JsonNode sub : tier) {
        completed += sub.size();
      }
    }
    assertThat(completed).isEqualTo(12);
    JsonNode result = Json.parse(Files.readAllBytes(exp.resolve("result.json")));
    int runs = 0;
    for (JsonNode tier : result.get("tier_results")) {
      for (JsonNode sub : tier.get("subtest_results")) {
        runs += sub.get("runs").size();
      }
    }
    assertThat(runs).isEqualTo(12);
  }

  /** Each run's consensus score and verdict, keyed by run. */
  private static Map<String, String> verdicts(Path exp) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String sub : List.of("T0/00", "T0/02", "T1/01", "T1/02")) {
      for (int n = 1; n <= 3; n++) {
        Path rr = exp.resolve(sub).resolve(String.format("run_%02d", n)).resolve("run_result.json");
        JsonNode j;
        try {
          j = Json.parse(Files.readAllBytes(rr));
        } catch (dev.scylla.store.CorruptFileException e) {
          throw new AssertionError(rr + ": " + e.getMessage());
        }
        out.put(
            sub + "/" + n, j.get("judge_score").asText() + " " + j.get("judge_passed").asText());
      }
    }
    return out;
  }

  private static void waitForRunResults(Path results, int atLeast, Process p) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline) && p.isAlive()) {
      if (countRunResults(results) >= atLeast) {
        return;
      }
      Thread.sleep(50);
    }
  }

  private static long countRunResults(Path results) throws IOException {
    if (!Files.isDirectory(results)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(results)) {
      return s.filter(p -> p.getFileName().toString().equals("run_result.json"))
          .filter(p -> !p.toString().contains("/.failed/"))
          .count();
    } catch (java.io.UncheckedIOException e) {
      return 0; // a directory moved while walking
    }
  }
}
