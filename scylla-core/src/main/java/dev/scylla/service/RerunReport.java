package dev.scylla.service;

import dev.scylla.model.RunKey;
import dev.scylla.run.CostEstimate;
import dev.scylla.run.OrchestrationReport;
import dev.scylla.status.StatusReport;
import java.util.List;

/**
 * What a rerun found, did and left: the classification before and after (the after is a fresh scan,
 * never the before counts), the per-run outcomes, the cost estimate, and notes for the user (runs
 * that could not be acted on, and why).
 *
 * @param work null for a dry run
 * @param after null for a dry run
 * @param targets the runs acted on (or that would be, in a dry run)
 */
public record RerunReport(
    StatusReport before,
    StatusReport after,
    OrchestrationReport work,
    List<RunKey> targets,
    CostEstimate estimate,
    List<String> notes,
    boolean dryRun) {

  public RerunReport {
    targets = List.copyOf(targets);
    notes = List.copyOf(notes);
  }
}
