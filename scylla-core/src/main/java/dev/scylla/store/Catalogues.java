package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.Catalogue;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SubtestResources;
import dev.scylla.model.SystemPromptMode;
import dev.scylla.model.TierDefinition;
import dev.scylla.model.Tiers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads and validates a tier/subtest catalogue (the reference's {@code tests/claude-code/shared};
 * scylla-execution.md §1.2–1.3):
 *
 * <pre>
 *   tiers.yaml                     optional: tier names and descriptions
 *   subtests/t0..t6/NN-name.yaml   one subtest each, in file order
 *   blocks/B01-name.md ...         CLAUDE.md building blocks
 *   agents/L0..L5/*.md             sub-agent definitions by level
 *   skills/&lt;category&gt;/&lt;skill&gt;/   skills by category
 * </pre>
 *
 * <p>The directory given may also be a checkout of the reference (its {@code
 * tests/claude-code/shared} is used). Problems that make a subtest unusable (bad YAML, a wrong
 * type, an unknown tier, a block or agent that does not exist) are BAD_INPUT naming the file and
 * the field. Problems the reference's own catalogue has (skill categories without a directory,
 * unknown keys) are warnings in {@link Catalogue#warnings()}.
 */
public final class Catalogues {
  private static final Pattern TIER_DIR = Pattern.compile("[tT]([0-9]+)");
  private static final Pattern LEVEL_DIR = Pattern.compile("L([0-9]+)");
  private static final Set<String> SUBTEST_KEYS =
      Set.of(
          "name",
          "description",
          "extends_previous",
          "system_prompt_mode",
          "resources",
          "inherit_best_from",
          "agent_teams",
          "tools",
          "mcp_servers",
          "agents",
          "skills");
  private static final Set<String> RESOURCE_KEYS =
      Set.of("claude_md", "skills", "agents", "tools", "mcp_servers");

  private Catalogues() {}

