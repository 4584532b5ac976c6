package dev.scylla.service;

import dev.scylla.run.OrchestrationReport;
import dev.scylla.status.StatusReport;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code run} (or a resume, or the demo) did.
 *
 * @param plan what the experiment expects (tiers, subtests, runs, judges) and its cost estimate
 * @param work null for a dry run
 * @param after a fresh classification at the end; null for a dry run
 */
public record RunReport(
    Path experimentDir,
    Plan plan,
    OrchestrationReport work,
    StatusReport after,
    List<String> notes) {

  public RunReport {
    notes = List.copyOf(notes);
  }

  /**
   * The plan of an experiment.
   *
   * @param subtests tier to subtest ids
   * @param estimateUsd agent and judge cost of every run, from the price table
   */
  public record Plan(
      String experimentId,
      java.util.Map<String, List<String>> subtests,
      int runsPerSubtest,
      String model,
      List<String> judgeModels,
      int totalRuns,
      double estimateUsd,
      String estimateBasis) {}
}
