package dev.scylla.run;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.ScyllaException;
import dev.scylla.status.Classifier;
import dev.scylla.status.Counts;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads every expected run of an experiment and classifies it. Only the small per-run views are
 * kept, so memory does not grow with the size of the files read.
 */
public final class Scanner {
  private Scanner() {}

  /**
   * Receives each enumerated run as it is scanned: what was read and how it classified. Runs are
   * scanned by several threads: a visitor must be safe to call concurrently, and is not called in
   * run order.
   */
  @FunctionalInterface
  public interface Visitor {
    void visit(RunSnapshot snapshot, RunView view);
  }

  public static StatusReport scan(ExperimentStore store, Selection sel, EventSink events) {
    return scan(store, sel, events, (s, v) -> {});
  }

  /**
   * Scans like {@link #scan(ExperimentStore, Selection, EventSink)} and hands every enumerated run
   * to {@code visitor} right after classifying it, so a command that acts on runs reads each run
   * once.
   */
  public static StatusReport scan(
      ExperimentStore store, Selection sel, EventSink events, Visitor visitor) {
    return scan(store, sel, events, visitor, true);
  }

  /**
   * Scans, and keeps the per-run views in the report only when {@code listRuns}: a command that
   * needs only the counters (regenerate's before and after) keeps no memory per run.
   */
  public static StatusReport scan(
      ExperimentStore store, Selection sel, EventSink events, Visitor visitor, boolean listRuns) {
    List<String> warnings = new ArrayList<>();
    RunMatrix matrix = store.matrix(warnings);
    Counts counts = new Counts();
    List<RunView> items = new ArrayList<>();
    List<RunKey> runs = matrix.runs();
    List<RunKey> enumerated = new ArrayList<>();
    for (RunKey key : runs) {
      if (sel.enumerates(key)) {
        enumerated.add(key);
      } else {
        counts.skipRun(matrix.judgeCount());
      }
    }
    AtomicInteger done = new AtomicInteger(runs.size() - enumerated.size());
    List<List<RunKey>> blocks = new ArrayList<>();
    for (int i = 0; i < enumerated.size(); i += BLOCK) {
      blocks.add(enumerated.subList(i, Math.min(enumerated.size(), i + BLOCK)));
    }
    int threads = Math.min(threads(), blocks.size());
    List<List<RunView>> views = new ArrayList<>();
    if (threads <= 1) {
      for (List<RunKey> block : blocks) {
        views.add(scanBlock(store, matrix, block, visitor, events, done, runs.size()));
      }
    } else {
      // Runs are read in blocks by a few threads (reading is part IO wait, part parsing) and the
      // views are merged in run order, so the report is the same as a sequential scan's.
      ExecutorService pool = Executors.newFixedThreadPool(threads, daemons());
      try {
        List<Future<List<RunView>>> futures = new ArrayList<>();
        for (List<RunKey> block : blocks) {
          futures.add(
              pool.submit(
                  () -> scanBlock(store, matrix, block, visitor, events, done, runs.size())));
        }
        for (Future<List<RunView>> f : futures) {
          views.add(get(f));
        }
      } finally {
        pool.shutdownNow();
      }
    }
    for (List<RunView> block : views) {
      for (RunView view : block) {
        counts.add(view, sel);
        if (listRuns && sel.listsRun(view.status())) {
          items.add(view);
        }
      }
    }
    if (!runs.isEmpty()) {
      events.progress("scan", runs.size(), runs.size(), "");
    }
    return new StatusReport(
        store.root(),
        store.layout().kind().jsonName(),
        matrix,
        counts,
        items,
        store.unexpected(matrix),
        warnings);
  }

  /** Runs per unit of work of a parallel scan. */
  static final int BLOCK = 32;

  /** Threads of a scan: the cores, at least 2 (reading waits on IO), at most 4. */
  static int threads() {
    return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  private static List<RunView> scanBlock(
      ExperimentStore store,
      RunMatrix matrix,
      List<RunKey> block,
      Visitor visitor,
      EventSink events,
      AtomicInteger done,
      int total) {
    List<RunView> out = new ArrayList<>(block.size());
    for (RunKey key : block) {
      RunSnapshot snap = store.readRun(key, matrix);
      RunView view = Classifier.classify(snap);
      visitor.visit(snap, view);
      out.add(view);
      int d = done.incrementAndGet();
      if (d % 200 == 0) {
        events.progress("scan", d, total, key.label());
      }
    }
    return out;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScyllaException(ScyllaException.Kind.INTERRUPTED, "interrupted while scanning", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static ThreadFactory daemons() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "scan-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Reads and classifies one run. */
  public static RunView classify(ExperimentStore store, RunMatrix matrix, RunKey key) {
    return Classifier.classify(store.readRun(key, matrix));
  }
}
