package dev.scylla.model;

/**
 * What the store found for one judge slot {@code judge/judge_NN/}.
 *
 * @param configuredModel the model {@code judge_models[N-1]} binds to the slot
 * @param recordedModel the model the slot's own files name (MODEL.md or judgment), or null
 * @param failure the recorded failure of the last attempt (failure.json, error.log or a failed
 *     timing.json), or null when none is recorded
 * @param spend the judge calls its attempt journal records with their tokens and cost ({@link
 *     JudgeSpend#NONE} without a journal, or one written before calls were recorded)
 */
public record SlotSnapshot(
    int slot,
    String configuredModel,
    boolean dirExists,
    Loaded<Judgment> judgment,
    String recordedModel,
    String failure,
    JudgeSpend spend) {

  public SlotSnapshot {
    spend = spend == null ? JudgeSpend.NONE : spend;
  }

  public SlotSnapshot(
      int slot,
      String configuredModel,
      boolean dirExists,
      Loaded<Judgment> judgment,
      String recordedModel,
      String failure) {
    this(slot, configuredModel, dirExists, judgment, recordedModel, failure, JudgeSpend.NONE);
  }

  /** The model to show for this slot: what it recorded, else what the config binds. */
  public String model() {
    return recordedModel != null ? recordedModel : configuredModel;
  }
}
