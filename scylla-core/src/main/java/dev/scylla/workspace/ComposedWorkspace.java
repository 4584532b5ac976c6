package dev.scylla.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link WorkspaceComposer} put into a workspace.
 *
 * @param claudeMd the composed CLAUDE.md, or null when the subtest has none (T0 00 and 01)
 * @param claudeMdSha256 hex SHA-256 of {@code claudeMd}, or null (for {@code config_manifest.json})
 * @param agents the sub-agent names installed under {@code .claude/agents/}, sorted
 * @param skills the skill names installed under {@code .claude/skills/}, sorted
 * @param settingsJson the {@code .claude/settings.json} written
 * @param commit the commit holding the configuration (HEAD after committing; the task commit when
 *     there was nothing to commit), or null before committing
 */
public record ComposedWorkspace(
    Path workspace,
    String claudeMd,
    String claudeMdSha256,
    List<String> agents,
    List<String> skills,
    String settingsJson,
    String commit) {

  public ComposedWorkspace {
    agents = List.copyOf(agents);
    skills = List.copyOf(skills);
  }

  ComposedWorkspace withCommit(String sha) {
    return new ComposedWorkspace(
        workspace, claudeMd, claudeMdSha256, agents, skills, settingsJson, sha);
  }
}
