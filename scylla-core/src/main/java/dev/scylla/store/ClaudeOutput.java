package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.TokenStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result the Claude Code CLI prints in print mode: one JSON object with {@code --output-format
 * json}, or newline-delimited events ending in a {@code {"type": "result"}} event with {@code
 * --output-format stream-json}. Token names are mapped to the canonical ones ({@code
 * cache_creation_input_tokens} to {@code cache_creation_tokens}, {@code cache_read_input_tokens} to
 * {@code cache_read_tokens}).
 *
 * @param raw the result object as printed
 * @param numTurns {@code num_turns}, or null
 * @param totalCostUsd {@code total_cost_usd}, or null
 * @param text the response text: {@code result} when it is not blank, else the text blocks of the
 *     assistant events (stream-json) concatenated
 * @param apiErrorStatus {@code api_error_status}: the HTTP status of the API failure the CLI gave
 *     up on (the real CLI then still says {@code "subtype": "success"}), or null
 */
public record ClaudeOutput(
    ObjectNode raw,
    String subtype,
    boolean isError,
    Integer numTurns,
    Double totalCostUsd,
    TokenStats usage,
    String text,
    Integer apiErrorStatus) {

  /**
   * The result {@code subtype} of a session the CLI ended at its turn limit ({@code --max-turns}).
   */
  public static final String TURN_LIMIT_SUBTYPE = "error_max_turns";

  /** Whether the CLI ended this session at its turn limit: a model outcome, not a failure. */
  public boolean turnLimitReached() {
    return TURN_LIMIT_SUBTYPE.equals(subtype);
  }

  /** Whether {@code result} (the CLI's result object) ends a session at the turn limit. */
  public static boolean turnLimitReached(JsonNode result) {
    return TURN_LIMIT_SUBTYPE.equals(result.path("subtype").asText(""));
  }

  /** Parses CLI stdout; empty when it holds no result object. */
  public static Optional<ClaudeOutput> parse(String stdout) {
    if (stdout == null) {
      return Optional.empty();
    }
    String trimmed = stdout.strip();
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    JsonNode whole = tryParse(trimmed);
    if (whole != null && whole.isObject() && isResult(whole)) {
      return Optional.of(of((ObjectNode) whole, ""));
    }
    ObjectNode result = null;
    StringBuilder assistant = new StringBuilder();
    for (String line : trimmed.split("\n")) {
      JsonNode n = tryParse(line.strip());
      if (n == null || !n.isObject()) {
        continue;
      }
      String type = n.path("type").asText("");
      if (type.equals("result")) {
        result = (ObjectNode) n;
      } else if (type.equals("assistant")) {
        for (JsonNode block : n.path("message").path("content")) {
          if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
            assistant.append(block.path("text").textValue());
          }
        }
      }
    }
    return result == null ? Optional.empty() : Optional.of(of(result, assistant.toString()));
  }

  /**
   * A retry the CLI announced in {@code stream-json --verbose} mode before waiting and sending the
   * request again: {@code {"type": "system", "subtype": "api_retry", "attempt": N, "max_retries":
   * M, "retry_delay_ms": D, "error_status": 429, "error": "rate_limit", ...}} (the delay honours
   * the API's {@code retry-after}; it is fractional milliseconds).
   *
   * @param errorStatus the HTTP status that failed, or null
   * @param error the CLI's name for the failure ({@code rate_limit}, ...), or ""
   */
  public record ApiRetry(
      int attempt, Integer maxRetries, Duration delay, Integer errorStatus, String error) {

    /** A rate limit or an overload (429, 529): time the API makes the agent wait, not its work. */
    public boolean isRateLimit() {
      return errorStatus != null && (errorStatus == 429 || errorStatus == 529);
    }
  }

  /** The retry announcement one stream line holds, if it is one. */
  public static Optional<ApiRetry> apiRetry(String line) {
    JsonNode n = tryParse(line.strip());
    if (n == null
        || !"system".equals(n.path("type").asText())
        || !"api_retry".equals(n.path("subtype").asText())) {
      return Optional.empty();
    }
    JsonNode delay = n.get("retry_delay_ms");
    JsonNode max = n.get("max_retries");
    JsonNode status = n.get("error_status");
    return Optional.of(
        new ApiRetry(
            n.path("attempt").asInt(0),
            max != null && max.isIntegralNumber() ? max.intValue() : null,
            delay != null && delay.isNumber() && delay.doubleValue() > 0
                ? Duration.ofNanos((long) (delay.doubleValue() * 1_000_000L))
                : Duration.ZERO,
            status != null && status.isIntegralNumber() ? status.intValue() : null,
            n.path("error").asText("")));
  }

  /**
   * The line of a stream that holds its result event, as printed (what {@code --output-format json}
   * prints alone), or empty.
   */
  public static Optional<String> resultLine(String stream) {
    String found = null;
    for (String line : stream.split("\n")) {
      JsonNode n = tryParse(line.strip());
      if (n != null && n.isObject() && "result".equals(n.path("type").asText())) {
        found = line.strip();
      }
    }
    return Optional.ofNullable(found);
  }

  private static boolean isResult(JsonNode o) {
    JsonNode type = o.get("type");
    if (type != null && type.isTextual()) {
      return type.textValue().equals("result");
    }
    return o.has("usage") || o.has("total_cost_usd") || o.has("num_turns");
  }

  private static ClaudeOutput of(ObjectNode o, String assistantText) {
    JsonNode usage = o.path("usage");
    TokenStats t =
        new TokenStats(
            usage.path("input_tokens").asLong(0),
            usage.path("output_tokens").asLong(0),
            usage.path("cache_creation_input_tokens").asLong(0),
            usage.path("cache_read_input_tokens").asLong(0));
    JsonNode turns = o.get("num_turns");
    JsonNode cost = o.get("total_cost_usd");
    JsonNode result = o.get("result");
    JsonNode status = o.get("api_error_status");
    String text =
        result != null && result.isTextual() && !result.textValue().isBlank()
            ? result.textValue()
            : assistantText;
    return new ClaudeOutput(
        o,
        o.path("subtype").asText(""),
        o.path("is_error").asBoolean(false),
        turns != null && turns.isNumber() ? turns.intValue() : null,
        cost != null && cost.isNumber() ? cost.doubleValue() : null,
        t,
        text,
        status != null && status.isIntegralNumber() ? status.intValue() : null);
  }

  private static JsonNode tryParse(String s) {
    if (s.isEmpty() || s.charAt(0) != '{') {
      return null;
    }
    try {
      return Json.parse(s);
    } catch (CorruptFileException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- every event (the judge's view)

  /**
   * The output as JSON events: every line that parses as an object with a {@code type} (one event
   * for {@code json} output, none for plain text).
   */
  public static List<ObjectNode> events(String stdout) {
    List<ObjectNode> out = new ArrayList<>();
    if (stdout == null) {
      return out;
    }
    String trimmed = stdout.strip();
    if (trimmed.startsWith("{")) {
      JsonNode whole = tryParse(trimmed);
      if (whole != null && whole.isObject() && whole.has("type")) {
        out.add((ObjectNode) whole);
        return out;
      }
      if (!trimmed.contains("\n")) {
        return out;
      }
    }
    for (String line : stdout.split("\n")) {
      JsonNode n = tryParse(line.strip());
      if (n != null && n.isObject() && n.has("type")) {
        out.add((ObjectNode) n);
      }
    }
    return out;
  }

  /**
   * The model's answer in any output format: for JSON output, the last {@code result} event's
   * non-blank {@code result} text, else the concatenated {@code text} blocks of the {@code
   * assistant} events; for plain text (no event at all), the output itself.
   */
  public static String responseText(String stdout) {
    List<ObjectNode> events = events(stdout);
    if (events.isEmpty()) {
      return stdout == null ? "" : stdout;
    }
    String result = null;
    StringBuilder assistant = new StringBuilder();
    for (ObjectNode e : events) {
      String type = textOf(e.get("type"));
      if ("result".equals(type)) {
        String r = textOf(e.get("result"));
        if (r != null && !r.isBlank()) {
          result = r;
        }
      } else if ("assistant".equals(type)) {
        appendTextBlocks(e, assistant);
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

  /**
   * The text of an error event: its {@code result}, else its {@code error}, else its {@code
   * errors}.
   */
  public static String errorText(ObjectNode e) {
    String r = textOf(e.get("result"));
    if (r != null) {
      return r;
    }
    JsonNode err = e.get("error");
    if (err == null || err.isNull()) {
      JsonNode errors = e.get("errors");
      if (errors != null && errors.isArray() && !errors.isEmpty()) {
        List<String> parts = new ArrayList<>();
        errors.forEach(x -> parts.add(x.isTextual() ? x.textValue() : x.toString()));
        return String.join("; ", parts);
      }
      return "";
    }
    return err.isTextual() ? err.textValue() : err.toString();
  }

  /** A node's text when it is a JSON string, else null. */
  public static String textOf(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  private static void appendTextBlocks(JsonNode event, StringBuilder sb) {
    JsonNode content = event.path("message").path("content");
    if (content.isArray()) {
      for (JsonNode block : content) {
        if ("text".equals(textOf(block.get("type")))) {
          String t = textOf(block.get("text"));
          if (t != null) {
            sb.append(t);
          }
        }
      }
    }
  }
}
