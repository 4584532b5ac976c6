package dev.scylla.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.ScyllaException;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference's HEAD pipeline (the default) on a simulated experiment of all seven tiers with 3
 * runs per subtest, laid out as the reference's data directory: names, the extra columns and keys,
 * the process metrics, power analysis, interaction tests and the pass-rate family with its
 * first→last contrast. Expected values are computed here from the files the test wrote.
 */
class HeadPipelineTest {
  static final List<String> TIERS = List.of("T0", "T1", "T2", "T3", "T4", "T5", "T6");
  static final AnalysisParameters PARAMS =
      new AnalysisParameters(0.05, 200, 42, 0.95).withPowerSimulations(300);

  @TempDir static Path tmp;
  static Path data;
  static Path out;

  /** run path (T0/00/run_01) → r_prog written. */
  static final Map<String, Double> rProg = new LinkedHashMap<>();

  @BeforeAll
  static void analyse() throws Exception {
    data = tmp.resolve("fullruns");
    SyntheticExperiment b = SyntheticExperiment.builder().runs(3).seed(11);
    for (String t : TIERS) {
      b.tier(t, t.equals("T0") ? "00" : "01");
    }
    // an older timestamp directory (not read), the latest one, an excluded experiment
    SyntheticExperiment.builder()
        .runs(1)
        .seed(3)
        .writeTo(data.resolve("exp-a/2026-01-01T00-00-00"));
    Path exp = b.writeTo(data.resolve("exp-a/2026-02-01T00-00-00"));
    SyntheticExperiment.builder()
        .runs(1)
        .seed(5)
        .writeTo(data.resolve("exp-z/2026-01-01T00-00-00"));
    Files.createDirectories(data.resolve("empty-folder"));
    // process metrics in some run results; model usage in one agent result
    int i = 0;
    for (String t : TIERS) {
      String sub = t.equals("T0") ? "00" : "01";
      for (int n = 1; n <= 3; n++) {
        if (t.equals("T6")) {
          continue; // a tier without process metrics
        }
        Path rr = exp.resolve(t).resolve(sub).resolve("run_0" + n).resolve("run_result.json");
        ObjectNode o = (ObjectNode) Json.parse(Files.readAllBytes(rr));
        double v = (i++ % 7) / 10.0;
        ObjectNode pm = o.putObject("process_metrics");
        pm.put("r_prog", v);
        pm.put("cfp", 1 - v);
        pm.putNull("pr_revert_rate");
        rProg.put(t + "/" + sub + "/run_0" + n, v);
        Files.writeString(rr, Json.write(o));
      }
    }
    Path ar = exp.resolve("T1/01/run_02/agent/result.json");
    ObjectNode a = (ObjectNode) Json.parse(Files.readAllBytes(ar));
    a.put("num_turns", 9);
    var usage = a.putArray("model_usage");
    usage.addObject().put("model", "claude-sonnet-4-5-20250929").put("cost_usd", 0.3);
    usage.addObject().put("model", "claude-haiku-4-5").put("cost_usd", 0.1);
    Files.writeString(ar, Json.write(a));
    out = tmp.resolve("out");
    new Analyzer(EventSink.NONE)
        .run(new AnalyzeRequest(List.of(), out, List.of("exp-z"), List.of(), PARAMS, data));
  }

  private static List<String[]> csv(String name) throws Exception {
    List<String[]> rows = new ArrayList<>();
    for (String l : Files.readAllLines(out.resolve("data").resolve(name))) {
      rows.add(l.split(",", -1));
    }
    return rows;
  }

  private static JsonNode json(String name) throws Exception {
    return Json.parse(Files.readAllBytes(out.resolve("data").resolve(name)));
  }

  private static int col(String[] header, String name) {
    int i = Arrays.asList(header).indexOf(name);
    assertThat(i).as(name).isNotNegative();
    return i;
  }

