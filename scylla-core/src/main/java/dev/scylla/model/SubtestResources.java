package dev.scylla.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a subtest adds to the agent's workspace (the {@code resources} of a subtest YAML, with the
 * root-level {@code tools}, {@code mcp_servers}, {@code agents} and {@code skills} keys folded in).
 *
 * @param claudeMdBlocks the CLAUDE.md blocks in order ({@code claude_md.blocks}); null when the
 *     subtest has no {@code claude_md} key, empty when it lists none
 * @param skillCategories {@code skills.categories}: every skill of these categories
 * @param skillNames {@code skills.names}: single skills, searched across categories
 * @param agentLevels {@code agents.levels}: every agent of these levels (0..5)
 * @param agentNames {@code agents.names}: single agent files, searched across levels
 * @param tools {@code tools.enabled}: null when absent
 * @param mcpServers {@code mcp_servers}
 */
public record SubtestResources(
    List<String> claudeMdBlocks,
    List<String> skillCategories,
    List<String> skillNames,
    List<Integer> agentLevels,
    List<String> agentNames,
    Tools tools,
    List<McpServer> mcpServers) {

  public static final SubtestResources NONE =
      new SubtestResources(null, List.of(), List.of(), List.of(), List.of(), null, List.of());

  public SubtestResources {
    claudeMdBlocks = claudeMdBlocks == null ? null : List.copyOf(claudeMdBlocks);
    skillCategories = List.copyOf(skillCategories);
    skillNames = List.copyOf(skillNames);
    agentLevels = List.copyOf(agentLevels);
    agentNames = List.copyOf(agentNames);
    mcpServers = List.copyOf(mcpServers);
  }

  /**
   * {@code tools.enabled}: either {@code all} or a list of tool names.
   *
   * @param names the allowed tools; empty when {@code all}
   */
  public record Tools(boolean all, List<String> names) {
    public Tools {
      names = List.copyOf(names);
    }

    public static Tools everything() {
      return new Tools(true, List.of());
    }

    public static Tools only(List<String> names) {
      return new Tools(false, names);
    }
  }

  /**
   * One MCP server entry.
   *
   * @param source the package scope ({@code modelcontextprotocol/servers} when not given)
   * @param configPath {@code config_path}, or null
   */
  public record McpServer(String name, String source, String configPath) {
    public static final String DEFAULT_SOURCE = "modelcontextprotocol/servers";
  }

  /** True when the subtest adds nothing at all. */
  public boolean isEmpty() {
    return (claudeMdBlocks == null || claudeMdBlocks.isEmpty())
        && skillCategories.isEmpty()
        && skillNames.isEmpty()
        && agentLevels.isEmpty()
        && agentNames.isEmpty()
        && tools == null
        && mcpServers.isEmpty();
  }

  /**
   * These resources with {@code later}'s on top, by the reference's merge rules: {@code claude_md}
   * is replaced by the later one when it has one; skills, agents and MCP servers are unions (agent
   * levels sorted, MCP servers by name, the first entry of a name kept); tools: {@code all} wins,
   * otherwise the union of the lists.
   */
  public SubtestResources merge(SubtestResources later) {
    if (later == null) {
      return this;
    }
    List<String> blocks = later.claudeMdBlocks != null ? later.claudeMdBlocks : claudeMdBlocks;
    Tools t;
    if (tools == null) {
      t = later.tools;
    } else if (later.tools == null) {
      t = tools;
    } else if (tools.all() || later.tools.all()) {
      t = Tools.everything();
    } else {
      t = Tools.only(union(tools.names(), later.tools.names()));
    }
    Map<String, McpServer> mcp = new LinkedHashMap<>();
    for (McpServer m : mcpServers) {
      mcp.putIfAbsent(m.name(), m);
    }
    for (McpServer m : later.mcpServers) {
      mcp.putIfAbsent(m.name(), m);
    }
    return new SubtestResources(
        blocks,
        union(skillCategories, later.skillCategories),
        union(skillNames, later.skillNames),
        new ArrayList<>(new TreeSet<>(union(agentLevels, later.agentLevels))),
        union(agentNames, later.agentNames),
        t,
        new ArrayList<>(mcp.values()));
  }

  private static <T> List<T> union(List<T> a, List<T> b) {
    LinkedHashSet<T> s = new LinkedHashSet<>(a);
    s.addAll(b);
    return new ArrayList<>(s);
  }
}
