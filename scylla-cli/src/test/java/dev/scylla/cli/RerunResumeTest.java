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
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scylla rerun-agents} end to end with the simulator: an experiment of 2 tiers × 2 subtests
 * × 2 runs with three damaged runs (one deleted, one whose agent left no output, one without its
 * agent result and timing), repaired once uninterrupted and once killed with SIGKILL mid-way and
 * started again. Both copies must end with every run completed and counted once, the same files,
 * and every damaged run's old directory kept under {@code .failed/}.
 */
@EndToEnd
class RerunResumeTest {
  @TempDir Path tmp;

  private static final List<String> SIM_ENV = ChildCli.simulator(5);

  static final List<String> SUBTESTS = List.of("T0/00", "T0/02", "T1/01", "T1/02");
  static final List<String> DAMAGED = List.of("T0/00/run_02", "T1/01/run_01", "T1/02/run_02");

  @Test
  void aKilledRerunConvergesToTheTreeOfAnUninterruptedOne() throws Exception {
    ChildCli cli = new ChildCli(tmp, SIM_ENV);
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    Process run = cli.launch(ChildCli.runArgs(kit, tmp.resolve("orig"), 2));
    assertThat(run.waitFor()).isZero();
    Path orig = ChildCli.single(tmp.resolve("orig"));
    assertThat(ChildCli.status(orig).counts().runs(RunStatus.COMPLETED)).isEqualTo(8);

    // The damage: a deleted run, an agent that left no output, a lost agent result and timing.
    deleteTree(orig.resolve(DAMAGED.get(0)));
    Path noOutput = orig.resolve(DAMAGED.get(1)).resolve("agent");
    Files.writeString(noOutput.resolve("output.txt"), "");
    Files.writeString(noOutput.resolve("stdout.log"), "");
    Files.writeString(noOutput.resolve("stderr.log"), "Error: connection reset\n");
    Files.delete(noOutput.resolve("result.json"));
    Path lost = orig.resolve(DAMAGED.get(2)).resolve("agent");
    Files.delete(lost.resolve("result.json"));
    Files.delete(lost.resolve("timing.json"));
    StatusReport damaged = ChildCli.status(orig);
    assertThat(damaged.counts().runs(RunStatus.COMPLETED)).isEqualTo(5);
    assertThat(damaged.counts().runs(RunStatus.RESULTS)).isZero();

    Path a = copy(orig, tmp.resolve("a"));
    Path b = copy(orig, tmp.resolve("b"));

    // Uninterrupted.
    assertThat(cli.launch(rerun(a)).waitFor()).isZero();

    // Killed once the first damaged run has been archived and at a random moment after, then
    // started again in this JVM.
    Random rnd = new Random(20261124L);
    Process p = cli.launch(rerun(b));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (p.isAlive() && Instant.now().isBefore(deadline) && archives(b).isEmpty()) {
      Thread.sleep(20);
    }
    Thread.sleep(rnd.nextInt(1500));
    assertThat(p.isAlive()).as("killed mid-way").isTrue();
    p.destroyForcibly().waitFor();
    assertThat(journals(b)).as("an attempt left open by the killed process").contains("running");
    int rc =
        Main.run(
            new String[] {
              "rerun-agents", b.toString(), "--concurrency", "4", "--progress", "never"
            },
            ChildCli.sink(),
            ChildCli.sink());
    assertThat(rc).isZero();

    for (Path e : List.of(a, b)) {
      StatusReport r = ChildCli.status(e);
      assertThat(r.counts().runs(RunStatus.COMPLETED)).as(e.toString()).isEqualTo(8);
      assertThat(r.counts().slots(SlotStatus.COMPLETE) + r.counts().slots(SlotStatus.FALLBACK))
          .isEqualTo(24);
      assertThat(r.unexpected()).isEmpty();
      assertEachRunCountedOnce(e);
      // the damaged runs' old directories are kept (the deleted one had nothing to keep)
      assertThat(archives(e))
          .anyMatch(s -> s.startsWith("T1/01/.failed/run_01_attempt_"))
          .anyMatch(s -> s.startsWith("T1/02/.failed/run_02_attempt_"));
      assertThat(e.resolve("T1/01/.failed"))
          .isDirectoryRecursivelyContaining(f -> f.endsWith("agent/stderr.log"));
    }
    assertThat(ChildCli.files(b)).isEqualTo(ChildCli.files(a));
    assertThat(journals(b))
        .as("closed on restart")
        .contains("interrupted")
        .doesNotContain("running");
    // nothing the rerun did not need to touch was touched
    for (String sub : SUBTESTS) {
      for (int n = 1; n <= 2; n++) {
        String label = sub + "/run_0" + n;
        if (!DAMAGED.contains(label)) {
          assertThat(b.resolve(label + "/run_result.json"))
              .hasSameBinaryContentAs(orig.resolve(label + "/run_result.json"));
        }
      }
    }
  }

  private static List<String> rerun(Path exp) {
    return List.of("rerun-agents", exp.toString(), "--concurrency", "4", "--progress", "never");
  }

  private static void assertEachRunCountedOnce(Path exp) throws Exception {
    for (String sub : SUBTESTS) {
      for (int n = 1; n <= 2; n++) {
        JsonNode rr = read(exp.resolve(sub + "/run_0" + n + "/run_result.json"));
        assertThat(rr.get("run_number").asInt()).isEqualTo(n);
      }
      assertThat(read(exp.resolve(sub + "/report.json")).at("/summary/total_runs").asInt())
          .as(sub)
          .isEqualTo(2);
    }
    int completed = 0;
    for (JsonNode tier : read(exp.resolve("checkpoint.json")).get("completed_runs")) {
      for (JsonNode sub : tier) {
        completed += sub.size();
      }
    }
    assertThat(completed).isEqualTo(8);
  }

  private static JsonNode read(Path p) throws IOException {
    try {
      return Json.parse(Files.readAllBytes(p));
    } catch (dev.scylla.store.CorruptFileException e) {
      throw new AssertionError(p + ": " + e.getMessage());
    }
  }

  /** The text of every agent attempt journal of the experiment, concatenated. */
  private static String journals(Path exp) throws IOException {
    Path dir = exp.resolve(".scylla/journal");
    if (!Files.isDirectory(dir)) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        sb.append(Files.readString(f)).append('\n');
      }
    }
    return sb.toString();
  }

  /** Archived attempts, as {@code T1/01/.failed/run_01_attempt_1}. */
  private static Set<String> archives(Path exp) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String sub : SUBTESTS) {
      Path failed = exp.resolve(sub).resolve(".failed");
      if (Files.isDirectory(failed)) {
        try (Stream<Path> s = Files.list(failed)) {
          s.forEach(d -> out.add(sub + "/.failed/" + d.getFileName()));
        }
      }
    }
    return out;
  }

  private static Path copy(Path from, Path to) throws Exception {
    Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).start();
    assertThat(cp.waitFor()).isZero();
    return to;
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
