package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict typed access to JSON object fields. A required field that is absent, null or of the wrong
 * type makes the file corrupt; an optional one that is absent or null takes its default, and one of
 * the wrong type is still corrupt. Integral doubles such as {@code 3.0} count as integers.
 */
public final class JsonFields {
  private JsonFields() {}

  /** "a string", "a number", ... for messages. */
  public static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static JsonNode present(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    return v == null || v.isNull() ? null : v;
  }

  private static CorruptFileException wrong(String field, String expected, JsonNode v) {
    return new CorruptFileException(
        "field \"" + field + "\": expected " + expected + ", found " + kind(v));
  }

  private static CorruptFileException absent(String field) {
    return new CorruptFileException("missing required field \"" + field + "\"");
  }

  public static boolean has(JsonNode obj, String field) {
    return present(obj, field) != null;
  }

  public static String reqString(JsonNode obj, String field) throws CorruptFileException {
    String s = optString(obj, field, null);
    if (s == null) {
      throw absent(field);
    }
    return s;
  }

  public static String optString(JsonNode obj, String field, String dflt)
      throws CorruptFileException {
    JsonNode v = present(obj, field);
    if (v == null) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw wrong(field, "a string", v);
    }
    return v.textValue();
  }

  public static double reqDouble(JsonNode obj, String field) throws CorruptFileException {
    JsonNode v = present(obj, field);
    if (v == null) {
      throw absent(field);
    }
    return asDouble(field, v);
  }

  public static double optDouble(JsonNode obj, String field, double dflt)
      throws CorruptFileException {
    JsonNode v = present(obj, field);
    return v == null ? dflt : asDouble(field, v);
  }

  public static Double optDoubleOrNull(JsonNode obj, String field) throws CorruptFileException {
    JsonNode v = present(obj, field);
    return v == null ? null : asDouble(field, v);
  }

  private static double asDouble(String field, JsonNode v) throws CorruptFileException {
    if (!v.isNumber()) {
      throw wrong(field, "a number", v);
    }
    return v.doubleValue();
  }

  public static long reqLong(JsonNode obj, String field) throws CorruptFileException {
    JsonNode v = present(obj, field);
    if (v == null) {
      throw absent(field);
    }
    return asLong(field, v);
  }

  public static long optLong(JsonNode obj, String field, long dflt) throws CorruptFileException {
    JsonNode v = present(obj, field);
    return v == null ? dflt : asLong(field, v);
  }

  public static int reqInt(JsonNode obj, String field) throws CorruptFileException {
    return toInt(field, reqLong(obj, field));
  }

  public static int optInt(JsonNode obj, String field, int dflt) throws CorruptFileException {
    return toInt(field, optLong(obj, field, dflt));
  }

  public static Integer optIntOrNull(JsonNode obj, String field) throws CorruptFileException {
    JsonNode v = present(obj, field);
    return v == null ? null : toInt(field, asLong(field, v));
  }

  private static int toInt(String field, long l) throws CorruptFileException {
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new CorruptFileException("field \"" + field + "\": integer out of range: " + l);
    }
    return (int) l;
  }

  private static long asLong(String field, JsonNode v) throws CorruptFileException {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
        return (long) d;
      }
    }
    throw wrong(field, "an integer", v);
  }

  public static boolean reqBoolean(JsonNode obj, String field) throws CorruptFileException {
    JsonNode v = present(obj, field);
    if (v == null) {
      throw absent(field);
    }
    return asBoolean(field, v);
  }

  public static boolean optBoolean(JsonNode obj, String field, boolean dflt)
      throws CorruptFileException {
    JsonNode v = present(obj, field);
    return v == null ? dflt : asBoolean(field, v);
  }

  public static Boolean optBooleanOrNull(JsonNode obj, String field) throws CorruptFileException {
    JsonNode v = present(obj, field);
    return v == null ? null : asBoolean(field, v);
  }

  private static boolean asBoolean(String field, JsonNode v) throws CorruptFileException {
    if (!v.isBoolean()) {
      throw wrong(field, "a boolean", v);
    }
    return v.booleanValue();
  }

  public static JsonNode reqObject(JsonNode obj, String field) throws CorruptFileException {
    JsonNode v = present(obj, field);
    if (v == null) {
      throw absent(field);
    }
    if (!v.isObject()) {
      throw wrong(field, "an object", v);
    }
    return v;
  }

  public static JsonNode optObject(JsonNode obj, String field) throws CorruptFileException {
    JsonNode v = present(obj, field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw wrong(field, "an object", v);
    }
    return v;
  }

  public static JsonNode optArray(JsonNode obj, String field) throws CorruptFileException {
    JsonNode v = present(obj, field);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw wrong(field, "an array", v);
    }
    return v;
  }

  /** A list of strings; absent or null gives {@code dflt}. */
  public static List<String> optStringList(JsonNode obj, String field, List<String> dflt)
      throws CorruptFileException {
    JsonNode arr = optArray(obj, field);
    if (arr == null) {
      return dflt;
    }
    List<String> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      JsonNode e = arr.get(i);
      if (!e.isTextual()) {
        throw wrong(field + "[" + i + "]", "a string", e);
      }
      out.add(e.textValue());
    }
    return out;
  }

  /** An object of string values; absent gives an empty map; non-string values are stringified. */
  public static Map<String, String> optStringMap(JsonNode obj, String field)
      throws CorruptFileException {
    JsonNode o = optObject(obj, field);
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      var it = o.fields();
      while (it.hasNext()) {
        var e = it.next();
        out.put(
            e.getKey(),
            e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString());
      }
    }
    return out;
  }
}
