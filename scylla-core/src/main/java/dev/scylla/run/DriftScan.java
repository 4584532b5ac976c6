package dev.scylla.run;

import dev.scylla.event.EventSink;
import dev.scylla.model.Fingerprint;
import dev.scylla.model.FingerprintRecord;
import dev.scylla.model.InputSet;
import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.SlotSnapshot;
import dev.scylla.status.Drift;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.FingerprintJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link Scanner} scan that also compares the fingerprints each run and judged slot records with
 * the experiment's current inputs ({@link Drift}). The fingerprints are read from what the scan
 * reads anyway (the run's attempt journal, the slots' {@code judgment.json}); only the current
 * inputs ({@code prompt.md}, {@code rubric.yaml}, the config, the catalogue copy) and {@code
 * .scylla/fingerprints.json} are read in addition.
 */
public final class DriftScan {
  private DriftScan() {}

  public static StatusReport scan(ExperimentStore store, Selection sel, EventSink events) {
    List<Drift.RunRecord> records = Collections.synchronizedList(new ArrayList<>());
    StatusReport r =
        Scanner.scan(store, sel, events, (snap, view) -> records.add(record(snap, view)));
    List<String> warnings = new ArrayList<>();
    InputSet current = Inputs.current(store, r.matrix(), warnings);
    FingerprintRecord file = record(store, warnings);
    return r.withDrift(
        Drift.compute(records, current, file, r.counts().totalRuns(), r.counts().totalSlots()),
        warnings);
  }

  /** The experiment's {@code .scylla/fingerprints.json}, or none (with a warning when corrupt). */
  static FingerprintRecord record(ExperimentStore store, List<String> warnings) {
    Loaded<FingerprintRecord> l = FingerprintJson.read(store.layout());
    if (l instanceof Loaded.Corrupt<FingerprintRecord> c) {
      warnings.add(".scylla/fingerprints.json is corrupt (" + c.reason() + "); it was not used");
    }
    return l.orNull() == null ? FingerprintRecord.NONE : l.orNull();
  }

  static Drift.RunRecord record(RunSnapshot snap, RunView view) {
    boolean made = view.status() == RunStatus.COMPLETED || view.status() == RunStatus.RESULTS;
    Fingerprint fp = null;
    RunJournal j = snap.journal().orNull();
    if (j != null && j.last() != null) {
      RunJournal.Attempt last = j.last();
      if (last.archivedTo() == null && last.outcome() == RunJournal.Outcome.FINISHED) {
        fp = last.fingerprint();
      }
    }
    List<Drift.SlotRecord> slots = new ArrayList<>();
    for (SlotSnapshot s : snap.slots()) {
      SlotView sv =
          view.slots().stream().filter(v -> v.slot() == s.slot()).findFirst().orElse(null);
      if (sv == null || sv.status() != SlotStatus.COMPLETE) {
        continue;
      }
      if (s.judgment() instanceof Loaded.Present<Judgment> p) {
        slots.add(new Drift.SlotRecord(s.slot(), FingerprintJson.in(p.value().raw())));
      }
    }
    return new Drift.RunRecord(snap.key(), made, fp, slots);
  }
}
