package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Catalogue;
import dev.scylla.model.Loaded;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.store.Catalogues;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.ResourcesJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tier baseline each tier was built on, the {@code inherited_from} of its {@code result.json}:
 * {@code {tier_id, subtest_id, claude_md_path, claude_dir_path, resources}} of the best subtest of
 * an earlier tier, or null.
 *
 * <p>Which tier, as the reference decides it: the tiers run in dependency layers (T0–T4 first, then
 * T5, which depends on them, then T6, which depends on T5; a dependency not in the experiment is
 * ignored). Tiers of the first layer have no baseline. After a layer of one tier, the next layer's
 * baseline is that tier's best subtest (or the baseline before, when it has none); after a layer of
 * several tiers, it is the best subtest of the one with the lowest cost of pass (the first in tier
 * order on a tie; none when none passed, or when the experiment has no T5).
 *
 * <p>A tier's best subtest is the one the same pass just chose, else the one on disk ({@link
 * #bestSubtestOnDisk}, which the run path also uses to compose workspaces); its resources are the
 * {@code resources} recorded in the subtest's {@code config_manifest.json}, else the catalogue's.
 * The two path fields are always null: the reference recorded absolute paths there, which are never
 * to be trusted, and the recorded experiment has nulls.
 */
public final class TierBaselines {
  private static final Map<String, List<String>> DEPENDS_ON =
      Map.of("T5", List.of("T0", "T1", "T2", "T3", "T4"), "T6", List.of("T5"));

  private final ExperimentStore store;
  private Catalogue catalogue;
  private boolean catalogueLoaded;

  public TierBaselines(ExperimentStore store) {
    this.store = store;
  }

  /** What the baseline rule needs of a tier: its best subtest and cost of pass, or nulls. */
  public record Outcome(String bestSubtest, Double costOfPass) {}

  /**
   * The baseline of {@code tier}.
   *
   * @param known outcomes of tiers decided in this pass (preferred over their files on disk)
   * @return the {@code inherited_from} value, or null when the tier has none
   */
  public ObjectNode of(String tier, Map<String, TierSummary> known) {
    List<String> tiers = store.config().tiersToRun();
    if (!tiers.contains(tier)) {
      return null;
    }
    ObjectNode baseline = null;
    for (List<String> layer : layers(tiers)) {
      if (layer.contains(tier)) {
        return baseline;
      }
      if (layer.size() == 1) {
        ObjectNode b = baselineOf(layer.get(0), outcome(layer.get(0), known));
        if (b != null) {
          baseline = b;
        }
      } else {
        baseline = null;
        if (tiers.contains("T5")) {
          String cheapest = null;
          double lowest = Double.POSITIVE_INFINITY;
          for (String t : layer) {
            Double cop = outcome(t, known).costOfPass();
            if (cop != null && cop < lowest) {
              lowest = cop;
              cheapest = t;
            }
          }
          if (cheapest != null) {
            baseline = baselineOf(cheapest, outcome(cheapest, known));
          }
        }
      }
    }
    return null;
  }

  /** The tiers in dependency layers, each in tier order. */
  static List<List<String>> layers(List<String> tiers) {
    List<List<String>> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<String> remaining = new ArrayList<>(tiers);
    while (!remaining.isEmpty()) {
      List<String> ready = new ArrayList<>();
      for (String t : remaining) {
        boolean ok = true;
        for (String d : DEPENDS_ON.getOrDefault(t, List.of())) {
          if (tiers.contains(d) && !done.contains(d)) {
            ok = false;
          }
        }
        if (ok) {
          ready.add(t);
        }
      }
      ready.sort(null);
      out.add(ready);
      done.addAll(ready);
      remaining.removeAll(ready);
    }
    return out;
  }

  private Outcome outcome(String tier, Map<String, TierSummary> known) {
    TierSummary t = known.get(tier);
    if (t != null) {
      return new Outcome(t.best().winner(), t.costOfPass());
    }
    Loaded<ObjectNode> r =
        FileReads.readTopLevel(
            store.layout().tierFile(tier, "result.json"), Set.of("best_subtest", "cost_of_pass"));
    JsonNode cop = r.orNull() == null ? null : r.orNull().get("cost_of_pass");
    return new Outcome(
        bestSubtestOnDisk(store, tier), cop != null && cop.isNumber() ? cop.doubleValue() : null);
  }

  private ObjectNode baselineOf(String tier, Outcome o) {
    if (o.bestSubtest() == null) {
      return null;
    }
    JsonNode resources = resources(tier, o.bestSubtest());
    if (resources == null) {
      return null;
    }
    ObjectNode b = Json.object();
    b.put("tier_id", tier);
    b.put("subtest_id", o.bestSubtest());
    b.putNull("claude_md_path");
    b.putNull("claude_dir_path");
    b.set("resources", resources);
    return b;
  }

  private JsonNode resources(String tier, String subtest) {
    Path manifest = store.layout().subtestFile(tier, subtest, "config_manifest.json");
    Loaded<ObjectNode> m = FileReads.readJson(manifest, o -> o);
    if (m.orNull() != null && m.orNull().path("resources").isObject()) {
      return m.orNull().get("resources");
    }
    Catalogue c = catalogue();
    if (c == null) {
      return null;
    }
    return c.subtest(tier, subtest)
        .map(SubtestDefinition::resources)
        .map(ResourcesJson::toJson)
        .orElse(null);
  }

  private Catalogue catalogue() {
    if (!catalogueLoaded) {
      catalogueLoaded = true;
      Path dir = store.layout().catalogueDir();
      if (Files.isDirectory(dir)) {
        try {
          catalogue = Catalogues.load(dir);
        } catch (ScyllaException e) {
          catalogue = null;
        }
      }
    }
    return catalogue;
  }

  /**
   * A tier's best subtest as its files record it: {@code best_subtest.json}'s {@code
   * winning_subtest}, else {@code result.json}'s {@code best_subtest}; null when neither says.
   */
  public static String bestSubtestOnDisk(ExperimentStore store, String tier) {
    Loaded<ObjectNode> sel =
        FileReads.readJson(store.layout().tierFile(tier, "best_subtest.json"), o -> o);
    if (sel.orNull() != null && sel.orNull().path("winning_subtest").isTextual()) {
      return sel.orNull().path("winning_subtest").textValue();
    }
    Loaded<ObjectNode> res =
        FileReads.readTopLevel(
            store.layout().tierFile(tier, "result.json"), Set.of("best_subtest"));
    JsonNode b = res.orNull() == null ? null : res.orNull().get("best_subtest");
    return b != null && b.isTextual() ? b.textValue() : null;
  }
}
