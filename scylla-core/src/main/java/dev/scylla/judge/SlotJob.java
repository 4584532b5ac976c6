package dev.scylla.judge;

import dev.scylla.model.Rubric;
import dev.scylla.model.Tiers;
import dev.scylla.store.RunFiles;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One judge slot to judge.
 *
 * @param prompt the run and how to build its prompt when {@code judge_prompt.md} does not exist
 * @param slot the 1-based slot number ({@code judge/judge_NN/})
 * @param model the judge model bound to the slot
 * @param client how to call the model
 * @param rubric the rubric to validate and score against, or null when the experiment has none
 * @param maxAttempts the slot's attempt budget
 * @param systemPrompt the system prompt text, or null for the built-in one
 */
public record SlotJob(
    PromptSpec prompt,
    int slot,
    String model,
    ClientSettings client,
    Rubric rubric,
    int maxAttempts,
    VerdictPolicy policy,
    String systemPrompt) {

  public SlotJob {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(client, "client");
    policy = policy == null ? VerdictPolicy.FINAL : policy;
    if (slot < 1) {
      throw new IllegalArgumentException("slot must be >= 1: " + slot);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
  }

  public Path runDir() {
    return prompt.runDir();
  }

  public Path slotDir() {
    return new RunFiles(prompt.experimentRoot(), prompt.runDir()).slotDir(slot);
  }

  /** {@code T0/00/run_01 judge_01}, for messages. */
  public String label() {
    return prompt.runLabel() + " " + Tiers.slotDirName(slot);
  }
}
