package dev.scylla.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The columns the reference's HEAD pipeline appends to {@code runs.csv}, after {@code exit_code}.
 * Every value is {@code NaN} when absent (an empty CSV field).
 *
 * <ul>
 *   <li>{@code api_calls}, {@code num_turns}: from {@code agent/result.json}, as integers; 0 or
 *       anything unusable is absent (the reference turns 0 into null);
 *   <li>{@code num_models}: the number of entries of {@code model_usage} (or {@code modelUsage})
 *       when it is a non-empty list of objects at the top level of {@code agent/result.json};
 *   <li>{@code delegation_cost_ratio}: with at least two such entries and a total cost above 0,
 *       (total − the first entry's cost) / total;
 *   <li>{@code r_prog}, {@code strategic_drift}, {@code cfp}, {@code pr_revert_rate}: {@code
 *       run_result.process_metrics}.
 * </ul>
 */
public record RunExtras(
    double apiCalls,
    double numTurns,
    double numModels,
    double delegationCostRatio,
    double rProg,
    double strategicDrift,
    double cfp,
    double prRevertRate) {

  public static final RunExtras NONE =
      new RunExtras(
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN);

  /** The process metrics with the agent fields absent. */
  public static RunExtras processMetrics(
      double rProg, double strategicDrift, double cfp, double prRevertRate) {
    return new RunExtras(
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, rProg, strategicDrift, cfp, prRevertRate);
  }

  /**
   * Reads the fields from a run's {@code run_result.json} and its {@code agent/result.json} (either
   * may be null).
   */
  static RunExtras of(ObjectNode runResult, ObjectNode agentResult) {
    double apiCalls = Double.NaN;
    double numTurns = Double.NaN;
    double numModels = Double.NaN;
    double delegation = Double.NaN;
    if (agentResult != null) {
      apiCalls = positiveInt(agentResult.get("api_calls"));
      numTurns = positiveInt(agentResult.get("num_turns"));
      JsonNode usage = agentResult.get("model_usage");
      if (usage == null || usage.isNull()) {
        usage = agentResult.get("modelUsage");
      }
      if (usage != null && usage.isArray() && !usage.isEmpty() && allObjects(usage)) {
        numModels = usage.size();
        if (usage.size() >= 2) {
          double total = 0;
          for (JsonNode e : usage) {
            total += cost(e);
          }
          if (total > 0) {
            delegation = (total - cost(usage.get(0))) / total;
          }
        }
      }
    }
    double rProg = Double.NaN;
    double drift = Double.NaN;
    double cfp = Double.NaN;
    double revert = Double.NaN;
    JsonNode pm = runResult == null ? null : runResult.get("process_metrics");
    if (pm != null && pm.isObject()) {
      rProg = RunResultFields.number(pm.get("r_prog"));
      drift = RunResultFields.number(pm.get("strategic_drift"));
      cfp = RunResultFields.number(pm.get("cfp"));
      revert = RunResultFields.number(pm.get("pr_revert_rate"));
    }
    return new RunExtras(apiCalls, numTurns, numModels, delegation, rProg, drift, cfp, revert);
  }

  private static boolean allObjects(JsonNode array) {
    for (JsonNode e : array) {
      if (!e.isObject()) {
        return false;
      }
    }
    return true;
  }

  private static double cost(JsonNode entry) {
    JsonNode c = entry.get("cost_usd");
    if (c == null || c.isNull()) {
      c = entry.get("costUSD");
    }
    double v = RunResultFields.number(c);
    return Double.isNaN(v) ? 0.0 : v;
  }

  /** An integer through the reference's {@code validate_int} (default 0), with 0 as absent. */
  private static double positiveInt(JsonNode v) {
    if (v == null || v.isNull()) {
      return Double.NaN;
    }
    long n;
    if (v.isIntegralNumber()) {
      n = v.longValue();
    } else if (v.isNumber() && Double.isFinite(v.doubleValue())) {
      n = (long) v.doubleValue();
    } else if (v.isBoolean()) {
      n = v.booleanValue() ? 1 : 0;
    } else if (v.isTextual()) {
      try {
        n = Long.parseLong(v.textValue().strip());
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    } else {
      return Double.NaN;
    }
    return n == 0 ? Double.NaN : n;
  }
}
