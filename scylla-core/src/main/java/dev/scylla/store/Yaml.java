package dev.scylla.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scylla.model.ScyllaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reading YAML input files (test definitions, catalogues, rubrics) into Jackson trees, and typed
 * access to their fields with messages that name the field. Unlike experiment files, input files
 * are not tolerated when broken: every problem is a {@link ScyllaException} of kind BAD_INPUT that
 * names the file and the field.
 */
public final class Yaml {
  private static final ObjectMapper MAPPER =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Yaml() {}

  /** Reads a text file that must be UTF-8; BAD_INPUT naming the file otherwise. */
  public static String readText(Path file, String what) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw ScyllaException.badInput(file + ": " + what + " is missing");
    } catch (IOException e) {
      if (Files.isDirectory(file)) {
        throw ScyllaException.badInput(file + ": " + what + " is a directory, not a file");
      }
      throw ScyllaException.badInput(file + ": cannot read " + what + ": " + e.getMessage());
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ScyllaException.badInput(file + ": " + what + " is not UTF-8 text");
    }
  }

  /**
   * Parses YAML text. An empty document is BAD_INPUT, as is a document whose top level is not a
   * mapping.
   */
  public static JsonNode parseMapping(Path file, String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw ScyllaException.badInput(file + ": not valid YAML" + where + ": " + firstLine(e));
    } catch (IOException e) {
      throw ScyllaException.badInput(file + ": not valid YAML: " + e.getMessage());
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw ScyllaException.badInput(file + ": empty YAML document");
    }
    if (!node.isObject()) {
      throw ScyllaException.badInput(
          file + ": expected a YAML mapping at the top, found " + kind(node));
    }
    return node;
  }

  /** Reads and parses a YAML file whose top level must be a mapping. */
  public static JsonNode readMapping(Path file, String what) {
    return parseMapping(file, readText(file, what));
  }

  private static String firstLine(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "parse error";
    }
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  static ScyllaException bad(Path file, FieldProblem p) {
    return ScyllaException.badInput(file + ": " + p.describe());
  }

  // ------------------------------------------------------------------ typed access

  static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isTextual()) {
      return "\"" + abbreviate(n.textValue()) + "\"";
    }
    return JsonFields.kind(n) + (n.isValueNode() ? " (" + n.asText() + ")" : "");
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  static String join(String path, String key) {
    return path == null || path.isEmpty() ? key : path + "." + key;
  }

  static JsonNode get(JsonNode obj, String key) {
    JsonNode v = obj.get(key);
    return v == null || v.isNull() ? null : v;
  }

  /** Rejects keys that are not in {@code allowed}. */
  static void onlyKeys(JsonNode obj, String path, Set<String> allowed) throws FieldProblem {
    var it = obj.fieldNames();
    while (it.hasNext()) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw new FieldProblem(join(path, k), "unknown field (expected one of " + allowed + ")");
      }
    }
  }

  /** The keys of {@code obj} that are not in {@code known}. */
  static List<String> unknownKeys(JsonNode obj, Set<String> known) {
    List<String> out = new ArrayList<>();
    obj.fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k)) {
                out.add(k);
              }
            });
    return out;
  }

  static String string(JsonNode obj, String key, String path, String dflt) throws FieldProblem {
    JsonNode v = get(obj, key);
    if (v == null) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new FieldProblem(join(path, key), "expected a string, found " + kind(v));
    }
    return v.textValue();
  }

  static String reqString(JsonNode obj, String key, String path) throws FieldProblem {
    String s = string(obj, key, path, null);
    if (s == null) {
      throw new FieldProblem(join(path, key), "missing (required)");
    }
    if (s.isBlank()) {
      throw new FieldProblem(join(path, key), "must not be empty");
    }
    return s;
  }

  /** A string field that may also be written as a bare YAML number (e.g. an all-digit hash). */
  static String scalarString(JsonNode obj, String key, String path) throws FieldProblem {
    JsonNode v = get(obj, key);
    if (v == null) {
      throw new FieldProblem(join(path, key), "missing (required)");
    }
    if (v.isTextual() || v.isIntegralNumber()) {
      return v.asText();
    }
    throw new FieldProblem(join(path, key), "expected a string, found " + kind(v));
  }

  static Boolean bool(JsonNode obj, String key, String path) throws FieldProblem {
    JsonNode v = get(obj, key);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      throw new FieldProblem(join(path, key), "expected true or false, found " + kind(v));
    }
    return v.booleanValue();
  }

  static Integer integer(JsonNode obj, String key, String path, int min, int max)
      throws FieldProblem {
    JsonNode v = get(obj, key);
    if (v == null) {
      return null;
    }
    return integer(v, join(path, key), min, max);
  }

  static int integer(JsonNode v, String field, int min, int max) throws FieldProblem {
    if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
      throw new FieldProblem(field, "expected a whole number, found " + kind(v));
    }
    long n = v.longValue();
    if (n < min || n > max) {
      throw new FieldProblem(field, "must be between " + min + " and " + max + ", found " + n);
    }
    return (int) n;
  }

  static Double number(JsonNode obj, String key, String path, double min, double max)
      throws FieldProblem {
    JsonNode v = get(obj, key);
    if (v == null) {
      return null;
    }
    String field = join(path, key);
    if (!v.isNumber()) {
      throw new FieldProblem(field, "expected a number, found " + kind(v));
    }
    double d = v.doubleValue();
    if (!(d >= min && d <= max)) {
      throw new FieldProblem(field, "must be between " + min + " and " + max + ", found " + d);
    }
    return d;
  }

  static JsonNode mapping(JsonNode obj, String key, String path) throws FieldProblem {
    JsonNode v = get(obj, key);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw new FieldProblem(join(path, key), "expected a mapping, found " + kind(v));
    }
    return v;
  }

  static JsonNode list(JsonNode obj, String key, String path) throws FieldProblem {
    JsonNode v = get(obj, key);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw new FieldProblem(join(path, key), "expected a list, found " + kind(v));
    }
    return v;
  }

  /** A list of strings; absent gives an empty list. */
  static List<String> strings(JsonNode obj, String key, String path) throws FieldProblem {
    JsonNode arr = list(obj, key, path);
    List<String> out = new ArrayList<>();
    if (arr != null) {
      for (int i = 0; i < arr.size(); i++) {
        JsonNode e = arr.get(i);
        if (!e.isTextual()) {
          throw new FieldProblem(
              join(path, key) + "[" + i + "]", "expected a string, found " + kind(e));
        }
        out.add(e.textValue());
      }
    }
    return out;
  }
}
