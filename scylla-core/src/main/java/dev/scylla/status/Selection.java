package dev.scylla.status;

import dev.scylla.model.RunKey;
import java.util.Set;

/**
 * Which runs and slots a command looks at. Empty sets select everything. Tier, subtest and run
 * filters decide which runs are enumerated at all (the others count as skipped by the filter);
 * status filters only narrow what is listed or acted on, never the counters.
 */
public record Selection(
    Set<String> tiers,
    Set<String> subtests,
    Set<Integer> runs,
    Set<RunStatus> runStatuses,
    Set<Integer> judgeSlots,
    Set<SlotStatus> slotStatuses) {

  public static final Selection ALL =
      new Selection(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  public Selection {
    tiers = Set.copyOf(tiers);
    subtests = Set.copyOf(subtests);
    runs = Set.copyOf(runs);
    runStatuses = Set.copyOf(runStatuses);
    judgeSlots = Set.copyOf(judgeSlots);
    slotStatuses = Set.copyOf(slotStatuses);
  }

  /** Whether the run is enumerated (tier, subtest and run filters). */
  public boolean enumerates(RunKey key) {
    return (tiers.isEmpty() || tiers.contains(key.tier()))
        && (subtests.isEmpty() || subtests.contains(key.subtest()))
        && (runs.isEmpty() || runs.contains(key.run()));
  }

  /** Whether the judge slot is enumerated. */
  public boolean enumeratesSlot(int slot) {
    return judgeSlots.isEmpty() || judgeSlots.contains(slot);
  }

  public boolean listsRun(RunStatus s) {
    return runStatuses.isEmpty() || runStatuses.contains(s);
  }

  public boolean listsSlot(SlotStatus s) {
    return slotStatuses.isEmpty() || slotStatuses.contains(s);
  }

  public Selection withRunStatuses(Set<RunStatus> s) {
    return new Selection(tiers, subtests, runs, s, judgeSlots, slotStatuses);
  }

  public Selection withSlotStatuses(Set<SlotStatus> s) {
    return new Selection(tiers, subtests, runs, runStatuses, judgeSlots, s);
  }
}
