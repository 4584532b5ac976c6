package dev.scylla.analysis;

import dev.scylla.model.ScyllaException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --exclude} patterns. The reference excludes experiments by name; we also exclude tiers and
 * subtests. A pattern is one to three {@code /}-separated parts, each a glob ({@code *} any run of
 * characters, {@code ?} one):
 *
 * <ul>
 *   <li>{@code NAME} — experiments whose directory name matches;
 *   <li>{@code T3}, {@code T3/01} — a tier, or a subtest of it, in every experiment (a first part
 *       that looks like a tier id, {@code T} followed by digits or a glob, is a tier);
 *   <li>{@code NAME/T3}, {@code NAME/T3/01} — the same in the matching experiments only.
 * </ul>
 */
public final class Exclusions {
  private static final Pattern TIER_LIKE = Pattern.compile("[Tt][0-9*?\\[\\]]*");

  private record Rule(String text, Pattern experiment, Pattern tier, Pattern subtest) {}

  private final List<Rule> rules;

  private Exclusions(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static final Exclusions NONE = new Exclusions(List.of());

  /** Parses the patterns; BAD_INPUT for an empty or malformed one. */
  public static Exclusions parse(List<String> patterns) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : patterns) {
      String p = raw == null ? "" : raw.trim();
      String[] parts = p.split("/", -1);
      if (p.isEmpty() || parts.length > 3 || List.of(parts).contains("")) {
        throw ScyllaException.badInput(
            "--exclude '"
                + raw
                + "': expected NAME, TIER, TIER/SUBTEST, NAME/TIER or NAME/TIER/SUBTEST");
      }
      if (TIER_LIKE.matcher(parts[0]).matches() && parts.length <= 2) {
        rules.add(
            new Rule(
                p, null, glob(parts[0].toUpperCase()), parts.length == 2 ? glob(parts[1]) : null));
      } else {
        rules.add(
            new Rule(
                p,
                glob(parts[0]),
                parts.length >= 2 ? glob(parts[1].toUpperCase()) : null,
                parts.length == 3 ? glob(parts[2]) : null));
      }
    }
    return new Exclusions(rules);
  }

  private static Pattern glob(String g) {
    StringBuilder re = new StringBuilder();
    for (char c : g.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether the whole experiment is excluded. */
  public boolean excludesExperiment(String name) {
    for (Rule r : rules) {
      if (r.experiment() != null && r.tier() == null && r.experiment().matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a subtest of an experiment is excluded (by itself, its tier or its experiment). */
  public boolean excludes(String experiment, String tier, String subtest) {
    for (Rule r : rules) {
      if (r.experiment() != null && !r.experiment().matcher(experiment).matches()) {
        continue;
      }
      if (r.tier() != null && !r.tier().matcher(tier).matches()) {
        continue;
      }
      if (r.subtest() != null && !r.subtest().matcher(subtest).matches()) {
        continue;
      }
      return true;
    }
    return false;
  }

  /** The patterns as given, for the manifest. */
  public List<String> patterns() {
    return rules.stream().map(Rule::text).toList();
  }
}
