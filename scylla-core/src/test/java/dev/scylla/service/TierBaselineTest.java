package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.event.EventSink;
import dev.scylla.results.ConsensusPolicy;
import dev.scylla.status.Selection;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import dev.scylla.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiers' {@code inherited_from}, rebuilt by regenerate on experiments built here. */
class TierBaselineTest {
  @TempDir Path tmp;

  static final Map<String, List<String>> SUBTESTS =
      Map.of(
          "T0", List.of("00"),
          "T1", List.of("01", "02"),
          "T2", List.of("01"),
          "T5", List.of("01"),
          "T6", List.of("01"));

  Path experiment(String... tiers) throws IOException {
    SyntheticExperiment b = SyntheticExperiment.builder().runs(3).seed(7);
    for (String t : tiers) {
      b.tier(t, SUBTESTS.get(t).toArray(String[]::new));
    }
    Path exp = b.writeTo(tmp.resolve("exp"));
    for (String t : tiers) {
      for (String s : SUBTESTS.get(t)) {
        ObjectNode m = Json.object();
        m.put("tier_id", t);
        m.put("subtest_id", s);
        m.putObject("resources").putObject("skills").putArray("categories").add(t + "-" + s);
        m.putNull("inherited_from");
        AtomicFiles.writeJson(exp.resolve(t + "/" + s + "/config_manifest.json"), m);
      }
    }
    return exp;
  }

  static void regenerate(Path exp) {
    assertThat(
            new Scylla(EventSink.NONE)
                .regenerate(
                    new RegenerateRequest(exp, Selection.ALL, ConsensusPolicy.DEFAULT, false))
                .ok())
        .isTrue();
  }

  static JsonNode read(Path p) throws IOException {
    try {
      return Json.parse(Files.readAllBytes(p));
    } catch (dev.scylla.store.CorruptFileException e) {
      throw new IOException(p + ": " + e.getMessage(), e);
    }
  }

  static JsonNode inherited(Path exp, String tier) throws IOException {
    return read(exp.resolve(tier + "/result.json")).get("inherited_from");
  }

  @Test
  void t5BuildsOnTheCheapestPassOfTheFirstLayerAndT6OnT5() throws IOException {
    Path exp = experiment("T0", "T1", "T2", "T5", "T6");
    regenerate(exp);

    for (String t : List.of("T0", "T1", "T2")) {
      assertThat(inherited(exp, t).isNull()).as(t).isTrue();
    }
    String cheapest = null;
    double lowest = Double.POSITIVE_INFINITY;
    for (String t : List.of("T0", "T1", "T2")) {
      JsonNode cop = read(exp.resolve(t + "/result.json")).get("cost_of_pass");
      if (cop.isNumber() && cop.doubleValue() < lowest) {
        lowest = cop.doubleValue();
        cheapest = t;
      }
    }
    assertThat(cheapest).as("some tier of the first layer passed").isNotNull();
    assertBaseline(exp, "T5", cheapest);
    assertBaseline(exp, "T6", "T5");

    // idempotent: a second pass writes nothing
    Map<String, String> once = TreeSnapshot.of(exp);
    regenerate(exp);
    assertThat(TreeSnapshot.of(exp)).isEqualTo(once);

    // and the value is rebuilt when the tier's result.json is gone
    Files.delete(exp.resolve("T6/result.json"));
    Files.delete(exp.resolve("T5/result.json"));
    regenerate(exp);
    assertBaseline(exp, "T5", cheapest);
    assertBaseline(exp, "T6", "T5");
  }

  @Test
  void withoutT5TheFirstLayerHandsOnNothing() throws IOException {
    Path exp = experiment("T0", "T1", "T6");
    regenerate(exp);
    for (String t : List.of("T0", "T1", "T6")) {
      assertThat(inherited(exp, t).isNull()).as(t).isTrue();
    }
  }

  @Test
  void aTierAloneInItsLayerHandsOnItsBestSubtest() throws IOException {
    Path exp = experiment("T5", "T6");
    regenerate(exp);
    assertThat(inherited(exp, "T5").isNull()).isTrue();
    assertBaseline(exp, "T6", "T5");
  }

  private static void assertBaseline(Path exp, String tier, String from) throws IOException {
    String best = read(exp.resolve(from + "/result.json")).get("best_subtest").textValue();
    JsonNode b = inherited(exp, tier);
    assertThat(b.get("tier_id").textValue()).isEqualTo(from);
    assertThat(b.get("subtest_id").textValue()).isEqualTo(best);
    assertThat(b.get("claude_md_path").isNull()).isTrue();
    assertThat(b.get("claude_dir_path").isNull()).isTrue();
    assertThat(b.get("resources"))
        .isEqualTo(read(exp.resolve(from + "/" + best + "/config_manifest.json")).get("resources"));
    List<String> keys = new java.util.ArrayList<>();
    b.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("tier_id", "subtest_id", "claude_md_path", "claude_dir_path", "resources");
  }
}
