package dev.scylla.workspace;

import java.util.List;

/**
 * The form a subtest's configuration takes in the workspace, per agent (docs/format.md, "Tier
 * configuration per agent"):
 *
 * <table>
 *   <caption>What each agent is given</caption>
 *   <tr><th>resource</th><th>Claude Code</th><th>Codex</th></tr>
 *   <tr><td>instruction blocks + resource hint</td><td>{@code CLAUDE.md}</td><td>{@code
 *       AGENTS.md}</td></tr>
 *   <tr><td>skills</td><td>{@code .claude/skills/NAME/}</td><td>{@code .agents/skills/NAME/}
 *       (read by Codex 0.171, listed in its skills instructions)</td></tr>
 *   <tr><td>sub-agents</td><td>{@code .claude/agents/NAME.md}</td><td>no such files: each
 *       definition inlined in {@code AGENTS.md} under "Sub-agent definitions"</td></tr>
 *   <tr><td>tool allow-list, MCP servers, thinking, agent teams</td><td>{@code
 *       .claude/settings.json}</td><td>not given (named in {@code not_given})</td></tr>
 * </table>
 */
public enum ConfigForm {
  CLAUDE_CODE("CLAUDE.md", List.of("CLAUDE.md", ".claude")),
  CODEX("AGENTS.md", List.of("AGENTS.md", ".agents"));

  private final String instructionsFile;
  private final List<String> paths;

  ConfigForm(String instructionsFile, List<String> paths) {
    this.instructionsFile = instructionsFile;
    this.paths = paths;
  }

  /** The instructions file the agent reads at the workspace root. */
  public String instructionsFile() {
    return instructionsFile;
  }

  /** The workspace paths this form writes (committed as the configuration). */
  public List<String> paths() {
    return paths;
  }

  /** The form for an experiment's {@code scylla.agent} ("codex", else Claude Code's). */
  public static ConfigForm forAgent(String agent) {
    return "codex".equals(agent) ? CODEX : CLAUDE_CODE;
  }

  public String jsonName() {
    return this == CODEX ? "codex" : "claude-code";
  }
}
