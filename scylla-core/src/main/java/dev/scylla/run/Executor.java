package dev.scylla.run;

import dev.scylla.model.RunMatrix;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out the work a session selected, while the session holds the experiment's lock: each
 * run's state machine, on this machine ({@link Orchestrator}) or elsewhere. It writes run files
 * only; the session writes the summaries above runs once, after every phase.
 */
public interface Executor {

  /**
   * @param estimatePerRun expected agent cost of one run, for the cost guard before any finished
   */
  OrchestrationReport execute(
      ExperimentStore store,
      RunMatrix matrix,
      List<Work> work,
      int concurrency,
      RunSettings settings,
      RunControl control,
      double estimatePerRun)
      throws IOException;

  /**
   * Carries out a session's phases in order (a phase starts when the one before it has ended; once
   * launching is stopped, the runs of later phases end as stopped). The default calls {@link
   * #execute} per phase, the cost limit shrinking by what each phase spent; an executor that keeps
   * the whole plan elsewhere (a workflow that outlives its starter) overrides it.
   */
  default OrchestrationReport executePhases(
      ExperimentStore store,
      RunMatrix matrix,
      List<List<Work>> phases,
      int concurrency,
      RunSettings settings,
      RunControl control,
      double estimatePerRun)
      throws IOException {
    List<RunFinal> finals = new ArrayList<>();
    double spent = 0;
    Duration elapsed = Duration.ZERO;
    String stop = null;
    for (List<Work> phase : phases) {
      if (control.launchingStopped()) {
        for (Work k : phase) {
          finals.add(
              new RunFinal(k.key(), RunFinal.Kind.STOPPED, control.stopReason(), null, 0, 0, 0));
        }
        continue;
      }
      OrchestrationReport r =
          execute(store, matrix, phase, concurrency, settings, control, estimatePerRun);
      finals.addAll(r.runs());
      spent += r.spentUsd();
      elapsed = elapsed.plus(r.elapsed());
      stop = stop != null ? stop : r.stopReason();
      if (settings.maxCostUsd() != null) {
        settings = settings.withMaxCost(Math.max(0, settings.maxCostUsd() - r.spentUsd()));
      }
    }
    return new OrchestrationReport(finals, spent, elapsed, stop);
  }
}
