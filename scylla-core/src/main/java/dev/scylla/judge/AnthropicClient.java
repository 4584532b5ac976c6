package dev.scylla.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.TokenStats;
import dev.scylla.store.ClaudeOutput;
import dev.scylla.store.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Judges through the Anthropic Messages API ({@code POST <base>/v1/messages}). */
public final class AnthropicClient extends HttpJudgeClient {
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
  public static final String API_VERSION = "2023-06-01";

  private final String apiKey;
  private final String apiModel;
  private final int maxTokens;
  private final Double temperature;

  /**
   * @param baseUrl e.g. {@code https://api.anthropic.com} (a trailing {@code /v1} is accepted)
   * @param apiModel the model name to send, or null for the call's model
   */
  public AnthropicClient(
      HttpClient http,
      String baseUrl,
      String apiKey,
      String apiModel,
      int maxTokens,
      Double temperature,
      Clock clock) {
    super(http, endpoint(baseUrl), clock);
    this.apiKey = apiKey;
    this.apiModel = apiModel;
    this.maxTokens = maxTokens;
    this.temperature = temperature;
  }

  static URI endpoint(String baseUrl) {
    String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(b.endsWith("/v1") ? b + "/messages" : b + "/v1/messages");
  }

  @Override
  public String backend() {
    return ClientSettings.Backend.ANTHROPIC_API.jsonName();
  }

  @Override
  ObjectNode body(JudgeCall call) {
    ObjectNode o = Json.object();
    o.put("model", apiModel != null ? apiModel : call.model());
    o.put("max_tokens", maxTokens);
    o.put("system", call.systemPrompt());
    if (temperature != null) {
      o.put("temperature", temperature);
    }
    ObjectNode msg = o.putArray("messages").addObject();
    msg.put("role", "user");
    msg.put("content", call.userPrompt());
    return o;
  }

  @Override
  Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("x-api-key", apiKey);
    h.put("anthropic-version", API_VERSION);
    return h;
  }

  /**
   * The Messages API's {@code usage}: {@code input_tokens} (without the cache), {@code
   * output_tokens}, {@code cache_creation_input_tokens}, {@code cache_read_input_tokens}.
   */
  @Override
  TokenStats usage(ObjectNode response) {
    JsonNode u = response.get("usage");
    if (u == null || !u.isObject()) {
      return null;
    }
    return new TokenStats(
        count(u.get("input_tokens")),
        count(u.get("output_tokens")),
        count(u.get("cache_creation_input_tokens")),
        count(u.get("cache_read_input_tokens")));
  }

  @Override
  String apiModel() {
    return apiModel;
  }

  @Override
  String resetHeader() {
    return "anthropic-ratelimit-requests-reset";
  }

  @Override
  Optional<String> answer(ObjectNode response) {
    JsonNode content = response.get("content");
    if (content == null || !content.isArray()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    for (JsonNode block : content) {
      if ("text".equals(ClaudeOutput.textOf(block.get("type")))) {
        String t = ClaudeOutput.textOf(block.get("text"));
        if (t != null) {
          sb.append(t);
          any = true;
        }
      }
    }
    return any ? Optional.of(sb.toString()) : Optional.empty();
  }
}