  @Test
  void experimentIsTheFolderAndTheAgentModelItsId() throws Exception {
    List<String[]> runs = csv("runs.csv");
    assertThat(runs).hasSize(1 + 21);
    for (String[] r : runs.subList(1, runs.size())) {
      assertThat(r[0]).isEqualTo("exp-a");
      assertThat(r[1]).isEqualTo("claude-sonnet-4-5-20250929");
    }
    JsonNode s = json("summary.json");
    assertThat(s.get("models").get(0).asText()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(s.get("by_model").fieldNames().next()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(s.get("total_experiments").asInt()).isEqualTo(1);
  }

  @Test
  void runsCsvHasTheHeadColumns() throws Exception {
    List<String[]> runs = csv("runs.csv");
    String[] h = runs.get(0);
    List<String> expected = new ArrayList<>(DataFiles.RUNS_HEADER);
    expected.addAll(
        List.of(
            "api_calls",
            "num_turns",
            "num_models",
            "delegation_cost_ratio",
            "r_prog",
            "strategic_drift",
            "cfp",
            "pr_revert_rate"));
    // ours, after HEAD's (issue 16: the judges' spend, the simulator's money)
    expected.addAll(
        List.of(
            "judge_cost_usd",
            "judge_input_tokens",
            "judge_output_tokens",
            "judge_cache_creation_tokens",
            "judge_cache_read_tokens",
            "simulated"));
    assertThat(h).containsExactlyElementsOf(expected);
    for (String[] r : runs.subList(1, runs.size())) {
      String key = r[2] + "/" + r[3] + "/run_0" + r[4];
      Path ar = data.resolve("exp-a/2026-02-01T00-00-00").resolve(key).resolve("agent/result.json");
      JsonNode a = Json.parse(Files.readAllBytes(ar));
      // every run has api_calls: an integer column
      assertThat(r[col(h, "api_calls")]).isEqualTo(String.valueOf(a.get("api_calls").asInt()));
      Double v = rProg.get(key);
      assertThat(r[col(h, "r_prog")]).isEqualTo(v == null ? "" : Csv.format(v));
      assertThat(r[col(h, "cfp")]).isEqualTo(v == null ? "" : Csv.format(1 - v));
      assertThat(r[col(h, "pr_revert_rate")]).isEmpty();
      assertThat(r[col(h, "strategic_drift")]).isEmpty();
      if (key.equals("T1/01/run_02")) {
        // a column with empty fields is written as floats, as pandas writes it
        assertThat(r[col(h, "num_turns")]).isEqualTo("9.0");
        assertThat(r[col(h, "num_models")]).isEqualTo("2.0");
        assertThat(Double.parseDouble(r[col(h, "delegation_cost_ratio")]))
            .isCloseTo((0.4 - 0.3) / 0.4, within(1e-15));
      } else {
        assertThat(r[col(h, "num_turns")]).isEmpty();
        assertThat(r[col(h, "num_models")]).isEmpty();
        assertThat(r[col(h, "delegation_cost_ratio")]).isEmpty();
      }
    }
  }

  @Test
  void subtestsAndSummaryAggregateTheProcessMetrics() throws Exception {
    List<String[]> sub = csv("subtests.csv");
    String[] h = sub.get(0);
    assertThat(Arrays.asList(h).subList(col(h, "cop") + 1, col(h, "grade_S")))
        .containsExactly(
            "mean_r_prog",
            "median_r_prog",
            "std_r_prog",
            "mean_cfp",
            "median_cfp",
            "std_cfp",
            "mean_pr_revert_rate",
            "median_pr_revert_rate",
            "std_pr_revert_rate",
            "mean_strategic_drift",
            "median_strategic_drift",
            "std_strategic_drift");
    for (String[] r : sub.subList(1, sub.size())) {
      String tier = r[2];
      if (tier.equals("T6")) {
        assertThat(r[col(h, "mean_r_prog")]).isEmpty();
        continue;
      }
      double[] v =
          rProg.entrySet().stream()
              .filter(e -> e.getKey().startsWith(tier + "/"))
              .mapToDouble(Map.Entry::getValue)
              .toArray();
      assertThat(v).hasSize(3);
      double mean = (v[0] + v[1] + v[2]) / 3;
      double[] sorted = v.clone();
      Arrays.sort(sorted);
      double ss = 0;
      for (double x : v) {
        ss += (x - mean) * (x - mean);
      }
      assertThat(Double.parseDouble(r[col(h, "mean_r_prog")])).isCloseTo(mean, within(1e-12));
      assertThat(Double.parseDouble(r[col(h, "median_r_prog")])).isEqualTo(sorted[1]);
      assertThat(Double.parseDouble(r[col(h, "std_r_prog")]))
          .isCloseTo(Math.sqrt(ss / 2), within(1e-12));
      assertThat(r[col(h, "mean_pr_revert_rate")]).isEmpty();
    }
    JsonNode s = json("summary.json");
    double all = rProg.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    JsonNode ov = s.get("overall_stats");
    assertThat(ov.get("mean_r_prog").asDouble()).isCloseTo(all, within(1e-12));
    assertThat(ov.get("mean_cfp").asDouble()).isCloseTo(1 - all, within(1e-12));
    assertThat(ov.get("mean_pr_revert_rate").isNull()).isTrue();
    assertThat(ov.get("mean_strategic_drift").isNull()).isTrue();
    List<String> keys = new ArrayList<>();
    ov.fieldNames().forEachRemaining(keys::add);
    assertThat(keys.subList(keys.size() - 4, keys.size()))
        .containsExactly("mean_r_prog", "mean_cfp", "mean_pr_revert_rate", "mean_strategic_drift");
    assertThat(s.get("by_tier").get("T6").get("mean_r_prog").isNull()).isTrue();
    assertThat(s.get("by_tier").get("T0").get("mean_r_prog").isNumber()).isTrue();
    assertThat(s.get("by_model").elements().next().get("mean_r_prog").asDouble())
        .isCloseTo(all, within(1e-12));
  }

  @Test
  void statisticalResultsHaveTheHeadKeysInOrder() throws Exception {
    JsonNode st = json("statistical_results.json");
    List<String> keys = new ArrayList<>();
    st.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "pipeline_version",
            "config_version",
            "normality_tests",
            "omnibus_tests",
            "pairwise_comparisons",
            "effect_sizes",
            "power_analysis",
            "correlations",
            "tier_descriptives",
            "interaction_tests",
            "tier_intervals",
            "judge_agreement",
            "retry_tests");
    List<String> omnibus = new ArrayList<>();
    st.get("omnibus_tests").forEach(o -> omnibus.add(o.get("metric").asText()));
    // pr_revert_rate has no values: no test
    assertThat(omnibus)
        .containsExactly("pass_rate", "impl_rate", "duration_seconds", "r_prog", "cfp");
    List<String> normality = new ArrayList<>();
    st.get("normality_tests")
        .forEach(o -> normality.add(o.get("tier").asText() + o.get("metric").asText()));
    assertThat(normality)
        .contains("T0duration_seconds", "T0r_prog", "T0cfp")
        .doesNotContain("T6r_prog");
  }

  @Test
  void thePassRateFamilyHoldsTheFirstToLastContrastAndIsHolmCorrectedTogether() throws Exception {
    JsonNode st = json("statistical_results.json");
    List<JsonNode> pass = new ArrayList<>();
    List<String> metrics = new ArrayList<>();
    for (JsonNode p : st.get("pairwise_comparisons")) {
      if (!metrics.contains(p.get("metric").asText())) {
        metrics.add(p.get("metric").asText());
      }
      if (p.get("metric").asText().equals("pass_rate")) {
        pass.add(p);
      }
    }
    assertThat(metrics)
        .containsExactly("pass_rate", "impl_rate", "duration_seconds", "r_prog", "cfp");
    assertThat(pass).hasSize(7);
    JsonNode last = pass.get(6);
    assertThat(last.get("tier1").asText()).isEqualTo("T0");
    assertThat(last.get("tier2").asText()).isEqualTo("T6");
    assertThat(last.get("overall_contrast").asBoolean()).isTrue();
    assertThat(pass.get(0).has("overall_contrast")).isFalse();
    List<String> order = new ArrayList<>();
    last.fieldNames().forEachRemaining(order::add);
    assertThat(order)
        .containsExactly(
            "model",
            "tier1",
            "tier2",
            "n1",
            "n2",
            "u_statistic",
            "overall_contrast",
            "metric",
            "p_value_raw",
            "p_value",
            "is_significant");
    // Holm over the seven raw p-values, none dropped
    double[] raw = pass.stream().mapToDouble(p -> p.get("p_value_raw").asDouble()).toArray();
    double[] holm = holm(raw);
    for (int i = 0; i < raw.length; i++) {
      assertThat(pass.get(i).get("p_value").asDouble()).isCloseTo(holm[i], within(1e-15));
    }
  }

  /** Holm–Bonferroni as the reference documents it: sorted, × (n − rank), running maximum. */
  static double[] holm(double[] p) {
    Integer[] idx = new Integer[p.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
    double[] out = new double[p.length];
    double run = 0;
    for (int r = 0; r < idx.length; r++) {
      run = Math.max(run, Math.min(1, p[idx[r]] * (p.length - r)));
      out[idx[r]] = run;
    }
    return out;
  }

  @Test
  void powerAnalysisHasEveryConsecutivePairAndTheOmnibusRow() throws Exception {
    JsonNode st = json("statistical_results.json");
    List<JsonNode> rows = new ArrayList<>();
    st.get("power_analysis").forEach(rows::add);
    assertThat(rows).hasSize(7);
    Map<String, Double> deltas = new LinkedHashMap<>();
    for (JsonNode e : st.get("effect_sizes")) {
      if (e.get("metric").asText().equals("pass_rate")) {
        deltas.put(
            e.get("tier1").asText() + e.get("tier2").asText(), e.get("cliffs_delta").asDouble());
      }
    }
    for (int i = 0; i < 6; i++) {
      JsonNode r = rows.get(i);
      assertThat(r.get("metric").asText()).isEqualTo("pass_rate");
      assertThat(r.get("tier1").asText()).isEqualTo(TIERS.get(i));
      assertThat(r.get("tier2").asText()).isEqualTo(TIERS.get(i + 1));
      assertThat(r.get("n1").asInt()).isEqualTo(3);
      double d = deltas.get(TIERS.get(i) + TIERS.get(i + 1));
      assertThat(r.get("observed_delta").asDouble()).isEqualTo(d);
      double expected =
          dev.scylla.analysis.stats.Power.mannWhitney(3, 3, Math.abs(d), 0.05, 300, 42);
      assertThat(r.get("power_at_observed").asDouble()).isEqualTo(expected);
      assertThat(r.get("power_at_medium_0_3").asDouble())
          .isEqualTo(dev.scylla.analysis.stats.Power.mannWhitney(3, 3, 0.3, 0.05, 300, 42));
    }
    JsonNode omni = rows.get(6);
    assertThat(omni.get("metric").asText()).isEqualTo("pass_rate_omnibus");
    assertThat(omni.get("tier1").asText()).isEqualTo("T0");
    assertThat(omni.get("tier2").asText()).isEqualTo("T6");
    assertThat(omni.get("n1").asInt()).isEqualTo(21);
    assertThat(omni.get("n2").isNull()).isTrue();
    assertThat(omni.get("observed_delta").isNull()).isTrue();
    assertThat(omni.get("power_at_medium_0_3").asDouble())
        .isEqualTo(
            dev.scylla.analysis.stats.Power.kruskalWallis(
                List.of(3, 3, 3, 3, 3, 3, 3), 0.06, 0.05, 300, 42));
  }

  @Test
  void interactionTestsOfOneAgentModel() throws Exception {
    JsonNode st = json("statistical_results.json");
    List<String> seen = new ArrayList<>();
    for (JsonNode t : st.get("interaction_tests")) {
      seen.add(t.get("metric").asText() + "/" + t.get("effect").asText());
      if (t.get("effect").asText().equals("tier")) {
        assertThat(t.get("df").asInt()).isEqualTo(6);
        assertThat(t.get("p_value").asDouble()).isBetween(0.0, 1.0);
      } else {
        // one agent model: no degrees of freedom, no p-value (NaN in the reference, null here)
        assertThat(t.get("df").asInt()).isZero();
        assertThat(t.get("p_value").isNull()).isTrue();
        assertThat(t.get("is_significant").asBoolean()).isFalse();
      }
    }
    assertThat(seen)
        .containsExactly(
            "score/agent_model",
            "score/tier",
            "score/interaction",
            "impl_rate/agent_model",
            "impl_rate/tier",
            "impl_rate/interaction",
            "cost_usd/agent_model",
            "cost_usd/tier",
            "cost_usd/interaction",
            "duration_seconds/agent_model",
            "duration_seconds/tier",
            "duration_seconds/interaction");
  }

  @Test
  void aDataDirWithoutExperimentsIsBadInput() throws Exception {
    Path empty = tmp.resolve("nothing");
    Files.createDirectories(empty.resolve("a/b"));
    assertThatThrownBy(() -> new Analyzer(EventSink.NONE).analyzeDataDir(empty, List.of(), PARAMS))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("--data-dir holds no experiment");
    assertThatThrownBy(
            () ->
                new Analyzer(EventSink.NONE)
                    .analyzeDataDir(tmp.resolve("missing"), List.of(), PARAMS))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("no such directory");
    assertThat(Files.readString(out.resolve("data/manifest.json"), StandardCharsets.UTF_8))
        .contains("\"pipeline\": \"head\"");
  }
}
