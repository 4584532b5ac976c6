package dev.scylla.analysis;

/**
 * One repeat verdict of a judge slot ({@code judge/judge_NN/.repeats/repeat_K/judgment.json},
 * written by {@code rerun-judges --repeat}) beside the slot's own verdict. Only real verdicts
 * (valid, not fallbacks, score in [0, 1]) of slots whose own verdict is real are read.
 *
 * @param slotModel the model of the slot's own verdict
 * @param model the model of the repeat (another one when the repeat was made with --judge-model)
 */
public record RepeatRow(
    String experiment,
    String agentModel,
    String tier,
    String subtest,
    int runNumber,
    int slot,
    String slotModel,
    double slotScore,
    boolean slotPassed,
    int repeat,
    String model,
    double score,
    boolean passed) {}
