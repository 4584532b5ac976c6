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
 */
public record StatusReport(
    Path experimentDir,
    String layout,
    RunMatrix matrix,
    Counts counts,
    List<RunView> items,
    List<Unexpected> unexpected,
    List<String> warnings) {

  public StatusReport {
    items = List.copyOf(items);
    unexpected = List.copyOf(unexpected);
    warnings = List.copyOf(warnings);
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
