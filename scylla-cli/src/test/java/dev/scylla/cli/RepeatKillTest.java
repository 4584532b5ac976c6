package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.StatusReport;
import dev.scylla.store.Json;
import dev.scylla.testing.EndToEnd;
import dev.scylla.workspace.DemoKit;
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
 * {@code rerun-judges --repeat} killed with SIGKILL while repeat calls are in flight corrupts
 * nothing: the slot verdicts, consensus and run results are the bytes they were, every repeat
 * directory either holds a valid verdict or none, and a second {@code --repeat 1} numbers on past
 * the interrupted ones and gives every slot one more valid repeat.
 */
@EndToEnd
class RepeatKillTest {
  @TempDir Path tmp;

  private static Map<String, byte[]> verdictFiles(Path exp) throws Exception {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(exp)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String rel = exp.relativize(p).toString();
        if (!rel.contains(".repeats")
            && (rel.endsWith("judgment.json")
                || rel.endsWith("run_result.json")
                || rel.endsWith("judge/result.json")
                || rel.endsWith("attempts.json"))) {
          m.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return m;
  }

  private static List<Path> repeatDirs(Path exp) throws Exception {
    try (Stream<Path> s = Files.walk(exp)) {
      return s.filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().startsWith("repeat_"))
          .filter(p -> p.getParent().getFileName().toString().equals(".repeats"))
          .sorted()
          .toList();
    }
  }

  private static boolean valid(Path repeat) throws Exception {
    Path j = repeat.resolve("judgment.json");
    return Files.exists(j) && Json.parse(Files.readAllBytes(j)).path("is_valid").asBoolean(false);
  }

  @Test
  void aKilledRepeatCorruptsNothingAndTheNextOneNumbersOn() throws Exception {
    ChildCli cli = new ChildCli(tmp, ChildCli.simulator(7));
    DemoKit.Materialized kit =
        DemoKit.materialize(tmp.resolve("kit"), new LocalProcessLauncher(), Cancellation.never());
    assertThat(cli.launch(ChildCli.runArgs(kit, tmp.resolve("orig"), 2)).waitFor()).isZero();
    Path exp = ChildCli.single(tmp.resolve("orig"));
    StatusReport before = ChildCli.status(exp);
    int complete = before.counts().slots(SlotStatus.COMPLETE);
    assertThat(complete).isPositive();
    Map<String, byte[]> verdicts = verdictFiles(exp);

    ChildCli slow =
        new ChildCli(
            tmp,
            List.of(
                "SCYLLA_SIM_AGENT_LATENCY_MS=600",
                "SCYLLA_SIM_JUDGE_LATENCY_MS=1500",
                "SCYLLA_SIM_SEED=7"));
    Process p =
        slow.launch(
            List.of(
                "rerun-judges",
                exp.toString(),
                "--repeat",
                "1",
                "--simulator",
                "--progress",
                "never"));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (p.isAlive() && Instant.now().isBefore(deadline) && repeatDirs(exp).isEmpty()) {
      Thread.sleep(10);
    }
    Thread.sleep(new Random(20261204L).nextInt(800));
    assertThat(p.isAlive()).as("killed while repeats were judged").isTrue();
    p.destroyForcibly().waitFor();

    // nothing of the slots changed; a repeat holds a valid verdict or none
    assertThat(verdictFiles(exp)).containsOnlyKeys(verdicts.keySet());
    verdictFiles(exp).forEach((k, v) -> assertThat(v).as(k).isEqualTo(verdicts.get(k)));
    StatusReport killed = ChildCli.status(exp);
    assertThat(killed.counts().slots(SlotStatus.COMPLETE)).isEqualTo(complete);
    List<Path> first = repeatDirs(exp);
    assertThat(first).isNotEmpty();
    int interrupted = 0;
    for (Path r : first) {
      assertThat(r.getFileName().toString()).isEqualTo("repeat_1");
      if (!valid(r)) {
        interrupted++;
        assertThat(r.resolve("judgment.json")).doesNotExist();
      }
    }

    // the kill lands while the first repeat calls (1.5 s each) are in flight
    assertThat(interrupted).as("repeats the kill interrupted").isPositive();

    // again: every slot gets one more valid repeat, numbered past what is there
    int rc =
        Main.run(
            new String[] {
              "rerun-judges", exp.toString(), "--repeat", "1", "--simulator", "--progress", "never"
            },
            ChildCli.sink(),
            ChildCli.sink());
    assertThat(rc).isZero();
    List<Path> all = repeatDirs(exp);
    assertThat(all).hasSize(first.size() + complete);
    for (Path r : all) {
      if (!first.contains(r)) {
        assertThat(valid(r)).as(r.toString()).isTrue();
        String slotDir = r.getParent().getParent().toString();
        boolean hadOne =
            first.stream().anyMatch(f -> f.getParent().getParent().toString().equals(slotDir));
        assertThat(r.getFileName().toString()).isEqualTo(hadOne ? "repeat_2" : "repeat_1");
      }
    }
    verdictFiles(exp).forEach((k, v) -> assertThat(v).as(k).isEqualTo(verdicts.get(k)));
    assertThat(ChildCli.status(exp).counts().slots(SlotStatus.COMPLETE)).isEqualTo(complete);
    // the interrupted repeats' journals now say so
    for (Path r : first) {
      if (!valid(r) && Files.exists(r.resolve("attempts.json"))) {
        var attempts = Json.parse(Files.readAllBytes(r.resolve("attempts.json"))).get("attempts");
        assertThat(attempts.get(attempts.size() - 1).path("outcome").asText())
            .as(r.toString())
            .isEqualTo("interrupted");
      }
    }
    // analyze counts the valid repeats only
    Path out = tmp.resolve("analysis");
    assertThat(
            Main.run(
                new String[] {"analyze", exp.toString(), "--out", out.toString(), "--no-figures"},
                ChildCli.sink(),
                ChildCli.sink()))
        .isZero();
    int repeats = 0;
    List<List<String>> noise = DriftRunTest.csv(out.resolve("data/judge_noise.csv"));
    for (List<String> row : noise.subList(1, noise.size())) {
      repeats += Integer.parseInt(row.get(2));
    }
    long validCount =
        all.stream()
            .filter(
                r -> {
                  try {
                    return valid(r);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .count();
    assertThat(repeats).isEqualTo((int) validCount).isEqualTo(all.size() - interrupted);
  }
}
