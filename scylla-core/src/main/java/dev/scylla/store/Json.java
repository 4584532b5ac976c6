package dev.scylla.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON as the reference writes it. Reading accepts its quirks ({@code NaN}, {@code Infinity});
 * writing produces what Python's {@code json.dump(obj, indent=2)} produces (two-space indent, ASCII
 * escapes, shortest round-trip floats), except that non-finite numbers become {@code null}, so
 * every file this tool writes is valid JSON.
 */
public final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(FACTORY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Json() {}

  public static JsonNodeFactory nodes() {
    return JsonNodeFactory.instance;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** The shared mapper, for code that converts between trees and values. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses one JSON document; empty input and trailing garbage are corrupt. */
  public static JsonNode parse(byte[] bytes) throws CorruptFileException {
    if (bytes.length == 0) {
      throw new CorruptFileException("empty file");
    }
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new CorruptFileException("no JSON value (blank file)");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new CorruptFileException("not valid JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new CorruptFileException("unreadable: " + e.getMessage());
    }
  }

  /** Parses a JSON document from text. */
  public static JsonNode parse(String text) throws CorruptFileException {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses and requires an object at the top. */
  public static ObjectNode parseObject(byte[] bytes) throws CorruptFileException {
    JsonNode node = parse(bytes);
    if (!node.isObject()) {
      throw new CorruptFileException("expected a JSON object, found " + JsonFields.kind(node));
    }
    return (ObjectNode) node;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "parse error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Serialises like Python's {@code json.dumps(node, indent=2)}, with a trailing newline. */
  public static String write(JsonNode node) {
    StringBuilder sb = new StringBuilder(256);
    write(node, sb, 0);
    sb.append('\n');
    return sb.toString();
  }

  /** Serialises on one line, as {@code json.dumps(node)} does (", " and ": " separators). */
  public static String writeCompact(JsonNode node) {
    StringBuilder sb = new StringBuilder(128);
    writeCompact(node, sb);
    return sb.toString();
  }

  /**
   * Appends {@code node} as {@link #write(JsonNode)} formats it when it sits at nesting depth
   * {@code depth} (its closing bracket indented {@code depth} levels), without a trailing newline.
   */
  public static void append(JsonNode node, StringBuilder sb, int depth) {
    write(node, sb, depth);
  }

  private static void write(JsonNode node, StringBuilder sb, int depth) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        indent(sb, depth + 1);
        string(e.getKey(), sb);
        sb.append(": ");
        write(e.getValue(), sb, depth + 1);
        if (it.hasNext()) {
          sb.append(',');
        }
        sb.append('\n');
      }
      indent(sb, depth);
      sb.append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        indent(sb, depth + 1);
        write(node.get(i), sb, depth + 1);
        if (i < node.size() - 1) {
          sb.append(',');
        }
        sb.append('\n');
      }
      indent(sb, depth);
      sb.append(']');
    } else {
      scalar(node, sb);
    }
  }

  private static void writeCompact(JsonNode node, StringBuilder sb) {
    if (node.isObject()) {
      sb.append('{');
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        string(e.getKey(), sb);
        sb.append(": ");
        writeCompact(e.getValue(), sb);
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        writeCompact(node.get(i), sb);
      }
      sb.append(']');
    } else {
      scalar(node, sb);
    }
  }

  private static void scalar(JsonNode node, StringBuilder sb) {
    if (node.isTextual()) {
      string(node.textValue(), sb);
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue() ? "true" : "false");
    } else if (node.isNull() || node.isMissingNode()) {
      sb.append("null");
    } else if (node.isIntegralNumber()) {
      sb.append(node.bigIntegerValue().toString());
    } else if (node.isNumber()) {
      sb.append(formatDouble(node.doubleValue()));
    } else {
      // binary or POJO nodes never occur in our documents; write their text form
      string(node.asText(), sb);
    }
  }

  private static void indent(StringBuilder sb, int depth) {
    for (int i = 0; i < depth; i++) {
      sb.append("  ");
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Python's {@code ensure_ascii} string escaping. */
  static void string(String s, StringBuilder sb) {
    sb.append('"');
    int n = s.length();
    int run = 0; // start of the current stretch of characters written as they are
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default ->
            sb.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
      }
    }
    sb.append(s, run, n);
    sb.append('"');
  }

  /**
   * Python's {@code repr(float)}: the shortest decimal that reads back as the same double, in fixed
   * notation for exponents -4..15 and scientific ({@code 1e-05}, {@code 1e+16}) otherwise.
   * Non-finite values have no JSON form; callers get {@code null}.
   */
  public static String formatDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    long bits = Double.doubleToRawLongBits(d);
    int slot = (int) (bits ^ (bits >>> 29) ^ (bits >>> 47)) & (FORMATTED.length - 1);
    Formatted hit = FORMATTED[slot];
    if (hit != null && hit.bits == bits) {
      return hit.text;
    }
    String text = PyFloat.repr(d);
    FORMATTED[slot] = new Formatted(bits, text);
    return text;
  }

  /**
   * A small direct-mapped cache of formatted doubles: scores, criteria points and costs repeat
   * across runs, and finding the shortest representation is the costly part of writing JSON.
   * Entries are immutable, so racing threads at worst recompute one.
   */
  private static final Formatted[] FORMATTED = new Formatted[4096];

  private record Formatted(long bits, String text) {}

  /**
   * The same text as {@link #formatDouble}, found the slow, obviously right way: the exact value
   * rounded to the fewest significant digits that read back. {@link PyFloat} takes a faster path
   * and falls back here when it cannot decide.
   */
  static String formatExact(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    if (d == 0.0) {
      return (1.0 / d < 0) ? "-0.0" : "0.0";
    }
    return PyFloat.layout(d < 0, shortest(d));
  }

  /**
   * The shortest decimal that reads back as {@code d}: the exact value rounded to the fewest
   * significant digits that still round-trip. {@code Double.toString} always round-trips but is not
   * always shortest on Java 17, so the search starts from its digit count and goes down.
   */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    int p = Math.min(17, significantDigits(Double.toString(Math.abs(d))));
    BigDecimal best = exact.round(new MathContext(p));
    if (best.doubleValue() != d) {
      // never expected; fall back to the full search
      for (p = 1; p <= 17; p++) {
        BigDecimal candidate = exact.round(new MathContext(p));
        if (candidate.doubleValue() == d) {
          return candidate;
        }
      }
      return exact.round(MathContext.DECIMAL64);
    }
    while (p > 1) {
      BigDecimal candidate = exact.round(new MathContext(p - 1));
      if (candidate.doubleValue() != d) {
        break;
      }
      best = candidate;
      p--;
    }
    return best;
  }

  /** The significant digits of a {@code Double.toString} result ("1.25E-5" has 3). */
  private static int significantDigits(String s) {
    int e = s.indexOf('E');
    String mantissa = e < 0 ? s : s.substring(0, e);
    StringBuilder digits = new StringBuilder(mantissa.length());
    for (int i = 0; i < mantissa.length(); i++) {
      char c = mantissa.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    int end = digits.length();
    while (end > start + 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return Math.max(1, end - start);
  }
}
