package dev.scylla.status;

import dev.scylla.model.JudgeSpend;
import java.util.EnumMap;
import java.util.Map;

/** Counters of run and slot statuses over every enumerated run. */
public final class Counts {
  private final EnumMap<RunStatus, Integer> runs = new EnumMap<>(RunStatus.class);
  private final EnumMap<SlotStatus, Integer> slots = new EnumMap<>(SlotStatus.class);
  private int runsSkipped;
  private int turnLimited;
  private int slotsSkipped;
  private double agentCostUsd;
  private JudgeSpend judgeSpend = JudgeSpend.NONE;

  public Counts() {
    for (RunStatus s : RunStatus.values()) {
      runs.put(s, 0);
    }
    for (SlotStatus s : SlotStatus.values()) {
      slots.put(s, 0);
    }
  }

  public void add(RunView v, Selection sel) {
    runs.merge(v.status(), 1, Integer::sum);
    if (v.turnLimitReached()) {
      turnLimited++;
    }
    agentCostUsd += v.agentCostUsd();
    judgeSpend = judgeSpend.plus(v.judgeSpend());
    for (SlotView s : v.slots()) {
      if (sel.enumeratesSlot(s.slot())) {
        slots.merge(s.status(), 1, Integer::sum);
      } else {
        slotsSkipped++;
      }
    }
  }

  public void skipRun(int judgeSlots) {
    runsSkipped++;
    slotsSkipped += judgeSlots;
  }

  public int runs(RunStatus s) {
    return runs.get(s);
  }

  public int slots(SlotStatus s) {
    return slots.get(s);
  }

  public int totalRuns() {
    return runs.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int totalSlots() {
    return slots.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Runs whose agent finished by using up its turns (a model outcome; they are also counted under
   * their status, e.g. {@code completed}).
   */
  public int turnLimited() {
    return turnLimited;
  }

  /** The agents' {@code cost_usd} over the enumerated runs (their current attempt). */
  public double agentCostUsd() {
    return agentCostUsd;
  }

  /** The judge calls recorded in the enumerated runs' slot journals, their tokens and cost. */
  public JudgeSpend judgeSpend() {
    return judgeSpend;
  }

  /** Agent and judge spend (judge calls of unknown cost add nothing). */
  public double totalCostUsd() {
    return agentCostUsd + judgeSpend.costUsd();
  }

  public int runsSkippedByFilter() {
    return runsSkipped;
  }

  public int slotsSkippedByFilter() {
    return slotsSkipped;
  }

  public Map<RunStatus, Integer> runMap() {
    return new EnumMap<>(runs);
  }

  public Map<SlotStatus, Integer> slotMap() {
    return new EnumMap<>(slots);
  }
}
