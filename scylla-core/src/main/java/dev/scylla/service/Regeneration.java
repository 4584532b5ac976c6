package dev.scylla.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.ScyllaException;
import dev.scylla.results.RunPlan;
import dev.scylla.results.RunRegenerator;
import dev.scylla.results.RunSummary;
import dev.scylla.results.SummaryJson;
import dev.scylla.results.SummaryRebuilder;
import dev.scylla.results.WrittenFile;
import dev.scylla.run.Scanner;
import dev.scylla.status.RunView;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusReport;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code regenerate}: a scan that rebuilds every selected run right after reading it (agent result,
 * consensus, run result), the summaries of every subtest, tier and the experiment, then a fresh
 * scan for the before and after counts. A run that cannot be rebuilt is reported and left as it
 * was; it never stops the others.
 */
final class Regeneration {
  /**
   * Concurrent writers of run files (derived, written without fsync; see {@code
   * SummaryWriter.WRITERS} for why there are still 16).
   */
  static final int WRITERS = 16;

  private static final String WRITE_FAILED = "writing failed: ";

  private final RegenerateRequest req;
  private final EventSink events;
  private final Selection sel;
  private final RunRegenerator regen;
  private final ExecutorService writers;

  /** Bounds the plans waiting for a writer, so memory does not grow when writing lags reading. */
  private final Semaphore backlog = new Semaphore(4 * WRITERS);

  private final Object lock = new Object();

  // guarded by lock
  private final Map<String, Map<String, List<RunSummary>>> counted = new LinkedHashMap<>();
  private final Map<RunKey, ObjectNode> pending = new HashMap<>();
  private final Set<String> scope = new HashSet<>();
  private final List<Future<RegeneratedRun>> outcomes = new ArrayList<>();
  private int unchanged;
  private int notSelected;

  private Regeneration(
      RegenerateRequest req, EventSink events, RunRegenerator regen, RunMatrix matrix) {
    this.req = req;
    this.events = events;
    this.sel = req.selection();
    this.regen = regen;
    this.writers = req.dryRun() ? null : Executors.newFixedThreadPool(WRITERS, daemons());
    matrix
        .subtests()
        .forEach(
            (t, subs) -> {
              Map<String, List<RunSummary>> m = new LinkedHashMap<>();
              subs.forEach(s -> m.put(s, new ArrayList<>()));
              counted.put(t, m);
            });
  }

  static RegenerateReport run(RegenerateRequest req, EventSink events, Clock clock) {
    ExperimentStore store = ExperimentStore.open(req.experimentDir());
    RunMatrix matrix = store.matrix(new ArrayList<>());
    RunRegenerator regen = new RunRegenerator(store, matrix, req.policy(), clock);
    SummaryRebuilder summaries =
        new SummaryRebuilder(store, matrix, req.policy(), clock, req.dryRun());
    Regeneration r = new Regeneration(req, events, regen, matrix);

    // The "before" scan reads every selected run once; each run is planned right after it is
    // classified, from the same snapshot, and its files are written by the writers meanwhile.
    StatusReport before;
    try {
      before = Scanner.scan(store, req.selection(), events, r::visit, false);
    } finally {
      if (r.writers != null) {
        r.writers.shutdown();
      }
    }
    List<RegeneratedRun> finished = r.finish();
    // Runs outside the tier/subtest/run filters still count in the summaries, as they are.
    for (RunKey key : matrix.runs()) {
      if (!r.sel.enumerates(key)) {
        r.notSelected++;
        r.count(key, regen.summaryAsIs(key));
      }
    }

    // The fresh "after" scan reads only run directories, which are final now: it runs while the
    // summaries are written.
    CompletableFuture<StatusReport> after =
        req.dryRun()
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.supplyAsync(
                () ->
                    Scanner.scan(
                        ExperimentStore.open(req.experimentDir()),
                        r.sel,
                        EventSink.NONE,
                        (snap, view) -> {},
                        false),
                runnable -> {
                  Thread t = new Thread(runnable, "regenerate-after-scan");
                  t.setDaemon(true);
                  t.start();
                });
    List<String> errors = new ArrayList<>();
    List<WrittenFile> summaryFiles = List.of();
    try {
      SummaryJson.RunSource source =
          req.dryRun() ? summaries.overlay(r.pending) : summaries.diskRuns();
      summaries.rewrite(r.counted, r.scope::contains, source);
      summaryFiles = summaries.written();
    } catch (IOException | RuntimeException e) {
      errors.add("summaries: " + e.getMessage());
      events.error("writing the summaries failed: " + e.getMessage());
    }

    return new RegenerateReport(
        store.root(),
        req.dryRun(),
        req.policy(),
        before,
        joinScan(after),
        finished,
        r.unchanged,
        r.notSelected,
        summaryFiles,
        summaries.unchanged(),
        errors,
        summaries.notes());
  }

