package dev.scylla.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.analysis.stats.Descriptive;
import dev.scylla.event.EventSink;
import dev.scylla.model.AgentResult;
import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SlotSnapshot;
import dev.scylla.model.Tiers;
import dev.scylla.model.Unexpected;
import dev.scylla.status.Classifier;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.store.AnalysisReads;
import dev.scylla.store.ExperimentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads experiments into a {@link Dataset}: one {@link RunRow} per run with a readable {@code
 * run_result.json}, its judges and their criteria, and a {@link RunOutcome} for every expected run.
 *
 * <p>Differences from the reference's loader, each deliberate: a judge whose {@code judgment.json}
 * is unreadable, or whose {@code MODEL.md} has no model line, is left out (or gets the configured
 * model) with a warning instead of dropping the whole run; the run's impl rate is the median of the
 * judges that have one; token counters written under the Claude CLI's names are read.
 */
public final class ExperimentReader {
  private static final Comparator<RunKey> REFERENCE_ORDER =
      Comparator.comparing(RunKey::tier)
          .thenComparing(RunKey::subtest)
          .thenComparingInt(RunKey::run);

  private final Exclusions exclusions;
  private final EventSink events;
  private final Pipeline pipeline;
  private final Warnings warnings = new Warnings();

  private ExperimentReader(Exclusions exclusions, EventSink events, Pipeline pipeline) {
    this.exclusions = exclusions;
    this.events = events;
    this.pipeline = pipeline;
  }

  /**
   * Reads the experiments named by {@code inputs}: experiment directories (either layout), or
   * directories holding experiments — each child that is an experiment, or whose last sub-directory
   * in name order is one (the reference's {@code <name>/<timestamp>/} layout). BAD_INPUT when an
   * input does not exist or holds no experiment, or an experiment named directly has an unusable
   * config.
   */
  public static Dataset read(List<Path> inputs, Exclusions exclusions, EventSink events) {
    return read(inputs, exclusions, Pipeline.COMMITTED, events);
  }

  /**
   * As {@link #read(List, Exclusions, EventSink)}, naming experiments and agent models as {@code
   * pipeline} names them: under HEAD an experiment found as {@code <name>/<timestamp>/} is called
   * {@code <name>} and the agent model is its id; under COMMITTED the experiment is the directory
   * itself and the model its display name.
   */
  public static Dataset read(
      List<Path> inputs, Exclusions exclusions, Pipeline pipeline, EventSink events) {
    return new ExperimentReader(exclusions, events, pipeline).run(inputs, List.of());
  }

  /**
   * Reads the experiments of a data directory by the reference's discovery rules (HEAD's {@code
   * load_all_experiments}): its sub-directories in name order, each an experiment folder whose last
   * sub-directory in name order is the experiment read (its latest timestamp); a folder that is
   * itself an experiment is read as it is (scylla's own layout; the reference would look for a
   * timestamp directory inside it). Experiment folders are excluded by their name. BAD_INPUT when
   * the directory does not exist or holds no experiment.
   */
  public static Dataset readDataDir(
      Path dataDir, Exclusions exclusions, Pipeline pipeline, EventSink events) {
    ExperimentReader r = new ExperimentReader(exclusions, events, pipeline);
    return r.run(List.of(dataDir), r.discover(dataDir));
  }

  /**
   * @param dir the experiment directory
   * @param folder the name HEAD gives it: the experiment folder under the data dir
   */
  private record Found(Path dir, boolean explicit, String folder) {}

  private record Task(Opened opened, RunKey key) {}

  /** Everything read for one run. */
  private record RunRead(
      RunRow row,
      List<JudgeRow> judges,
      List<CriterionRow> criteria,
      RunOutcome outcome,
      Warnings warnings,
      LedgerRow ledger,
      List<RepeatRow> repeats) {
    RunRead(
        RunRow row,
        List<JudgeRow> judges,
        List<CriterionRow> criteria,
        RunOutcome outcome,
        Warnings warnings) {
      this(row, judges, criteria, outcome, warnings, null, List.of());
    }
  }

