package dev.scylla.model;

import java.util.List;
import java.util.Map;

/** {@code agent/command_log.json}: the commands the agent step ran. */
public record CommandLog(String generatedAt, int totalCommands, List<Entry> commands) {

  public CommandLog {
    commands = List.copyOf(commands);
  }

  /** One logged command. {@code exitCode} is null when the file does not say. */
  public record Entry(
      String timestamp,
      List<String> command,
      String cwd,
      Map<String, String> envVars,
      Integer exitCode,
      String stdoutFile,
      String stderrFile,
      Double durationSeconds) {
    public Entry {
      command = List.copyOf(command);
      envVars = Map.copyOf(envVars);
    }
  }

  /** The exit code of the first command, the agent's own, or null. */
  public Integer firstExitCode() {
    return commands.isEmpty() ? null : commands.get(0).exitCode();
  }
}
