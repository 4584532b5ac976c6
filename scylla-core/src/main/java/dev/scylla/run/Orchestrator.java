package dev.scylla.run;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.store.CheckpointFile;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a set of runs of one experiment with bounded concurrency. Each worker takes the next run and
 * drives it with a {@link RunMachine}; a rate limit pauses every step that needs the limited model
 * until its reset time. Progress is reported as events (runs done, failed, running, spend). It
 * writes run files only: the {@link Session} writes the summaries above runs.
 */
public final class Orchestrator implements Executor {

  /** The ports one orchestration uses. */
  public record Wiring(
      Ports.Workspace workspace,
      Ports.Agent agent,
      Ports.Pipeline pipeline,
      Ports.Judge judge,
      Ports.Results results) {}

  private final Wiring wiring;
  private final EventSink events;
  private final Clock clock;
  private volatile CheckpointFile current;
  private RateLimitGates gates;

  /**
   * The gates of this orchestrator's session, made on first use: a streak of limits and a model
   * given up on last across the session's phases.
   */
  private synchronized RateLimitGates gates(RunSettings settings) {
    if (gates == null) {
      gates =
          new RateLimitGates(
              clock,
              events,
              new RateLimitGates.Listener() {
                @Override
                public void closed(String model, Instant until) {
                  current.rateLimit(model, until);
                  saveQuietly(current);
                }

                @Override
                public void opened(String model) {
                  current.clearRateLimit();
                  saveQuietly(current);
                }
              },
              settings.defaultRateLimitWait(),
              settings.maxRateLimitWait());
    }
    return gates;
  }

  public Orchestrator(Wiring wiring, EventSink events, Clock clock) {
    this.wiring = wiring;
    this.events = events;
    this.clock = clock;
  }

  /** Drives {@code runs} to their ends. */
  public OrchestrationReport executeRuns(
      ExperimentStore store,
      RunMatrix matrix,
      List<RunKey> runs,
      int concurrency,
      RunSettings settings,
      RunControl control,
      double estimatePerRun)
      throws IOException {
    return execute(
        store,
        matrix,
        runs.stream().map(Work::drive).toList(),
        concurrency,
        settings,
        control,
        estimatePerRun);
  }

  @Override
  public OrchestrationReport execute(
      ExperimentStore store,
      RunMatrix matrix,
      List<Work> work,
      int concurrency,
      RunSettings settings,
      RunControl control,
      double estimatePerRun)
      throws IOException {
    java.util.Map<RunKey, Work> byKey = new java.util.LinkedHashMap<>();
    work.forEach(w -> byKey.put(w.key(), w));
    return drive(
        store,
        matrix,
        new ArrayList<>(byKey.keySet()),
        concurrency,
        settings,
        control,
        estimatePerRun,
        m -> {
          Work w = byKey.get(m.key());
          return w.slots() == null ? m.drive() : m.judgeOnly(w.slots(), w.options());
        });
  }

  private OrchestrationReport drive(
      ExperimentStore store,
      RunMatrix matrix,
      List<RunKey> runs,
      int concurrency,
      RunSettings settings,
      RunControl control,
      double estimatePerRun,
      java.util.function.Function<RunMachine, RunFinal> action)
      throws IOException {
    CheckpointFile checkpoint = CheckpointFile.open(store.layout(), store.config());
    checkpoint.status("running");
    checkpoint.experimentState("tiers_running");
    checkpoint.save();
    current = checkpoint;
    RateLimitGates gates = gates(settings);
    CostGuard costGuard = new CostGuard(settings.maxCostUsd(), estimatePerRun);
    ConcurrentLinkedQueue<RunKey> queue = new ConcurrentLinkedQueue<>(runs);
    List<RunFinal> finals = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger running = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    int workers = Math.max(1, Math.min(concurrency, runs.size()));
    CountDownLatch latch = new CountDownLatch(workers);
    Instant started = clock.instant();
    for (int i = 0; i < workers; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  RunKey key;
                  while ((key = queue.poll()) != null) {
                    if (control.launchingStopped() && !hasStarted(store, key)) {
                      finals.add(
                          new RunFinal(
                              key, RunFinal.Kind.STOPPED, control.stopReason(), null, 0, 0, 0));
                      continue;
                    }
                    running.incrementAndGet();
                    report(finals, runs.size(), running, failed, costGuard);
                    RunFinal f;
                    try {
                      f =
                          new RunMachine(
                                  new RunContext(store, matrix, key),
                                  wiring,
                                  settings,
                                  control,
                                  gates,
                                  checkpoint,
                                  costGuard,
                                  events,
                                  clock)
                              .apply(action);
                    } catch (RuntimeException e) {
                      events.error(key.label() + ": unexpected error: " + e);
                      f =
                          new RunFinal(
                              key,
                              RunFinal.Kind.INTERRUPTED,
                              "unexpected error: " + e,
                              null,
                              0,
                              0,
                              0);
                    }
                    running.decrementAndGet();
                    finals.add(f);
                    if (f.kind() == RunFinal.Kind.FAILED_FINAL) {
                      failed.incrementAndGet();
                      events.warn(key.label() + ": final failure: " + f.reason());
                    } else if (f.kind() == RunFinal.Kind.COMPLETED) {
                      events.info(
                          key.label()
                              + ": completed ("
                              + (Boolean.TRUE.equals(f.passed()) ? "passed" : "not passed")
                              + ")");
                    }
                    saveQuietly(checkpoint);
                    report(finals, runs.size(), running, failed, costGuard);
                  }
                } finally {
                  latch.countDown();
                }
              },
              "scylla-run-" + i);
      t.setDaemon(true);
      t.start();
    }
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      control.cancel();
    }
    boolean interrupted =
        finals.stream()
            .anyMatch(
                f -> f.kind() == RunFinal.Kind.INTERRUPTED || f.kind() == RunFinal.Kind.STOPPED);
    checkpoint.status(interrupted ? "interrupted" : "completed");
    checkpoint.experimentState(interrupted ? "interrupted" : "complete");
    checkpoint.save();
    List<RunFinal> sorted = new ArrayList<>(finals);
    sorted.sort((a, b) -> a.key().compareTo(b.key()));
    return new OrchestrationReport(
        sorted,
        costGuard.total(),
        java.time.Duration.between(started, clock.instant()),
        control.stopReason() != null
            ? control.stopReason()
            : gates.givenUp().isEmpty() ? null : String.join("; ", gates.givenUp().values()));
  }

  private static boolean hasStarted(ExperimentStore store, RunKey key) {
    return java.nio.file.Files.exists(store.runDir(key));
  }

  private void report(
      List<RunFinal> finals,
      int total,
      AtomicInteger running,
      AtomicInteger failed,
      CostGuard cost) {
    events.progress(
        "runs",
        finals.size(),
        total,
        String.format(
            "%d running, %d failed, $%.2f spent", running.get(), failed.get(), cost.total()));
  }

  private void saveQuietly(CheckpointFile checkpoint) {
    try {
      checkpoint.save();
    } catch (IOException e) {
      events.warn(
          "could not save checkpoint.json: " + (e.getMessage() == null ? e : e.getMessage()));
    }
  }
}
