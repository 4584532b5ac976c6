package dev.scylla.viewer;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.Tiers;
import dev.scylla.model.Unexpected;
import dev.scylla.run.Scanner;
import dev.scylla.status.Classifier;
import dev.scylla.status.Counts;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentLayout;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One served experiment: its store and an in-memory index of its runs, classified by the code
 * {@code scylla status} uses ({@link Scanner} for the whole experiment, {@link Classifier} for a
 * run whose files changed). Only reads.
 */
final class ServedExperiment {
  private final int id;
  private final Path dir;
  private final Path realRoot;
  private volatile ExperimentStore store;
  private volatile RunMatrix matrix;
  private volatile List<RunKey> keys = List.of();
  private volatile Map<RunKey, Integer> positions = Map.of();
  private volatile RunRow[] rows = new RunRow[0];
  private volatile List<Unexpected> unexpected = List.of();
  private volatile List<String> warnings = List.of();
  private volatile long scannedAtMillis;

  ServedExperiment(int id, Path dir) {
    this.id = id;
    this.store = ExperimentStore.open(dir);
    this.dir = store.root();
    try {
      this.realRoot = dir.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    scanAll();
  }

  int id() {
    return id;
  }

  /** The experiment directory as given (absolute, normalised). */
  Path dir() {
    return dir;
  }

  /** The experiment directory with every symlink resolved: what served files must lie under. */
  Path realRoot() {
    return realRoot;
  }

  String name() {
    String configured = store.config() == null ? null : store.config().experimentId();
    String base = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    return configured == null || configured.isBlank() ? base : configured + " (" + base + ")";
  }

  ExperimentLayout layout() {
    return store.layout();
  }

  ExperimentStore store() {
    return store;
  }

  RunMatrix matrix() {
    return matrix;
  }

  List<Unexpected> unexpected() {
    return unexpected;
  }

  List<String> warnings() {
    return warnings;
  }

  /** Re-opens the store (config and plan may have changed) and classifies every run again. */
  synchronized void scanAll() {
    long startedAt = System.currentTimeMillis();
    ExperimentStore s = ExperimentStore.open(dir);
    Map<RunKey, RunRow> found = new ConcurrentHashMap<>();
    StatusReport report =
        Scanner.scan(
            s,
            Selection.ALL,
            EventSink.NONE,
            (snap, view) -> found.put(snap.key(), RunRow.of(snap, view, s.runDir(snap.key()))),
            false);
    List<RunKey> ks = report.matrix().runs();
    Map<RunKey, Integer> pos = new HashMap<>();
    RunRow[] rs = new RunRow[ks.size()];
    for (int i = 0; i < ks.size(); i++) {
      pos.put(ks.get(i), i);
      rs[i] = found.get(ks.get(i));
    }
    store = s;
    matrix = report.matrix();
    keys = List.copyOf(ks);
    positions = Map.copyOf(pos);
    rows = rs;
    unexpected = report.unexpected();
    warnings = report.warnings();
    scannedAtMillis = startedAt;
  }

  /** When the last full read of the experiment started (epoch milliseconds). */
  long scannedAtMillis() {
    return scannedAtMillis;
  }

  /** Reads and classifies one run again; returns its new row, or null when it is not expected. */
  synchronized RunRow refresh(RunKey key) {
    Integer at = positions.get(key);
    if (at == null) {
      return null;
    }
    ExperimentStore s = store;
    RunSnapshot snap = s.readRun(key, matrix);
    RunView view = Classifier.classify(snap);
    RunRow row = RunRow.of(snap, view, s.runDir(key));
    RunRow[] copy = rows.clone();
    copy[at] = row;
    rows = copy;
    return row;
  }

  /** Every expected run in tier, subtest, run order. */
  List<RunRow> rows() {
    return List.of(rows);
  }

  RunRow row(RunKey key) {
    Integer at = positions.get(key);
    return at == null ? null : rows[at];
  }

  /** The counters {@code scylla status} prints, over every run. */
  Counts counts() {
    Counts c = new Counts();
    for (RunRow r : rows) {
      c.add(r.view(), Selection.ALL);
    }
    return c;
  }

  /**
   * Which run a changed path (relative to the experiment, forward slashes) belongs to: a run
   * directory in either layout, an archive under the subtest's {@code .failed/}, or the run's
   * attempt journal. Null when the path belongs to no expected run.
   */
  RunKey runOf(String rel) {
    String[] p = rel.split("/");
    int i = 0;
    if (p.length > 0
        && (p[0].equals(ExperimentLayout.COMPLETED) || p[0].equals(ExperimentLayout.IN_PROGRESS))) {
      i = 1;
    } else if (p.length > 1 && p[0].equals(".scylla") && p[1].equals("journal")) {
      i = 2;
    }
    if (p.length < i + 3) {
      return null;
    }
    String tier = p[i];
    String subtest = p[i + 1];
    String name = p[i + 2];
    if (name.equals(ExperimentLayout.FAILED_DIR)) {
      if (p.length < i + 4) {
        return null;
      }
      name = p[i + 3];
    }
    int run = runNumber(name);
    if (run < 1) {
      return null;
    }
    RunKey key = new RunKey(tier, subtest, run);
    return positions.containsKey(key) ? key : null;
  }

  private static int runNumber(String name) {
    if (!name.startsWith("run_")) {
      return -1;
    }
    int end = 4;
    while (end < name.length() && Character.isDigit(name.charAt(end))) {
      end++;
    }
    if (end == 4 || end - 4 > 6) {
      return -1;
    }
    return Integer.parseInt(name.substring(4, end));
  }

  /** Whether a change to this relative path may change the expected matrix itself. */
  static boolean changesMatrix(String rel) {
    return rel.equals("plan.json") || rel.equals("config/experiment.json") || rel.equals("config");
  }

  /** Runs in matrix order whose tier and subtest are given. */
  List<RunRow> cell(String tier, String subtest) {
    List<RunRow> out = new ArrayList<>();
    for (RunRow r : rows) {
      if (r.key().tier().equals(tier) && r.key().subtest().equals(subtest)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The run directory name of run {@code n}. */
  static String runDirName(int n) {
    return Tiers.runDirName(n);
  }

  /** Classifies a snapshot read for a run page and keeps the index in step with it. */
  RunView refreshedView(RunKey key, RunSnapshot snap) {
    return Classifier.classify(snap);
  }
}
