package dev.scylla.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

/**
 * Judges through an OpenAI-compatible chat endpoint ({@code POST <base>/chat/completions}), such as
 * a local model server. The API key is optional: local servers usually want none.
 */
public final class OpenAiCompatibleClient extends HttpJudgeClient {
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  private final String apiKey;
  private final String apiModel;
  private final int maxTokens;
  private final Double temperature;

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:11434/v1}
   * @param apiKey the bearer token, or null for none
   */
  public OpenAiCompatibleClient(
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
    return URI.create(b + "/chat/completions");
  }

  @Override
  public String backend() {
    return ClientSettings.Backend.OPENAI_COMPATIBLE.jsonName();
  }

  @Override
  ObjectNode body(JudgeCall call) {
    ObjectNode o = Json.object();
    o.put("model", apiModel != null ? apiModel : call.model());
    ArrayNode messages = o.putArray("messages");
    ObjectNode sys = messages.addObject();
    sys.put("role", "system");
    sys.put("content", call.systemPrompt());
    ObjectNode user = messages.addObject();
    user.put("role", "user");
    user.put("content", call.userPrompt());
    o.put("max_tokens", maxTokens);
    if (temperature != null) {
      o.put("temperature", temperature);
    }
    return o;
  }

  @Override
  Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    if (apiKey != null && !apiKey.isBlank()) {
      h.put("authorization", "Bearer " + apiKey);
    }
    return h;
  }

  /**
   * The chat API's {@code usage}: {@code prompt_tokens} (cached ones included, so they are taken
   * out as cache reads: {@code prompt_tokens_details.cached_tokens}) and {@code completion_tokens}.
   */
  @Override
  TokenStats usage(ObjectNode response) {
    JsonNode u = response.get("usage");
    if (u == null || !u.isObject()) {
      return null;
    }
    long prompt = count(u.get("prompt_tokens"));
    long cached = Math.min(prompt, count(u.path("prompt_tokens_details").get("cached_tokens")));
    return new TokenStats(prompt - cached, count(u.get("completion_tokens")), 0, cached);
  }

  @Override
  String apiModel() {
    return apiModel;
  }

  @Override
  Optional<String> answer(ObjectNode response) {
    JsonNode choices = response.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      return Optional.empty();
    }
    JsonNode content = choices.get(0).path("message").path("content");
    if (content.isTextual()) {
      return Optional.of(content.textValue());
    }
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : content) {
        String t = ClaudeOutput.textOf(part.get("text"));
        if (t != null) {
          sb.append(t);
        }
      }
      return sb.length() == 0 ? Optional.empty() : Optional.of(sb.toString());
    }
    return Optional.empty();
  }
}
