package dev.scylla.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scylla.model.Loaded;
import dev.scylla.model.Rubric;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code rubric.yaml} in either of the reference's formats (weighted categories of items, or
 * weighted requirements) and checks it against the reference's schema: category weights in [0, 1],
 * items with an id, a check and points &ge; 0, unique item ids, requirement weights in [0, 10], a
 * pass threshold in [0, 1]. Keys the schema does not know are ignored.
 */
public final class RubricYaml {
  private static final ObjectMapper YAML =
      YAMLMapper.builder(new YAMLFactory())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private RubricYaml() {}

  /** Reads a rubric file: missing when absent, corrupt (with the field named) when invalid. */
  public static Loaded<Rubric> load(Path file) {
    Loaded<byte[]> bytes = FileReads.readBytes(file);
    if (bytes instanceof Loaded.Present<byte[]> p) {
      try {
        return Loaded.present(parse(p.value()));
      } catch (CorruptFileException e) {
        return Loaded.corrupt(e.getMessage());
      }
    }
    return bytes.map(b -> null);
  }

  /** Parses and validates rubric text. */
  public static Rubric parse(byte[] bytes) throws CorruptFileException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new CorruptFileException("not UTF-8 text");
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String m = e.getOriginalMessage();
      int nl = m == null ? -1 : m.indexOf('\n');
      throw new CorruptFileException(
          "not valid YAML: " + (m == null ? "parse error" : nl < 0 ? m : m.substring(0, nl)));
    } catch (IOException e) {
      throw new CorruptFileException("unreadable: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new CorruptFileException("empty rubric");
    }
    if (!root.isObject()) {
      throw new CorruptFileException("expected a mapping at the top, found " + kind(root));
    }
    List<Rubric.Category> categories = categories(root.get("categories"));
    List<Rubric.Requirement> requirements = requirements(root.get("requirements"));
    double threshold = Rubric.DEFAULT_PASS_THRESHOLD;
    boolean declared = false;
    JsonNode grading = root.get("grading");
    if (grading != null && !grading.isNull()) {
      if (!grading.isObject()) {
        throw wrong("grading", "a mapping", grading);
      }
      JsonNode t = grading.get("pass_threshold");
      if (t != null && !t.isNull()) {
        threshold = number("grading.pass_threshold", t);
        if (threshold < 0 || threshold > 1) {
          throw new CorruptFileException(
              "field \"grading.pass_threshold\": " + threshold + " is outside [0, 1]");
        }
        declared = true;
      }
    }
    return new Rubric(categories, requirements, threshold, declared, text);
  }

  private static List<Rubric.Category> categories(JsonNode node) throws CorruptFileException {
    List<Rubric.Category> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw wrong("categories", "a mapping of category names", node);
    }
    if (node.isEmpty()) {
      throw new CorruptFileException("field \"categories\": no category");
    }
    Set<String> ids = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = "categories." + e.getKey();
      JsonNode c = e.getValue();
      if (c == null || !c.isObject()) {
        throw wrong(where, "a mapping", c);
      }
      double weight = number(where + ".weight", required(c, where, "weight"));
      if (weight < 0 || weight > 1) {
        throw new CorruptFileException(
            "field \"" + where + ".weight\": " + weight + " is outside [0, 1]");
      }
      String type = optText(c, where + ".scoring_type", "scoring_type", "checklist");
      if (!type.equals("checklist") && !type.equals("subjective")) {
        throw new CorruptFileException(
            "field \""
                + where
                + ".scoring_type\": '"
                + type
                + "' is neither checklist nor subjective");
      }
      JsonNode items = required(c, where, "items");
      if (!items.isArray() || items.isEmpty()) {
        throw wrong(where + ".items", "a non-empty list", items);
      }
      List<Rubric.Item> list = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        String iw = where + ".items[" + i + "]";
        JsonNode item = items.get(i);
        if (!item.isObject()) {
          throw wrong(iw, "a mapping", item);
        }
        String id = text(iw + ".id", required(item, iw, "id"));
        if (id.isBlank()) {
          throw new CorruptFileException("field \"" + iw + ".id\": empty");
        }
        if (!ids.add(id)) {
          throw new CorruptFileException("field \"" + iw + ".id\": duplicate item id '" + id + "'");
        }
        String check = text(iw + ".check", required(item, iw, "check")).strip();
        if (check.isEmpty()) {
          throw new CorruptFileException("field \"" + iw + ".check\": empty");
        }
        double points = number(iw + ".points", required(item, iw, "points"));
        if (points < 0) {
          throw new CorruptFileException("field \"" + iw + ".points\": " + points + " is negative");
        }
        String na = optText(item, iw + ".na_condition", "na_condition", null);
        list.add(new Rubric.Item(id, check, points, na == null ? null : na.strip()));
      }
      out.add(new Rubric.Category(e.getKey(), weight, type, list));
    }
    return out;
  }

  private static List<Rubric.Requirement> requirements(JsonNode node) throws CorruptFileException {
    List<Rubric.Requirement> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray() || node.isEmpty()) {
      throw wrong("requirements", "a non-empty list", node);
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String w = "requirements[" + i + "]";
      JsonNode r = node.get(i);
      if (!r.isObject()) {
        throw wrong(w, "a mapping", r);
      }
      String id = text(w + ".id", required(r, w, "id"));
      if (!ids.add(id)) {
        throw new CorruptFileException(
            "field \"" + w + ".id\": duplicate requirement '" + id + "'");
      }
      String description = text(w + ".description", required(r, w, "description")).strip();
      double weight = number(w + ".weight", required(r, w, "weight"));
      if (weight < 0 || weight > 10) {
        throw new CorruptFileException(
            "field \"" + w + ".weight\": " + weight + " is outside [0, 10]");
      }
      String evaluation = optText(r, w + ".evaluation", "evaluation", "binary");
      List<String> criteria = new ArrayList<>();
      JsonNode cr = r.get("criteria");
      if (cr != null && !cr.isNull()) {
        if (!cr.isArray()) {
          throw wrong(w + ".criteria", "a list", cr);
        }
        for (int k = 0; k < cr.size(); k++) {
          criteria.add(text(w + ".criteria[" + k + "]", cr.get(k)));
        }
      }
      out.add(new Rubric.Requirement(id, description, weight, evaluation, criteria));
    }
    return out;
  }

  private static JsonNode required(JsonNode obj, String where, String field)
      throws CorruptFileException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      throw new CorruptFileException("missing required field \"" + where + "." + field + "\"");
    }
    return v;
  }

  private static String optText(JsonNode obj, String where, String field, String dflt)
      throws CorruptFileException {
    JsonNode v = obj.get(field);
    return v == null || v.isNull() ? dflt : text(where, v);
  }

  private static String text(String where, JsonNode v) throws CorruptFileException {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber() || v.isBoolean()) {
      // YAML turns unquoted ids such as 1 or yes into scalars of other types
      return v.asText();
    }
    throw wrong(where, "text", v);
  }

  private static double number(String where, JsonNode v) throws CorruptFileException {
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw wrong(where, "a number", v);
    }
    return v.doubleValue();
  }

  private static CorruptFileException wrong(String field, String expected, JsonNode v) {
    return new CorruptFileException(
        "field \"" + field + "\": expected " + expected + ", found " + kind(v));
  }

  private static String kind(JsonNode v) {
    if (v != null && v.isArray()) {
      return "a list";
    }
    if (v != null && v.isObject()) {
      return "a mapping";
    }
    return JsonFields.kind(v);
  }
}
