package dev.scylla.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link WorkspaceComposer} put into a workspace.
 *
 * @param claudeMd the composed instructions file ({@code CLAUDE.md}, or {@code AGENTS.md} for
 *     Codex), or null when the subtest has none (T0 00 and 01)
 * @param claudeMdSha256 hex SHA-256 of {@code claudeMd}, or null (for {@code config_manifest.json})
 * @param agents the sub-agent names given to the agent, sorted
 * @param skills the skill names installed for the agent, sorted
 * @param settingsJson the {@code .claude/settings.json} written
 * @param commit the commit holding the configuration (HEAD after committing; the task commit when
 *     there was nothing to commit), or null before committing
 * @param form the agent's form of the configuration
 * @param notGiven the parts of the configuration the agent has no equivalent for, each with why
 */
public record ComposedWorkspace(
    Path workspace,
    String claudeMd,
    String claudeMdSha256,
    List<String> agents,
    List<String> skills,
    String settingsJson,
    String commit,
    ConfigForm form,
    List<String> notGiven) {

  public ComposedWorkspace {
    agents = List.copyOf(agents);
    skills = List.copyOf(skills);
    form = form == null ? ConfigForm.CLAUDE_CODE : form;
    notGiven = notGiven == null ? List.of() : List.copyOf(notGiven);
  }

  public ComposedWorkspace(
      Path workspace,
      String claudeMd,
      String claudeMdSha256,
      List<String> agents,
      List<String> skills,
      String settingsJson,
      String commit) {
    this(
        workspace,
        claudeMd,
        claudeMdSha256,
        agents,
        skills,
        settingsJson,
        commit,
        ConfigForm.CLAUDE_CODE,
        List.of());
  }

  ComposedWorkspace withCommit(String sha) {
    return new ComposedWorkspace(
        workspace, claudeMd, claudeMdSha256, agents, skills, settingsJson, sha, form, notGiven);
  }
}
