package dev.scylla.run;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentLock;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.SummariesPending;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one pipeline of every command that acts on an experiment ({@code run}, {@code run --resume},
 * the demo, {@code rerun-agents}, {@code rerun-judges}):
 *
 * <pre>
 * Scan → Select → Estimate → Lock → Execute (phase by phase) → Summaries → Rescan
 * </pre>
 *
 * The commands differ only in their {@link Selector} (which runs, and what to do with each) and
 * their settings. The "before" scan decides; nothing is launched before the lock is held; the
 * executor writes run files only; the summaries of every subtest touched (and of any an earlier
 * session was stopped before summarising: {@link SummariesPending}), their tiers and the experiment
 * are written once, after every phase; the "after" scan is a fresh read of the files, never the
 * before counts. A dry run stops after the estimate, and a session with nothing to do and no
 * summaries owed takes no lock and writes nothing.
 */
public final class Session {

  /** Chooses a command's work from the "before" scan, and estimates its cost. */
  @FunctionalInterface
  public interface Selector {
    /**
     * @param wiring the experiment's ports, built on first use (a selection that needs none, e.g.
     *     when there is nothing to do, never builds them)
     */
    Plan select(ExperimentStore store, StatusReport before, Supplier<Orchestrator.Wiring> wiring);
  }

  /**
   * What a session is to do.
   *
   * @param phases the work in the order tiers depend on each other; the runs of one phase run
   *     concurrently, a phase starts when the one before it has ended
   * @param estimatePerRun expected agent cost of one run, for the cost guard
   * @param notes what the selection left out, and why, for the user
   */
  public record Plan(
      List<List<Work>> phases, CostEstimate estimate, double estimatePerRun, List<String> notes) {

    public Plan {
      phases = phases.stream().filter(p -> !p.isEmpty()).map(List::copyOf).toList();
      notes = List.copyOf(notes);
    }

    /** One phase. */
    public static Plan of(
        List<Work> work, CostEstimate estimate, double estimatePerRun, List<String> notes) {
      return new Plan(List.of(work), estimate, estimatePerRun, notes);
    }

    public boolean isEmpty() {
      return phases.isEmpty();
    }

    /** The runs acted on, in order. */
    public List<RunKey> targets() {
      List<RunKey> keys = new ArrayList<>();
      phases.forEach(p -> p.forEach(w -> keys.add(w.key())));
      keys.sort(null);
      return keys;
    }
  }

  /**
   * One session.
   *
   * @param command how the lock names the holder (e.g. {@code scylla rerun-agents})
   * @param selection what the scans enumerate and list
   */
  public record Request(
      Path experimentDir,
      String command,
      Selection selection,
      boolean dryRun,
      int concurrency,
      RunSettings settings,
      RunControl control) {}

  /**
   * What a session found, did and left.
   *
   * @param work null for a dry run; empty when there was nothing to do
   * @param after a fresh scan at the end; null for a dry run
   */
  public record Report(
      Path experimentDir,
      StatusReport before,
      Plan plan,
      OrchestrationReport work,
      StatusReport after) {
    public boolean dryRun() {
      return work == null;
    }
  }

  private final EventSink events;
  private final Function<ExperimentStore, Orchestrator.Wiring> wiring;
  private final Function<Orchestrator.Wiring, Executor> executors;

  /**
   * @param executors the executor for an experiment's ports: {@link Orchestrator} on this machine
   */
  public Session(
      EventSink events,
      Function<ExperimentStore, Orchestrator.Wiring> wiring,
      Function<Orchestrator.Wiring, Executor> executors) {
    this.events = events;
    this.wiring = wiring;
    this.executors = executors;
  }

  /** Sessions that execute on this machine with bounded concurrency. */
  public static Session local(
      EventSink events, Function<ExperimentStore, Orchestrator.Wiring> wiring, Clock clock) {
    return new Session(events, wiring, w -> new Orchestrator(w, events, clock));
  }

  public Report run(Request req, Selector selector) {
    ExperimentStore store = ExperimentStore.open(req.experimentDir());
    StatusReport before = DriftScan.scan(store, req.selection(), events);
    Orchestrator.Wiring[] built = new Orchestrator.Wiring[1];
    Supplier<Orchestrator.Wiring> ports =
        () -> {
          if (built[0] == null) {
            built[0] = wiring.apply(store);
          }
          return built[0];
        };
    Plan plan = selector.select(store, before, ports);
    if (req.dryRun()) {
      return new Report(store.root(), before, plan, null, null);
    }
    refuseDrift(store, req, before.drift());
    OrchestrationReport work;
    List<SummariesPending.Subtest> owed =
        req.settings().writeSummaries() ? SummariesPending.read(store.layout()) : List.of();
    if (plan.isEmpty() && owed.isEmpty()) {
      work = new OrchestrationReport(List.of(), 0.0, Duration.ZERO, null);
    } else {
      try (ExperimentLock lock =
          ExperimentLock.acquire(store.layout(), req.command(), Duration.ZERO)) {
        if (!lock.removedTemporaryFiles().isEmpty()) {
          events.info(
              "removed "
                  + lock.removedTemporaryFiles().size()
                  + " temporary file(s) left by interrupted writes: "
                  + lock.removedTemporaryFiles());
        }
        recordInputs(store, req, before);
        if (req.settings().writeSummaries() && !plan.isEmpty()) {
          Set<SummariesPending.Subtest> planned = new LinkedHashSet<>();
          for (List<Work> phase : plan.phases()) {
            for (Work k : phase) {
              planned.add(new SummariesPending.Subtest(k.key().tier(), k.key().subtest()));
            }
          }
          SummariesPending.add(store.layout(), planned);
        }
        work =
            plan.isEmpty()
                ? new OrchestrationReport(List.of(), 0.0, Duration.ZERO, null)
                : execute(store, before, plan, req, ports.get());
        if (req.settings().writeSummaries()) {
          writeSummaries(store, work.runs(), owed, ports.get().results());
          SummariesPending.clear(store.layout());
        }
      } catch (IOException e) {
        // a full disk, a file that cannot be written: one line, exit 1, everything resumable
        throw new dev.scylla.model.ScyllaException(
            dev.scylla.model.ScyllaException.Kind.FAILED,
            store.root() + ": " + req.command() + " stopped: cannot write: " + e.getMessage(),
            e);
      }
    }
    StatusReport after =
        DriftScan.scan(ExperimentStore.open(req.experimentDir()), req.selection(), EventSink.NONE);
    return new Report(store.root(), before, plan, work, after);
  }

