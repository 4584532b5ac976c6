package dev.scylla.status;

import dev.scylla.model.FingerprintRecord;
import dev.scylla.model.RunKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which runs and judge slots were made under inputs that differ from the experiment's current ones,
 * and what differs ({@link Drift}).
 *
 * @param changes one per input that differs, runs' inputs first, in the order of {@link
 *     dev.scylla.model.Fingerprint#RUN_PARTS} and {@link dev.scylla.model.Fingerprint#JUDGE_PARTS}
 * @param unrecordedRuns runs made (agent finished) that record no fingerprint of their own
 * @param unrecordedSlots judged slots that record no fingerprint of their own
 * @param firstSeenAt when scylla first recorded the experiment's inputs (the fingerprint of the
 *     unrecorded ones), or null when no acting command has seen it yet (they are compared as if
 *     made under the current inputs)
 * @param inputsSha256 the current inputs as one hash (what {@code --accept-drift} records)
 * @param accepted the acceptance of exactly the current inputs, or null
 * @param staleRuns runs whose own inputs differ
 * @param staleSlots run → its slots judged under another rubric, template, model or backend
 */
public record DriftReport(
    List<Change> changes,
    int unrecordedRuns,
    int unrecordedSlots,
    String firstSeenAt,
    String inputsSha256,
    FingerprintRecord.Acceptance accepted,
    List<RunKey> staleRuns,
    Map<RunKey, List<Integer>> staleSlots) {

  public DriftReport {
    changes = List.copyOf(changes);
    staleRuns = List.copyOf(staleRuns);
    staleSlots = Map.copyOf(staleSlots);
  }

  /**
   * One input that differs.
   *
   * @param part the fingerprint part ({@code rubric}, {@code task_prompt}, ...)
   * @param judge whether it is a judge slot's input (else a run's)
   * @param affected the runs or slots made under another value of it
   * @param total the runs or slots of the experiment (as enumerated)
   * @param items the runs ({@code T0/00/run_01}) or slots ({@code T0/00/run_01 judge_02}) affected
   * @param was the recorded values, when readable (a model id), else null
   * @param now the current values, when readable, else null
   */
  public record Change(
      String part,
      boolean judge,
      int affected,
      int total,
      List<String> items,
      String was,
      String now) {
    public Change {
      items = List.copyOf(items);
    }

    /** {@code rubric.yaml changed after 8 of 24 slots were judged}. */
    public String describe() {
      String what = dev.scylla.model.Fingerprint.describe(part);
      String values = was != null && now != null ? " (" + was + " → " + now + ")" : "";
      return what
          + values
          + " changed after "
          + affected
          + " of "
          + total
          + (judge
              ? " slot" + (total == 1 ? " was" : "s were") + " judged"
              : " run" + (total == 1 ? " was" : "s were") + " made");
    }
  }

  public boolean hasDrift() {
    return !changes.isEmpty();
  }

  /** Slots that {@code rerun-judges --stale} would re-judge. */
  public int staleSlotCount() {
    return staleSlots.values().stream().mapToInt(List::size).sum();
  }

  /** Each change in one line. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    changes.forEach(c -> out.add(c.describe()));
    return out;
  }

  /** What is said about runs and slots that record no fingerprint, or null when all do. */
  public String unrecordedNote() {
    if (unrecordedRuns == 0 && unrecordedSlots == 0) {
      return null;
    }
    return unrecordedRuns
        + " run(s) and "
        + unrecordedSlots
        + " judged slot(s) record no fingerprint (made before scylla recorded them); "
        + (firstSeenAt == null
            ? "taken as of first sight: no acting command has seen this experiment yet, so they"
                + " count as made under the current inputs"
            : "taken as of first sight, the inputs scylla recorded at " + firstSeenAt);
  }
}
