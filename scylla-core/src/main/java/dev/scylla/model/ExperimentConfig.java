package dev.scylla.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * {@code config/experiment.json}: what the experiment runs. {@code raw} keeps the file as read, so
 * fields this tool does not model (e.g. {@code parallel_subtests}) survive a rewrite.
 *
 * @param raw the parsed file; never mutate it
 */
public record ExperimentConfig(
    String experimentId,
    String taskRepo,
    String taskCommit,
    String taskPromptFile,
    String language,
    List<String> models,
    int runsPerSubtest,
    List<String> tiersToRun,
    List<String> judgeModels,
    Integer timeoutSeconds,
    Integer maxTurns,
    Integer maxSubtests,
    boolean skipAgentTeams,
    String thinkingMode,
    boolean useContainers,
    ObjectNode raw) {

  public static final List<String> ALL_TIERS = List.of("T0", "T1", "T2", "T3", "T4", "T5", "T6");

  public ExperimentConfig {
    Objects.requireNonNull(experimentId, "experimentId");
    models = List.copyOf(models);
    tiersToRun = List.copyOf(tiersToRun);
    judgeModels = List.copyOf(judgeModels);
  }

  /** The model bound to judge slot {@code slot} (1-based), or "unknown" beyond the list. */
  public String judgeModel(int slot) {
    return slot >= 1 && slot <= judgeModels.size() ? judgeModels.get(slot - 1) : "unknown";
  }

  /** The values of our {@code scylla.turn_limited} key. */
  public static final List<String> TURN_LIMITED_RULES = List.of("judge", "fail");

  /**
   * Whether runs whose agent used up its turns are judged like any other ({@code
   * scylla.turn_limited: "judge"}, the default) or scored as failures without judging ({@code
   * "fail"}: no judge is paid for them).
   */
  public boolean judgesTurnLimited() {
    return raw == null || !"fail".equals(raw.path("scylla").path("turn_limited").asText("judge"));
  }

  /** The agent model (first of {@code models}), or "unknown". */
  public String agentModel() {
    return models.isEmpty() ? "unknown" : models.get(0);
  }
}
