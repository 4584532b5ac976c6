package dev.scylla.bench;

import dev.scylla.event.EventSink;
import dev.scylla.process.Captured;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.service.RegenerateReport;
import dev.scylla.service.RegenerateRequest;
import dev.scylla.service.Scylla;
import dev.scylla.service.StatusRequest;
import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import dev.scylla.store.CorruptFileException;
import dev.scylla.store.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whole-command benchmarks of {@code status} and {@code regenerate} on generated experiments of N
 * runs x 3 judges, each reported as a ratio to a floor measured in the same run on the same files:
 *
 * <ul>
 *   <li>status / (read and parse every JSON file status must read: per run the agent result,
 *       timing, command log, run result, consensus and each judgment);
 *   <li>regenerate / (read and parse every JSON file of the run trees once), with every {@code
 *       run_result.json}, {@code judge/result.json} and summary deleted before each regenerate;
 *   <li>peak live heap of each command at each size, measured in a fresh JVM by a full collection
 *       every 20 ms, to show memory does not grow with the run count.
 * </ul>
 *
 * Times are the best of {@code --iterations} interleaved runs (floor, command, floor, ...) after
 * two warm-ups, with a warm page cache; the medians are printed too. The best-of figure is the
 * robust one on a shared machine, where other work only ever adds time. Usage: {@code CommandBench
 * [--runs 500,2000] [--iterations 5] [--work DIR] [--shared DIR] [--no-heap] [--full-logs]}.
 */
