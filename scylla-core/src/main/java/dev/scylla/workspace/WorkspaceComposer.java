package dev.scylla.workspace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Catalogue;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SubtestResources;
import dev.scylla.model.ThinkingMode;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Applies a subtest's configuration to a workspace (scylla-execution.md §1.6): CLAUDE.md composed
 * from blocks plus a resource hint, sub-agents under {@code .claude/agents/}, skills under {@code
 * .claude/skills/}, and {@code .claude/settings.json}.
 *
 * <p>Differences from the reference, on purpose: agents and skills are <b>copied</b>, not linked
 * into the catalogue, so the workspace (and its commit) is self-contained; CLAUDE.md, the hint and
 * settings.json are all built from the <b>effective</b> resources the caller passes (baseline or
 * inherited resources merged with the subtest's own), so an overlay neither loses the baseline's
 * blocks nor advertises the wrong resources (the reference's §8.3 defect).
 */
public final class WorkspaceComposer {
  static final String CONSTRAINTS =
      """
      ## Test Environment Constraints

      - Do not push to any remote repository (no `git push`)
      - Do not create pull requests
      - Do not comment on issues or pull requests
      - Do not delete remote branches
      - Keep every change local to this workspace
      - Fetching and pulling from remotes is allowed
      """;

  static final String CLEANUP =
      """
      ## Cleanup Requirements

      - Remove any temporary files created during task completion (build artifacts, cache files, etc.)
      - Clean up after yourself - the workspace should contain only final deliverables
      """;

  static final String GENERIC = "Complete this task using available tools and your best judgment.";
  static final String ALL_TOOLS = "Maximize usage of all available tools to complete this task.";

  private WorkspaceComposer() {}

  /**
   * Writes the configuration into {@code workspace} in Claude Code's form.
   *
   * @param effective the resources to apply (see {@link Workspaces#effectiveResources})
   */
  public static ComposedWorkspace compose(
      Path workspace,
      Catalogue catalogue,
      SubtestDefinition subtest,
      SubtestResources effective,
      ThinkingMode thinking)
      throws IOException {
    return compose(workspace, catalogue, subtest, effective, thinking, ConfigForm.CLAUDE_CODE);
  }

  /**
   * Writes the configuration into {@code workspace} in the form {@code form}'s agent reads.
   *
   * @param effective the resources to apply (see {@link Workspaces#effectiveResources})
   */
  public static ComposedWorkspace compose(
      Path workspace,
      Catalogue catalogue,
      SubtestDefinition subtest,
      SubtestResources effective,
      ThinkingMode thinking,
      ConfigForm form)
      throws IOException {
    if (form == ConfigForm.CODEX) {
      return composeCodex(workspace, catalogue, subtest, effective, thinking);
    }
    Path claudeDir = workspace.resolve(".claude");
    String settings = settingsJson(effective, subtest.agentTeams(), thinking);
    if (subtest.bareWorkspace()) {
      deleteTree(workspace.resolve("CLAUDE.md"));
      deleteTree(claudeDir);
      AtomicFiles.writeString(claudeDir.resolve("settings.json"), settings);
      return new ComposedWorkspace(workspace, null, null, List.of(), List.of(), settings, null);
    }
    TreeSet<String> agents = new TreeSet<>();
    for (Path f : agentFiles(catalogue, effective)) {
      String file = f.getFileName().toString();
      copyFileIfAbsent(f, claudeDir.resolve("agents").resolve(file));
      agents.add(file.substring(0, file.length() - 3));
    }
    TreeSet<String> skills = copySkills(catalogue, effective, claudeDir.resolve("skills"));
    String claudeMd = instructions(catalogue, effective, agents, skills, "");
    AtomicFiles.writeString(workspace.resolve("CLAUDE.md"), claudeMd);
    AtomicFiles.writeString(claudeDir.resolve("settings.json"), settings);
    return new ComposedWorkspace(
        workspace,
        claudeMd,
        sha256(claudeMd),
        new ArrayList<>(agents),
        new ArrayList<>(skills),
        settings,
        null);
  }

  /**
   * Codex's form (see {@link ConfigForm}): {@code AGENTS.md} with the same blocks and hint as
   * CLAUDE.md and the sub-agent definitions inlined, skills under {@code .agents/skills/}; what
   * Claude Code's settings.json carries has no Codex equivalent and is named in {@code notGiven}.
   */
  private static ComposedWorkspace composeCodex(
      Path workspace,
      Catalogue catalogue,
      SubtestDefinition subtest,
      SubtestResources effective,
      ThinkingMode thinking)
      throws IOException {
    List<String> notGiven = new ArrayList<>();
    if (effective.tools() != null
        && !effective.tools().all()
        && !effective.tools().names().isEmpty()) {
      notGiven.add(
          "tool allow-list "
              + effective.tools().names()
              + ": Codex has no per-workspace tool allow-list");
    }
    if (!effective.mcpServers().isEmpty()) {
      TreeSet<String> names = new TreeSet<>();
      effective.mcpServers().forEach(m -> names.add(m.name()));
      notGiven.add(
          "MCP servers "
              + names
              + ": named in AGENTS.md's hint but not configured (scylla does not start them for"
              + " Codex)");
    }
    if (thinking.enabled()) {
      notGiven.add("thinking mode: Codex has no alwaysThinkingEnabled switch");
    }
    if (subtest.agentTeams()) {
      notGiven.add("agent teams: a Claude Code experiment");
    }
    if (subtest.bareWorkspace()) {
      deleteTree(workspace.resolve("AGENTS.md"));
      deleteTree(workspace.resolve(".agents"));
      return new ComposedWorkspace(
          workspace, null, null, List.of(), List.of(), null, null, ConfigForm.CODEX, notGiven);
    }
    TreeSet<String> agents = new TreeSet<>();
    StringBuilder definitions = new StringBuilder();
    List<Path> agentFiles = new ArrayList<>(agentFiles(catalogue, effective));
    agentFiles.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
    for (Path f : agentFiles) {
      String file = f.getFileName().toString();
      String name = file.substring(0, file.length() - 3);
      agents.add(name);
      definitions
          .append("\n### ")
          .append(name)
          .append("\n\n")
          .append(Files.readString(f, StandardCharsets.UTF_8).strip())
          .append('\n');
    }
    TreeSet<String> skills =
        copySkills(catalogue, effective, workspace.resolve(".agents").resolve("skills"));
    String tail =
        agents.isEmpty()
            ? ""
            : "\n" + CODEX_AGENTS_HEADING + "\n\n" + CODEX_AGENTS_INTRO + "\n" + definitions;
    String agentsMd = instructions(catalogue, effective, agents, skills, tail);
    AtomicFiles.writeString(workspace.resolve("AGENTS.md"), agentsMd);
    return new ComposedWorkspace(
        workspace,
        agentsMd,
        sha256(agentsMd),
        new ArrayList<>(agents),
        new ArrayList<>(skills),
        null,
        null,
        ConfigForm.CODEX,
        notGiven);
  }

  static final String CODEX_AGENTS_HEADING = "## Sub-agent definitions";
  static final String CODEX_AGENTS_INTRO =
      "Each sub-agent named above is defined here; delegate to it (for example with your"
          + " multi-agent tool) or follow its instructions yourself.";

  /** The instruction blocks, then the resource hint, then {@code tail}. */
  private static String instructions(
      Catalogue catalogue,
      SubtestResources effective,
      TreeSet<String> agents,
      TreeSet<String> skills,
      String tail)
      throws IOException {
    StringBuilder md = new StringBuilder();
    if (effective.claudeMdBlocks() != null && !effective.claudeMdBlocks().isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (String b : effective.claudeMdBlocks()) {
        Path file =
            catalogue
                .block(b)
                .orElseThrow(
                    () ->
                        new IOException(
                            "CLAUDE.md block "
                                + b
                                + " is not in the catalogue "
                                + catalogue.root()));
        parts.add(Files.readString(file, StandardCharsets.UTF_8).stripTrailing());
      }
      md.append(String.join("\n\n", parts)).append("\n\n");
    }
    md.append(resourceHint(new ArrayList<>(agents), new ArrayList<>(skills), effective));
    md.append(tail);
    return md.toString();
  }

  /**
   * The hint that ends CLAUDE.md: which sub-agents, skills and MCP servers to use (or the generic
   * sentence when none), then the test-environment constraints and the cleanup requirements.
   */
  static String resourceHint(List<String> agents, List<String> skills, SubtestResources r) {
    List<String> sections = new ArrayList<>();
    if (!agents.isEmpty()) {
      sections.add(
          bullets(
              agents,
              "Use the following sub-agent to solve this task:",
              "Maximize usage of the following sub-agents to solve this task:"));
    }
    if (!skills.isEmpty()) {
      sections.add(
          bullets(
              skills,
              "Use the following skill to complete this task:",
              "Maximize usage of the following skills to complete this task:"));
    }
    if (!r.mcpServers().isEmpty()) {
      TreeSet<String> names = new TreeSet<>();
      r.mcpServers().forEach(m -> names.add(m.name()));
      sections.add(
          bullets(
              new ArrayList<>(names),
              "Use the following MCP server to complete this task:",
              "Maximize usage of the following MCP servers to complete this task:"));
    }
    if (r.tools() != null && r.tools().all()) {
      sections.add(ALL_TOOLS + "\n");
    }
    if (sections.isEmpty()) {
      sections.add(GENERIC + "\n");
    }
    sections.add(CONSTRAINTS);
    sections.add(CLEANUP);
    return String.join("\n", sections);
  }

  private static String bullets(List<String> names, String one, String many) {
    StringBuilder sb = new StringBuilder(names.size() == 1 ? one : many).append("\n\n");
    for (String n : names) {
      sb.append("- ").append(n).append('\n');
    }
    return sb.toString();
  }

  /**
   * {@code .claude/settings.json}: thinking, the tool allow-list (when the tools are a list), MCP
   * servers started with {@code npx -y @<source>/<name>}, and the agent-teams switch.
   */
  static String settingsJson(SubtestResources r, boolean agentTeams, ThinkingMode thinking) {
    ObjectNode o = Json.object();
    o.put("alwaysThinkingEnabled", thinking.enabled());
    if (r.tools() != null && !r.tools().all() && !r.tools().names().isEmpty()) {
      ArrayNode a = o.putArray("allowedTools");
      r.tools().names().forEach(a::add);
    }
    if (!r.mcpServers().isEmpty()) {
      ObjectNode servers = o.putObject("mcpServers");
      for (SubtestResources.McpServer m : r.mcpServers()) {
        ObjectNode s = servers.putObject(m.name());
        s.put("command", "npx");
        ArrayNode args = s.putArray("args");
        args.add("-y");
        args.add("@" + m.source() + "/" + m.name());
      }
    }
    if (agentTeams) {
      o.putObject("env").put("CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS", "1");
    }
    return Json.write(o);
  }

  private static List<Path> agentFiles(Catalogue c, SubtestResources r) {
    Map<String, Path> files = new LinkedHashMap<>();
    for (int level : r.agentLevels()) {
      for (Path p : c.agents(level)) {
        files.putIfAbsent(p.getFileName().toString(), p);
      }
    }
    for (String name : r.agentNames()) {
      c.agent(name).ifPresent(p -> files.putIfAbsent(p.getFileName().toString(), p));
    }
    return new ArrayList<>(files.values());
  }

  /**
   * Copies the subtest's skills into {@code into} (one directory per skill, where the agent's CLI
   * reads them: {@code .claude/skills/} or {@code .agents/skills/}) and returns their names.
   */
  private static TreeSet<String> copySkills(Catalogue c, SubtestResources r, Path into)
      throws IOException {
    TreeSet<String> skills = new TreeSet<>();
    for (Path d : skillDirs(c, r)) {
      String name = d.getFileName().toString();
      copyTreeIfAbsent(d, into.resolve(name));
      skills.add(name);
    }
    return skills;
  }

  private static List<Path> skillDirs(Catalogue c, SubtestResources r) {
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (String category : r.skillCategories()) {
      for (Path p : c.skills(category)) {
        dirs.putIfAbsent(p.getFileName().toString(), p);
      }
    }
    for (String name : r.skillNames()) {
      c.skill(name).ifPresent(p -> dirs.putIfAbsent(p.getFileName().toString(), p));
    }
    return new ArrayList<>(dirs.values());
  }

  private static void copyFileIfAbsent(Path from, Path to) throws IOException {
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    AtomicFiles.write(to, Files.readAllBytes(from));
    if (Files.isExecutable(from)) {
      to.toFile().setExecutable(true, false);
    }
  }

  private static void copyTreeIfAbsent(Path from, Path to) throws IOException {
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Files.createDirectories(to);
    for (Path f : files) {
      copyFileIfAbsent(f, to.resolve(from.relativize(f).toString()));
    }
  }

  /** Deletes a file or a directory tree without following symbolic links. */
  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(p);
      return;
    }
    Files.walkFileTree(
        p,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
