package dev.scylla.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.RunKey;
import dev.scylla.status.RunStatus;
import java.nio.file.Path;
import java.util.List;

/**
 * What regenerating one run would do, computed without writing anything.
 *
 * @param before the run's status when it was read
 * @param outcome the decision
 * @param reason why the run is skipped or failed (null when rebuilt or unchanged)
 * @param writes the files to write, in order ({@code agent/result.json}, {@code judge/result.json},
 *     then {@code run_result.json} last, the commit marker)
 * @param summary the run's numbers for the summaries (after the writes), or null when the run has
 *     no valid run result or its consensus is not valid
 * @param runResult the run result the summaries embed, when this plan writes a new one; null when
 *     the one on disk stands
 * @param runResultFile where the run's {@code run_result.json} is
 */
public record RunPlan(
    RunKey key,
    String location,
    RunStatus before,
    Outcome outcome,
    String reason,
    List<PlannedWrite> writes,
    RunSummary summary,
    ObjectNode runResult,
    Path runResultFile) {

  public RunPlan {
    writes = List.copyOf(writes);
  }

  /** The decision for one run. */
  public enum Outcome {
    /** Some files are missing, corrupt or out of date: they are (re)written. */
    REBUILT,
    /** Every file is present and agrees with its parts. */
    UNCHANGED,
    /** Not regenerate's work: the agent did not finish (failed, partial, missing): rerun it. */
    SKIPPED,
    /** A part is missing or corrupt: the run is left as it was. */
    FAILED;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
