package dev.scylla.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.model.SubtestResources.McpServer;
import dev.scylla.model.SubtestResources.Tools;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubtestResourcesTest {
  private static SubtestResources res(
      List<String> blocks, List<Integer> levels, Tools tools, List<McpServer> mcp) {
    return new SubtestResources(blocks, List.of("a"), List.of(), levels, List.of(), tools, mcp);
  }

  @Test
  void mergeFollowsTheReferenceRules() {
    SubtestResources base =
        res(
            List.of("B01", "B02"),
            List.of(3, 1),
            Tools.only(List.of("Read")),
            List.of(new McpServer("git", "x", null)));
    SubtestResources later =
        new SubtestResources(
            null,
            List.of("a", "b"),
            List.of("s"),
            List.of(2, 3),
            List.of("n"),
            Tools.only(List.of("Write", "Read")),
            List.of(new McpServer("git", "y", null), new McpServer("time", "y", null)));
    SubtestResources m = base.merge(later);
    assertThat(m.claudeMdBlocks()).containsExactly("B01", "B02");
    assertThat(m.skillCategories()).containsExactly("a", "b");
    assertThat(m.skillNames()).containsExactly("s");
    assertThat(m.agentLevels()).containsExactly(1, 2, 3);
    assertThat(m.agentNames()).containsExactly("n");
    assertThat(m.tools()).isEqualTo(Tools.only(List.of("Read", "Write")));
    assertThat(m.mcpServers())
        .containsExactly(new McpServer("git", "x", null), new McpServer("time", "y", null));
  }

  @Test
  void laterClaudeMdReplacesAndAllToolsWins() {
    SubtestResources base = res(List.of("B01"), List.of(), Tools.everything(), List.of());
    SubtestResources later = res(List.of("B09"), List.of(), Tools.only(List.of("Read")), List.of());
    SubtestResources m = base.merge(later);
    assertThat(m.claudeMdBlocks()).containsExactly("B09");
    assertThat(m.tools().all()).isTrue();
    assertThat(SubtestResources.NONE.isEmpty()).isTrue();
    assertThat(m.isEmpty()).isFalse();
    assertThat(SubtestResources.NONE.merge(null)).isSameAs(SubtestResources.NONE);
  }
}
