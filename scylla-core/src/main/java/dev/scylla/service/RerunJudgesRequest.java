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
 * @param repeats 0 to re-judge; else judge each selected slot this many extra times into its {@code
 *     .repeats/} (judge noise), leaving its verdict, the consensus, {@code run_result.json} and the
 *     summaries as they are; the slot statuses default to complete (a valid verdict)
 */
public record RerunJudgesRequest(
    Path experimentDir,
    Selection selection,
    String judgeModel,
    boolean dryRun,
    boolean skipRegenerate,
    int concurrency,
    boolean retryExhausted,
    boolean stale,
    int repeats) {

  public RerunJudgesRequest {
    if (repeats < 0) {
      throw dev.scylla.model.ScyllaException.badInput(
          "--repeat " + repeats + ": must be at least 1");
    }
    if (repeats > 0 && stale) {
      throw dev.scylla.model.ScyllaException.badInput(
          "--repeat and --stale cannot be combined: repeats judge slots that have a valid verdict"
              + " again beside it, --stale replaces verdicts");
    }
    if (repeats > 0 && retryExhausted) {
      throw dev.scylla.model.ScyllaException.badInput(
          "--repeat and --retry-exhausted cannot be combined: repeats never re-judge a slot");
    }
  }

  public RerunJudgesRequest(
      Path experimentDir,
      Selection selection,
      String judgeModel,
      boolean dryRun,
      boolean skipRegenerate,
      int concurrency,
      boolean retryExhausted,
      boolean stale) {
    this(
        experimentDir,
        selection,
        judgeModel,
        dryRun,
        skipRegenerate,
        concurrency,
        retryExhausted,
        stale,
        0);
  }

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

  /** What {@code --repeat} repeats unless {@code --status} says otherwise: valid verdicts. */
  public static final Set<SlotStatus> REPEAT_STATUSES = EnumSet.of(SlotStatus.COMPLETE);

  public Selection effectiveSelection() {
    return selection.slotStatuses().isEmpty()
        ? selection.withSlotStatuses(repeats > 0 ? REPEAT_STATUSES : DEFAULT_STATUSES)
        : selection;
  }
}
