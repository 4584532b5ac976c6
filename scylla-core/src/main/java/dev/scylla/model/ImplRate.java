package dev.scylla.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The implementation rate of the reference's analysis: per judge, the sum of the category {@code
 * achieved} totals over the sum of the category {@code max} totals of its {@code criteria_scores}
 * (the totals the model reported, not weighted by category); per run, the median over the judges.
 */
public final class ImplRate {
  private ImplRate() {}

  /**
   * One judge's rate. A value that is not a number (such as "N/A") counts as 0; no criteria, or a
   * total {@code max} of 0, gives NaN.
   */
  public static double ofJudge(JsonNode criteriaScores) {
    if (criteriaScores == null || !criteriaScores.isObject() || criteriaScores.isEmpty()) {
      return Double.NaN;
    }
    double achieved = 0;
    double max = 0;
    Iterator<Map.Entry<String, JsonNode>> it = criteriaScores.fields();
    while (it.hasNext()) {
      JsonNode c = it.next().getValue();
      if (!c.isObject()) {
        continue;
      }
      achieved += number(c.get("achieved"));
      max += number(c.get("max"));
    }
    return max == 0 ? Double.NaN : achieved / max;
  }

  /**
   * The run's rate: the median of the judges' rates. Non-finite rates (judges without criteria) are
   * left out, so one fallback judgment cannot turn the run's rate into NaN; NaN when none is left.
   */
  public static double ofRun(List<Double> judgeRates) {
    List<Double> finite = new ArrayList<>();
    for (Double d : judgeRates) {
      if (d != null && Double.isFinite(d)) {
        finite.add(d);
      }
    }
    if (finite.isEmpty()) {
      return Double.NaN;
    }
    finite.sort(null);
    int n = finite.size();
    return n % 2 == 1 ? finite.get(n / 2) : (finite.get(n / 2 - 1) + finite.get(n / 2)) / 2.0;
  }

  private static double number(JsonNode n) {
    return n != null && n.isNumber() ? n.doubleValue() : 0.0;
  }
}
