package dev.scylla.model;

/**
 * What the store found for one judge slot {@code judge/judge_NN/}.
 *
 * @param configuredModel the model {@code judge_models[N-1]} binds to the slot
 * @param recordedModel the model the slot's own files name (MODEL.md or judgment), or null
 * @param failure the recorded failure of the last attempt (failure.json, error.log or a failed
 *     timing.json), or null when none is recorded
 */
public record SlotSnapshot(
    int slot,
    String configuredModel,
    boolean dirExists,
    Loaded<Judgment> judgment,
    String recordedModel,
    String failure) {

  /** The model to show for this slot: what it recorded, else what the config binds. */
  public String model() {
    return recordedModel != null ? recordedModel : configuredModel;
  }
}
