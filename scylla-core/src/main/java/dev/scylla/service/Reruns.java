package dev.scylla.service;

import dev.scylla.event.EventSink;
import dev.scylla.model.Pricing;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.ScyllaException;
import dev.scylla.run.CostEstimate;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.Ports;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunSettings;
import dev.scylla.run.Session;
import dev.scylla.run.Work;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentStore;
import java.time.Clock;
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
  private final Clock clock;

  Reruns(
      EventSink events,
      java.util.function.BiFunction<ExperimentStore, java.nio.file.Path, Orchestrator.Wiring>
          wiring,
      RunSettings defaults,
      Clock clock) {
    this.clock = clock;
    this.events = events;
    this.wiring = wiring;
    this.defaults = defaults;
  }

  private Session session(java.nio.file.Path catalogue) {
    return Session.local(events, store -> wiring.apply(store, catalogue), clock);
  }

  private static RerunReport report(Session.Report r) {
    return new RerunReport(
        r.before(),
        r.after(),
        r.work(),
        r.plan().targets(),
        r.plan().estimate(),
        r.plan().notes(),
        r.dryRun());
  }

  RerunReport agents(RerunAgentsRequest req, RunControl control) {
    RunSettings settings =
        defaults
            .withRetryExhausted(req.retryExhausted())
            .withMaxCost(req.maxCostUsd())
            .withWriteSummaries(!req.skipRegenerate());
    Session.Request sr =
        new Session.Request(
            req.experimentDir(),
            "scylla rerun-agents",
            req.effectiveSelection(),
            req.dryRun(),
            req.concurrency(),
            settings,
            control);
    return report(
        session(req.catalogueDir())
            .run(sr, (store, before, ports) -> selectAgents(req, store, before, ports)));
  }

  /**
   * Completed runs are left alone, results runs rebuilt, the others run again (budget allowing).
   */
  private static Session.Plan selectAgents(
      RerunAgentsRequest req,
      ExperimentStore store,
      StatusReport before,
      java.util.function.Supplier<Orchestrator.Wiring> ports) {
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
    String unavailable = agentRuns.isEmpty() ? null : ports.get().workspace().unavailable(store);
    if (unavailable != null) {
      for (RunKey k : agentRuns) {
        notes.add(k.label() + ": agent cannot be rerun: " + unavailable);
      }
      agentRuns.clear();
    }
    CostEstimate estimate = estimateAgents(store, before.matrix(), agentRuns, rebuilds);
    List<RunKey> targets = new ArrayList<>(rebuilds);
    targets.addAll(agentRuns);
    targets.sort(null);
    double perRun = agentRuns.isEmpty() ? 0.0 : estimate.usd() / Math.max(1, agentRuns.size());
    return Session.Plan.of(targets.stream().map(Work::drive).toList(), estimate, perRun, notes);
  }

  RerunReport judges(RerunJudgesRequest req, RunControl control) {
    Session.Request sr =
        new Session.Request(
            req.experimentDir(),
            "scylla rerun-judges",
            req.effectiveSelection(),
            req.dryRun(),
            req.concurrency(),
            defaults
                // repeats change nothing a summary is made of
                .withWriteSummaries(!req.skipRegenerate() && req.repeats() == 0)
                .withDrift(RunSettings.DriftPolicy.IGNORE),
            control);
    return report(session(null).run(sr, (store, before, ports) -> selectJudges(req, before)));
  }

  /** The listed slots of runs whose agent finished; agent_failed slots are left, with a note. */
  private static Session.Plan selectJudges(RerunJudgesRequest req, StatusReport before) {
    Selection sel = req.effectiveSelection();
    int judges = before.matrix().judgeCount();
    if (req.stale()) {
      checkSlots(req, sel, judges);
      return selectStale(req, sel, before);
    }
    checkSlots(req, sel, judges);
    if (req.repeats() > 0) {
      return selectRepeats(req, sel, before);
    }
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
        if (s.status() == SlotStatus.NOT_JUDGED) {
          // the experiment's rule, not a state to repair: judging it would change nothing
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
    CostEstimate estimate =
        new CostEstimate(
            0, 0, calls, usd, "price table × a typical judge call (8,000 tokens in, 1,500 out)");
    boolean again =
        req.retryExhausted()
            || sel.slotStatuses().contains(SlotStatus.FALLBACK)
            || sel.slotStatuses().contains(SlotStatus.COMPLETE);
    Ports.SlotOptions options = new Ports.SlotOptions(req.judgeModel(), again);
    List<Work> work = new ArrayList<>();
    targets.forEach((k, slots) -> work.add(Work.judge(k, slots, options)));
    work.sort((a, b) -> a.key().compareTo(b.key()));
    return Session.Plan.of(work, estimate, 0.0, notes);
  }

  /**
   * {@code --repeat R}: the enumerated and listed slots that hold a valid verdict, each judged R
   * more times beside it; listed slots without one are noted and left.
   */
  private static Session.Plan selectRepeats(
      RerunJudgesRequest req, Selection sel, StatusReport before) {
    List<String> notes = new ArrayList<>();
    List<Work> work = new ArrayList<>();
    int calls = 0;
    double usd = 0;
    Ports.SlotOptions options = Ports.SlotOptions.repeat(req.judgeModel(), req.repeats());
    for (RunView v : before.items()) {
      List<Integer> slots = new ArrayList<>();
      for (SlotView s : v.slots()) {
        if (!sel.enumeratesSlot(s.slot()) || !sel.listsSlot(s.status())) {
          continue;
        }
        if (s.status() != SlotStatus.COMPLETE) {
          notes.add(
              v.key().label()
                  + " "
                  + dev.scylla.model.Tiers.slotDirName(s.slot())
                  + ": "
                  + s.status().jsonName()
                  + ", no valid verdict to repeat");
          continue;
        }
        slots.add(s.slot());
        usd +=
            req.repeats()
                * Pricing.judgeCall(
                    req.judgeModel() != null
                        ? req.judgeModel()
                        : before.matrix().judgeModel(s.slot()));
      }
      if (!slots.isEmpty()) {
        work.add(Work.judge(v.key(), slots, options));
        calls += slots.size() * req.repeats();
      }
    }
    if (work.isEmpty()) {
      notes.add("no listed judge slot holds a valid verdict to repeat");
    }
    work.sort((a, b) -> a.key().compareTo(b.key()));
    CostEstimate estimate =
        new CostEstimate(
            0,
            0,
            calls,
            usd,
            "price table × a typical judge call (8,000 tokens in, 1,500 out) × "
                + req.repeats()
                + " repeat(s) per slot");
    return Session.Plan.of(work, estimate, 0.0, notes);
  }

  private static void checkSlots(RerunJudgesRequest req, Selection sel, int judges) {
    for (int slot : sel.judgeSlots()) {
      if (slot > judges) {
        throw ScyllaException.badInput(
            req.experimentDir()
                + ": --judge-slot "
                + slot
                + ": the experiment has "
                + judges
                + " judge"
                + (judges == 1 ? "" : "s")
                + " (slots 1-"
                + judges
                + ")");
      }
    }
  }

  /**
   * {@code --stale}: exactly the enumerated slots judged under another rubric, judge prompt
   * template, judge model or backend; each is set aside and judged again with a fresh budget, after
   * the run's {@code judge_prompt.md} gets the current rubric.
   */
  private static Session.Plan selectStale(
      RerunJudgesRequest req, Selection sel, StatusReport before) {
    List<String> notes = new ArrayList<>();
    List<Work> work = new ArrayList<>();
    int calls = 0;
    double usd = 0;
    var drift = before.drift();
    java.util.Set<RunKey> listed = new java.util.HashSet<>();
    before.items().forEach(v -> listed.add(v.key()));
    Ports.SlotOptions options = new Ports.SlotOptions(req.judgeModel(), true, true);
    if (drift != null) {
      for (var e : new java.util.TreeMap<>(drift.staleSlots()).entrySet()) {
        if (!listed.contains(e.getKey())) {
          continue;
        }
        List<Integer> slots = e.getValue().stream().filter(sel::enumeratesSlot).toList();
        if (slots.isEmpty()) {
          continue;
        }
        work.add(Work.judge(e.getKey(), slots, options));
        calls += slots.size();
        for (int slot : slots) {
          usd +=
              Pricing.judgeCall(
                  req.judgeModel() != null ? req.judgeModel() : before.matrix().judgeModel(slot));
        }
      }
    }
    if (work.isEmpty()) {
      notes.add("no judge slot was judged under inputs other than the current ones");
    }
    CostEstimate estimate =
        new CostEstimate(
            0, 0, calls, usd, "price table × a typical judge call (8,000 tokens in, 1,500 out)");
    return Session.Plan.of(work, estimate, 0.0, notes);
  }

  /**
   * Agent runs at the mean cost of the completed runs of their subtest, or of the experiment, or at
   * the price table's typical run when nothing completed; plus one judge call per slot.
   */
  static CostEstimate estimateAgents(
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
    return new CostEstimate(
        agentRuns.size(), rebuilds.size(), agentRuns.size() * matrix.judgeCount(), usd, basis);
  }
}
