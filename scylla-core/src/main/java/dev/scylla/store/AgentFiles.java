package dev.scylla.store;

import java.nio.file.Path;

/**
 * The names of the files in a run's {@code agent/} directory, in one place: what the agent adapter
 * writes while and after the CLI runs, and what classification and regeneration read back.
 *
 * @param dir the run's {@code agent/} directory
 */
public record AgentFiles(Path dir) {
  /** Name of the CLI's standard output, as the reference writes it. */
  public static final String STDOUT = "stdout.log";

  /** Name of the CLI's standard error. */
  public static final String STDERR = "stderr.log";

  /** Name of the prompt the agent was given (its stdin, when the CLI reads the prompt there). */
  public static final String PROMPT = "prompt.md";

  /** Claude Code's event stream ({@code --output-format stream-json}); our addition. */
  public static final String CLAUDE_STREAM = "stream.jsonl";

  public Path prompt() {
    return dir.resolve(PROMPT);
  }

  public Path stdout() {
    return dir.resolve(STDOUT);
  }

  public Path stderr() {
    return dir.resolve(STDERR);
  }

  /** A file of this directory the adapter names (an event stream kept apart from stdout). */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** A shell script that replays the agent's command. */
  public Path replay() {
    return dir.resolve("replay.sh");
  }

  public Path commandLog() {
    return dir.resolve("command_log.json");
  }

  public Path timing() {
    return dir.resolve("timing.json");
  }

  /** The agent's final message, as text. */
  public Path output() {
    return dir.resolve("output.txt");
  }

  public Path result() {
    return dir.resolve("result.json");
  }

  public Path model() {
    return dir.resolve("MODEL.md");
  }
}
