package dev.scylla.analysis;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment that was read.
 *
 * @param name the experiment directory's name (the {@code experiment} column)
 * @param agentModelId the agent model as configured ({@code claude-sonnet-4-5-20250929})
 * @param agentModel its display name ({@code Sonnet 4.5})
 * @param layout {@code flat} or {@code phased}
 * @param tiers the tiers it runs, T0..T6 order
 * @param rubricWeights category → weight from {@code rubric.yaml}, in file order; empty without one
 * @param simulated whether the bundled simulator played agent and judges ({@code scylla.simulator}
 *     in the config): its money is simulated
 */
public record ExperimentInfo(
    String name,
    Path dir,
    String experimentId,
    String agentModelId,
    String agentModel,
    String layout,
    List<String> tiers,
    int runsPerSubtest,
    List<String> judgeModels,
    Map<String, Double> rubricWeights,
    boolean simulated) {

  public ExperimentInfo(
      String name,
      Path dir,
      String experimentId,
      String agentModelId,
      String agentModel,
      String layout,
      List<String> tiers,
      int runsPerSubtest,
      List<String> judgeModels,
      Map<String, Double> rubricWeights) {
    this(
        name,
        dir,
        experimentId,
        agentModelId,
        agentModel,
        layout,
        tiers,
        runsPerSubtest,
        judgeModels,
        rubricWeights,
        false);
  }

  public ExperimentInfo {
    tiers = List.copyOf(tiers);
    judgeModels = List.copyOf(judgeModels);
    rubricWeights = Collections.unmodifiableMap(new LinkedHashMap<>(rubricWeights));
  }
}
