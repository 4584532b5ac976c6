package dev.scylla.analysis;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Columns of run rows as arrays, for the statistics. */
final class Columns {
  private Columns() {}

  static double[] of(List<RunRow> rows, ToDoubleFunction<RunRow> f) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.applyAsDouble(rows.get(i));
    }
    return out;
  }

  static double[] passed(List<RunRow> rows) {
    return of(rows, r -> r.passed() ? 1.0 : 0.0);
  }

  static double[] score(List<RunRow> rows) {
    return of(rows, RunRow::score);
  }

  static double[] implRate(List<RunRow> rows) {
    return of(rows, RunRow::implRate);
  }

  static double[] cost(List<RunRow> rows) {
    return of(rows, RunRow::costUsd);
  }

  static double[] duration(List<RunRow> rows) {
    return of(rows, RunRow::durationSeconds);
  }

  static double[] totalTokens(List<RunRow> rows) {
    return of(rows, r -> (double) r.totalTokens());
  }

  /** The value of a named runs.csv metric. */
  static double metric(RunRow r, String metric) {
    return switch (metric) {
      case "score" -> r.score();
      case "impl_rate" -> r.implRate();
      case "cost_usd" -> r.costUsd();
      case "duration_seconds" -> r.durationSeconds();
      case "total_tokens" -> (double) r.totalTokens();
      case "pass_rate", "passed" -> r.passed() ? 1.0 : 0.0;
      case "r_prog" -> r.extras().rProg();
      case "cfp" -> r.extras().cfp();
      case "pr_revert_rate" -> r.extras().prRevertRate();
      case "strategic_drift" -> r.extras().strategicDrift();
      default -> throw new IllegalArgumentException("unknown metric " + metric);
    };
  }

  static double[] metric(List<RunRow> rows, String metric) {
    return of(rows, r -> metric(r, metric));
  }
}
