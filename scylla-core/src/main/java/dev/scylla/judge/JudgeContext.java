package dev.scylla.judge;

import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.Loaded;
import dev.scylla.model.Rubric;
import dev.scylla.model.RunKey;
import dev.scylla.model.ScyllaException;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.RubricYaml;
import dev.scylla.store.RunFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What judging needs from an experiment, read once: the config and its {@code judging} settings,
 * the rubric, and the system prompt. Loading fails with BAD_INPUT (naming the file and the field)
 * when the rubric or the settings are unusable, before any slot is touched.
 *
 * @param rubric the rubric, or null when the experiment has no {@code rubric.yaml}
 * @param systemPrompt the system prompt text, or null for the built-in one
 */
public record JudgeContext(
    Path experimentRoot,
    ExperimentConfig config,
    JudgingConfig judging,
    Rubric rubric,
    String systemPrompt) {

  public static JudgeContext load(ExperimentStore store) {
    Path root = store.root();
    JudgingConfig judging = JudgingConfig.of(store.config(), store.layout().configFile());
    Path rubricFile = new RunFiles(root, root).rubric();
    Loaded<Rubric> rubric = RubricYaml.load(rubricFile);
    if (rubric instanceof Loaded.Corrupt<Rubric> c) {
      throw ScyllaException.badInput(rubricFile + ": unusable rubric: " + c.reason());
    }
    String system = null;
    if (judging.systemPromptFile() != null) {
      Path f = root.resolve(judging.systemPromptFile()).normalize();
      try {
        system = Files.readString(f, StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw ScyllaException.badInput(
            f + ": judging.system_prompt_file cannot be read (" + e.getMessage() + ")");
      }
      if (system.isBlank()) {
        throw ScyllaException.badInput(f + ": judging.system_prompt_file is empty");
      }
    }
    return new JudgeContext(root, store.config(), judging, rubric.orNull(), system);
  }

  /** The job for slot {@code slot} of a run, bound to {@code judge_models[slot-1]}. */
  public SlotJob slotJob(Path runDir, RunKey key, int slot) {
    String model = config.judgeModel(slot);
    return new SlotJob(
        PromptSpec.of(experimentRoot, runDir, key.label(), config.language()),
        slot,
        model,
        judging.clientFor(model),
        rubric,
        judging.maxAttempts(),
        judging.verdict(),
        systemPrompt);
  }
}