public final class CommandBench {
  private CommandBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("--heap-child")) {
      heapChild(args[1], Paths.get(args[2]));
      return;
    }
    List<Integer> sizes = List.of(500, 2000);
    int iterations = 5;
    Path work = Paths.get(System.getProperty("java.io.tmpdir"), "scylla-bench");
    Path shared = detectShared();
    boolean heap = true;
    boolean fullLogs = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" ->
            sizes =
                Arrays.stream(args[++i].split(","))
                    .map(String::trim)
                    .map(Integer::valueOf)
                    .toList();
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--work" -> work = Paths.get(args[++i]);
        case "--shared" -> shared = Paths.get(args[++i]);
        case "--no-heap" -> heap = false;
        case "--full-logs" -> fullLogs = true;
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    RunTemplate template = RunTemplate.fromSharedOrBuiltIn(shared);
    System.out.printf(
        "template: %s%njava: %s %s, %d cores, max heap %d MiB%n%n",
        template.source(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    List<String> rows = new ArrayList<>();
    for (int n : sizes) {
      rows.add(measure(n, iterations, work, template, heap, fullLogs));
    }
    System.out.println();
    System.out.println(
        "| runs | status floor | status | ratio | regenerate floor | regenerate | ratio |"
            + " status peak live heap | regenerate peak live heap |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  private static String measure(
      int runs, int iterations, Path work, RunTemplate template, boolean heap, boolean fullLogs)
      throws Exception {
    Path dir = work.resolve("exp-" + runs);
    deleteTree(dir);
    long t0 = System.nanoTime();
    int made = new ExperimentGenerator(template, 42, fullLogs).writeTo(dir, runs);
    System.out.printf(
        "%d runs x %d judges generated in %s in %.1f s%n",
        made, template.judgments().size(), dir, (System.nanoTime() - t0) / 1e9);

    List<Path> statusFiles = statusFiles(dir);
    Scylla scylla = Scylla.ofProcess(EventSink.NONE);
    // status
    readAll(statusFiles);
    StatusReport check = scylla.status(new StatusRequest(dir, Selection.ALL));
    if (check.counts().runs(RunStatus.COMPLETED) != made) {
      throw new IllegalStateException(
          "generated runs are not all completed: " + check.counts().runMap());
    }
    for (int w = 0; w < 2; w++) {
      readAll(statusFiles);
      scylla.status(new StatusRequest(dir, Selection.ALL));
    }
    double[] floor = new double[iterations];
    double[] status = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long a = System.nanoTime();
      readAll(statusFiles);
      long b = System.nanoTime();
      scylla.status(new StatusRequest(dir, Selection.ALL));
      long c = System.nanoTime();
      floor[i] = (b - a) / 1e9;
      status[i] = (c - b) / 1e9;
    }
    // regenerate
    prepareRegenerate(dir);
    RegenerateReport first = regenerate(scylla, dir);
    if (!first.ok() || first.after().counts().runs(RunStatus.COMPLETED) != made) {
      throw new IllegalStateException("regenerate did not complete every run");
    }
    List<Path> treeFiles = runTreeJson(dir);
    readAll(treeFiles);
    prepareRegenerate(dir);
    regenerate(scylla, dir);
    double[] treeFloor = new double[iterations];
    double[] regen = new double[iterations];
    int written = 0;
    for (int i = 0; i < iterations; i++) {
      long a = System.nanoTime();
      readAll(treeFiles);
      treeFloor[i] = (System.nanoTime() - a) / 1e9;
      prepareRegenerate(dir);
      long b = System.nanoTime();
      RegenerateReport r = regenerate(scylla, dir);
      regen[i] = (System.nanoTime() - b) / 1e9;
      written = r.filesWritten();
    }
    double sf = min(floor);
    double st = min(status);
    double rf = min(treeFloor);
    double rt = min(regen);
    System.out.printf(
        Locale.ROOT,
        "  status: floor %.3f s (%d files), status %.3f s: %.2fx, best of %d"
            + " (medians %.3f s / %.3f s: %.2fx)%n",
        sf,
        statusFiles.size(),
        st,
        st / sf,
        iterations,
        median(floor),
        median(status),
        median(status) / median(floor));
    System.out.printf(
        Locale.ROOT,
        "  regenerate: floor %.3f s (%d files), regenerate %.3f s (%d files written): %.2fx,"
            + " best of %d (medians %.3f s / %.3f s: %.2fx)%n",
        rf,
        treeFiles.size(),
        rt,
        written,
        rt / rf,
        iterations,
        median(treeFloor),
        median(regen),
        median(regen) / median(treeFloor));
    String statusHeap = "-";
    String regenHeap = "-";
    if (heap) {
      statusHeap = childHeap("status", dir);
      regenHeap = childHeap("regenerate", dir);
      System.out.printf("  peak live heap: status %s, regenerate %s%n", statusHeap, regenHeap);
    }
    return String.format(
        Locale.ROOT,
        "| %d | %.3f s | %.3f s | %.2fx | %.3f s | %.3f s | %.2fx | %s | %s |",
        made,
        sf,
        st,
        st / sf,
        rf,
        rt,
        rt / rf,
        statusHeap,
        regenHeap);
  }

  private static RegenerateReport regenerate(Scylla scylla, Path dir) {
    return scylla.regenerate(
        new RegenerateRequest(dir, Selection.ALL, ConsensusPolicy.DEFAULT, false));
  }

  // ------------------------------------------------------------ files

  /** The JSON files status reads: config, checkpoint, and per run the six kinds of result file. */
  static List<Path> statusFiles(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(dir.resolve("config/experiment.json"));
    out.add(dir.resolve("checkpoint.json"));
    for (Path run : runDirs(dir)) {
      out.add(run.resolve("agent/result.json"));
      out.add(run.resolve("agent/timing.json"));
      out.add(run.resolve("agent/command_log.json"));
      out.add(run.resolve("run_result.json"));
      out.add(run.resolve("judge/result.json"));
      for (int j = 1; Files.isDirectory(run.resolve(String.format("judge/judge_%02d", j))); j++) {
        out.add(run.resolve(String.format("judge/judge_%02d/judgment.json", j)));
      }
    }
    return out;
  }

  /** Every JSON file of every run tree (backups excluded). */
  static List<Path> runTreeJson(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path run : runDirs(dir)) {
      try (Stream<Path> s = Files.walk(run)) {
        s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(out::add);
      }
    }
    return out;
  }

  static List<Path> runDirs(Path dir) {
    List<Path> out = new ArrayList<>();
    for (String t : ExperimentGenerator.TIERS) {
      try (Stream<Path> subs = Files.list(dir.resolve(t))) {
        for (Path sub : subs.filter(Files::isDirectory).sorted().toList()) {
          try (Stream<Path> runs = Files.list(sub)) {
            runs.filter(p -> p.getFileName().toString().startsWith("run_"))
                .sorted()
                .forEach(out::add);
          }
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Reads and parses every file; returns the bytes read. */
  static long readAll(List<Path> files) throws IOException {
    long bytes = 0;
    for (Path p : files) {
      byte[] b = Files.readAllBytes(p);
      try {
        bytes += b.length + Json.parse(b).size();
      } catch (CorruptFileException e) {
        throw new IOException(p + ": " + e.getMessage(), e);
      }
    }
    return bytes;
  }

  /** Deletes what regenerate derives: run results, consensus files, summaries, and backups. */
  static void prepareRegenerate(Path dir) throws IOException {
    List<Path> doomed = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile)
          .filter(
              p -> {
                String name = p.getFileName().toString();
                Path rel = dir.relativize(p);
                int depth = rel.getNameCount();
                return name.contains(".backup")
                    || name.equals("run_result.json")
                    || (name.equals("result.json")
                        && p.getParent().getFileName().toString().equals("judge"))
                    || (depth <= 3 && isSummary(name) && !rel.startsWith("config"));
              })
          .forEach(doomed::add);
    }
    for (Path p : doomed) {
      Files.delete(p);
    }
  }

  private static boolean isSummary(String name) {
    return List.of(
            "result.json",
            "report.json",
            "report.md",
            "summary.md",
            "best_subtest.json",
            "tier_comparison.json")
        .contains(name);
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static Path detectShared() {
    String prop = System.getProperty("scylla.shared.dir");
    if (prop != null) {
      return Paths.get(prop);
    }
    Path p = Paths.get("").toAbsolutePath();
    for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("fixtures"))) {
        return candidate;
      }
    }
    return null;
  }

  // ------------------------------------------------------------ heap

  /**
   * Runs one command in a fresh JVM (after one untimed run of it) and returns its peak live heap
   * above the JVM's before the command, sampled by a full collection every 20 ms.
   */
  private static String childHeap(String command, Path dir) throws IOException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        List.of(
            java.toString(),
            "-XX:+UseSerialGC",
            "-Xmx1g",
            "-cp",
            System.getProperty("java.class.path"),
            CommandBench.class.getName(),
            "--heap-child",
            command,
            dir.toString());
    Captured c =
        Captured.run(new LocalProcessLauncher(), cmd, null, Map.of(), Duration.ofMinutes(30));
    if (!c.ok()) {
      throw new IOException("heap measurement of " + command + " failed: " + c.stderr());
    }
    for (String line : c.stdout().split("\n")) {
      if (line.startsWith("peak_live_mib=")) {
        return line.substring("peak_live_mib=".length()).trim() + " MiB";
      }
    }
    throw new IOException("no heap figure from the child: " + c.stdout());
  }

  private static void heapChild(String command, Path dir) throws Exception {
    Scylla scylla = Scylla.ofProcess(EventSink.NONE);
    // one untimed run first, so classes, caches and static tables are not counted
    if (command.equals("regenerate")) {
      prepareRegenerate(dir);
      regenerate(scylla, dir);
      prepareRegenerate(dir);
    } else {
      scylla.status(new StatusRequest(dir, Selection.ALL));
    }
    long base = liveHeap();
    java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong(base);
    java.util.concurrent.atomic.AtomicBoolean running =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    if (command.equals("status")) {
      scylla.status(new StatusRequest(dir, Selection.ALL));
    } else {
      regenerate(scylla, dir);
    }
    running.set(false);
    sampler.join();
    System.out.printf(Locale.ROOT, "peak_live_mib=%.1f%n", (peak.get() - base) / 1048576.0);
  }

  /**
   * The heap in use right after a full collection, as that collection reports it (reading the pools
   * after it would also count the buffers other threads take as soon as they resume).
   */
  private static long liveHeap() {
    System.gc();
    long latest = -1;
    long used = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean g && g.getLastGcInfo() != null) {
        var info = g.getLastGcInfo();
        if (info.getEndTime() > latest) {
          latest = info.getEndTime();
          used = 0;
          for (var e : info.getMemoryUsageAfterGc().entrySet()) {
            if (heapPool(e.getKey())) {
              used += e.getValue().getUsed();
            }
          }
        }
      }
    }
    return used;
  }

  private static boolean heapPool(String name) {
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().equals(name)) {
        return pool.getType() == java.lang.management.MemoryType.HEAP;
      }
    }
    return false;
  }
}
