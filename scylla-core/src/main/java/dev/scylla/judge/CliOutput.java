package dev.scylla.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code claude} CLI's standard output in any of its formats: {@code stream-json}
 * (newline-delimited events), {@code json} (one result object) or {@code text}.
 */
public final class CliOutput {
  private CliOutput() {}

  /** The output as JSON events: every line that parses as an object (empty for plain text). */
  public static List<ObjectNode> events(String stdout) {
    List<ObjectNode> out = new ArrayList<>();
    String trimmed = stdout.strip();
    if (trimmed.startsWith("{") && !trimmed.contains("\n")) {
      ResponseJson.parseObject(trimmed).filter(o -> o.has("type")).ifPresent(out::add);
      return out;
    }
    if (trimmed.startsWith("{")) {
      Optional<ObjectNode> whole = ResponseJson.parseObject(trimmed);
      if (whole.isPresent() && whole.get().has("type")) {
        out.add(whole.get());
        return out;
      }
    }
    for (String line : stdout.split("\n")) {
      String l = line.strip();
      if (l.startsWith("{")) {
        ResponseJson.parseObject(l).filter(o -> o.has("type")).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The model's answer: for JSON output, a {@code result} event's non-blank {@code result} text,
   * else the concatenated {@code text} blocks of the {@code assistant} events; for plain text, the
   * output itself.
   */
  public static String responseText(String stdout) {
    List<ObjectNode> events = events(stdout);
    if (events.isEmpty()) {
      return stdout;
    }
    String result = null;
    StringBuilder assistant = new StringBuilder();
    for (ObjectNode e : events) {
      String type = text(e.get("type"));
      if ("result".equals(type)) {
        String r = text(e.get("result"));
        if (r != null && !r.isBlank()) {
          result = r;
        }
      } else if ("assistant".equals(type)) {
        JsonNode content = e.path("message").path("content");
        if (content.isArray()) {
          for (JsonNode block : content) {
            if ("text".equals(text(block.get("type")))) {
              String t = text(block.get("text"));
              if (t != null) {
                assistant.append(t);
              }
            }
          }
        }
      }
    }
    return result != null ? result : assistant.toString();
  }

  /** The first event that reports an error ({@code is_error: true}), if any. */
  public static Optional<ObjectNode> errorEvent(String stdout) {
    for (ObjectNode e : events(stdout)) {
      JsonNode err = e.get("is_error");
      if (err != null && err.isBoolean() && err.booleanValue()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** The text of an error event: its {@code result}, else its {@code error}. */
  public static String errorText(ObjectNode e) {
    String r = text(e.get("result"));
    if (r != null) {
      return r;
    }
    JsonNode err = e.get("error");
    if (err == null || err.isNull()) {
      return "";
    }
    return err.isTextual() ? err.textValue() : err.toString();
  }

  static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }
}
