package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Compares JSON documents by value, the way a reader sees them: object key order is free, numbers
 * are equal when their values are ({@code 1} and {@code 1.0}), arrays are ordered.
 */
public final class JsonCompare {
  /** Keys holding absolute paths: they follow the experiment's location, not its data. */
  public static final Set<String> PATH_KEYS =
      Set.of("workspace_path", "logs_path", "command_log_path");

  private JsonCompare() {}

  /** What to compare. */
  public enum Mode {
    /** Both documents hold the same keys and values everywhere. */
    EQUAL,
    /**
     * Every top-level key of the new document exists in the old one; below the top level, keys only
     * the new document has are additions, not differences. Every value the old document holds must
     * be equal in the new one.
     */
    OLD_COVERED
  }

  /**
   * The first difference between {@code old} and {@code now} ("judge_score: 0.97 -> 0.98"), or null
   * when they are equal under {@code mode}. Keys in {@code ignored} are skipped at any depth.
   */
  public static String firstDifference(JsonNode old, JsonNode now, Set<String> ignored, Mode mode) {
    return diff("", old, now, ignored, mode, 0);
  }

  private static String diff(
      String path, JsonNode a, JsonNode b, Set<String> ignored, Mode mode, int depth) {
    if (a == null || a.isMissingNode()) {
      return b == null || b.isMissingNode() ? null : at(path) + "missing -> " + show(b);
    }
    if (b == null || b.isMissingNode()) {
      return at(path) + show(a) + " -> missing";
    }
    if (a.isObject() && b.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = a.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (ignored.contains(e.getKey())) {
          continue;
        }
        String d =
            diff(join(path, e.getKey()), e.getValue(), b.get(e.getKey()), ignored, mode, depth + 1);
        if (d != null) {
          return d;
        }
      }
      boolean strict = mode == Mode.EQUAL || depth == 0;
      if (strict) {
        Iterator<String> names = b.fieldNames();
        while (names.hasNext()) {
          String k = names.next();
          if (!ignored.contains(k) && !a.has(k)) {
            return at(join(path, k)) + "missing -> " + show(b.get(k));
          }
        }
      }
      return null;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return at(path) + a.size() + " entries -> " + b.size();
      }
      for (int i = 0; i < a.size(); i++) {
        String d = diff(path + "[" + i + "]", a.get(i), b.get(i), ignored, mode, depth + 1);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a.isNumber() && b.isNumber()) {
      return numbersEqual(a, b) ? null : at(path) + show(a) + " -> " + show(b);
    }
    return a.equals(b) ? null : at(path) + show(a) + " -> " + show(b);
  }

  private static boolean numbersEqual(JsonNode a, JsonNode b) {
    double x = a.doubleValue();
    double y = b.doubleValue();
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      return Double.compare(x, y) == 0;
    }
    BigDecimal dx = a.decimalValue();
    BigDecimal dy = b.decimalValue();
    return dx.compareTo(dy) == 0;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  private static String show(JsonNode n) {
    String s = n.isTextual() ? "\"" + n.textValue() + "\"" : n.toString();
    s = s.replace('\n', ' ');
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