  /**
   * Refuses (BAD_INPUT, before anything is written) to act on an experiment whose runs or slots
   * were made under inputs that differ from its current ones, unless the settings accept drift or
   * these very inputs were accepted before.
   */
  private static void refuseDrift(
      ExperimentStore store, Request req, dev.scylla.status.DriftReport drift) {
    if (drift == null
        || !drift.hasDrift()
        || drift.accepted() != null
        || req.settings().drift() != RunSettings.DriftPolicy.REFUSE) {
      return;
    }
    boolean judgesOnly = drift.changes().stream().allMatch(c -> c.judge());
    throw dev.scylla.model.ScyllaException.badInput(
        store.root()
            + ": "
            + req.command()
            + " refused: "
            + String.join("; ", drift.lines())
            + ". "
            + (judgesOnly
                ? "Re-judge those slots with rerun-judges --stale, or add --accept-drift to go on"
                : "Add --accept-drift to go on")
            + " (the acceptance is recorded in the experiment)");
  }

  /**
   * Under the lock: the inputs as first seen, when the experiment records none yet (the fingerprint
   * of runs and slots that record none of their own), and an {@code --accept-drift}.
   */
  private void recordInputs(ExperimentStore store, Request req, StatusReport before)
      throws IOException {
    List<String> warnings = new ArrayList<>();
    dev.scylla.model.FingerprintRecord file = DriftScan.record(store, warnings);
    if (!warnings.isEmpty()) {
      // a corrupt record is kept aside, never overwritten
      dev.scylla.store.FingerprintJson.backup(store.layout());
    }
    dev.scylla.model.FingerprintRecord next = file;
    String at = java.time.Instant.now().toString();
    if (file.firstSeen() == null) {
      next = next.withFirstSeen(Inputs.current(store, before.matrix(), warnings), at);
    }
    dev.scylla.status.DriftReport drift = before.drift();
    if (drift != null
        && drift.hasDrift()
        && drift.accepted() == null
        && req.settings().drift() == RunSettings.DriftPolicy.ACCEPT) {
      next =
          next.with(
              new dev.scylla.model.FingerprintRecord.Acceptance(
                  at, req.command(), drift.inputsSha256(), drift.lines()));
      events.warn(
          "drift accepted (recorded in .scylla/fingerprints.json): "
              + String.join("; ", drift.lines()));
    }
    if (next != file) {
      dev.scylla.store.FingerprintJson.write(store.layout(), next);
    }
  }

  private OrchestrationReport execute(
      ExperimentStore store, StatusReport before, Plan plan, Request req, Orchestrator.Wiring w)
      throws IOException {
    Executor executor = executors.apply(w);
    OrchestrationReport r =
        executor.executePhases(
            store,
            before.matrix(),
            plan.phases(),
            req.concurrency(),
            req.settings(),
            req.control(),
            plan.estimatePerRun());
    List<RunFinal> finals = new ArrayList<>(r.runs());
    finals.sort((a, b) -> a.key().compareTo(b.key()));
    return new OrchestrationReport(finals, r.spentUsd(), r.elapsed(), r.stopReason());
  }

  /**
   * The summaries of every subtest a run of this session changed in, their tiers, and the
   * experiment's, decided once for everything touched.
   */
  private void writeSummaries(
      ExperimentStore store,
      List<RunFinal> finals,
      List<SummariesPending.Subtest> owed,
      Ports.Results results)
      throws IOException {
    Set<Ports.SubtestId> touched = new LinkedHashSet<>();
    // what an earlier session was stopped before summarising (SummariesPending)
    for (SummariesPending.Subtest o : owed) {
      touched.add(new Ports.SubtestId(o.tier(), o.subtest()));
    }
    for (RunFinal f : finals) {
      if (f.kind() == RunFinal.Kind.COMPLETED || f.agentLaunches() > 0 || f.judgeCalls() > 0) {
        touched.add(new Ports.SubtestId(f.key().tier(), f.key().subtest()));
      }
    }
    if (touched.isEmpty()) {
      return;
    }
    events.info(
        "writing summaries of " + touched.size() + " subtest(s), their tiers and the experiment");
    results.writeSummaries(store, touched);
    results.writeExperimentSummary(store);
  }
}
