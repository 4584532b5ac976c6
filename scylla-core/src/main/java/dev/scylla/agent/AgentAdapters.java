package dev.scylla.agent;

import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import dev.scylla.process.ProcessLauncher;

/**
 * Builds an adapter from the {@code --agent} option: {@code claude-code} (or {@code claude}),
 * {@code codex}, or {@code command:<shell command>}.
 */
public final class AgentAdapters {
  private AgentAdapters() {}

  /**
   * @param claudeExecutable the Claude Code executable (null: {@code $SCYLLA_CLAUDE} or {@code
   *     claude})
   * @param promptMode how Claude Code receives the prompt (null: stdin)
   * @throws ScyllaException BAD_INPUT for an unknown adapter
   */
  public static AgentAdapter create(
      String spec,
      ProcessLauncher launcher,
      EventSink events,
      String claudeExecutable,
      PromptMode promptMode) {
    String s = spec == null ? "claude-code" : spec.strip();
    if (s.equals("claude-code") || s.equals("claude")) {
      return new ClaudeCodeAdapter(
          launcher,
          events,
          claudeExecutable != null ? claudeExecutable : ClaudeCodeAdapter.defaultExecutable(),
          promptMode != null ? promptMode : PromptMode.STDIN);
    }
    if (s.equals("codex")) {
      return new CodexAdapter(launcher, events);
    }
    if (s.startsWith("command:")) {
      String cmd = s.substring("command:".length()).strip();
      if (cmd.isEmpty()) {
        throw ScyllaException.badInput(
            "--agent command: needs a shell command after 'command:' (e.g. command:./my-agent.sh)");
      }
      return new CommandAdapter(launcher, events, cmd);
    }
    throw ScyllaException.badInput(
        "unknown agent '" + spec + "': expected claude-code, codex or command:<shell command>");
  }

  public static AgentAdapter create(String spec, ProcessLauncher launcher, EventSink events) {
    return create(spec, launcher, events, null, null);
  }
}
