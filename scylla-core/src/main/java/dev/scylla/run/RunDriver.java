package dev.scylla.run;

import dev.scylla.event.EventSink;
import dev.scylla.model.RunMatrix;
import dev.scylla.store.CheckpointFile;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
import java.time.Clock;

/**
 * One run's state machine driven to its end outside an {@link Orchestrator}: what a distributed
 * executor's worker does with one run it was given. The steps are the same {@link RunMachine}'s (so
 * a run resumes at its first unfinished step, from its journal and files); the gates and the stop
 * are the caller's, the cost limit is {@code settings.maxCostUsd()} for this run alone.
 */
public final class RunDriver {
  private RunDriver() {}

  /**
   * Drives {@code work} to its end and saves the experiment's checkpoint with this run's state
   * (best effort: a checkpoint that cannot be written is a warning, as in the orchestrator).
   *
   * @param estimatePerRun expected agent cost of one run, for the cost guard
   */
  public static RunFinal drive(
      Orchestrator.Wiring wiring,
      ExperimentStore store,
      RunMatrix matrix,
      Work work,
      RunSettings settings,
      RunControl control,
      Gates gates,
      double estimatePerRun,
      EventSink events,
      Clock clock)
      throws IOException {
    CheckpointFile checkpoint = CheckpointFile.open(store.layout(), store.config());
    CostGuard costGuard = new CostGuard(settings.maxCostUsd(), estimatePerRun);
    RunMachine m =
        new RunMachine(
            new RunContext(store, matrix, work.key()),
            wiring,
            settings,
            control,
            gates,
            checkpoint,
            costGuard,
            events,
            clock);
    RunFinal f;
    try {
      f = work.slots() == null ? m.drive() : m.judgeOnly(work.slots(), work.options());
    } finally {
      try {
        checkpoint.save();
      } catch (IOException e) {
        events.warn(
            "could not save checkpoint.json: " + (e.getMessage() == null ? e : e.getMessage()));
      }
    }
    return f;
  }
}
