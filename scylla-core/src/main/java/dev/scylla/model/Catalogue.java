package dev.scylla.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tier/subtest catalogue: tiers, their subtests in file order, and the resources subtests refer
 * to (CLAUDE.md blocks, agents by level, skills by category). Loaded and validated by {@code
 * dev.scylla.store.Catalogues}.
 *
 * @param root the catalogue directory (the reference's {@code tests/claude-code/shared})
 * @param blocks block id ({@code B01}) to its file
 * @param agentsByLevel level (0..5) to its agent files, sorted by name
 * @param skillsByCategory category to its skill directories, sorted by name
 * @param warnings things that are odd but not fatal (e.g. a skill category with no directory)
 */
public record Catalogue(
    Path root,
    Map<String, TierDefinition> tiers,
    Map<String, List<SubtestDefinition>> subtests,
    Map<String, Path> blocks,
    Map<Integer, List<Path>> agentsByLevel,
    Map<String, List<Path>> skillsByCategory,
    List<String> warnings) {

  public Catalogue {
    TreeMap<String, TierDefinition> t = new TreeMap<>(Tiers.TIER_ORDER);
    t.putAll(tiers);
    tiers = java.util.Collections.unmodifiableMap(t);
    TreeMap<String, List<SubtestDefinition>> s = new TreeMap<>(Tiers.TIER_ORDER);
    subtests.forEach((k, v) -> s.put(k, List.copyOf(v)));
    subtests = java.util.Collections.unmodifiableMap(s);
    blocks = Map.copyOf(blocks);
    TreeMap<Integer, List<Path>> a = new TreeMap<>();
    agentsByLevel.forEach((k, v) -> a.put(k, List.copyOf(v)));
    agentsByLevel = java.util.Collections.unmodifiableMap(a);
    TreeMap<String, List<Path>> k = new TreeMap<>();
    skillsByCategory.forEach((c, v) -> k.put(c, List.copyOf(v)));
    skillsByCategory = java.util.Collections.unmodifiableMap(k);
    warnings = List.copyOf(warnings);
  }

  /** The tiers that have at least one subtest, in order. */
  public List<String> tierIds() {
    List<String> out = new ArrayList<>();
    subtests.forEach(
        (tier, list) -> {
          if (!list.isEmpty()) {
            out.add(tier);
          }
        });
    return out;
  }

  /** The subtests of a tier in file order; empty for a tier the catalogue lacks. */
  public List<SubtestDefinition> subtests(String tier) {
    return subtests.getOrDefault(tier, List.of());
  }

  public Optional<SubtestDefinition> subtest(String tier, String id) {
    return subtests(tier).stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The tier's definition (the reference's default name when tiers.yaml lacks it). */
  public TierDefinition tier(String tier) {
    TierDefinition d = tiers.get(tier);
    return d != null ? d : TierDefinition.defaultFor(tier);
  }

  /** The file of a CLAUDE.md block, if the catalogue has it. */
  public Optional<Path> block(String id) {
    return Optional.ofNullable(blocks.get(id));
  }

  public List<Path> agents(int level) {
    return agentsByLevel.getOrDefault(level, List.of());
  }

  /** An agent file by name ({@code x} or {@code x.md}), searched across levels in order. */
  public Optional<Path> agent(String name) {
    String file = name.endsWith(".md") ? name : name + ".md";
    for (List<Path> files : agentsByLevel.values()) {
      for (Path p : files) {
        if (p.getFileName().toString().equals(file)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  public List<Path> skills(String category) {
    return skillsByCategory.getOrDefault(category, List.of());
  }

  /** A skill directory by name, searched across categories in order. */
  public Optional<Path> skill(String name) {
    for (List<Path> dirs : skillsByCategory.values()) {
      for (Path p : dirs) {
        if (p.getFileName().toString().equals(name)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Number of subtests over all tiers. */
  public int subtestCount() {
    return subtests.values().stream().mapToInt(List::size).sum();
  }
}
