package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.StatusReport;
import dev.scylla.store.Json;
import dev.scylla.store.RunFiles;
import dev.scylla.testing.EndToEnd;
import dev.scylla.workspace.DemoKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 suites of {@code rerun-judges} and {@code regenerate}, beside those of {@code run}
 * ({@link RunResumeTest}) and {@code rerun-agents} ({@link RerunResumeTest}): a simulator
 * experiment is damaged, repaired once uninterrupted and once killed with SIGKILL at a random
 * moment and started again; both must end with the same verdicts and files, and the interruption
 * must spend no judge budget.
 */
@EndToEnd
class RepairKillTest {
  @TempDir Path tmp;

  private static final List<String> RUNS =
      List.of("T0/00/run_01", "T0/00/run_02", "T0/02/run_01", "T1/01/run_02", "T1/02/run_01");

  private Path orig;

  @BeforeEach
  void experiment() throws Exception {
    ChildCli cli = new ChildCli(tmp, ChildCli.simulator(7));
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    assertThat(cli.launch(ChildCli.runArgs(kit, tmp.resolve("orig"), 2)).waitFor()).isZero();
    orig = ChildCli.single(tmp.resolve("orig"));
    assertThat(ChildCli.status(orig).counts().runs(RunStatus.COMPLETED)).isEqualTo(8);
  }

  @Test
  void aKilledRerunJudgesSpendsNoBudgetAndConvergesToTheUninterruptedVerdicts() throws Exception {
    // the damage: judge 1 of five runs left an empty judgment
    for (String run : RUNS) {
      Files.writeString(slot(orig, run).resolve("judgment.json"), "{}");
    }
    StatusReport damaged = ChildCli.status(orig);
    assertThat(damaged.counts().slots(SlotStatus.COMPLETE)).isEqualTo(24 - RUNS.size());
    Path a = copy(orig, tmp.resolve("a"));
    Path b = copy(orig, tmp.resolve("b"));

    // judges that take 1.5 s, so the kill lands while a call is in flight
    List<String> slowJudges =
        List.of(
            "SCYLLA_SIM_AGENT_LATENCY_MS=600",
            "SCYLLA_SIM_JUDGE_LATENCY_MS=1500",
            "SCYLLA_SIM_SEED=7");
    ChildCli cli = new ChildCli(tmp, slowJudges);
    assertThat(cli.launch(rerunJudges(a)).waitFor()).isZero();

    List<String> journalsBefore = journals(b);
    Process p = cli.launch(rerunJudges(b));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (p.isAlive() && Instant.now().isBefore(deadline) && journals(b).equals(journalsBefore)) {
      Thread.sleep(10);
    }
    Thread.sleep(new Random(20261203L).nextInt(800));
    assertThat(p.isAlive()).as("killed while judging").isTrue();
    p.destroyForcibly().waitFor();

    int rc =
        Main.run(
            new String[] {"rerun-judges", b.toString(), "--simulator", "--progress", "never"},
            ChildCli.sink(),
            ChildCli.sink());
    assertThat(rc).isZero();

    StatusReport ra = ChildCli.status(a);
    StatusReport rb = ChildCli.status(b);
    assertThat(rb.counts().slots(SlotStatus.COMPLETE))
        .as("every damaged slot judged again, none given up by the kill")
        .isEqualTo(ra.counts().slots(SlotStatus.COMPLETE))
        .isEqualTo(24);
    assertThat(rb.counts().slots(SlotStatus.FALLBACK)).isZero();
    assertThat(rb.unexpected()).isEmpty();
    int interrupted = 0;
    for (String run : RUNS) {
      List<String> outcomesA = outcomes(a, run);
      List<String> outcomesB = outcomes(b, run);
      assertThat(outcomesA).as(run + " uninterrupted").endsWith("complete");
      // the killed attempt is read back as interrupted and spends nothing: as many spending
      // attempts as without the kill
      assertThat(outcomesB).as(run).doesNotContain("failed", "started").endsWith("complete");
      assertThat(outcomesB.stream().filter(o -> o.equals("complete")).count())
          .as(run + ": attempts that spent the budget")
          .isEqualTo(outcomesA.stream().filter(o -> o.equals("complete")).count());
      interrupted += (int) outcomesB.stream().filter(o -> o.equals("interrupted")).count();
      assertThat(
              Json.parse(Files.readAllBytes(slot(b, run).resolve("judgment.json")))
                  .get("is_valid")
                  .asBoolean())
          .as(run + ": a valid verdict")
          .isTrue();
    }
    assertThat(interrupted).as("attempts the kill interrupted").isPositive();
    assertThat(ChildCli.files(b)).isEqualTo(ChildCli.files(a));
  }