  /** The catalogue directory {@code dir} names: itself, or a reference checkout's shared dir. */
  public static Path resolveRoot(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw ScyllaException.badInput(
          dir
              + ": "
              + (Files.exists(dir) ? "not a directory" : "catalogue directory does not exist"));
    }
    if (Files.isDirectory(dir.resolve("subtests"))) {
      return dir;
    }
    Path shared = dir.resolve("tests").resolve("claude-code").resolve("shared");
    if (Files.isDirectory(shared.resolve("subtests"))) {
      return shared;
    }
    throw ScyllaException.badInput(dir + ": not a tier/subtest catalogue (no subtests/ directory)");
  }

  /** Loads and validates the catalogue in {@code dir}. */
  public static Catalogue load(Path dir) {
    Path root = resolveRoot(dir);
    List<String> warnings = new ArrayList<>();
    Map<String, TierDefinition> tiers = tiers(root.resolve("tiers.yaml"));
    Map<String, Path> blocks = blocks(root.resolve("blocks"));
    Map<Integer, List<Path>> agents = agents(root.resolve("agents"));
    Map<String, List<Path>> skills = skills(root.resolve("skills"));
    Map<String, List<SubtestDefinition>> subtests = new LinkedHashMap<>();
    Map<String, Path> tierDirs = new HashMap<>();
    for (Path d : list(root.resolve("subtests"))) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      String name = d.getFileName().toString();
      Matcher m = TIER_DIR.matcher(name);
      String tier = m.matches() ? "T" + m.group(1) : null;
      if (tier == null || !Tiers.isTier(tier)) {
        throw ScyllaException.badInput(
            d + ": unknown tier directory '" + name + "' (expected t0..t6)");
      }
      Path other = tierDirs.put(tier, d);
      if (other != null) {
        throw ScyllaException.badInput(d + ": tier " + tier + " is also defined by " + other);
      }
      List<SubtestDefinition> list = new ArrayList<>();
      Map<String, Path> seen = new HashMap<>();
      for (Path f : list(d)) {
        String file = f.getFileName().toString();
        if (!Files.isRegularFile(f) || !(file.endsWith(".yaml") || file.endsWith(".yml"))) {
          continue;
        }
        if (file.length() < 2
            || !Character.isDigit(file.charAt(0))
            || !Character.isDigit(file.charAt(1))) {
          warnings.add(f + ": ignored (a subtest file name starts with two digits)");
          continue;
        }
        String id = file.substring(0, 2);
        Path dup = seen.put(id, f);
        if (dup != null) {
          throw ScyllaException.badInput(
              f + ": subtest id " + id + " of " + tier + " is also used by " + dup);
        }
        list.add(subtest(f, tier, id, tiers, blocks, agents, skills, warnings));
      }
      subtests.put(tier, list);
    }
    if (subtests.values().stream().allMatch(List::isEmpty)) {
      throw ScyllaException.badInput(root.resolve("subtests") + ": the catalogue has no subtests");
    }
    return new Catalogue(root, tiers, subtests, blocks, agents, skills, warnings);
  }

  // ------------------------------------------------------------------ parts

  private static Map<String, TierDefinition> tiers(Path file) {
    Map<String, TierDefinition> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    JsonNode root = Yaml.readMapping(file, "tier definitions");
    try {
      JsonNode tiers = Yaml.mapping(root, "tiers", "");
      if (tiers == null) {
        throw new FieldProblem("tiers", "missing (a mapping of T0..T6)");
      }
      var it = tiers.fields();
      while (it.hasNext()) {
        var e = it.next();
        String id = e.getKey().trim().toUpperCase(Locale.ROOT);
        String path = "tiers." + e.getKey();
        if (!Tiers.isTier(id)) {
          throw new FieldProblem(path, "unknown tier '" + e.getKey() + "' (expected T0..T6)");
        }
        JsonNode t = e.getValue();
        if (!t.isObject()) {
          throw new FieldProblem(path, "expected a mapping, found " + Yaml.kind(t));
        }
        TierDefinition dflt = TierDefinition.defaultFor(id);
        Boolean delegation = Yaml.bool(t, "delegation_enabled", path);
        out.put(
            id,
            new TierDefinition(
                id,
                Yaml.string(t, "name", path, dflt.name()),
                Yaml.string(t, "description", path, ""),
                Yaml.bool(t, "tools_enabled", path),
                delegation != null && delegation));
      }
    } catch (FieldProblem p) {
      throw Yaml.bad(file, p);
    }
    return out;
  }

  private static Map<String, Path> blocks(Path dir) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (Path f : list(dir)) {
      String name = f.getFileName().toString();
      if (!Files.isRegularFile(f) || !name.endsWith(".md")) {
        continue;
      }
      String stem = name.substring(0, name.length() - 3);
      int dash = stem.indexOf('-');
      String id = dash < 0 ? stem : stem.substring(0, dash);
      out.putIfAbsent(id, f);
    }
    return out;
  }

  private static Map<Integer, List<Path>> agents(Path dir) {
    Map<Integer, List<Path>> out = new LinkedHashMap<>();
    for (Path d : list(dir)) {
      Matcher m = LEVEL_DIR.matcher(d.getFileName().toString());
      if (!Files.isDirectory(d) || !m.matches()) {
        continue;
      }
      List<Path> files =
          list(d).stream()
              .filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".md"))
              .toList();
      out.put(Integer.parseInt(m.group(1)), files);
    }
    return out;
  }

  private static Map<String, List<Path>> skills(Path dir) {
    Map<String, List<Path>> out = new LinkedHashMap<>();
    for (Path d : list(dir)) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      out.put(d.getFileName().toString(), list(d).stream().filter(Files::isDirectory).toList());
    }
    return out;
  }

  private static SubtestDefinition subtest(
      Path file,
      String tier,
      String id,
      Map<String, TierDefinition> tiers,
      Map<String, Path> blocks,
      Map<Integer, List<Path>> agents,
      Map<String, List<Path>> skills,
      List<String> warnings) {
    JsonNode root = Yaml.readMapping(file, "subtest definition");
    String label = tier + "/" + id;
    try {
      for (String k : Yaml.unknownKeys(root, SUBTEST_KEYS)) {
        warnings.add(file + ": unknown field \"" + k + "\" ignored");
      }
      String fileName = file.getFileName().toString();
      String stem = fileName.substring(0, fileName.lastIndexOf('.'));
      TierDefinition td = tiers.getOrDefault(tier, TierDefinition.defaultFor(tier));
      String name = Yaml.string(root, "name", "", td.name() + " Sub-test " + id);
      String description = Yaml.string(root, "description", "", "Sub-test configuration " + stem);
      Boolean ext = Yaml.bool(root, "extends_previous", "");
      boolean extendsPrevious =
          ext != null ? ext : !("T0".equals(tier) && ("00".equals(id) || "01".equals(id)));
      String modeText = Yaml.string(root, "system_prompt_mode", "", "custom");
      SystemPromptMode mode = SystemPromptMode.fromYaml(modeText);
      if (mode == null) {
        throw new FieldProblem(
            "system_prompt_mode", "'" + modeText + "' is not one of none, default, custom");
      }
      JsonNode resources = Yaml.mapping(root, "resources", "");
      JsonNode merged = resources == null ? Json.object() : resources.deepCopy();
      for (String key : List.of("mcp_servers", "tools", "agents", "skills")) {
        JsonNode v = Yaml.get(root, key);
        if (v != null) {
          ((com.fasterxml.jackson.databind.node.ObjectNode) merged).set(key, v);
        }
      }
      for (String k : Yaml.unknownKeys(merged, RESOURCE_KEYS)) {
        warnings.add(file + ": unknown resource \"" + k + "\" ignored");
      }
      SubtestResources res = resources(merged, "resources");
      checkReferences(res, label, blocks, agents, skills, warnings);
      List<String> inherit = new ArrayList<>();
      List<String> listed = Yaml.strings(root, "inherit_best_from", "");
      for (int i = 0; i < listed.size(); i++) {
        String t = listed.get(i).trim().toUpperCase(Locale.ROOT);
        if (!Tiers.isTier(t)) {
          throw new FieldProblem(
              "inherit_best_from[" + i + "]",
              "unknown tier '" + listed.get(i) + "' (expected T0..T6)");
        }
        inherit.add(t);
      }
      Boolean teams = Yaml.bool(root, "agent_teams", "");
      return new SubtestDefinition(
          tier,
          id,
          file,
          name,
          description,
          extendsPrevious,
          mode,
          res,
          inherit,
          teams != null && teams);
    } catch (FieldProblem p) {
      throw Yaml.bad(file, p);
    }
  }

  /**
   * Parses a resources mapping (the subtest YAML's, or the {@code resources} of a {@code
   * config_manifest.json}).
   */
  static SubtestResources resources(JsonNode r, String path) throws FieldProblem {
    List<String> blocks = null;
    JsonNode claudeMd = Yaml.mapping(r, "claude_md", path);
    if (claudeMd != null) {
      blocks = Yaml.strings(claudeMd, "blocks", Yaml.join(path, "claude_md"));
    }
    List<String> skillCategories = List.of();
    List<String> skillNames = List.of();
    JsonNode skills = Yaml.mapping(r, "skills", path);
    if (skills != null) {
      skillCategories = Yaml.strings(skills, "categories", Yaml.join(path, "skills"));
      skillNames = Yaml.strings(skills, "names", Yaml.join(path, "skills"));
    }
    List<Integer> levels = new ArrayList<>();
    List<String> agentNames = List.of();
    JsonNode agents = Yaml.mapping(r, "agents", path);
    if (agents != null) {
      String ap = Yaml.join(path, "agents");
      JsonNode lv = Yaml.list(agents, "levels", ap);
      if (lv != null) {
        for (int i = 0; i < lv.size(); i++) {
          levels.add(Yaml.integer(lv.get(i), ap + ".levels[" + i + "]", 0, 5));
        }
      }
      agentNames = Yaml.strings(agents, "names", ap);
    }
    SubtestResources.Tools tools = null;
    JsonNode t = Yaml.mapping(r, "tools", path);
    if (t != null) {
      String tp = Yaml.join(path, "tools");
      JsonNode enabled = Yaml.get(t, "enabled");
      if (enabled != null && enabled.isTextual()) {
        if (!enabled.textValue().equals("all")) {
          throw new FieldProblem(
              tp + ".enabled",
              "expected \"all\" or a list of tool names, found " + Yaml.kind(enabled));
        }
        tools = SubtestResources.Tools.everything();
      } else if (enabled != null) {
        tools = SubtestResources.Tools.only(Yaml.strings(t, "enabled", tp));
      }
      Yaml.strings(t, "names", tp);
    }
    List<SubtestResources.McpServer> mcp = new ArrayList<>();
    JsonNode servers = Yaml.list(r, "mcp_servers", path);
    if (servers != null) {
      for (int i = 0; i < servers.size(); i++) {
        String mp = Yaml.join(path, "mcp_servers") + "[" + i + "]";
        JsonNode s = servers.get(i);
        if (s.isTextual()) {
          mcp.add(
              new SubtestResources.McpServer(
                  s.textValue(), SubtestResources.McpServer.DEFAULT_SOURCE, null));
        } else if (s.isObject()) {
          mcp.add(
              new SubtestResources.McpServer(
                  Yaml.reqString(s, "name", mp),
                  Yaml.string(s, "source", mp, SubtestResources.McpServer.DEFAULT_SOURCE),
                  Yaml.string(s, "config_path", mp, null)));
        } else {
          throw new FieldProblem(mp, "expected a name or a mapping, found " + Yaml.kind(s));
        }
      }
    }
    return new SubtestResources(
        blocks, skillCategories, skillNames, levels, agentNames, tools, mcp);
  }

  private static void checkReferences(
      SubtestResources r,
      String label,
      Map<String, Path> blocks,
      Map<Integer, List<Path>> agents,
      Map<String, List<Path>> skills,
      List<String> warnings)
      throws FieldProblem {
    if (r.claudeMdBlocks() != null) {
      for (int i = 0; i < r.claudeMdBlocks().size(); i++) {
        String b = r.claudeMdBlocks().get(i);
        if (!blocks.containsKey(b)) {
          throw new FieldProblem(
              "resources.claude_md.blocks[" + i + "]",
              "block '" + b + "' not found in the catalogue's blocks/ directory");
        }
      }
    }
    for (int i = 0; i < r.agentLevels().size(); i++) {
      int level = r.agentLevels().get(i);
      if (!agents.containsKey(level)) {
        throw new FieldProblem(
            "resources.agents.levels[" + i + "]",
            "agent level " + level + " has no directory agents/L" + level);
      }
    }
    for (int i = 0; i < r.agentNames().size(); i++) {
      String n = r.agentNames().get(i);
      String file = n.endsWith(".md") ? n : n + ".md";
      boolean found =
          agents.values().stream()
              .flatMap(List::stream)
              .anyMatch(p -> p.getFileName().toString().equals(file));
      if (!found) {
        throw new FieldProblem(
            "resources.agents.names[" + i + "]", "agent '" + n + "' not found under agents/L*/");
      }
    }
    for (String c : r.skillCategories()) {
      if (!skills.containsKey(c)) {
        warnings.add(
            label
                + ": skill category '"
                + c
                + "' has no directory skills/"
                + c
                + " (installs nothing)");
      }
    }
    for (String n : r.skillNames()) {
      boolean found =
          skills.values().stream()
              .flatMap(List::stream)
              .anyMatch(p -> p.getFileName().toString().equals(n));
      if (!found) {
        warnings.add(label + ": skill '" + n + "' not found under skills/ (installs nothing)");
      }
    }
  }

  /** The entries of a directory sorted by name; empty when it does not exist. */
  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    } catch (IOException e) {
      throw ScyllaException.badInput(dir + ": cannot list directory: " + e.getMessage());
    }
  }
}
