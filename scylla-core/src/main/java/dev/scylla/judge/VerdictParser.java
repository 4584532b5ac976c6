package dev.scylla.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Grades;
import dev.scylla.model.Rubric;
import dev.scylla.store.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a model's answer into a {@link Verdict}: finds its JSON verdict (the final one by default),
 * validates it against the rubric, and computes the scores in code.
 *
 * <p>For a rubric with weighted categories of point-scored items, every rubric category and item
 * must be present; an item's {@code achieved} must be a number in [0, points] or "N/A" (JSON null
 * counts as N/A, with a warning). Category score = achieved / max over the items that are not N/A
 * (max from the rubric's points); a category whose items are all N/A is dropped; the score is the
 * weighted mean of the kept categories, renormalised by their weights. A verdict in which every
 * item is N/A has no score and is rejected. Without such a rubric the model's own score must be a
 * number in [0, 1] and is used as it is, flagged as the model's.
 *
 * <p>Booleans are parsed strictly: {@code "passed": "false"} is false, never true. What does not
 * make a verdict unusable (the model's arithmetic disagreeing with its items, an item's {@code max}
 * differing from the rubric, N/A where the rubric gives no N/A condition, unknown categories) is
 * kept as a warning.
 */
public final class VerdictParser {
  /** How far the model's score may be from the computed one before a warning says so. */
  static final double DRIFT = 0.005;

  private static final double EPS = 1e-9;

  private VerdictParser() {}

  /** The result of parsing one response. */
  public sealed interface Outcome {
    /** A usable verdict. */
    record Parsed(Verdict verdict) implements Outcome {}

    /** No usable verdict, and why (one line). */
    record Rejected(String reason) implements Outcome {}
  }

  /**
   * Parses a response.
   *
   * @param rubric the rubric, or null when the experiment has none
   */
  public static Outcome parse(String response, Rubric rubric, VerdictPolicy policy) {
    String text = response == null ? "" : response.strip();
    if (text.isEmpty()) {
      return new Outcome.Rejected("empty response");
    }
    List<ResponseJson.Block> all = ResponseJson.blocks(text);
    List<ResponseJson.Block> verdicts = all.stream().filter(ResponseJson.Block::isVerdict).toList();
    List<String> warnings = new ArrayList<>();
    ObjectNode chosen;
    int index;
    if (policy == VerdictPolicy.FIRST) {
      Optional<ObjectNode> first = ResponseJson.referenceFirst(text);
      if (first.isEmpty()) {
        return new Outcome.Rejected("no JSON object in the response");
      }
      chosen = first.get();
      index = 0;
      for (int i = 0; i < verdicts.size(); i++) {
        if (verdicts.get(i).json().equals(chosen)) {
          index = i;
          break;
        }
      }
      if (verdicts.size() > 1) {
        warnings.add(
            "the response holds "
                + verdicts.size()
                + " JSON verdicts; the first was used (policy first)");
      }
    } else {
      if (verdicts.isEmpty()) {
        return new Outcome.Rejected(
            all.isEmpty()
                ? "no JSON object in the response"
                : "no JSON verdict in the response (no object has a score or categories)");
      }
      index = verdicts.size() - 1;
      chosen = verdicts.get(index).json();
      if (verdicts.size() > 1) {
        warnings.add(
            "the response holds "
                + verdicts.size()
                + " JSON verdicts; the last (the model's final answer) was used");
      }
    }
    return verdict(chosen, rubric, policy, warnings, index, Math.max(verdicts.size(), 1));
  }

  /** Validates and scores one JSON verdict object. */
  public static Outcome verdict(
      ObjectNode o,
      Rubric rubric,
      VerdictPolicy policy,
      List<String> warningsSoFar,
      int index,
      int count) {
    List<String> warnings = new ArrayList<>(warningsSoFar);
    double threshold = rubric == null ? Rubric.DEFAULT_PASS_THRESHOLD : rubric.passThreshold();
    Double modelScore = modelScore(o.get("score"), warnings);
    Boolean modelPassed = strictBoolean(o.get("passed"), "passed", warnings);
    JsonNode g = o.get("grade");
    String modelGrade = g != null && g.isTextual() ? g.textValue() : null;
    String reasoning = reasoning(o.get("reasoning"), warnings);
    JsonNode criteria = criteria(o);

    double score;
    Verdict.ScoreSource source;
    List<CategoryScore> computed = new ArrayList<>();
    if (rubric != null && rubric.scoresInCode()) {
      if (criteria == null) {
        return new Outcome.Rejected(
            "the verdict has no categories object, so its items cannot be scored");
      }
      String problem = score(rubric, (ObjectNode) criteria, computed, warnings);
      if (problem != null) {
        return new Outcome.Rejected(problem);
      }
      double num = 0;
      double den = 0;
      for (CategoryScore c : computed) {
        if (!c.dropped()) {
          num += c.weight() * c.score();
          den += c.weight();
        }
      }
      if (den == 0) {
        return new Outcome.Rejected("the kept categories all have weight 0: nothing to score");
      }
      score = Math.max(0.0, Math.min(1.0, num / den));
      source = Verdict.ScoreSource.COMPUTED;
      if (modelScore != null && Math.abs(modelScore - score) > DRIFT) {
        warnings.add(
            "the model's score "
                + Json.formatDouble(modelScore)
                + " differs from the score its items give ("
                + Json.formatDouble(round4(score))
                + ")");
      }
    } else {
      if (modelScore == null) {
        return new Outcome.Rejected("the verdict has no numeric score");
      }
      if (!(modelScore >= 0.0 && modelScore <= 1.0)) {
        return new Outcome.Rejected(
            "the verdict's score " + Json.formatDouble(modelScore) + " is outside [0, 1]");
      }
      score = modelScore;
      source = Verdict.ScoreSource.MODEL;
      warnings.add(
          rubric == null
              ? "no rubric: the model's own score is used, not one computed from items"
              : "the rubric has no weighted categories with item points: the model's own score"
                  + " is used");
    }
    boolean passed = score >= threshold;
    if (modelPassed != null && modelPassed != passed) {
      warnings.add(
          "the model voted "
              + (modelPassed ? "passed" : "failed")
              + " but the score "
              + Json.formatDouble(round4(score))
              + " is "
              + (passed ? "at or above" : "below")
              + " the pass threshold "
              + Json.formatDouble(threshold));
    }
    return new Outcome.Parsed(
        new Verdict(
            score,
            passed,
            Grades.letter(score),
            reasoning,
            source,
            threshold,
            modelScore,
            modelPassed,
            modelGrade,
            criteria,
            computed,
            warnings,
            index,
            count,
            policy));
  }

  /** The model's category breakdown: {@code categories}, else {@code criteria_scores}. */
  static JsonNode criteria(ObjectNode o) {
    JsonNode c = o.get("categories");
    if (c != null && c.isObject() && !c.isEmpty()) {
      return c;
    }
    JsonNode cs = o.get("criteria_scores");
    return cs != null && cs.isObject() && !cs.isEmpty() ? cs : null;
  }

  /** Fills {@code out} with the computed category scores; returns a rejection reason or null. */
  private static String score(
      Rubric rubric, ObjectNode cats, List<CategoryScore> out, List<String> warnings) {
    for (Rubric.Category c : rubric.categories()) {
      JsonNode vc = cats.get(c.name());
      if (vc == null || !vc.isObject()) {
        return "category '" + c.name() + "' of the rubric is missing from the verdict";
      }
      JsonNode items = vc.get("items");
      if (items == null || !items.isObject()) {
        return "category '" + c.name() + "' has no items object";
      }
      double achieved = 0;
      double max = 0;
      List<String> na = new ArrayList<>();
      for (Rubric.Item item : c.items()) {
        JsonNode vi = items.get(item.id());
        if (vi == null || !vi.isObject()) {
          return "item '" + item.id() + "' (category " + c.name() + ") is missing from the verdict";
        }
        JsonNode a = vi.get("achieved");
        if (a == null) {
          return "item '" + item.id() + "' has no achieved value";
        }
        if (a.isNull() || isNa(a)) {
          if (a.isNull()) {
            warnings.add("item " + item.id() + ": achieved is null; taken as N/A");
          }
          na.add(item.id());
          if (item.naCondition() == null) {
            warnings.add(
                "item " + item.id() + " is marked N/A but the rubric gives it no N/A condition");
          }
          JsonNode m = vi.get("max");
          if (m != null && !m.isNull() && !isNa(m)) {
            warnings.add("item " + item.id() + ": achieved is N/A but max is not");
          }
          continue;
        }
        if (!a.isNumber() || !Double.isFinite(a.doubleValue())) {
          return "item '"
              + item.id()
              + "': achieved must be a number or \"N/A\", found "
              + describe(a);
        }
        double v = a.doubleValue();
        if (v < -EPS || v > item.points() + EPS) {
          return "item '"
              + item.id()
              + "': achieved "
              + Json.formatDouble(v)
              + " is outside [0, "
              + Json.formatDouble(item.points())
              + "]";
        }
        JsonNode m = vi.get("max");
        if (m != null && m.isNumber() && Math.abs(m.doubleValue() - item.points()) > EPS) {
          warnings.add(
              "item "
                  + item.id()
                  + ": max "
                  + Json.formatDouble(m.doubleValue())
                  + " differs from the rubric's "
                  + Json.formatDouble(item.points())
                  + " points");
        }
        achieved += v;
        max += item.points();
      }
      Set<String> known = new HashSet<>();
      c.items().forEach(i -> known.add(i.id()));
      Iterator<String> names = items.fieldNames();
      while (names.hasNext()) {
        String n = names.next();
        if (!known.contains(n)) {
          warnings.add("item " + n + " (category " + c.name() + ") is not in the rubric; ignored");
        }
      }
      JsonNode listed = vc.get("na_items");
      if (listed != null && listed.isArray()) {
        java.util.TreeSet<String> said = new java.util.TreeSet<>();
        listed.forEach(n -> said.add(n.asText()));
        if (!said.equals(new java.util.TreeSet<>(na))) {
          warnings.add(
              "category "
                  + c.name()
                  + ": na_items "
                  + said
                  + " differ from the items marked N/A "
                  + new java.util.TreeSet<>(na));
        }
      }
      JsonNode ra = vc.get("achieved");
      JsonNode rm = vc.get("max");
      boolean totalsOff =
          (ra != null && ra.isNumber() && Math.abs(ra.doubleValue() - achieved) > 1e-6)
              || (rm != null && rm.isNumber() && Math.abs(rm.doubleValue() - max) > 1e-6);
      if (totalsOff) {
        warnings.add(
            "category "
                + c.name()
                + ": the model's totals "
                + (ra != null && ra.isNumber() ? Json.formatDouble(ra.doubleValue()) : "?")
                + "/"
                + (rm != null && rm.isNumber() ? Json.formatDouble(rm.doubleValue()) : "?")
                + " contradict its items ("
                + Json.formatDouble(round4(achieved))
                + "/"
                + Json.formatDouble(round4(max))
                + ")");
      }
      out.add(
          new CategoryScore(
              c.name(), c.weight(), achieved, max, max > 0 ? achieved / max : null, na));
    }
    Iterator<String> names = cats.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (rubric.category(n).isEmpty()) {
        warnings.add("category " + n + " is not in the rubric; ignored");
      }
    }
    if (out.stream().allMatch(CategoryScore::dropped)) {
      return "every rubric item is N/A: there is nothing to score";
    }
    return null;
  }

  static boolean isNa(JsonNode n) {
    if (!n.isTextual()) {
      return false;
    }
    String t = n.textValue().strip().toUpperCase(Locale.ROOT);
    return t.equals("N/A") || t.equals("NA") || t.equals("NOT APPLICABLE");
  }

  private static Double modelScore(JsonNode s, List<String> warnings) {
    if (s == null) {
      warnings.add("the verdict has no top-level score");
      return null;
    }
    if (s.isNull()) {
      warnings.add("the verdict's top-level score is null");
      return null;
    }
    if (s.isNumber()) {
      double d = s.doubleValue();
      if (!Double.isFinite(d)) {
        warnings.add("the verdict's top-level score is not finite");
        return null;
      }
      return d;
    }
    if (s.isTextual()) {
      try {
        double d = Double.parseDouble(s.textValue().strip());
        if (Double.isFinite(d)) {
          warnings.add("the verdict's score is a string (\"" + s.textValue() + "\")");
          return d;
        }
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    warnings.add("the verdict's top-level score is " + describe(s) + ", not a number");
    return null;
  }

  /** true/false, or the strings "true"/"false" (with a warning); anything else is null. */
  static Boolean strictBoolean(JsonNode n, String field, List<String> warnings) {
    if (n == null || n.isNull()) {
      warnings.add("the verdict has no " + field + " vote");
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isTextual()) {
      String t = n.textValue().strip().toLowerCase(Locale.ROOT);
      if (t.equals("true") || t.equals("false")) {
        warnings.add(field + " is the string \"" + n.textValue() + "\"; read as " + t);
        return t.equals("true");
      }
    }
    warnings.add(field + " is " + describe(n) + ", not a boolean; the model's vote is unknown");
    return null;
  }

  private static String reasoning(JsonNode r, List<String> warnings) {
    if (r != null && r.isTextual() && !r.textValue().isBlank()) {
      return r.textValue();
    }
    if (r != null && !r.isNull() && !r.isTextual()) {
      warnings.add("reasoning is " + describe(r) + ", not text");
      return r.toString();
    }
    warnings.add("the verdict gives no reasoning");
    return "No reasoning provided";
  }

  private static String describe(JsonNode n) {
    if (n.isTextual()) {
      String t = n.textValue();
      return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    return dev.scylla.store.JsonFields.kind(n);
  }

  static double round4(double d) {
    return Math.round(d * 1e4) / 1e4;
  }
}
