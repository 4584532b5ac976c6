package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.service.Scylla;
import dev.scylla.service.StatusRequest;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CLI in a child JVM (so it can be killed with SIGKILL) with the simulator's settings in its
 * environment, and what the kill-and-resume tests compare afterwards.
 */
final class ChildCli {
  private final Path logs;
  private final List<String> env;

  /**
   * @param logs where each child's output goes
   * @param env {@code NAME=value} settings for the simulator
   */
  ChildCli(Path logs, List<String> env) {
    this.logs = logs;
    this.env = List.copyOf(env);
  }

  /** The simulator's settings of the kill tests: agents take 600 ms, judges 100 ms. */
  static List<String> simulator(long seed) {
    return List.of(
        "SCYLLA_SIM_AGENT_LATENCY_MS=600",
        "SCYLLA_SIM_JUDGE_LATENCY_MS=100",
        "SCYLLA_SIM_SEED=" + seed);
  }

  /**
   * {@code scylla run} of one run of the demo kit (T0/00, run 1, one judge: claude-sonnet-4-6,
   * concurrency 1) into {@code results}, then {@code extra} options.
   */
  static List<String> oneRunArgs(
      dev.scylla.workspace.DemoKit.Materialized kit, Path results, String... extra) {
    return runArgs(kit, results, 1, "claude-sonnet-4-6", 1, extra);
  }

  /**
   * {@code scylla run} of the demo kit's T0/00 with {@code runs} runs, the judges {@code
   * judgeModels} (comma-separated) and {@code concurrency} into {@code results}, then {@code extra}
   * options.
   */
  static List<String> runArgs(
      dev.scylla.workspace.DemoKit.Materialized kit,
      Path results,
      int runs,
      String judgeModels,
      int concurrency,
      String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                kit.testDir().toString(),
                "--catalogue",
                kit.catalogueDir().toString(),
                "--tiers",
                "T0",
                "--subtests",
                "00",
                "--runs",
                Integer.toString(runs),
                "--judge-models",
                judgeModels,
                "--results-dir",
                results.toString(),
                "--concurrency",
                Integer.toString(concurrency),
                "--progress",
                "never"));
    args.addAll(List.of(extra));
    return args;
  }

  /** The attempts of a run's agent journal. */
  static com.fasterxml.jackson.databind.JsonNode journalAttempts(Path exp, String run)
      throws Exception {
    return dev.scylla.store.Json.parse(
            Files.readAllBytes(exp.resolve(".scylla/journal/" + run + ".json")))
        .get("attempts");
  }

  /**
   * {@code scylla run} of the demo kit with the simulator: 2 tiers × 2 subtests × {@code runs} runs
   * × 3 judges at concurrency 4 into {@code results}.
   */
  static List<String> runArgs(
      dev.scylla.workspace.DemoKit.Materialized kit, Path results, int runs) {
    return List.of(
        "run",
        kit.testDir().toString(),
        "--catalogue",
        kit.catalogueDir().toString(),
        "--simulator",
        "--runs",
        Integer.toString(runs),
        "--judge-models",
        "claude-opus-4-6,claude-sonnet-4-6,claude-haiku-4-5",
        "--results-dir",
        results.toString(),
        "--concurrency",
        "4",
        "--progress",
        "never");
  }

  Process launch(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.scylla.cli.Main");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    for (String kv : env) {
      String[] p = kv.split("=", 2);
      pb.environment().put(p[0], p[1]);
    }
    lastOutput = logs.resolve("child-" + System.nanoTime() + ".out");
    pb.redirectOutput(lastOutput.toFile());
    pb.redirectErrorStream(true);
    return pb.start();
  }

  private Path lastOutput;

  /** What the last launched child printed (stdout and stderr), so far. */
  String lastOutput() throws IOException {
    return lastOutput == null ? "" : Files.readString(lastOutput);
  }

  /** The experiment's files, relative, without archives, bookkeeping, backups and the clone. */
  static Set<String> files(Path exp) throws IOException {
    try (Stream<Path> s = Files.walk(exp)) {
      return s.filter(Files::isRegularFile)
          .map(f -> exp.relativize(f).toString())
          .filter(
              r -> !r.contains(".failed/") && !r.startsWith(".scylla/") && !r.startsWith("repo/"))
          .filter(r -> !r.contains(".backup") && !r.contains("/.archive/"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The one experiment directory a results directory holds. */
  static Path single(Path results) throws IOException {
    try (Stream<Path> s = Files.list(results)) {
      List<Path> dirs =
          s.filter(Files::isDirectory)
              .filter(d -> !d.getFileName().toString().startsWith("."))
              .toList();
      assertThat(dirs).hasSize(1);
      return dirs.get(0);
    }
  }

  static StatusReport status(Path exp) {
    return new Scylla(EventSink.NONE).status(new StatusRequest(exp, Selection.ALL));
  }

  static PrintWriter sink() {
    return new PrintWriter(new StringWriter(), true);
  }

  /** A verdict giving every item of the demo test's rubric its full points. */
  static String fullMarks(Path testDir) {
    dev.scylla.model.Rubric rubric =
        dev.scylla.store.RubricYaml.load(testDir.resolve("expected/rubric.yaml")).orNull();
    assertThat(rubric).as("the demo test's rubric").isNotNull();
    com.fasterxml.jackson.databind.node.ObjectNode o = dev.scylla.store.Json.object();
    o.put("score", 1.0);
    o.put("passed", true);
    o.put("grade", "S");
    o.put("reasoning", "hello.py exists and prints the greeting.");
    var cats = o.putObject("categories");
    for (dev.scylla.model.Rubric.Category c : rubric.categories()) {
      var cat = cats.putObject(c.name());
      cat.put("achieved", c.maxPoints());
      cat.put("max", c.maxPoints());
      cat.put("score", 1.0);
      var items = cat.putObject("items");
      for (dev.scylla.model.Rubric.Item i : c.items()) {
        var it = items.putObject(i.id());
        it.put("achieved", i.points());
        it.put("max", i.points());
        it.put("reason", "met");
      }
    }
    return o.toString();
  }
}
