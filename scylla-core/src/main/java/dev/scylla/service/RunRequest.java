package dev.scylla.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Create an experiment from a test definition and run it.
 *
 * @param catalogueDir the tier/subtest catalogue (a reference checkout works too)
 * @param tiers tiers to run; empty: every tier the catalogue has
 * @param subtests subtest ids to keep; empty: all
 * @param runs runs per subtest
 * @param model the agent model
 * @param judgeModels one judge slot per model
 * @param agent {@code claude-code}, {@code codex} or {@code command:<shell command>}
 * @param claudeExecutable the Claude Code executable for agent and judges, or null ({@code claude}
 *     on PATH, or {@code $SCYLLA_CLAUDE})
 * @param env extra environment for agent and judge processes; {@code ${experiment_dir}} in a value
 *     is replaced by the experiment's current location
 * @param simulator the Claude Code executable is the bundled simulator: reinstall its launcher on
 *     every run so a moved experiment still works
 * @param timeoutSeconds the agent's timeout; null for the test's
 * @param maxSubtests keep only the first N subtests of each tier; null for all
 * @param dryRun print the plan and a cost estimate; create nothing
 */
public record RunRequest(
    Path testDir,
    Path catalogueDir,
    Path resultsDir,
    List<String> tiers,
    List<String> subtests,
    int runs,
    String model,
    List<String> judgeModels,
    String agent,
    String claudeExecutable,
    Map<String, String> env,
    boolean simulator,
    Integer timeoutSeconds,
    Integer maxSubtests,
    String thinkingMode,
    int concurrency,
    Double maxCostUsd,
    boolean keepWorkspaces,
    boolean dryRun,
    Integer maxTurns,
    boolean judgeTurnLimited) {

  public RunRequest {
    tiers = List.copyOf(tiers);
    subtests = List.copyOf(subtests);
    judgeModels = List.copyOf(judgeModels);
    env = env == null ? Map.of() : Map.copyOf(env);
  }
}
