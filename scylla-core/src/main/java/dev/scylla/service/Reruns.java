package dev.scylla.service;

import dev.scylla.event.EventSink;
import dev.scylla.model.Pricing;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.run.OrchestrationReport;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.Ports;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunSettings;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentLock;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** rerun-agents and rerun-judges: classify, act on exactly what is selected, classify again. */
final class Reruns {
  private final EventSink events;
  private final java.util.function.BiFunction<
          ExperimentStore, java.nio.file.Path, Orchestrator.Wiring>
      wiring;
  private final RunSettings defaults;

  Reruns(
      EventSink events,
      java.util.function.BiFunction<ExperimentStore, java.nio.file.Path, Orchestrator.Wiring>
          wiring,
      RunSettings defaults) {
    this.events = events;
    this.wiring = wiring;
    this.defaults = defaults;
  }

  RerunReport agents(RerunAgentsRequest req, RunControl control) {
    ExperimentStore store = ExperimentStore.open(req.experimentDir());
    Selection sel = req.effectiveSelection();
    StatusReport before = Scanner.scan(store, sel, events);
    List<String> notes = new ArrayList<>();
    List<RunKey> agentRuns = new ArrayList<>();
    List<RunKey> rebuilds = new ArrayList<>();
    for (RunView v : before.items()) {
      if (v.status() == RunStatus.COMPLETED) {
        notes.add(
            v.key().label() + ": completed; nothing to rerun (rerun-judges re-judges its slots)");
      } else if (v.status() == RunStatus.RESULTS) {
        rebuilds.add(v.key());
      } else if (v.budgetSpent() && !req.retryExhausted()) {
        notes.add(
            v.key().label()
                + ": final failure, retry budget spent; add --retry-exhausted to try again");
      } else {
        agentRuns.add(v.key());
      }
    }
    Orchestrator.Wiring w =
        agentRuns.isEmpty() && rebuilds.isEmpty() ? null : wiring.apply(store, req.catalogueDir());
    String unavailable = agentRuns.isEmpty() ? null : w.workspace().unavailable(store);
    if (unavailable != null) {
      for (RunKey k : agentRuns) {
        notes.add(k.label() + ": agent cannot be rerun: " + unavailable);
      }
      agentRuns.clear();
    }
    RerunReport.Estimate estimate = estimateAgents(store, before.matrix(), agentRuns, rebuilds);
    List<RunKey> targets = new ArrayList<>(rebuilds);
    targets.addAll(agentRuns);
    targets.sort(null);
    if (req.dryRun()) {
      return new RerunReport(before, null, null, targets, estimate, notes, true);
    }
    OrchestrationReport work;
    try (ExperimentLock lock =
        ExperimentLock.acquire(store.layout(), "scylla rerun-agents", Duration.ZERO)) {
      RunSettings settings =
          defaults
              .withRetryExhausted(req.retryExhausted())
              .withMaxCost(req.maxCostUsd())
              .withWriteSummaries(!req.skipRegenerate());
      double perRun = agentRuns.isEmpty() ? 0.0 : estimate.usd() / Math.max(1, agentRuns.size());
      work =
          new Orchestrator(w, events, Clock.systemUTC())
              .execute(
                  store, before.matrix(), targets, req.concurrency(), settings, control, perRun);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StatusReport after =
        Scanner.scan(ExperimentStore.open(req.experimentDir()), sel, EventSink.NONE);
    return new RerunReport(before, after, work, targets, estimate, notes, false);
  }

  RerunReport judges(RerunJudgesRequest req, RunControl control) {
    ExperimentStore store = ExperimentStore.open(req.experimentDir());
    Selection sel = req.effectiveSelection();
    StatusReport before = Scanner.scan(store, sel, events);
    List<String> notes = new ArrayList<>();
    Map<RunKey, List<Integer>> targets = new LinkedHashMap<>();
    int calls = 0;
    for (RunView v : before.items()) {
      List<Integer> slots = new ArrayList<>();
      boolean agentFailedListed = false;
      for (SlotView s : v.slots()) {
        if (!sel.enumeratesSlot(s.slot())) {
          continue;
        }
        if (s.status() == SlotStatus.AGENT_FAILED) {
          agentFailedListed = true;
          continue;
        }
        if (sel.listsSlot(s.status())) {
          slots.add(s.slot());
        }
      }
      if (agentFailedListed) {
        notes.add(
            v.key().label()
                + ": agent did not finish (run is "
                + v.status().jsonName()
                + "); its slots are agent_failed: run rerun-agents first");
      }
      if (!slots.isEmpty()) {
        targets.put(v.key(), slots);
        calls += slots.size();
      }
    }
    double usd = 0;
    for (var e : targets.entrySet()) {
      for (int slot : e.getValue()) {
        usd +=
            Pricing.judgeCall(
                req.judgeModel() != null ? req.judgeModel() : before.matrix().judgeModel(slot));
      }
    }
    RerunReport.Estimate estimate =
        new RerunReport.Estimate(
            0, 0, calls, usd, "price table × a typical judge call (8,000 tokens in, 1,500 out)");
    List<RunKey> keys = new ArrayList<>(targets.keySet());
    if (req.dryRun()) {
      return new RerunReport(before, null, null, keys, estimate, notes, true);
    }
    if (keys.isEmpty()) {
      return nothingToDo(req.experimentDir(), sel, before, estimate, notes);
    }
    OrchestrationReport work;
    try (ExperimentLock lock =
        ExperimentLock.acquire(store.layout(), "scylla rerun-judges", Duration.ZERO)) {
      boolean again =
          req.retryExhausted()
              || sel.slotStatuses().contains(SlotStatus.FALLBACK)
              || sel.slotStatuses().contains(SlotStatus.COMPLETE);
      RunSettings settings = defaults.withWriteSummaries(!req.skipRegenerate());
      Orchestrator.Wiring w = wiring.apply(store, null);
      work =
          new Orchestrator(w, events, Clock.systemUTC())
              .judge(
                  store,
                  before.matrix(),
                  targets,
                  req.concurrency(),
                  settings,
                  control,
                  new Ports.SlotOptions(req.judgeModel(), again));
      if (!req.skipRegenerate() && work.count(dev.scylla.run.RunFinal.Kind.COMPLETED) > 0) {
        w.results().writeExperimentSummary(store);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StatusReport after =
        Scanner.scan(ExperimentStore.open(req.experimentDir()), sel, EventSink.NONE);
    return new RerunReport(before, after, work, keys, estimate, notes, false);
  }

  /** Nothing selected: no lock taken, nothing written; the after scan is still a fresh one. */
  private RerunReport nothingToDo(
      java.nio.file.Path dir,
      Selection sel,
      StatusReport before,
      RerunReport.Estimate estimate,
      List<String> notes) {
    StatusReport after = Scanner.scan(ExperimentStore.open(dir), sel, EventSink.NONE);
    OrchestrationReport none = new OrchestrationReport(List.of(), 0.0, Duration.ZERO, null);
    return new RerunReport(before, after, none, List.of(), estimate, notes, false);
  }

  /**
   * Agent runs at the mean cost of the completed runs of their subtest, or of the experiment, or at
   * the price table's typical run when nothing completed; plus one judge call per slot.
   */
  static RerunReport.Estimate estimateAgents(
      ExperimentStore store, RunMatrix matrix, List<RunKey> agentRuns, List<RunKey> rebuilds) {
    Map<String, double[]> bySubtest = new HashMap<>();
    double[] all = new double[2];
    for (RunKey k : matrix.runs()) {
      var rr = store.readRun(k, matrix).runResult().orNull();
      if (rr != null) {
        double[] acc = bySubtest.computeIfAbsent(k.tier() + "/" + k.subtest(), x -> new double[2]);
        acc[0] += rr.costUsd();
        acc[1]++;
        all[0] += rr.costUsd();
        all[1]++;
      }
    }
    double usd = 0;
    boolean fromPrices = false;
    for (RunKey k : agentRuns) {
      double[] acc = bySubtest.get(k.tier() + "/" + k.subtest());
      if (acc != null && acc[1] > 0) {
        usd += acc[0] / acc[1];
      } else if (all[1] > 0) {
        usd += all[0] / all[1];
      } else {
        usd += Pricing.agentRun(store.config().agentModel());
        fromPrices = true;
      }
      for (int s = 1; s <= matrix.judgeCount(); s++) {
        usd += Pricing.judgeCall(matrix.judgeModel(s));
      }
    }
    String basis =
        (fromPrices
                ? "price table × a typical run"
                : "mean agent cost of completed runs of the same subtest")
            + ", plus the price table × a typical judge call per slot";
    return new RerunReport.Estimate(
        agentRuns.size(), rebuilds.size(), agentRuns.size() * matrix.judgeCount(), usd, basis);
  }
}
