package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a rubric ({@code expected/rubric.yaml}) against the reference's schema (scylla-judge.md
 * §5.1): {@code grading.pass_threshold} in [0, 1], and weighted {@code categories} with items
 * ({@code id}, {@code check}, {@code points}) and/or {@code requirements} ({@code id} R###, {@code
 * description}, {@code weight} 0..10). The judge receives the rubric as text; this check only makes
 * sure a broken rubric is reported when the test is loaded, not when the first run is judged.
 */
public final class Rubrics {
  private static final Pattern REQUIREMENT_ID = Pattern.compile("R[0-9]{3}");
  private static final Set<String> SCORING = Set.of("checklist", "subjective");
  private static final Set<String> EVALUATION = Set.of("binary", "scaled");

  private Rubrics() {}

  /** Throws BAD_INPUT naming {@code file} and the field when the rubric is not usable. */
  public static void validate(Path file, String text) {
    JsonNode root = Yaml.parseMapping(file, text);
    try {
      JsonNode grading = Yaml.mapping(root, "grading", "");
      if (grading == null) {
        throw new FieldProblem("grading", "missing (required: pass_threshold)");
      }
      if (Yaml.number(grading, "pass_threshold", "grading", 0, 1) == null) {
        throw new FieldProblem("grading.pass_threshold", "missing (required)");
      }
      JsonNode scale = Yaml.mapping(grading, "grade_scale", "grading");
      if (scale != null) {
        var it = scale.fieldNames();
        while (it.hasNext()) {
          Yaml.number(scale, it.next(), "grading.grade_scale", 0, 1);
        }
      }
      JsonNode categories = Yaml.mapping(root, "categories", "");
      JsonNode requirements = Yaml.list(root, "requirements", "");
      if (categories == null && requirements == null) {
        throw new FieldProblem("", "the rubric has neither categories nor requirements");
      }
      if (categories != null) {
        categories(categories);
      }
      if (requirements != null) {
        requirements(requirements);
      }
    } catch (FieldProblem p) {
      throw Yaml.bad(file, p);
    }
  }

  private static void categories(JsonNode categories) throws FieldProblem {
    if (categories.isEmpty()) {
      throw new FieldProblem("categories", "must list at least one category");
    }
    Set<String> ids = new HashSet<>();
    var it = categories.fields();
    while (it.hasNext()) {
      var e = it.next();
      String path = "categories." + e.getKey();
      JsonNode c = e.getValue();
      if (!c.isObject()) {
        throw new FieldProblem(path, "expected a mapping, found " + Yaml.kind(c));
      }
      if (Yaml.number(c, "weight", path, 0, 1) == null) {
        throw new FieldProblem(path + ".weight", "missing (required)");
      }
      String scoring = Yaml.string(c, "scoring_type", path, null);
      if (scoring != null && !SCORING.contains(scoring)) {
        throw new FieldProblem(
            path + ".scoring_type", "'" + scoring + "' is not one of " + SCORING);
      }
      JsonNode items = Yaml.list(c, "items", path);
      if (items == null || items.isEmpty()) {
        throw new FieldProblem(path + ".items", "must list at least one item");
      }
      for (int i = 0; i < items.size(); i++) {
        String ip = path + ".items[" + i + "]";
        JsonNode item = items.get(i);
        if (!item.isObject()) {
          throw new FieldProblem(ip, "expected a mapping, found " + Yaml.kind(item));
        }
        String id = Yaml.reqString(item, "id", ip);
        if (!ids.add(id)) {
          throw new FieldProblem(ip + ".id", "duplicate item id '" + id + "'");
        }
        Yaml.reqString(item, "check", ip);
        if (Yaml.number(item, "points", ip, 0, Double.MAX_VALUE) == null) {
          throw new FieldProblem(ip + ".points", "missing (required)");
        }
        Yaml.string(item, "na_condition", ip, null);
      }
    }
  }

  private static void requirements(JsonNode reqs) throws FieldProblem {
    if (reqs.isEmpty()) {
      throw new FieldProblem("requirements", "must list at least one requirement");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < reqs.size(); i++) {
      String path = "requirements[" + i + "]";
      JsonNode r = reqs.get(i);
      if (!r.isObject()) {
        throw new FieldProblem(path, "expected a mapping, found " + Yaml.kind(r));
      }
      String id = Yaml.reqString(r, "id", path);
      if (!REQUIREMENT_ID.matcher(id).matches()) {
        throw new FieldProblem(path + ".id", "'" + id + "' is not a requirement id (R001...)");
      }
      if (!ids.add(id)) {
        throw new FieldProblem(path + ".id", "duplicate requirement id '" + id + "'");
      }
      String description = Yaml.reqString(r, "description", path);
      if (description.strip().length() < 3) {
        throw new FieldProblem(path + ".description", "too short (at least 3 characters)");
      }
      if (Yaml.number(r, "weight", path, 0, 10) == null) {
        throw new FieldProblem(path + ".weight", "missing (required)");
      }
      String evaluation = Yaml.string(r, "evaluation", path, null);
      if (evaluation != null && !EVALUATION.contains(evaluation)) {
        throw new FieldProblem(
            path + ".evaluation", "'" + evaluation + "' is not one of " + EVALUATION);
      }
      Yaml.strings(r, "criteria", path);
    }
  }
}
