package dev.scylla.run;

import dev.scylla.model.RunKey;
import java.util.List;

/**
 * What the executor is to do with one run.
 *
 * @param slots null to drive the whole run to its end (agent if it has not finished, build
 *     pipeline, every judge slot that is not terminal, consensus and {@code run_result.json}); else
 *     the judge slots to judge again until each is terminal, with {@code options}, then the run's
 *     consensus and {@code run_result.json}
 */
public record Work(RunKey key, List<Integer> slots, Ports.SlotOptions options) {

  public Work {
    slots = slots == null ? null : List.copyOf(slots);
    options = options == null ? Ports.SlotOptions.DEFAULT : options;
  }

  /** Drive the run to its end. */
  public static Work drive(RunKey key) {
    return new Work(key, null, Ports.SlotOptions.DEFAULT);
  }

  /** Judge these slots of a run whose agent finished. */
  public static Work judge(RunKey key, List<Integer> slots, Ports.SlotOptions options) {
    return new Work(key, slots, options);
  }
}
