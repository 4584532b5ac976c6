package dev.scylla.service;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.RunSnapshot;
import dev.scylla.status.Classifier;
import dev.scylla.status.Counts;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every expected run of an experiment and classifies it. Only the small per-run views are
 * kept, so memory does not grow with the size of the files read.
 */
public final class Scanner {
  private Scanner() {}

  /** Receives each enumerated run as it is scanned: what was read and how it classified. */
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
    List<String> warnings = new ArrayList<>();
    RunMatrix matrix = store.matrix(warnings);
    Counts counts = new Counts();
    List<RunView> items = new ArrayList<>();
    List<RunKey> runs = matrix.runs();
    int done = 0;
    for (RunKey key : runs) {
      done++;
      if (!sel.enumerates(key)) {
        counts.skipRun(matrix.judgeCount());
        continue;
      }
      RunSnapshot snap = store.readRun(key, matrix);
      RunView view = Classifier.classify(snap);
      counts.add(view, sel);
      visitor.visit(snap, view);
      if (sel.listsRun(view.status())) {
        items.add(view);
      }
      if (done % 200 == 0 || done == runs.size()) {
        events.progress("scan", done, runs.size(), key.label());
      }
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

  /** Reads and classifies one run. */
  public static RunView classify(ExperimentStore store, RunMatrix matrix, RunKey key) {
    return Classifier.classify(store.readRun(key, matrix));
  }
}
