package dev.scylla.judge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds JSON objects in a model's free-text answer. Parsing is as lenient as Python's {@code
 * json.loads} (duplicate keys: the last wins; {@code NaN} accepted), because that is what the
 * reference accepted from the same models.
 */
public final class ResponseJson {
  private static final ObjectMapper LENIENT =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ResponseJson() {}

  /**
   * One JSON object found in the text.
   *
   * @param start offset of its first character in the text
   * @param fenced whether it came from a triple-backtick block
   */
  public record Block(int start, ObjectNode json, boolean fenced) {

    /** Whether it looks like a verdict (has a score or a category breakdown). */
    public boolean isVerdict() {
      return json.has("score") || json.has("categories") || json.has("criteria_scores");
    }
  }

  /** Parses text as one JSON object, or empty. */
  public static Optional<ObjectNode> parseObject(String text) {
    try {
      JsonNode n = LENIENT.readTree(text);
      return n != null && n.isObject() ? Optional.of((ObjectNode) n) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * Every JSON object in the text, in order of appearance: the content of each fenced block that
   * starts with <code>{</code>, and every balanced object outside the fences (brace matching that
   * respects strings and escapes).
   */
  public static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    List<int[]> fences = fences(text);
    for (int[] f : fences) {
      String content = text.substring(f[1], f[2]);
      String trimmed = content.strip();
      if (trimmed.startsWith("{")) {
        Optional<ObjectNode> o = parseObject(trimmed);
        o.ifPresent(json -> out.add(new Block(f[0], json, true)));
      }
    }
    int i = 0;
    int fi = 0;
    while (i < text.length()) {
      while (fi < fences.size() && fences.get(fi)[3] <= i) {
        fi++;
      }
      if (fi < fences.size() && i >= fences.get(fi)[0]) {
        i = fences.get(fi)[3];
        continue;
      }
      if (text.charAt(i) != '{') {
        i++;
        continue;
      }
      int limit = fi < fences.size() ? fences.get(fi)[0] : text.length();
      int end = balancedEnd(text, i, limit);
      if (end > 0) {
        Optional<ObjectNode> o = parseObject(text.substring(i, end));
        if (o.isPresent()) {
          out.add(new Block(i, o.get(), false));
          i = end;
          continue;
        }
      }
      i++;
    }
    out.sort(Comparator.comparingInt(Block::start));
    return out;
  }

  /**
   * The reference's extraction, kept for parity with recorded judgments: the first fenced block if
   * its trimmed content starts with <code>{</code> and parses; otherwise the span from the first
   * <code>{</code> of the text to where a brace count (blind to strings) returns to zero.
   */
  public static Optional<ObjectNode> referenceFirst(String text) {
    List<int[]> fences = fences(text);
    if (!fences.isEmpty()) {
      int[] f = fences.get(0);
      String trimmed = text.substring(f[1], f[2]).strip();
      if (trimmed.startsWith("{")) {
        Optional<ObjectNode> o = parseObject(trimmed);
        if (o.isPresent()) {
          return o;
        }
      }
    }
    int start = text.indexOf('{');
    if (start < 0) {
      return Optional.empty();
    }
    int depth = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return parseObject(text.substring(start, i + 1));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Triple-backtick blocks: {start of the opening fence, start of content, end of content, end of
   * the closing fence}. An opening fence may carry a language tag; an unclosed fence runs to the
   * end of the text.
   */
  static List<int[]> fences(String text) {
    List<int[]> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = text.indexOf("```", from);
      if (open < 0) {
        return out;
      }
      int p = open + 3;
      while (p < text.length()
          && (Character.isLetterOrDigit(text.charAt(p))
              || text.charAt(p) == '-'
              || text.charAt(p) == '_')) {
        p++;
      }
      while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
        p++;
      }
      if (p < text.length() && text.charAt(p) == '\r') {
        p++;
      }
      if (p < text.length() && text.charAt(p) == '\n') {
        p++;
      }
      int close = text.indexOf("```", p);
      if (close < 0) {
        out.add(new int[] {open, p, text.length(), text.length()});
        return out;
      }
      out.add(new int[] {open, p, close, close + 3});
      from = close + 3;
    }
  }

  /** The end (exclusive) of the balanced object starting at {@code start}, or -1. */
  private static int balancedEnd(String text, int start, int limit) {
    int depth = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = start; i < limit; i++) {
      char c = text.charAt(i);
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return -1;
  }
}
