package dev.scylla.service;

import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.RunPlan;
import dev.scylla.results.WrittenFile;
import dev.scylla.status.StatusReport;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@code regenerate}.
 *
 * @param before the classification before anything was written (counters only: its per-run list is
 *     empty, the runs are in {@code runs})
 * @param after a fresh classification after everything was written (counters only; null in a dry
 *     run)
 * @param runs the runs that were rebuilt, failed or skipped (unchanged runs are only counted)
 * @param runsUnchanged selected runs whose files were all up to date
 * @param runsNotSelected runs outside the selection (read for the summaries, never rebuilt)
 * @param summaries summary files written (or that would be)
 * @param summariesUnchanged summary files already up to date
 * @param errors problems writing summaries; the run files are unaffected
 * @param notes summaries that were not rewritten, and why
 */
public record RegenerateReport(
    Path experimentDir,
    boolean dryRun,
    ConsensusPolicy policy,
    StatusReport before,
    StatusReport after,
    List<RegeneratedRun> runs,
    int runsUnchanged,
    int runsNotSelected,
    List<WrittenFile> summaries,
    int summariesUnchanged,
    List<String> errors,
    List<String> notes) {

  public RegenerateReport {
    runs = List.copyOf(runs);
    summaries = List.copyOf(summaries);
    errors = List.copyOf(errors);
    notes = List.copyOf(notes);
  }

  public long count(RunPlan.Outcome o) {
    return o == RunPlan.Outcome.UNCHANGED
        ? runsUnchanged
        : runs.stream().filter(r -> r.outcome() == o).count();
  }

  /** True when no run failed to rebuild and no summary failed to write. */
  public boolean ok() {
    return count(RunPlan.Outcome.FAILED) == 0 && errors.isEmpty();
  }

  /** Every file written (or that would be): runs first, then summaries. */
  public int filesWritten() {
    return runs.stream().mapToInt(r -> r.files().size()).sum() + summaries.size();
  }
}
