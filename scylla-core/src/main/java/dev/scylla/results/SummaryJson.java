package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.RunKey;
import dev.scylla.store.Json;
import dev.scylla.store.JsonStreamWriter;
import dev.scylla.store.ModelJson;
import java.io.IOException;
import java.util.Map;

/**
 * The JSON summary documents in the reference's formats (scylla-recovery.md §1.9.9-1.9.11,
 * scylla-execution.md §5): subtest, tier and experiment {@code report.json}, {@code
 * best_subtest.json}, {@code tier_comparison.json}, and the tier and experiment {@code
 * result.json}, which embed every run and are therefore written as a stream. Non-finite numbers are
 * never written: an infinite cost of pass is {@code null}.
 */
public final class SummaryJson {
  private SummaryJson() {}

  /** Supplies the {@code run_result.json} content of a run, one run at a time. */
  @FunctionalInterface
  public interface RunSource {
    JsonNode runResult(RunKey key) throws IOException;
  }

  /** Relative links between summary files (layout-dependent). */
  public interface Links {
    /** From a subtest directory to a run's report. */
    String runReport(RunKey key, String file);

    /** From a tier directory to a subtest's report. */
    String subtestReport(String tier, String subtest, String file);

    /** From the experiment directory to a tier's report. */
    String tierReport(String tier, String file);

    /** From the experiment directory to a subtest's report. */
    String subtestFromExperiment(String tier, String subtest, String file);
  }

  public static ObjectNode subtestReport(SubtestStats s, String generatedAt, Links links) {
    ObjectNode o = Json.object();
    o.put("subtest_id", s.subtest());
    o.put("tier_id", s.tier());
    ObjectNode sum = o.putObject("summary");
    sum.put("total_runs", s.totalRuns());
    sum.put("passed", s.passed());
    sum.put("pass_rate", s.passRate());
    sum.put("mean_score", s.meanScore());
    sum.put("median_score", s.medianScore());
    sum.put("std_dev", s.stdDevScore());
    sum.put("total_cost", s.totalCost());
    sum.put("consistency", s.consistency());
    sum.set("grade_distribution", grades(s.gradeDistribution()));
    sum.put("modal_grade", s.modalGrade());
    sum.put("min_grade", s.minGrade());
    sum.put("max_grade", s.maxGrade());
    if (s.turnLimitedRuns() > 0) {
      sum.put("turn_limited_runs", s.turnLimitedRuns()); // ours: absent means none
    }
    o.set("token_stats", ModelJson.toJson(s.tokenStats()));
    ArrayNode children = o.putArray("children");
    for (RunSummary r : s.runs()) {
      ObjectNode c = children.addObject();
      c.put("run_number", r.runNumber());
      c.put("score", r.score());
      c.put("passed", r.passed());
      c.put("report", links.runReport(r.key(), "report.json"));
    }
    o.put("generated_at", generatedAt);
    return o;
  }

  public static ObjectNode bestSubtest(BestSubtest b) {
    ObjectNode o = Json.object();
    o.put("winning_subtest", b.winner());
    o.put("winning_score", b.winningScore());
    ArrayNode votes = o.putArray("votes");
    b.votes().forEach(v -> votes.add(vote(v)));
    o.put("margin", b.margin());
    o.put("tiebreaker_needed", b.tiebreakerNeeded());
    if (b.tiebreaker() == null) {
      o.putNull("tiebreaker_result");
    } else {
      o.set("tiebreaker_result", vote(b.tiebreaker()));
    }
    return o;
  }

  private static ObjectNode vote(BestSubtest.Vote v) {
    ObjectNode o = Json.object();
    o.put("subtest_id", v.subtestId());
    o.put("score", v.score());
    o.put("confidence", v.confidence());
    o.put("reasoning", v.reasoning());
    return o;
  }

