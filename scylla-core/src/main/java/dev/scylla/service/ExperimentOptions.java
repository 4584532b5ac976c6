package dev.scylla.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.ExperimentConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our settings in {@code config/experiment.json} (the {@code "scylla"} object): which agent adapter
 * runs, the Claude Code executable, extra environment, and whether that executable is the bundled
 * simulator. Experiments written by the reference have none: Claude Code on PATH.
 */
record ExperimentOptions(
    String agent, String claudeExecutable, Map<String, String> env, boolean simulator) {

  static ExperimentOptions of(ExperimentConfig config, Path experimentDir) {
    JsonNode s = config.raw().path("scylla");
    String agent = s.path("agent").isTextual() ? s.path("agent").textValue() : "claude-code";
    String exe =
        s.path("claude_executable").isTextual()
            ? expand(s.path("claude_executable").textValue(), experimentDir)
            : null;
    Map<String, String> env = new LinkedHashMap<>();
    s.path("env")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                env.put(e.getKey(), expand(e.getValue().textValue(), experimentDir));
              }
            });
    return new ExperimentOptions(agent, exe, env, s.path("simulator").asBoolean(false));
  }

  /** Replaces {@code ${experiment_dir}} by the experiment's current location. */
  static String expand(String value, Path experimentDir) {
    return value.replace(
        "${experiment_dir}", experimentDir.toAbsolutePath().normalize().toString());
  }

  /** The simulator launcher's place inside the experiment. */
  static Path simulatorBin(Path experimentDir) {
    return experimentDir.resolve(".scylla").resolve("bin");
  }
}
