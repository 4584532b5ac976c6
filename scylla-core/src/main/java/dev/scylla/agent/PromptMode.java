package dev.scylla.agent;

/** How the prompt reaches the agent CLI. */
public enum PromptMode {
  /** On standard input, from {@code agent/prompt.md} (default; no length limit). */
  STDIN,
  /** As the last argument, the prompt's text. */
  ARGUMENT,
  /**
   * As the last argument, the absolute path of {@code agent/prompt.md}: exactly what the reference
   * does (the model then has to read the file; see scylla-execution.md §8.11).
   */
  FILE_PATH
}