  private static <T> Future<T> completed(Callable<T> job) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      f.complete(job.call());
    } catch (Exception e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScyllaException(ScyllaException.Kind.INTERRUPTED, "interrupted while reading");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private String nameOf(Found f) {
    return pipeline.head() ? f.folder() : name(f.dir());
  }

  private Dataset run(List<Path> inputs, List<Found> discovered) {
    if (inputs.isEmpty()) {
      throw ScyllaException.badInput("no experiment given");
    }
    List<Found> found = new ArrayList<>(discovered);
    if (discovered.isEmpty()) {
      for (Path in : inputs) {
        found.addAll(resolve(in));
      }
    }
    found.sort(Comparator.comparing((Found f) -> nameOf(f)).thenComparing(f -> f.dir()));
    List<Opened> opened = new ArrayList<>();
    Map<String, Path> names = new LinkedHashMap<>();
    for (Found f : found) {
      String name = nameOf(f);
      if (exclusions.excludesExperiment(name)) {
        events.info("excluded experiment " + name);
        continue;
      }
      Path previous = names.putIfAbsent(name, f.dir());
      if (previous != null) {
        if (previous.toAbsolutePath().normalize().equals(f.dir().toAbsolutePath().normalize())) {
          continue;
        }
        warnings.add(
            "two experiments are named " + name + " (" + previous + ", " + f.dir() + ")",
            "their rows share the experiment column");
      }
      Opened o = open(f);
      if (o != null) {
        opened.add(o);
      }
    }
    List<ExperimentInfo> infos = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    for (Opened o : opened) {
      infos.add(o.info());
      for (RunKey key : o.keys()) {
        tasks.add(new Task(o, key));
      }
    }
    List<RunRow> runs = new ArrayList<>();
    List<JudgeRow> judges = new ArrayList<>();
    List<CriterionRow> criteria = new ArrayList<>();
    List<RunOutcome> outcomes = new ArrayList<>();
    List<LedgerRow> ledger = new ArrayList<>();
    List<RepeatRow> repeats = new ArrayList<>();
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        threads > 1 && tasks.size() > 50
            ? Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "scylla-read");
                  t.setDaemon(true);
                  return t;
                })
            : null;
    try {
      // runs are read in parallel in chunks and assembled in order, so the result (warnings
      // included) does not depend on the threads
      int chunk = 64;
      List<Future<List<RunRead>>> futures = new ArrayList<>();
      for (int from = 0; from < tasks.size(); from += chunk) {
        List<Task> part = tasks.subList(from, Math.min(tasks.size(), from + chunk));
        Callable<List<RunRead>> job =
            () -> {
              List<RunRead> out = new ArrayList<>(part.size());
              for (Task t : part) {
                out.add(readRun(t.opened(), t.key()));
              }
              return out;
            };
        futures.add(pool != null ? pool.submit(job) : completed(job));
      }
      int done = 0;
      for (Future<List<RunRead>> f : futures) {
        for (RunRead r : get(f)) {
          if (r.row() != null) {
            runs.add(r.row());
          }
          judges.addAll(r.judges());
          criteria.addAll(r.criteria());
          outcomes.add(r.outcome());
          if (r.ledger() != null) {
            ledger.add(r.ledger());
          }
          repeats.addAll(r.repeats());
          warnings.addAll(r.warnings());
          done++;
        }
        events.progress("read", done, tasks.size(), "runs");
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    if (infos.isEmpty()) {
      throw ScyllaException.badInput(
          "no experiment to analyse"
              + (exclusions.isEmpty() ? "" : " (all excluded by --exclude)")
              + ": "
              + inputs);
    }
    for (String m : mixedFingerprints(ledger)) {
      warnings.add(
          "subtests mix runs or verdicts made under different inputs (fingerprints); see"
              + " mixed_fingerprints in manifest.json and scylla status",
          m);
    }
    return new Dataset(infos, runs, judges, criteria, outcomes, warnings.lines(), ledger, repeats);
  }

  private static String name(Path dir) {
    Path n = dir.toAbsolutePath().normalize().getFileName();
    return n == null ? dir.toString() : n.toString();
  }

  private List<Found> resolve(Path in) {
    if (!Files.exists(in)) {
      throw ScyllaException.badInput(in + ": no such directory");
    }
    if (!Files.isDirectory(in)) {
      throw ScyllaException.badInput(in + ": not a directory");
    }
    if (isExperiment(in)) {
      return List.of(new Found(in, true, name(in)));
    }
    List<Found> out = new ArrayList<>();
    for (String child : ExperimentStore.listDirNames(in)) {
      if (child.startsWith(".")) {
        continue;
      }
      Path c = in.resolve(child);
      if (isExperiment(c)) {
        out.add(new Found(c, false, child));
        continue;
      }
      List<String> subs = ExperimentStore.listDirNames(c);
      for (int i = subs.size() - 1; i >= 0; i--) {
        if (subs.get(i).startsWith(".")) {
          continue;
        }
        if (isExperiment(c.resolve(subs.get(i)))) {
          out.add(new Found(c.resolve(subs.get(i)), false, child));
        }
        break; // the reference uses the last sub-directory only
      }
    }
    if (out.isEmpty()) {
      throw ScyllaException.badInput(
          in + ": not an experiment directory (no config/experiment.json) and holds none");
    }
    return out;
  }

  /** The reference's discovery in a data directory (see {@link #readDataDir}). */
  private List<Found> discover(Path dataDir) {
    if (!Files.exists(dataDir)) {
      throw ScyllaException.badInput(dataDir + ": --data-dir: no such directory");
    }
    if (!Files.isDirectory(dataDir)) {
      throw ScyllaException.badInput(dataDir + ": --data-dir: not a directory");
    }
    List<Found> out = new ArrayList<>();
    for (String child : ExperimentStore.listDirNames(dataDir)) {
      if (child.startsWith(".")) {
        continue;
      }
      Path c = dataDir.resolve(child);
      if (isExperiment(c)) {
        out.add(new Found(c, false, child));
        continue;
      }
      List<String> subs =
          ExperimentStore.listDirNames(c).stream().filter(n -> !n.startsWith(".")).toList();
      if (subs.isEmpty()) {
        continue;
      }
      Path latest = c.resolve(subs.get(subs.size() - 1));
      if (isExperiment(latest)) {
        out.add(new Found(latest, false, child));
      } else if (!exclusions.excludesExperiment(child)) {
        warnings.add(
            "experiment folders whose latest directory is no experiment were skipped",
            latest + " (no config/experiment.json)");
      }
    }
    if (out.isEmpty()) {
      throw ScyllaException.badInput(
          dataDir + ": --data-dir holds no experiment (<name>/<timestamp>/config/experiment.json)");
    }
    return out;
  }

  private static boolean isExperiment(Path dir) {
    return dev.scylla.store.ExperimentLayout.isExperiment(dir);
  }

  // ------------------------------------------------------------------ one experiment

  private record Opened(
      ExperimentStore store, RunMatrix matrix, ExperimentInfo info, List<RunKey> keys) {}

  private Opened open(Found f) {
    ExperimentStore store;
    try {
      store = ExperimentStore.open(f.dir());
    } catch (ScyllaException e) {
      if (f.explicit()) {
        throw e;
      }
      warnings.add("experiment skipped", e.getMessage());
      return null;
    }
    String name = nameOf(f);
    List<String> matrixWarnings = new ArrayList<>();
    RunMatrix matrix = store.matrix(matrixWarnings);
    matrixWarnings.forEach(w -> warnings.add(name + ": " + w, null));
    List<RunKey> keys = new ArrayList<>();
    int excluded = 0;
    for (RunKey k : matrix.runs()) {
      if (exclusions.excludes(name, k.tier(), k.subtest())) {
        excluded++;
      } else {
        keys.add(k);
      }
    }
    if (excluded > 0) {
      events.info(name + ": " + excluded + " expected runs excluded by --exclude");
    }
    keys.sort(REFERENCE_ORDER);
    List<Unexpected> unexpected = store.unexpected(matrix);
    if (!unexpected.isEmpty()) {
      warnings.add(
          name
              + ": "
              + unexpected.size()
              + " entries on disk are not in the experiment's plan and were not read",
          unexpected.get(0).location() + " (" + unexpected.get(0).reason() + ")");
    }
    String modelId = agentModelId(store, keys, name);
    if (modelId == null) {
      warnings.add(
          name
              + ": skipped: no agent model (config/experiment.json has no \"models\" and no"
              + " agent/MODEL.md names one)",
          null);
      return null;
    }
    Loaded<Map<String, Double>> weights = AnalysisReads.rubricWeights(store);
    if (weights instanceof Loaded.Corrupt<Map<String, Double>> c) {
      warnings.add(name + ": rubric.yaml: " + c.reason() + "; rubric weights not used", null);
    }
    ExperimentInfo info =
        new ExperimentInfo(
            name,
            store.root(),
            store.config().experimentId(),
            modelId,
            pipeline.head() ? modelId : ModelNames.display(modelId),
            store.layout().kind().jsonName(),
            new ArrayList<>(matrix.subtests().keySet()),
            matrix.runsPerSubtest(),
            matrix.judgeModels(),
            weights.optional().orElse(Map.of()),
            store.config().raw() != null
                && store.config().raw().path("scylla").path("simulator").asBoolean(false));
    return new Opened(store, matrix, info, keys);
  }

  private static String agentModelId(ExperimentStore store, List<RunKey> keys, String name) {
    JsonNode models = store.config().raw().get("models");
    if (models != null
        && models.isArray()
        && !models.isEmpty()
        && !store.config().models().isEmpty()) {
      return store.config().models().get(0);
    }
    for (RunKey k : keys) {
      String m = AnalysisReads.agentModel(store, k).orNull();
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ one run

  private record JudgeData(JudgeRow row, List<CriterionRow> criteria) {}

  private static RunRead readRun(Opened o, RunKey key) {
    RunSnapshot snap = o.store().readRun(key, o.matrix());
    RunRead r = readRun(o, key, snap);
    return new RunRead(
        r.row(),
        r.judges(),
        r.criteria(),
        r.outcome(),
        r.warnings(),
        ledger(o, key, snap),
        repeats(o, key, snap));
  }

  /**
   * The repeat verdicts of the run's slots whose own verdict is real ({@link RepeatRow}); repeats
   * without a real verdict (interrupted, failed, fallback) are left out.
   */
  private static List<RepeatRow> repeats(Opened o, RunKey key, RunSnapshot snap) {
    List<RepeatRow> out = new ArrayList<>();
    for (SlotSnapshot s : snap.slots()) {
      Judgment j = s.judgment().orNull();
      if (!real(j)) {
        continue;
      }
      String slotModel =
          j.raw() != null && j.raw().path("model").isTextual()
              ? j.raw().get("model").textValue()
              : s.model();
      for (var r : AnalysisReads.repeats(o.store(), key, s.slot())) {
        Judgment rj = r.judgment().orNull();
        if (!real(rj)) {
          continue;
        }
        String model =
            rj.raw() != null && rj.raw().path("model").isTextual()
                ? rj.raw().get("model").textValue()
                : slotModel;
        out.add(
            new RepeatRow(
                o.info().name(),
                o.info().agentModel(),
                key.tier(),
                key.subtest(),
                key.run(),
                s.slot(),
                slotModel,
                j.score(),
                j.passed(),
                r.number(),
                model,
                rj.score(),
                rj.passed()));
      }
    }
    return out;
  }

  private static boolean real(Judgment j) {
    return j != null
        && j.isRealVerdict()
        && Double.isFinite(j.score())
        && j.score() >= 0.0
        && j.score() <= 1.0;
  }

  /** The run's line of the cost ledger. */
  private static LedgerRow ledger(Opened o, RunKey key, RunSnapshot snap) {
    double agent = snap.agentResult().optional().map(a -> a.costUsd()).orElse(0.0);
    List<LedgerRow.JudgeCost> judges = new ArrayList<>();
    for (SlotSnapshot s : snap.slots()) {
      judges.add(new LedgerRow.JudgeCost(s.model(), s.spend()));
    }
    AnalysisReads.ArchivedSpend a = AnalysisReads.archivedSpend(o.store(), key);
    String runFp = null;
    var journal = snap.journal().orNull();
    if (journal != null
        && journal.last() != null
        && journal.last().archivedTo() == null
        && journal.last().fingerprint() != null) {
      runFp = journal.last().fingerprint().sha256();
    }
    Map<Integer, String> slotFps = new java.util.TreeMap<>();
    for (SlotSnapshot s : snap.slots()) {
      Judgment j = s.judgment().orNull();
      var fp = j == null ? null : dev.scylla.store.FingerprintJson.in(j.raw());
      if (fp != null) {
        slotFps.put(s.slot(), fp.sha256());
      }
    }
    return new LedgerRow(
        o.info().name(),
        o.info().agentModel(),
        key.tier(),
        key.subtest(),
        key.run(),
        o.info().simulated(),
        Double.isFinite(agent) ? agent : 0.0,
        judges,
        a.agentAttempts(),
        a.agentUsd(),
        a.judges(),
        runFp,
        slotFps);
  }

  /**
   * The subtests whose runs, or whose verdicts of one judge slot, were made under different inputs
   * (fingerprints): their numbers compare unlike things, so they are marked (a warning, and {@code
   * mixed_fingerprints} in manifest.json).
   */
  static List<String> mixedFingerprints(List<LedgerRow> ledger) {
    Map<String, java.util.Set<String>> runs = new java.util.TreeMap<>();
    Map<String, Map<Integer, java.util.Set<String>>> slots = new java.util.TreeMap<>();
    for (LedgerRow r : ledger) {
      String group = r.experiment() + "/" + r.tier() + "/" + r.subtest();
      if (r.runFingerprint() != null) {
        runs.computeIfAbsent(group, g -> new java.util.HashSet<>()).add(r.runFingerprint());
      }
      r.judgeFingerprints()
          .forEach(
              (n, fp) ->
                  slots
                      .computeIfAbsent(group, g -> new java.util.TreeMap<>())
                      .computeIfAbsent(n, x -> new java.util.HashSet<>())
                      .add(fp));
    }
    java.util.Set<String> groups = new java.util.TreeSet<>(runs.keySet());
    groups.addAll(slots.keySet());
    List<String> out = new ArrayList<>();
    for (String g : groups) {
      List<String> parts = new ArrayList<>();
      int nr = runs.getOrDefault(g, java.util.Set.of()).size();
      if (nr > 1) {
        parts.add(nr + " run fingerprints");
      }
      slots
          .getOrDefault(g, Map.of())
          .forEach(
              (n, fps) -> {
                if (fps.size() > 1) {
                  parts.add(Tiers.slotDirName(n) + ": " + fps.size() + " judge fingerprints");
                }
              });
      if (!parts.isEmpty()) {
        out.add(g + " (" + String.join(", ", parts) + ")");
      }
    }
    return out;
  }

  private static RunRead readRun(Opened o, RunKey key, RunSnapshot snap) {
    Warnings warnings = new Warnings();
    ExperimentStore store = o.store();
    ExperimentInfo info = o.info();
    RunView view = Classifier.classify(snap);
    String where = info.name() + "/" + snap.location();
    List<AnalysisReads.ArchivedAttempt> archived = AnalysisReads.archivedAttempts(store, key);
    List<FailureKind> archivedKinds = archived.stream().map(ExperimentReader::kindOf).toList();
    int attempts = 1 + archived.size();

    if (view.status() == RunStatus.MISSING) {
      return new RunRead(
          null,
          List.of(),
          List.of(),
          outcome(
              info,
              key,
              view,
              Outcome.NOT_RUN,
              null,
              null,
              Double.NaN,
              attempts,
              archivedKinds,
              view.reason()),
          warnings);
    }

    ObjectNode rr = snap.runResult().optional().map(r -> r.raw()).orElse(null);
    if (rr == null && snap.runResult().isCorrupt()) {
      // the reference exports any run_result.json that parses, whatever fields it lacks
      rr = AnalysisReads.runResultObject(store, key).orNull();
      if (rr != null) {
        warnings.add(
            "run_result.json files are incomplete; exported with the reference's defaults",
            where + "/run_result.json: " + ((Loaded.Corrupt<?>) snap.runResult()).reason());
      }
    }

    if (rr == null) {
      FailureKind kind = unscoredKind(store, key, snap, view);
      return new RunRead(
          null,
          List.of(),
          List.of(),
          outcome(
              info,
              key,
              view,
              Outcome.INFRA_FAILURE,
              kind,
              null,
              Double.NaN,
              attempts,
              archivedKinds,
              view.reason()),
          warnings);
    }

    RunResultFields f = RunResultFields.of(rr);
    RunExtras extras =
        RunExtras.of(rr, AnalysisReads.agentResultObject(store, key).optional().orElse(null));
    List<JudgeData> judges = readJudges(o, key, snap, where, warnings);
    double[] rates = judges.stream().mapToDouble(j -> j.row().judgeImplRate()).toArray();
    double implRate = Descriptive.median(rates);
    RunRow row =
        new RunRow(
            info.name(),
            info.agentModel(),
            key.tier(),
            key.subtest(),
            key.run(),
            f.score(),
            implRate,
            f.passed(),
            f.grade(),
            f.costUsd(),
            f.durationSeconds(),
            f.agentDurationSeconds(),
            f.judgeDurationSeconds(),
            f.inputTokens(),
            f.outputTokens(),
            f.cacheCreationTokens(),
            f.cacheReadTokens(),
            f.totalTokens(),
            f.exitCode(),
            extras);
    List<JudgeRow> judgeRows = new ArrayList<>();
    List<CriterionRow> criteriaRows = new ArrayList<>();
    for (JudgeData j : judges) {
      judgeRows.add(j.row());
      criteriaRows.addAll(j.criteria());
    }
    FailureKind infra = scoredInfraKind(store, key, snap, f);
    RunOutcome outcome =
        infra != null
            ? outcome(
                info,
                key,
                view,
                Outcome.INFRA_FAILURE,
                infra,
                f.passed(),
                f.score(),
                attempts,
                archivedKinds,
                "scored, but the agent result records an infrastructure failure ("
                    + infra.jsonName()
                    + ")")
            : outcome(
                info,
                key,
                view,
                Outcome.SCORED,
                null,
                f.passed(),
                f.score(),
                attempts,
                archivedKinds,
                view.status() == RunStatus.COMPLETED ? "scored" : "scored (" + view.reason() + ")");
    return new RunRead(row, judgeRows, criteriaRows, outcome, warnings);
  }

  private static RunOutcome outcome(
      ExperimentInfo info,
      RunKey key,
      RunView view,
      Outcome outcome,
      FailureKind kind,
      Boolean passed,
      double score,
      int attempts,
      List<FailureKind> archived,
      String reason) {
    return new RunOutcome(
        info.name(),
        info.agentModel(),
        key.tier(),
        key.subtest(),
        key.run(),
        view.status().jsonName(),
        outcome,
        kind,
        passed,
        score,
        attempts,
        archived,
        reason);
  }

  private static List<JudgeData> readJudges(
      Opened o, RunKey key, RunSnapshot snap, String where, Warnings warnings) {
    List<Integer> numbers = new ArrayList<>();
    List<Loaded<Judgment>> loaded = new ArrayList<>();
    List<SlotSnapshot> slots = snap.slots();
    for (SlotSnapshot s : slots) {
      numbers.add(s.slot());
      loaded.add(s.judgment());
    }
    for (int extra : snap.extraSlots()) {
      numbers.add(extra);
      loaded.add(AnalysisReads.judgment(o.store(), key, extra));
    }
    List<JudgeData> out = new ArrayList<>();
    ExperimentInfo info = o.info();
    List<dev.scylla.model.JudgeSpend> spends = new ArrayList<>();
    for (SlotSnapshot s : slots) {
      spends.add(s.spend());
    }
    for (int i = 0; i < numbers.size(); i++) {
      int n = numbers.get(i);
      Loaded<Judgment> l = loaded.get(i);
      String slotPath = where + "/judge/" + Tiers.slotDirName(n);
      if (l instanceof Loaded.Corrupt<Judgment> c) {
        warnings.add(
            "judgments are unreadable; those judges are left out (the reference drops the run)",
            slotPath + "/judgment.json: " + c.reason());
        continue;
      }
      Judgment j = l.orNull();
      if (j == null) {
        continue;
      }
      Loaded<String> md = AnalysisReads.judgeModel(o.store(), key, n);
      String model = md.orNull();
      if (model == null) {
        JsonNode recorded = j.raw().get("model");
        model =
            recorded != null && recorded.isTextual()
                ? recorded.textValue()
                : o.matrix().judgeModel(n);
        warnings.add(
            "judge slots have no model line in MODEL.md; the judgment's or the configured model is"
                + " used (the reference drops the run)",
            slotPath + "/MODEL.md " + md.describe());
      }
      double sumAchieved = 0;
      double sumMax = 0;
      List<CriterionRow> crit = new ArrayList<>();
      JsonNode cs = j.criteriaScores();
      if (cs != null && !cs.isObject()) {
        warnings.add(
            "judgments have criteria_scores that are not an object; their criteria are left out",
            slotPath + "/judgment.json");
        cs = null;
      }
      if (cs != null) {
        var it = cs.fields();
        while (it.hasNext()) {
          var e = it.next();
          JsonNode c = e.getValue();
          if (c == null || c.isNull()) {
            continue;
          }
          if (!c.isObject()) {
            warnings.add(
                "criteria that are not objects were left out",
                slotPath + "/judgment.json: criterion " + e.getKey());
            continue;
          }
          sumAchieved += pyFloatOrZero(c, "achieved");
          sumMax += pyFloatOrZero(c, "max");
          crit.add(
              new CriterionRow(
                  info.name(),
                  info.agentModel(),
                  key.tier(),
                  key.subtest(),
                  key.run(),
                  model,
                  n,
                  e.getKey(),
                  raw(c.get("score")),
                  raw(c.get("achieved")),
                  raw(c.get("max"))));
        }
      }
      // a fallback verdict (written when a judge's attempts ran out) is not a judge's assessment:
      // exported, marked invalid, but it gives no impl rate
      double implRate = sumMax == 0 || j.fallback() ? Double.NaN : sumAchieved / sumMax;
      JudgeRow row =
          new JudgeRow(
              info.name(),
              info.agentModel(),
              key.tier(),
              key.subtest(),
              key.run(),
              model,
              n,
              j.score(),
              implRate,
              j.passed(),
              j.grade() == null ? "F" : j.grade(),
              !Boolean.FALSE.equals(j.isValid()),
              j.reasoning() == null ? "" : j.reasoning(),
              i < spends.size() ? spends.get(i) : dev.scylla.model.JudgeSpend.NONE);
      out.add(new JudgeData(row, crit));
    }
    return out;
  }

  /**
   * The reference's per-criterion value in the impl-rate sums: {@code float(value)}, 0.0 when that
   * fails (a string such as "N/A", or null); NaN when the key is absent.
   */
  private static double pyFloatOrZero(JsonNode criterion, String field) {
    if (!criterion.has(field)) {
      return Double.NaN;
    }
    JsonNode v = criterion.get(field);
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? 1.0 : 0.0;
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.textValue().strip());
      } catch (NumberFormatException e) {
        return 0.0;
      }
    }
    return 0.0;
  }

  private static double raw(JsonNode v) {
    return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
  }

  // ------------------------------------------------------------------ infrastructure failures

  /** Why a run that was attempted has no verdict. */
  private static FailureKind unscoredKind(
      ExperimentStore store, RunKey key, RunSnapshot snap, RunView view) {
    AgentResult agent = snap.agentResult().orNull();
    String stderr =
        AnalysisReads.agentLogTail(store, key, dev.scylla.store.AgentFiles.STDERR, 64 * 1024)
            .orNull();
    String stdout =
        agent != null && !agent.stdout().isEmpty()
            ? agent.stdout()
            : AnalysisReads.agentLogTail(store, key, dev.scylla.store.AgentFiles.STDOUT, 64 * 1024)
                .orNull();
    if (InfraSignals.rateLimitInStdout(stdout) || InfraSignals.rateLimitInStderr(stderr)) {
      return FailureKind.RATE_LIMIT;
    }
    for (SlotSnapshot s : snap.slots()) {
      if (s.failure() != null && InfraSignals.rateLimitInStderr(s.failure())) {
        return FailureKind.RATE_LIMIT;
      }
    }
    return switch (view.status()) {
      case FAILED ->
          InfraSignals.timeout(stderr) || (agent != null && InfraSignals.timeout(agent.stderr()))
              ? FailureKind.TIMEOUT
              : FailureKind.CRASH;
      case PARTIAL -> FailureKind.INTERRUPTED;
      default -> FailureKind.NO_VERDICT;
    };
  }

  /**
   * Whether a run with a verdict is nonetheless an infrastructure failure: its agent result records
   * exit code −1 with no tokens, or its output is a rate-limit error. Null when it is not.
   */
  private static FailureKind scoredInfraKind(
      ExperimentStore store, RunKey key, RunSnapshot snap, RunResultFields f) {
    AgentResult agent = snap.agentResult().orNull();
    boolean infra =
        agent != null
            ? agent.isInfrastructureFailure()
            : f.exitCode() == -1
                && f.inputTokens() == 0
                && f.outputTokens() == 0
                && f.cacheCreationTokens() == 0
                && f.cacheReadTokens() == 0;
    String stderr = null;
    if (infra) {
      stderr =
          AnalysisReads.agentLogTail(store, key, dev.scylla.store.AgentFiles.STDERR, 64 * 1024)
              .orNull();
      if (InfraSignals.rateLimitInStderr(stderr)) {
        return FailureKind.RATE_LIMIT;
      }
      return InfraSignals.timeout(stderr) || (agent != null && InfraSignals.timeout(agent.stderr()))
          ? FailureKind.TIMEOUT
          : FailureKind.CRASH;
    }
    if (agent != null && InfraSignals.rateLimitInStdout(agent.stdout())) {
      return FailureKind.RATE_LIMIT;
    }
    if (agent != null && agent.exitCode() != 0) {
      stderr =
          AnalysisReads.agentLogTail(store, key, dev.scylla.store.AgentFiles.STDERR, 64 * 1024)
              .orNull();
      if (InfraSignals.rateLimitInStderr(stderr)) {
        return FailureKind.RATE_LIMIT;
      }
    }
    return null;
  }

  /** What an archived attempt says about why it was set aside. */
  static FailureKind kindOf(AnalysisReads.ArchivedAttempt a) {
    AgentResult agent = a.agentResult().orNull();
    String stdout = a.stdoutTail() != null ? a.stdoutTail() : agent == null ? null : agent.stdout();
    if (InfraSignals.rateLimitInStdout(stdout)
        || InfraSignals.rateLimitInStderr(a.stderrTail())
        || (agent != null && InfraSignals.rateLimitInStdout(agent.stdout()))) {
      return FailureKind.RATE_LIMIT;
    }
    boolean timeout =
        InfraSignals.timeout(a.stderrTail())
            || (agent != null && InfraSignals.timeout(agent.stderr()));
    if (agent != null && agent.isInfrastructureFailure()) {
      return timeout ? FailureKind.TIMEOUT : FailureKind.CRASH;
    }
    if (!a.output().nonEmpty()) {
      if (timeout) {
        return FailureKind.TIMEOUT;
      }
      return a.agentDir() && a.stderrTail() != null ? FailureKind.CRASH : FailureKind.INTERRUPTED;
    }
    if (!a.runResult().isPresent()) {
      return FailureKind.NO_VERDICT;
    }
    return FailureKind.OTHER;
  }

  // ------------------------------------------------------------------ warnings

  /** Warnings grouped by kind: one line per kind with a count and the first example. */
  private static final class Warnings {
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private final Map<String, String> examples = new LinkedHashMap<>();

    void addAll(Warnings other) {
      other.counts.forEach(
          (kind, n) -> {
            counts.computeIfAbsent(kind, k -> new int[1])[0] += n[0];
            String ex = other.examples.get(kind);
            if (ex != null) {
              examples.putIfAbsent(kind, ex);
            }
          });
    }

    void add(String kind, String example) {
      counts.computeIfAbsent(kind, k -> new int[1])[0]++;
      if (example != null) {
        examples.putIfAbsent(kind, example);
      }
    }

    List<String> lines() {
      List<String> out = new ArrayList<>();
      counts.forEach(
          (kind, n) -> {
            String ex = examples.get(kind);
            String count = n[0] > 1 ? n[0] + " times: " : "";
            out.add(count + kind + (ex == null ? "" : ": " + ex));
          });
      return out;
    }
  }
}
