package dev.scylla.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.results.RunPlan;
import dev.scylla.results.RunRegenerator;
import dev.scylla.results.RunSummary;
import dev.scylla.results.SummaryJson;
import dev.scylla.results.SummaryRebuilder;
import dev.scylla.results.WrittenFile;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code regenerate}: a fresh scan, the rebuild of every selected run (agent result, consensus, run
 * result), the summaries of every subtest, tier and the experiment, then a fresh scan again for the
 * before and after counts. A run that cannot be rebuilt is reported and left as it was; it never
 * stops the others.
 */
final class Regeneration {
  private Regeneration() {}

  static RegenerateReport run(RegenerateRequest req, EventSink events, Clock clock) {
    ExperimentStore store = ExperimentStore.open(req.experimentDir());
    Selection sel = req.selection();
    List<String> matrixWarnings = new ArrayList<>();
    RunMatrix matrix = store.matrix(matrixWarnings);
    RunRegenerator regen = new RunRegenerator(store, matrix, req.policy());
    SummaryRebuilder summaries =
        new SummaryRebuilder(store, matrix, req.policy(), clock, req.dryRun());

    Map<String, Map<String, List<RunSummary>>> counted = new LinkedHashMap<>();
    matrix
        .subtests()
        .forEach(
            (t, subs) -> {
              Map<String, List<RunSummary>> m = new LinkedHashMap<>();
              subs.forEach(s -> m.put(s, new ArrayList<>()));
              counted.put(t, m);
            });
    Map<RunKey, ObjectNode> pending = new HashMap<>();
    Set<String> scope = new HashSet<>();
    List<RunOutcome> outcomes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int[] unchanged = {0};
    int[] notSelected = {0};
    int total = matrix.runs().size();

    // The "before" scan reads every selected run once; each run is rebuilt right after it is
    // classified, from the same snapshot.
    StatusReport before =
        Scanner.scan(
            store,
            sel,
            EventSink.NONE,
            (snap, view) -> {
              RunKey key = snap.key();
              RunSummary summary;
              if (!sel.listsRun(view.status())) {
                notSelected[0]++;
                summary = regen.summaryAsIs(key);
              } else {
                scope.add(key.tier() + "/" + key.subtest());
                RunPlan plan = regen.plan(snap);
                summary = plan.summary();
                List<WrittenFile> files = new ArrayList<>();
                RunPlan.Outcome outcome = plan.outcome();
                String reason = plan.reason();
                if (req.dryRun()) {
                  plan.writes()
                      .forEach(
                          w ->
                              files.add(
                                  new WrittenFile(
                                      w.file(), w.label(), w.replaces(), null, w.reason())));
                  if (plan.runResult() != null) {
                    pending.put(key, plan.runResult());
                  }
                } else {
                  try {
                    files.addAll(RunRegenerator.apply(plan));
                  } catch (IOException e) {
                    outcome = RunPlan.Outcome.FAILED;
                    reason = "writing failed: " + e.getMessage();
                    summary = regen.summaryAsIs(key);
                  }
                }
                if (outcome == RunPlan.Outcome.UNCHANGED) {
                  unchanged[0]++;
                } else {
                  outcomes.add(
                      new RunOutcome(key, plan.location(), plan.before(), outcome, reason, files));
                  if (outcome == RunPlan.Outcome.FAILED) {
                    events.warn(key.label() + ": left as it was: " + reason);
                  }
                }
              }
              if (summary != null) {
                counted.get(key.tier()).get(key.subtest()).add(summary);
              }
              int done = unchanged[0] + notSelected[0] + outcomes.size();
              if (done % 100 == 0) {
                events.progress("regenerate", done, total, key.label());
              }
            });
    // Runs outside the tier/subtest/run filters still count in the summaries, as they are.
    for (RunKey key : matrix.runs()) {
      if (!sel.enumerates(key)) {
        notSelected[0]++;
        RunSummary s = regen.summaryAsIs(key);
        if (s != null) {
          counted.get(key.tier()).get(key.subtest()).add(s);
        }
      }
    }
    events.progress("regenerate", total, total, "summaries");

    try {
      SummaryJson.RunSource source =
          req.dryRun() ? summaries.overlay(pending) : summaries.diskRuns();
      summaries.rewrite(counted, scope::contains, source);
    } catch (IOException | RuntimeException e) {
      errors.add("summaries: " + e.getMessage());
      events.error("writing the summaries failed: " + e.getMessage());
    }

    StatusReport after =
        req.dryRun()
            ? null
            : Scanner.scan(ExperimentStore.open(req.experimentDir()), sel, EventSink.NONE);
    return new RegenerateReport(
        store.root(),
        req.dryRun(),
        req.policy(),
        before,
        after,
        outcomes,
        unchanged[0],
        notSelected[0],
        summaries.written(),
        summaries.unchanged(),
        errors);
  }
}
