package dev.scylla.run;

import dev.scylla.model.RunMatrix;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
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
}
