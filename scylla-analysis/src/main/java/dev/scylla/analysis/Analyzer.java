package dev.scylla.analysis;

import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The entry point of {@code scylla analyze}: read experiments, derive the reference's tables and
 * our denominators, compute the statistics, write {@code DIR/data/}, then let each renderer
 * (tables, figures) write its own sub-directory. The library never prints; progress goes to the
 * event sink.
 */
public final class Analyzer {
  private final EventSink events;

  public Analyzer(EventSink events) {
    this.events = events;
  }

  /** Reads and derives everything, writing nothing. */
  public Analysis analyze(List<Path> inputs, List<String> excludes, AnalysisParameters p) {
    Exclusions ex = Exclusions.parse(excludes);
    return derived(ExperimentReader.read(inputs, ex, p.pipeline(), events), p);
  }

  /**
   * Reads a data directory with the reference's discovery rules ({@link
   * ExperimentReader#readDataDir}) and derives everything, writing nothing.
   */
  public Analysis analyzeDataDir(Path dataDir, List<String> excludes, AnalysisParameters p) {
    Exclusions ex = Exclusions.parse(excludes);
    return derived(ExperimentReader.readDataDir(dataDir, ex, p.pipeline(), events), p);
  }

  private Analysis derived(Dataset data, AnalysisParameters p) {
    for (String w : data.warnings()) {
      events.warn(w);
    }
    return derive(data, p, events);
  }

  /** Everything derived from a dataset: subtests, summary, denominators, retries, statistics. */
  public static Analysis derive(Dataset data, AnalysisParameters p, EventSink events) {
    List<SubtestRow> subtests = Derivations.subtests(data.runs());
    Summary summary = Derivations.summary(data, subtests);
    events.progress("stats", 0, 1, "bootstrap intervals and tests");
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        threads > 1
            ? Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "scylla-stats");
                  t.setDaemon(true);
                  return t;
                })
            : null;
    try {
      StatisticalResults stats = StatisticsBuilder.compute(data, p, pool);
      List<PassRateRow> passRates = Denominators.passRates(data.outcomes(), p);
      List<RetryRow> retries = Denominators.retries(data.outcomes());
      events.progress("stats", 1, 1, "done");
      return new Analysis(data, subtests, summary, passRates, retries, stats, p);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Analyses and writes {@code out/data/}, then runs each renderer into {@code out/<directory>/}. A
   * renderer that fails is reported in {@link AnalyzeReport#renderFailures()} and does not stop the
   * others; the data files are written first in any case.
   */
  public AnalyzeReport run(AnalyzeRequest request) {
    Path out = request.out();
    checkOutput(out, request.sources());
    Analysis analysis =
        request.dataDir() != null
            ? analyzeDataDir(request.dataDir(), request.excludes(), request.parameters())
            : analyze(request.inputs(), request.excludes(), request.parameters());
    List<String> files = new ArrayList<>();
    Path data = out.resolve("data");
    try {
      for (String name : DataFiles.write(analysis, data)) {
        files.add("data/" + name);
      }
    } catch (IOException e) {
      throw new ScyllaException(
          ScyllaException.Kind.FAILED,
          data + ": cannot write the data files: " + e.getMessage(),
          e);
    }
    events.info("wrote " + files.size() + " data files to " + data);
    List<String> failures = new ArrayList<>();
    for (AnalysisRenderer r : request.renderers()) {
      Path dir = out.resolve(r.directory());
      try {
        Files.createDirectories(dir);
        List<Path> written = r.render(analysis, dir, events);
        for (Path p : written) {
          Path rel = out.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
          files.add(rel.toString().replace('\\', '/'));
        }
        events.info("wrote " + written.size() + " files to " + dir);
      } catch (IOException | RuntimeException e) {
        String msg =
            r.directory() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
        failures.add(msg);
        events.error(msg);
      }
    }
    return new AnalyzeReport(analysis, out, files, failures);
  }

  /** The output directory must not be a file, nor inside an experiment being read. */
  private static void checkOutput(Path out, List<Path> inputs) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw ScyllaException.badInput(out + ": --out exists and is not a directory");
    }
    Path o = out.toAbsolutePath().normalize();
    for (Path in : inputs) {
      Path i = in.toAbsolutePath().normalize();
      if (dev.scylla.store.ExperimentLayout.isExperiment(i) && o.startsWith(i)) {
        throw ScyllaException.badInput(
            out + ": --out is inside the experiment " + in + "; choose a directory outside it");
      }
    }
  }
}
