package dev.scylla.store;

import java.util.List;
import java.util.Map;

/**
 * {@code plan.json} (our addition): the subtests of every tier the experiment was created with, so
 * the expected run matrix never depends on a catalogue checkout elsewhere. Runs per subtest and
 * judge models come from {@code config/experiment.json}, so editing those there (the reference's
 * "add a judge" workflow) still works.
 *
 * @param tiers tier id to its subtest ids, in order
 */
public record Plan(int version, String createdAt, Map<String, List<String>> tiers) {
  public static final int VERSION = 1;

  public Plan {
    tiers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tiers));
  }
}
