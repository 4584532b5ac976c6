package dev.scylla.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scylla.analysis.AnalysisParameters;
import dev.scylla.analysis.AnalysisRenderer;
import dev.scylla.analysis.AnalysisRenderers;
import dev.scylla.analysis.AnalyzeReport;
import dev.scylla.analysis.AnalyzeRequest;
import dev.scylla.analysis.Analyzer;
import dev.scylla.event.EventSink;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code analyze} benchmark, one measurement per JVM (run by {@code bench/analyze}):
 *
 * <pre>
 *   generate DIR RUNS [SEED]      write a synthetic experiment of about RUNS runs
 *   baseline DIR                  read and parse every JSON file and MODEL.md of it once
 *   analyze DIR OUT [--no-figures] the full analysis: data files, tables, figures
 * </pre>
 *
 * Each measuring mode prints one line {@code mode=... ms=... peak_heap_mb=... files=...}: wall time
 * of the work (JVM start excluded) and the peak of the heap pools' used memory.
 */
public final class AnalyzeBench {
  private AnalyzeBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: AnalyzeBench generate DIR RUNS [SEED] | baseline DIR | analyze DIR OUT"
              + " [--no-figures]");
      System.exit(2);
    }
    Path dir = Paths.get(args[1]);
    switch (args[0]) {
      case "generate" -> {
        int runs = Integer.parseInt(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        long t0 = System.nanoTime();
        AnalysisBenchExperiment.write(dir, runs, seed);
        System.out.printf("mode=generate ms=%d runs=%d%n", ms(t0), runs);
      }
      case "baseline" -> baseline(dir);
      case "analyze" -> analyze(dir, Paths.get(args[2]), List.of(args).contains("--no-figures"));
      default -> {
        System.err.println("unknown mode " + args[0]);
        System.exit(2);
      }
    }
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }

  /** Reads and parses every JSON file and MODEL.md under the experiment, once. */
  private static void baseline(Path dir) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    resetPeaks();
    long t0 = System.nanoTime();
    long files = 0;
    long bytes = 0;
    long nodes = 0;
    List<Path> all;
    try (Stream<Path> w = Files.walk(dir)) {
      all =
          w.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".json") || n.equals("MODEL.md");
                  })
              .sorted()
              .toList();
    }
    for (Path p : all) {
      byte[] b = Files.readAllBytes(p);
      bytes += b.length;
      files++;
      if (p.getFileName().toString().endsWith(".json")) {
        nodes += mapper.readTree(b).size();
      }
    }
    System.out.printf(
        "mode=baseline ms=%d peak_heap_mb=%d files=%d bytes=%d nodes=%d%n",
        ms(t0), peakHeapMb(), files, bytes, nodes);
  }

  private static void analyze(Path dir, Path out, boolean noFigures) {
    List<AnalysisRenderer> renderers = AnalysisRenderers.discover(noFigures);
    resetPeaks();
    long t0 = System.nanoTime();
    AnalyzeReport r =
        new Analyzer(EventSink.NONE)
            .run(
                new AnalyzeRequest(
                    List.of(dir), out, List.of(), renderers, AnalysisParameters.DEFAULTS));
    System.out.printf(
        "mode=analyze ms=%d peak_heap_mb=%d files=%d runs=%d renderers=%s failures=%d%n",
        ms(t0),
        peakHeapMb(),
        r.files().size(),
        r.analysis().data().runs().size(),
        renderers.stream().map(AnalysisRenderer::directory).toList(),
        r.renderFailures().size());
  }
}
