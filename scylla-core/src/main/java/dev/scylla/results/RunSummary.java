package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunResult;
import dev.scylla.model.TokenStats;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The few numbers of one run that subtest, tier and experiment summaries need. Summaries keep one
 * of these per run instead of the run's files, so their memory does not grow with file sizes.
 *
 * @param criteria each criterion's score (0..1) from the run result's {@code criteria_scores}, in
 *     its order; empty when the run result holds none
 * @param turnLimited the agent used up its turns (the run result's {@code turn_limit_reached})
 */
public record RunSummary(
    RunKey key,
    double score,
    boolean passed,
    String grade,
    double costUsd,
    TokenStats tokens,
    double durationSeconds,
    Map<String, Double> criteria,
    boolean turnLimited) {

  public RunSummary(
      RunKey key,
      double score,
      boolean passed,
      String grade,
      double costUsd,
      TokenStats tokens,
      double durationSeconds,
      Map<String, Double> criteria) {
    this(key, score, passed, grade, costUsd, tokens, durationSeconds, criteria, false);
  }

  public RunSummary {
    criteria = criteria == null || criteria.isEmpty() ? Map.of() : criteria;
  }

  public RunSummary(
      RunKey key,
      double score,
      boolean passed,
      String grade,
      double costUsd,
      TokenStats tokens,
      double durationSeconds) {
    this(key, score, passed, grade, costUsd, tokens, durationSeconds, Map.of());
  }

  public static RunSummary of(RunKey key, RunResult r) {
    return new RunSummary(
        key,
        r.judgeScore(),
        r.judgePassed(),
        r.judgeGrade(),
        r.costUsd(),
        r.tokenStats(),
        r.durationSeconds(),
        criteriaScores(r.criteriaScores()),
        r.turnLimitReached());
  }

  /**
   * Each criterion's score from a {@code criteria_scores} object: its {@code score} field (or the
   * value itself when it is a number); criteria without a finite score are left out.
   */
  static Map<String, Double> criteriaScores(JsonNode criteria) {
    if (criteria == null || !criteria.isObject() || criteria.isEmpty()) {
      return Map.of();
    }
    Map<String, Double> out = new LinkedHashMap<>();
    criteria
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              JsonNode s = v.isObject() ? v.get("score") : v;
              if (s != null && s.isNumber() && Double.isFinite(s.doubleValue())) {
                out.put(e.getKey(), s.doubleValue());
              }
            });
    return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
  }

  public int runNumber() {
    return key.run();
  }
}
