package dev.scylla.judge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One request to a judge model.
 *
 * @param model the model id as the experiment names it
 * @param systemPromptFile the system prompt saved as a file (the CLI reads it from there)
 * @param outputDir the slot directory: where the client writes the raw bytes it receives (and what
 *     it sent) before anything is parsed
 */
public record JudgeCall(
    String model,
    String systemPrompt,
    Path systemPromptFile,
    String userPrompt,
    Path outputDir,
    Duration timeout) {

  public JudgeCall {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(userPrompt, "userPrompt");
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(timeout, "timeout");
  }
}
