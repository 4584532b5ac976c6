package dev.scylla.model;

import java.nio.file.Path;
import java.util.List;

/**
 * One subtest of the catalogue ({@code subtests/t<N>/<NN>-<name>.yaml}).
 *
 * @param tier {@code T0}..{@code T6}
 * @param id the first two characters of the file name ({@code 00}, {@code 01}, ...)
 * @param file the YAML file it was loaded from
 * @param extendsPrevious whether the previous tier's best configuration is applied first (default
 *     true, except T0 00 and 01)
 * @param resources the subtest's own resources
 * @param inheritBestFrom tiers whose best subtests' resources are merged in first (T5)
 * @param agentTeams whether Claude Code's experimental agent teams are enabled
 */
public record SubtestDefinition(
    String tier,
    String id,
    Path file,
    String name,
    String description,
    boolean extendsPrevious,
    SystemPromptMode systemPromptMode,
    SubtestResources resources,
    List<String> inheritBestFrom,
    boolean agentTeams) {

  public SubtestDefinition {
    inheritBestFrom = List.copyOf(inheritBestFrom);
  }

  /**
   * True for the reference's two bare T0 subtests (00 and 01): the workspace gets no CLAUDE.md and
   * no {@code .claude/} content besides settings.json.
   */
  public boolean bareWorkspace() {
    return "T0".equals(tier) && ("00".equals(id) || "01".equals(id));
  }

  /** {@code T0/00}. */
  public String label() {
    return tier + "/" + id;
  }
}