  public static ObjectNode tierReport(TierSummary t, String generatedAt, Links links) {
    ObjectNode o = Json.object();
    o.put("tier", t.tier());
    ObjectNode sum = o.putObject("summary");
    sum.put("total_subtests", t.subtests().size());
    sum.put("best_subtest", t.best().winner());
    sum.put("best_score", t.best().winningScore());
    sum.put("total_cost", t.totalCost());
    sum.put("total_duration", t.totalDuration());
    sum.put("tiebreaker_needed", t.best().tiebreakerNeeded());
    int turnLimited = t.subtests().stream().mapToInt(SubtestStats::turnLimitedRuns).sum();
    if (turnLimited > 0) {
      sum.put("turn_limited_runs", turnLimited); // ours: absent means none
    }
    o.set("token_stats", ModelJson.toJson(t.tokenStats()));
    ObjectNode best = o.putObject("best");
    best.put("subtest", t.best().winner());
    best.put("score", t.best().winningScore());
    best.put("report", links.subtestReport(t.tier(), t.best().winner(), "report.json"));
    ArrayNode children = o.putArray("children");
    for (SubtestStats s : t.subtests()) {
      ObjectNode c = children.addObject();
      c.put("id", s.subtest());
      c.put("score", s.medianScore());
      c.put("pass_rate", s.passRate());
      c.put("cost", s.totalCost());
      c.put("selected", s.subtest().equals(t.best().winner()));
      c.put("report", links.subtestReport(t.tier(), s.subtest(), "report.json"));
    }
    o.put("generated_at", generatedAt);
    return o;
  }

  public static ObjectNode experimentReport(ExperimentSummary e, String generatedAt, Links links) {
    ObjectNode o = Json.object();
    o.put("experiment_id", e.config().experimentId());
    ObjectNode sum = o.putObject("summary");
    sum.put("total_tiers", e.tiers().size());
    sum.put("best_tier", e.frontierTier());
    sum.put("best_subtest", e.bestOverallSubtest());
    putNullable(sum, "frontier_cop", e.frontierCop());
    sum.put("total_cost", e.totalCost());
    sum.put("total_duration", e.totalDurationSeconds());
    sum.put("started_at", e.startedAt());
    sum.put("completed_at", e.completedAt());
    o.set("token_stats", ModelJson.toJson(e.tokenStats()));
    ObjectNode best = o.putObject("best");
    best.put("tier", e.frontierTier());
    best.put("subtest", e.bestOverallSubtest());
    if (e.frontierTier() == null) {
      best.putNull("report");
    } else {
      best.put("report", links.tierReport(e.frontierTier(), "report.json"));
    }
    ArrayNode children = o.putArray("children");
    for (TierSummary t : e.tiers()) {
      ObjectNode c = children.addObject();
      c.put("tier", t.tier());
      c.put("best_subtest", t.best().winner());
      c.put("best_score", t.best().winningScore());
      c.put("cost", t.totalCost());
      c.put("report", links.tierReport(t.tier(), "report.json"));
    }
    o.put("generated_at", generatedAt);
    return o;
  }

  public static ObjectNode tierComparison(ExperimentSummary e) {
    ObjectNode o = Json.object();
    for (TierSummary t : e.tiers()) {
      ObjectNode c = o.putObject(t.tier());
      c.put("best_subtest", t.best().winner());
      c.put("best_score", t.best().winningScore());
      c.put("total_cost", t.totalCost());
      c.put("tiebreaker_needed", t.best().tiebreakerNeeded());
    }
    return o;
  }

  // ------------------------------------------------------------ streamed result.json

  /** The tier's {@code result.json} as a whole document. */
  public static void writeTierResult(JsonStreamWriter w, TierSummary t, RunSource runs)
      throws IOException {
    tierResult(w, t, runs);
    w.finish();
  }