  @Test
  void aKilledRegenerateConvergesToTheTreeOfAnUninterruptedOne() throws Exception {
    // everything derived deleted: run results, consensus, run reports, every summary
    List<Path> derived = new ArrayList<>();
    try (Stream<Path> s = Files.walk(orig)) {
      s.filter(Files::isRegularFile)
          .filter(f -> !orig.relativize(f).startsWith(".scylla"))
          .filter(f -> !orig.relativize(f).startsWith("repo"))
          .filter(
              f -> {
                String rel = orig.relativize(f).toString();
                String name = f.getFileName().toString();
                return name.equals("run_result.json")
                    || rel.endsWith("judge/result.json")
                    || (name.startsWith("report.") && !rel.contains("/agent/"))
                    || name.equals("summary.md")
                    || name.equals("tier_comparison.json")
                    || (name.equals("result.json") && !rel.contains("/agent/"));
              })
          .forEach(derived::add);
    }
    for (Path f : derived) {
      Files.delete(f);
    }
    assertThat(derived.size()).isGreaterThan(8 * 3);
    Path a = copy(orig, tmp.resolve("a"));
    assertThat(Main.run(regenerate(a), ChildCli.sink(), ChildCli.sink())).isZero();

    ChildCli cli = new ChildCli(tmp, List.of());
    Random rnd = new Random(20261203L);
    int killedMidway = 0;
    for (int trial = 0; trial < 4; trial++) {
      Path b = copy(orig, tmp.resolve("b" + trial));
      Process p = cli.launch(List.of(regenerate(b)));
      // after the JVM has started and the first files are written, at a random moment
      Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
      while (p.isAlive() && Instant.now().isBefore(deadline) && !written(b)) {
        Thread.sleep(2);
      }
      Thread.sleep(rnd.nextInt(60));
      if (p.isAlive()) {
        killedMidway++;
      }
      p.destroyForcibly().waitFor();
      assertThat(Main.run(regenerate(b), ChildCli.sink(), ChildCli.sink())).isZero();
      assertThat(ChildCli.files(b)).as("trial " + trial).isEqualTo(ChildCli.files(a));
      for (Path f : derived) {
        Path rel = orig.relativize(f);
        assertThat(comparable(b, rel)).as(rel.toString()).isEqualTo(comparable(a, rel));
      }
      assertThat(ChildCli.status(b).counts().runs(RunStatus.COMPLETED)).isEqualTo(8);
    }
    assertThat(killedMidway).as("trials killed while regenerate wrote").isPositive();
  }

  /**
   * A file's text with the experiment's own path as {@code EXP} and without its {@code
   * generated_at} and {@code **Generated**} lines (when each file was written).
   */
  private static String comparable(Path exp, Path rel) throws IOException {
    return Files.readString(exp.resolve(rel))
        .replace(exp.toString(), "EXP")
        .replaceAll("(?m)^.*(\"generated_at\"|\\*\\*Generated\\*\\*).*$", "");
  }

  /** The outcomes of the attempts in a damaged slot's journal, in order. */
  private static List<String> outcomes(Path exp, String run) throws Exception {
    List<String> out = new ArrayList<>();
    JsonNode j = Json.parse(Files.readAllBytes(slot(exp, run).resolve(RunFiles.Slot.ATTEMPTS)));
    for (JsonNode at : j.path("attempts")) {
      out.add(at.path("outcome").asText());
    }
    return out;
  }

  private static String[] regenerate(Path exp) {
    return new String[] {"regenerate", exp.toString(), "--progress", "never"};
  }

  private static List<String> rerunJudges(Path exp) {
    return List.of("rerun-judges", exp.toString(), "--simulator", "--progress", "never");
  }

  /** Whether regenerate has written one of the files it rebuilds. */
  private static boolean written(Path exp) {
    return Files.exists(exp.resolve("T0/00/run_01/judge/result.json"))
        || Files.exists(exp.resolve("T1/02/run_02/run_result.json"));
  }

  private static Path slot(Path exp, String run) {
    return new RunFiles(exp.resolve(run)).slotDir(1);
  }

  /** The slot journals of the damaged slots, as text. */
  private static List<String> journals(Path exp) throws IOException {
    List<String> out = new ArrayList<>();
    for (String run : RUNS) {
      Path j = slot(exp, run).resolve(RunFiles.Slot.ATTEMPTS);
      out.add(Files.exists(j) ? Files.readString(j) : "");
    }
    return out;
  }

  private static Path copy(Path from, Path to) throws Exception {
    Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).start();
    assertThat(cp.waitFor()).isZero();
    return to;
  }
}
