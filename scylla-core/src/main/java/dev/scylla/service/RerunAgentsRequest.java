package dev.scylla.service;

import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Re-run the agents of failed, partial and missing runs (archiving what is there) and rebuild the
 * results of {@code results} runs.
 *
 * @param selection runs to enumerate; its run statuses select what is acted on (empty: failed,
 *     partial, missing and results)
 * @param concurrency runs at a time
 * @param maxCostUsd stop launching once spend would exceed this; null for no limit
 * @param retryExhausted also retry runs whose retry budget is spent
 * @param catalogueDir the tier/subtest catalogue to compose workspaces from, for experiments that
 *     hold no copy of theirs (the reference's); null for the experiment's own
 */
public record RerunAgentsRequest(
    Path experimentDir,
    Selection selection,
    boolean dryRun,
    boolean skipRegenerate,
    int concurrency,
    Double maxCostUsd,
    boolean retryExhausted,
    Path catalogueDir) {

  /** A request that uses the experiment's own copy of its catalogue. */
  public RerunAgentsRequest(
      Path experimentDir,
      Selection selection,
      boolean dryRun,
      boolean skipRegenerate,
      int concurrency,
      Double maxCostUsd,
      boolean retryExhausted) {
    this(
        experimentDir,
        selection,
        dryRun,
        skipRegenerate,
        concurrency,
        maxCostUsd,
        retryExhausted,
        null);
  }

  public static final Set<RunStatus> DEFAULT_STATUSES =
      EnumSet.of(RunStatus.FAILED, RunStatus.PARTIAL, RunStatus.MISSING, RunStatus.RESULTS);

  /** The selection with the default statuses filled in. */
  public Selection effectiveSelection() {
    return selection.runStatuses().isEmpty()
        ? selection.withRunStatuses(DEFAULT_STATUSES)
        : selection;
  }
}
