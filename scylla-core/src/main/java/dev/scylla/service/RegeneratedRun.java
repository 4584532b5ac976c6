package dev.scylla.service;

import dev.scylla.model.RunKey;
import dev.scylla.results.RunPlan;
import dev.scylla.results.WrittenFile;
import dev.scylla.status.RunStatus;
import java.util.List;

/**
 * What regenerate did with one run.
 *
 * @param reason why the run was skipped or failed; null when rebuilt
 * @param files what was written (or would be, in a dry run)
 */
public record RegeneratedRun(
    RunKey key,
    String location,
    RunStatus before,
    RunPlan.Outcome outcome,
    String reason,
    List<WrittenFile> files) {

  public RegeneratedRun {
    files = List.copyOf(files);
  }
}
