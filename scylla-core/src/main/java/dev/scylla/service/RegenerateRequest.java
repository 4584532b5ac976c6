package dev.scylla.service;

import dev.scylla.results.ConsensusPolicy;
import dev.scylla.status.Selection;
import java.nio.file.Path;

/**
 * Rebuild every result file of an experiment from its parts.
 *
 * @param selection which runs are rebuilt (tier, subtest and run filters; a status filter narrows
 *     them to runs in those states); the summaries always cover every run
 * @param policy how judges are combined into a consensus
 * @param dryRun say what would be written, write nothing
 */
public record RegenerateRequest(
    Path experimentDir, Selection selection, ConsensusPolicy policy, boolean dryRun) {

  public RegenerateRequest {
    if (selection == null) {
      selection = Selection.ALL;
    }
    if (policy == null) {
      policy = ConsensusPolicy.DEFAULT;
    }
  }
}