  /**
   * The experiment's {@code result.json} as a whole document.
   *
   * @param tierFiles for a tier, a file that holds exactly its {@code result.json} as {@link
   *     #writeTierResult} writes it (copied instead of rendering the runs again), or null
   */
  public static void writeExperimentResult(
      JsonStreamWriter w,
      ExperimentSummary e,
      RunSource runs,
      java.util.function.Function<String, java.nio.file.Path> tierFiles)
      throws IOException {
    w.beginObject();
    w.name("config").value(e.configJson());
    w.name("tier_results").beginObject();
    for (TierSummary t : e.tiers()) {
      w.name(t.tier());
      java.nio.file.Path copy = tierFiles.apply(t.tier());
      if (copy != null) {
        w.valueFromFile(copy);
      } else {
        tierResult(w, t, runs);
      }
    }
    w.endObject();
    w.name("best_overall_tier").value(e.frontierTier());
    w.name("best_overall_subtest").value(e.bestOverallSubtest());
    w.name("frontier_cop").valueOrNull(e.frontierCop());
    w.name("frontier_cop_tier").value(e.frontierTier());
    w.name("total_cost").value(e.totalCost());
    w.name("total_duration_seconds").value(e.totalDurationSeconds());
    w.name("token_stats").value(ModelJson.toJson(e.tokenStats()));
    w.name("started_at").value(e.startedAt());
    w.name("completed_at").value(e.completedAt());
    w.endObject();
    w.finish();
  }

  private static void tierResult(JsonStreamWriter w, TierSummary t, RunSource runs)
      throws IOException {
    w.beginObject();
    w.name("tier_id").value(t.tier());
    w.name("subtest_results").beginObject();
    for (SubtestStats s : t.subtests()) {
      w.name(s.subtest());
      subtestResult(w, s, t.best(), runs);
    }
    w.endObject();
    w.name("best_subtest").value(t.best().winner());
    w.name("best_subtest_score").value(t.best().winningScore());
    w.name("inherited_from").value(t.inheritedFrom());
    w.name("tiebreaker_needed").value(t.best().tiebreakerNeeded());
    w.name("total_cost").value(t.totalCost());
    w.name("total_duration").value(t.totalDuration());
    w.name("cost_of_pass").valueOrNull(t.costOfPass());
    w.name("token_stats").value(ModelJson.toJson(t.tokenStats()));
    w.endObject();
  }

  private static void subtestResult(
      JsonStreamWriter w, SubtestStats s, BestSubtest best, RunSource runs) throws IOException {
    w.beginObject();
    w.name("subtest_id").value(s.subtest());
    w.name("tier_id").value(s.tier());
    w.name("runs").beginArray();
    for (RunSummary r : s.runs()) {
      w.value(runs.runResult(r.key()));
    }
    w.endArray();
    w.name("pass_rate").value(s.passRate());
    w.name("mean_score").value(s.meanScore());
    w.name("median_score").value(s.medianScore());
    w.name("std_dev_score").value(s.stdDevScore());
    w.name("mean_cost").value(s.meanCost());
    w.name("total_cost").value(s.totalCost());
    w.name("token_stats").value(ModelJson.toJson(s.tokenStats()));
    w.name("consistency").value(s.consistency());
    w.name("grade_distribution").value(grades(s.gradeDistribution()));
    w.name("modal_grade").value(s.modalGrade());
    w.name("min_grade").value(s.minGrade());
    w.name("max_grade").value(s.maxGrade());
    boolean selected = s.subtest().equals(best.winner());
    w.name("selected_as_best").value(selected);
    w.name("selection_reason").value(selected ? best.reason() : "");
    w.name("rate_limit_info").nullValue();
    w.endObject();
  }

  private static JsonNode grades(Map<String, Integer> g) {
    if (g == null) {
      return Json.nodes().nullNode();
    }
    ObjectNode o = Json.object();
    g.forEach(o::put);
    return o;
  }

  private static void putNullable(ObjectNode o, String key, Double d) {
    if (d == null || !Double.isFinite(d)) {
      o.putNull(key);
    } else {
      o.put(key, d);
    }
  }
}
