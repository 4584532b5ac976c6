package dev.scylla.service;

import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Re-judge selected judge slots of runs whose agent finished, then rebuild their consensus and
 * run_result.json.
 *
 * @param selection runs and slots to enumerate; its slot statuses select what is re-judged (empty:
 *     missing, partial and failed; fallback slots only when asked)
 * @param judgeModel judge the selected slots with this model instead (recorded in the slot), or
 *     null
 * @param stale re-judge exactly the slots judged under another rubric, judge prompt template, judge
 *     model or backend than the experiment's current ones (the slot statuses do not select then)
 */
public record RerunJudgesRequest(
    Path experimentDir,
    Selection selection,
    String judgeModel,
    boolean dryRun,
    boolean skipRegenerate,
    int concurrency,
    boolean retryExhausted,
    boolean stale) {

  public RerunJudgesRequest(
      Path experimentDir,
      Selection selection,
      String judgeModel,
      boolean dryRun,
      boolean skipRegenerate,
      int concurrency,
      boolean retryExhausted) {
    this(
        experimentDir,
        selection,
        judgeModel,
        dryRun,
        skipRegenerate,
        concurrency,
        retryExhausted,
        false);
  }

  public static final Set<SlotStatus> DEFAULT_STATUSES =
      EnumSet.of(SlotStatus.MISSING, SlotStatus.PARTIAL, SlotStatus.FAILED);

  public Selection effectiveSelection() {
    return selection.slotStatuses().isEmpty()
        ? selection.withSlotStatuses(DEFAULT_STATUSES)
        : selection;
  }
}
