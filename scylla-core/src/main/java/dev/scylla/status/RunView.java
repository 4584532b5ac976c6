package dev.scylla.status;

import dev.scylla.model.RunKey;
import java.util.List;

/**
 * The classification of one run and its judge slots.
 *
 * @param location the run directory relative to the experiment
 * @param attention for a completed run: what its judges still need (empty when nothing), so the run
 *     view never contradicts the judge view
 */
public record RunView(
    RunKey key,
    String location,
    RunStatus status,
    String reason,
    List<String> attention,
    List<SlotView> slots,
    boolean budgetSpent,
    boolean turnLimitReached) {

  public RunView {
    attention = List.copyOf(attention);
    slots = List.copyOf(slots);
  }
}
