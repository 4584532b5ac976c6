package dev.scylla.service;

import dev.scylla.event.EventSink;
import dev.scylla.model.Catalogue;
import dev.scylla.model.Pricing;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.TestDefinition;
import dev.scylla.process.Cancellation;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.run.CostEstimate;
import dev.scylla.run.Executor;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunSettings;
import dev.scylla.run.Session;
import dev.scylla.run.Work;
import dev.scylla.simulator.SimConfig;
import dev.scylla.status.Selection;
import dev.scylla.store.Catalogues;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.TestDefinitions;
import dev.scylla.workspace.DemoKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** {@code run}, {@code run --resume} and {@code demo}. */
final class Runs {
  private final EventSink events;
  private final Function<ExperimentStore, Orchestrator.Wiring> wiring;
  private final Function<Orchestrator.Wiring, Executor> executors;
  private final RunSettings defaults;
  private final Clock clock;
  private final ProcessLauncher launcher;

  Runs(
      EventSink events,
      Function<ExperimentStore, Orchestrator.Wiring> wiring,
      Function<Orchestrator.Wiring, Executor> executors,
      RunSettings defaults,
      ProcessLauncher launcher,
      Clock clock) {
    this.clock = clock;
    this.events = events;
    this.wiring = wiring;
    this.executors = executors;
    this.defaults = defaults;
    this.launcher = launcher;
  }

  RunReport run(RunRequest req, RunControl control) {
    TestDefinition test = TestDefinitions.load(req.testDir());
    Catalogue catalogue = Catalogues.load(req.catalogueDir());
    catalogue.warnings().forEach(w -> events.warn("catalogue: " + w));
    if (req.runs() < 1) {
      throw ScyllaException.badInput("--runs must be at least 1");
    }
    if (req.judgeModels().isEmpty()) {
      throw ScyllaException.badInput("--judge-models: at least one judge is needed");
    }
    Map<String, List<String>> subtests = ExperimentSetup.subtests(req, test, catalogue);
    RunReport.Plan plan = ExperimentSetup.plan(req, test, subtests);
    if (req.dryRun()) {
      return new RunReport(null, plan, null, null, List.of());
    }
    Path dir;
    try {
      dir = ExperimentSetup.create(req, test, catalogue, subtests);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    events.info("experiment directory: " + dir);
    return resume(
        new ResumeRequest(dir, req.concurrency(), req.maxCostUsd(), req.keepWorkspaces(), false),
        control,
        plan);
  }

  RunReport resume(ResumeRequest req, RunControl control, RunReport.Plan plan) {
    ExperimentStore store = ExperimentStore.open(req.experimentDir());
    List<String> warnings = new ArrayList<>();
    RunMatrix matrix = store.matrix(warnings);
    warnings.forEach(events::warn);
    if (plan == null) {
      plan =
          new RunReport.Plan(
              store.config().experimentId(),
              matrix.subtests(),
              matrix.runsPerSubtest(),
              store.config().agentModel(),
              matrix.judgeModels(),
              matrix.runs().size(),
              Double.NaN,
              "");
    }
    RunSettings settings =
        defaults
            .withMaxCost(req.maxCostUsd())
            .withKeepWorkspaces(req.keepWorkspaces())
            .withRetryExhausted(req.retryExhausted());
    double perRun = Pricing.agentRun(store.config().agentModel());
    Session.Request sr =
        new Session.Request(
            req.experimentDir(),
            "scylla run",
            Selection.ALL,
            false,
            req.concurrency(),
            settings,
            control);
    Session.Report r =
        new Session(events, wiring, executors)
            .run(
                sr,
                (st, before, ports) -> {
                  List<List<Work>> phases = new ArrayList<>();
                  for (List<RunKey> phase : phases(st, before.matrix())) {
                    phases.add(phase.stream().map(Work::drive).toList());
                  }
                  int unfinished =
                      (int)
                          before.items().stream().filter(v -> v.status().agentUnfinished()).count();
                  CostEstimate estimate =
                      new CostEstimate(
                          unfinished,
                          0,
                          unfinished * before.matrix().judgeCount(),
                          unfinished * perRun,
                          "price table × a typical run");
                  return new Session.Plan(phases, estimate, perRun, List.of());
                });
    return new RunReport(store.root(), plan, r.work(), r.after(), List.of());
  }

  /**
   * The runs in the order tiers depend on each other: a tier whose subtests extend the previous
   * tier's best configuration (or T5's {@code inherit_best_from}) waits for those tiers, because
   * their best subtests must be known; runs within a phase run concurrently.
   */
  static List<List<RunKey>> phases(ExperimentStore store, RunMatrix matrix) {
    Catalogue cat = null;
    if (Files.isDirectory(store.layout().catalogueDir())) {
      try {
        cat = Catalogues.load(store.layout().catalogueDir());
      } catch (ScyllaException e) {
        cat = null;
      }
    }
    List<String> tiers = new ArrayList<>(matrix.subtests().keySet());
    Map<String, Integer> phaseOf = new HashMap<>();
    for (int i = 0; i < tiers.size(); i++) {
      String tier = tiers.get(i);
      int phase = 0;
      if (cat != null) {
        for (String s : matrix.subtests().get(tier)) {
          SubtestDefinition d = cat.subtest(tier, s).orElse(null);
          if (d == null) {
            continue;
          }
          if (d.extendsPrevious() && !d.bareWorkspace() && i > 0) {
            phase = Math.max(phase, phaseOf.get(tiers.get(i - 1)) + 1);
          }
          for (String dep : d.inheritBestFrom()) {
            if (phaseOf.containsKey(dep)) {
              phase = Math.max(phase, phaseOf.get(dep) + 1);
            }
          }
        }
      }
      phaseOf.put(tier, phase);
    }
    TreeMap<Integer, List<RunKey>> byPhase = new TreeMap<>();
    for (RunKey k : matrix.runs()) {
      byPhase.computeIfAbsent(phaseOf.get(k.tier()), p -> new ArrayList<>()).add(k);
    }
    return new ArrayList<>(byPhase.values());
  }

  RunReport demo(DemoRequest req, RunControl control) {
    Path results = req.resultsDir().toAbsolutePath().normalize();
    DemoKit.Materialized kit;
    try {
      kit = DemoKit.materialize(results.resolve(".demo-kit"), launcher, Cancellation.never());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new LinkedHashMap<>(SimConfig.demoEnvironment(results, req.seed()));
    env.put("SCYLLA_SIM_STATE_DIR", "${experiment_dir}/.scylla/sim");
    RunRequest run =
        new RunRequest(
            kit.testDir(),
            kit.catalogueDir(),
            results,
            List.of(),
            List.of(),
            2,
            "claude-sonnet-4-6",
            List.of("claude-opus-4-6", "claude-sonnet-4-6", "claude-haiku-4-5"),
            "claude-code",
            null,
            env,
            true,
            60,
            null,
            "None",
            req.concurrency(),
            null,
            false,
            false,
            null,
            true);
    return run(run, control);
  }
}
