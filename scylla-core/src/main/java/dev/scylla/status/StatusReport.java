package dev.scylla.status;

import dev.scylla.model.RunMatrix;
import dev.scylla.model.Unexpected;
import java.nio.file.Path;
import java.util.List;

/**
 * The classification of an experiment: counters over every enumerated run, the runs the selection
 * lists, and what was found on disk that the experiment does not expect.
 *
 * @param items the runs whose status the selection lists (all of them without a status filter)
 * @param warnings problems that did not stop the scan (corrupt plan or checkpoint, ...)
 * @param drift runs and slots made under inputs that differ from the current ones, or null when the
 *     scan did not compare fingerprints
 */
public record StatusReport(
    Path experimentDir,
    String layout,
    RunMatrix matrix,
    Counts counts,
    List<RunView> items,
    List<Unexpected> unexpected,
    List<String> warnings,
    DriftReport drift) {

  public StatusReport {
    items = List.copyOf(items);
    unexpected = List.copyOf(unexpected);
    warnings = List.copyOf(warnings);
  }

  /** A report without a drift comparison. */
  public StatusReport(
      Path experimentDir,
      String layout,
      RunMatrix matrix,
      Counts counts,
      List<RunView> items,
      List<Unexpected> unexpected,
      List<String> warnings) {
    this(experimentDir, layout, matrix, counts, items, unexpected, warnings, null);
  }

  /** This report with a drift comparison, and the warnings making it raised. */
  public StatusReport withDrift(DriftReport d, List<String> moreWarnings) {
    List<String> w = new java.util.ArrayList<>(warnings);
    w.addAll(moreWarnings);
    return new StatusReport(experimentDir, layout, matrix, counts, items, unexpected, w, d);
  }

  /**
   * Whether every enumerated run is completed and every enumerated slot complete, fallback or not
   * judged.
   */
  public boolean allDone() {
    return counts.runs(RunStatus.COMPLETED) == counts.totalRuns()
        && counts.slots(SlotStatus.COMPLETE)
                + counts.slots(SlotStatus.FALLBACK)
                + counts.slots(SlotStatus.NOT_JUDGED)
            == counts.totalSlots();
  }
}