  /** Plans one scanned run and hands its writes to the writers; called by the scan's threads. */
  private void visit(RunSnapshot snap, RunView view) {
    RunKey key = snap.key();
    if (!sel.listsRun(view.status())) {
      RunSummary s = regen.summaryAsIs(key);
      synchronized (lock) {
        notSelected++;
        count(key, s);
      }
      return;
    }
    RunPlan plan = regen.plan(snap);
    Future<RegeneratedRun> outcome = null;
    if (plan.outcome() != RunPlan.Outcome.UNCHANGED) {
      if (req.dryRun() || plan.writes().isEmpty()) {
        List<WrittenFile> files = new ArrayList<>();
        plan.writes()
            .forEach(
                w ->
                    files.add(
                        new WrittenFile(w.file(), w.label(), w.replaces(), null, w.reason())));
        outcome =
            CompletableFuture.completedFuture(
                new RegeneratedRun(
                    key, plan.location(), plan.before(), plan.outcome(), plan.reason(), files));
      } else {
        // the plan's run result tree is only needed by dry runs: do not keep it in the queue
        RunPlan slim =
            new RunPlan(
                plan.key(),
                plan.location(),
                plan.before(),
                plan.outcome(),
                plan.reason(),
                plan.writes(),
                null,
                null,
                plan.runResultFile());
        backlog.acquireUninterruptibly();
        outcome =
            writers.submit(
                () -> {
                  try {
                    return apply(slim);
                  } finally {
                    backlog.release();
                  }
                });
      }
    }
    synchronized (lock) {
      scope.add(key.tier() + "/" + key.subtest());
      count(key, plan.summary());
      if (outcome == null) {
        unchanged++;
      } else {
        outcomes.add(outcome);
      }
      if (req.dryRun() && plan.runResult() != null) {
        pending.put(key, plan.runResult());
      }
    }
  }

  private void count(RunKey key, RunSummary s) {
    if (s != null) {
      counted.get(key.tier()).get(key.subtest()).add(s);
    }
  }

  /** Waits for the writers; runs whose writing failed count as they now are on disk. */
  private List<RegeneratedRun> finish() {
    List<RegeneratedRun> out = new ArrayList<>();
    for (Future<RegeneratedRun> f : outcomes) {
      RegeneratedRun o = join(f);
      out.add(o);
      if (o.outcome() == RunPlan.Outcome.FAILED) {
        events.warn(o.key().label() + ": left as it was: " + o.reason());
        if (o.reason().startsWith(WRITE_FAILED)) {
          List<RunSummary> list = counted.get(o.key().tier()).get(o.key().subtest());
          list.removeIf(x -> x.key().equals(o.key()));
          count(o.key(), regen.summaryAsIs(o.key()));
        }
      }
    }
    out.sort(Comparator.comparing(RegeneratedRun::key));
    return out;
  }

  private static RegeneratedRun apply(RunPlan plan) {
    try {
      return new RegeneratedRun(
          plan.key(),
          plan.location(),
          plan.before(),
          plan.outcome(),
          plan.reason(),
          RunRegenerator.apply(plan));
    } catch (IOException | RuntimeException e) {
      return new RegeneratedRun(
          plan.key(),
          plan.location(),
          plan.before(),
          RunPlan.Outcome.FAILED,
          WRITE_FAILED + e.getMessage(),
          List.of());
    }
  }

  private static StatusReport joinScan(CompletableFuture<StatusReport> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScyllaException(ScyllaException.Kind.INTERRUPTED, "interrupted while scanning", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static RegeneratedRun join(Future<RegeneratedRun> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScyllaException(ScyllaException.Kind.INTERRUPTED, "interrupted while writing", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private static ThreadFactory daemons() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "regenerate-writer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
