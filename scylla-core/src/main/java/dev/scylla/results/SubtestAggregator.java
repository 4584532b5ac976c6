package dev.scylla.results;

import dev.scylla.model.Grades;
import dev.scylla.model.TokenStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates the runs of one subtest as the reference does (scylla-recovery.md §6.4): pass rate,
 * mean, median and sample standard deviation of the scores, consistency, mean and total cost,
 * summed tokens, and the grade distribution with its modal, minimum and maximum grade. Pure.
 */
public final class SubtestAggregator {
  private SubtestAggregator() {}

  public static SubtestStats aggregate(String tier, String subtest, List<RunSummary> runs) {
    List<RunSummary> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingInt(RunSummary::runNumber));
    int n = sorted.size();
    double[] scores = new double[n];
    double[] costs = new double[n];
    int passed = 0;
    TokenStats tokens = TokenStats.ZERO;
    double duration = 0.0;
    Map<String, Integer> grades = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      RunSummary r = sorted.get(i);
      scores[i] = r.score();
      costs[i] = r.costUsd();
      passed += r.passed() ? 1 : 0;
      tokens = tokens.plus(r.tokens());
      duration += r.durationSeconds();
      if (r.grade() != null && !r.grade().isEmpty()) {
        grades.merge(r.grade(), 1, Integer::sum);
      }
    }
    if (n == 0) {
      return new SubtestStats(
          tier,
          subtest,
          sorted,
          0,
          0.0,
          0.0,
          0.0,
          0.0,
          0.0,
          0.0,
          TokenStats.ZERO,
          0.0,
          null,
          null,
          null,
          null,
          0.0);
    }
    double mean = Stats.mean(scores);
    double std = Stats.sampleStdDev(scores);
    double cv = mean > 0 ? std / mean : 1.0;
    double consistency = Math.max(0.0, 1.0 - cv);
    String modal = null;
    int modalCount = 0;
    for (var e : grades.entrySet()) {
      if (e.getValue() > modalCount) {
        modal = e.getKey();
        modalCount = e.getValue();
      }
    }
    String min = null;
    String max = null;
    for (String g : grades.keySet()) {
      int rank = Grades.rank(g);
      if (rank < 0) {
        continue;
      }
      if (min == null || rank < Grades.rank(min)) {
        min = g;
      }
      if (max == null || rank > Grades.rank(max)) {
        max = g;
      }
    }
    return new SubtestStats(
        tier,
        subtest,
        sorted,
        passed,
        (double) passed / n,
        mean,
        Stats.median(scores),
        std,
        Stats.mean(costs),
        Stats.sum(costs),
        tokens,
        consistency,
        grades.isEmpty() ? null : grades,
        modal,
        min,
        max,
        duration);
  }
}
