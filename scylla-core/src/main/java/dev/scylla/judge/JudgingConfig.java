package dev.scylla.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.ModelIds;
import dev.scylla.model.ScyllaException;
import dev.scylla.store.CorruptFileException;
import dev.scylla.store.JsonFields;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional {@code judging} object of {@code config/experiment.json}: the attempt budget per
 * slot, the verdict rule, the timeout, the system prompt, and which backend judges which model.
 * Every key is optional; without the object every model is judged by the {@code claude} CLI with
 * two attempts, as the reference judges.
 *
 * <pre>
 * "judging": {
 *   "max_attempts": 2,
 *   "verdict": "final",
 *   "timeout_seconds": 1200,
 *   "system_prompt_file": "judge_system_prompt.md",
 *   "clients": {
 *     "*": {"backend": "claude-cli", "executable": "claude", "output_format": "stream-json"},
 *     "claude-haiku-4-5": {"backend": "anthropic-api", "max_tokens": 16000},
 *     "qwen2.5-coder": {"backend": "openai-compatible", "base_url": "http://127.0.0.1:11434/v1",
 *                       "api_model": "qwen2.5-coder:7b", "api_key_env": "LOCAL_KEY"}
 *   }
 * }
 * </pre>
 *
 * @param systemPromptFile a system prompt file relative to the experiment, or null for the built-in
 * @param clients model id (normalised) or {@code *} to settings
 */
public record JudgingConfig(
    int maxAttempts,
    VerdictPolicy verdict,
    Duration timeout,
    String systemPromptFile,
    Map<String, ClientSettings> clients) {

  public static final int DEFAULT_MAX_ATTEMPTS = 2;

  public JudgingConfig {
    clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
  }

  public static JudgingConfig defaults() {
    return new JudgingConfig(
        DEFAULT_MAX_ATTEMPTS, VerdictPolicy.FINAL, ClientSettings.DEFAULT_TIMEOUT, null, Map.of());
  }

  /** The settings for a model: its own entry, else the {@code *} entry, else the CLI default. */
  public ClientSettings clientFor(String model) {
    ClientSettings s = clients.get(ModelIds.normalize(model));
    if (s == null) {
      s = clients.get("*");
    }
    return s != null ? s : ClientSettings.claudeCli().withTimeout(timeout);
  }

  /** Reads the {@code judging} object of a config; BAD_INPUT naming the field when it is wrong. */
  public static JudgingConfig of(ExperimentConfig config, Path configFile) {
    JsonNode j = config.raw() == null ? null : config.raw().get("judging");
    try {
      return parse(j);
    } catch (CorruptFileException e) {
      throw ScyllaException.badInput(configFile + ": " + e.getMessage());
    }
  }

  static JudgingConfig parse(JsonNode j) throws CorruptFileException {
    if (j == null || j.isNull()) {
      return defaults();
    }
    if (!j.isObject()) {
      throw new CorruptFileException(
          "field \"judging\": expected an object, found " + JsonFields.kind(j));
    }
    int attempts;
    try {
      attempts = JsonFields.optInt(j, "max_attempts", DEFAULT_MAX_ATTEMPTS);
    } catch (CorruptFileException e) {
      throw prefixed(e);
    }
    if (attempts < 1 || attempts > 100) {
      throw new CorruptFileException(
          "field \"judging.max_attempts\": " + attempts + " is outside 1..100");
    }
    VerdictPolicy policy;
    try {
      policy = VerdictPolicy.parse(JsonFields.optString(j, "verdict", "final"));
    } catch (IllegalArgumentException e) {
      throw new CorruptFileException("field \"judging.verdict\": " + e.getMessage());
    } catch (CorruptFileException e) {
      throw prefixed(e);
    }
    Duration timeout = seconds(j, "judging", ClientSettings.DEFAULT_TIMEOUT);
    String systemPrompt;
    try {
      systemPrompt = JsonFields.optString(j, "system_prompt_file", null);
    } catch (CorruptFileException e) {
      throw prefixed(e);
    }
    Map<String, ClientSettings> clients = new LinkedHashMap<>();
    JsonNode cs = j.get("clients");
    if (cs != null && !cs.isNull()) {
      if (!cs.isObject()) {
        throw new CorruptFileException(
            "field \"judging.clients\": expected an object, found " + JsonFields.kind(cs));
      }
      Iterator<Map.Entry<String, JsonNode>> it = cs.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey().equals("*") ? "*" : ModelIds.normalize(e.getKey());
        clients.put(key, client("judging.clients." + e.getKey(), e.getValue(), timeout));
      }
    }
    return new JudgingConfig(attempts, policy, timeout, systemPrompt, clients);
  }

  private static ClientSettings client(String where, JsonNode c, Duration dfltTimeout)
      throws CorruptFileException {
    if (!c.isObject()) {
      throw new CorruptFileException(
          "field \"" + where + "\": expected an object, found " + JsonFields.kind(c));
    }
    try {
      ClientSettings.Backend backend;
      try {
        backend = ClientSettings.Backend.parse(JsonFields.optString(c, "backend", "claude-cli"));
      } catch (IllegalArgumentException e) {
        throw new CorruptFileException("field \"" + where + ".backend\": " + e.getMessage());
      }
      String format = JsonFields.optString(c, "output_format", "stream-json");
      if (!format.equals("stream-json") && !format.equals("text") && !format.equals("json")) {
        throw new CorruptFileException(
            "field \""
                + where
                + ".output_format\": '"
                + format
                + "' is not stream-json, json or text");
      }
      int maxTokens = JsonFields.optInt(c, "max_tokens", ClientSettings.DEFAULT_MAX_TOKENS);
      if (maxTokens < 1) {
        throw new CorruptFileException(
            "field \"" + where + ".max_tokens\": " + maxTokens + " is not positive");
      }
      Double temperature = JsonFields.optDoubleOrNull(c, "temperature");
      String baseUrl = JsonFields.optString(c, "base_url", null);
      if (baseUrl != null) {
        try {
          java.net.URI u = java.net.URI.create(baseUrl);
          if (u.getScheme() == null
              || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
            throw new IllegalArgumentException("not an http(s) URL");
          }
        } catch (IllegalArgumentException e) {
          throw new CorruptFileException(
              "field \"" + where + ".base_url\": '" + baseUrl + "' is not an http(s) URL");
        }
      }
      return new ClientSettings(
          backend,
          JsonFields.optString(c, "executable", null),
          format,
          baseUrl,
          JsonFields.optString(c, "api_key_env", null),
          JsonFields.optString(c, "api_model", null),
          maxTokens,
          temperature,
          seconds(c, where, dfltTimeout));
    } catch (CorruptFileException e) {
      String m = e.getMessage();
      throw m.startsWith("field \"" + where)
          ? e
          : new CorruptFileException(m.replaceFirst("field \"", "field \"" + where + "."));
    }
  }

  private static Duration seconds(JsonNode o, String where, Duration dflt)
      throws CorruptFileException {
    double s;
    try {
      s = JsonFields.optDouble(o, "timeout_seconds", -1);
    } catch (CorruptFileException e) {
      throw new CorruptFileException(
          e.getMessage().replaceFirst("field \"", "field \"" + where + "."));
    }
    if (s == -1) {
      return dflt;
    }
    if (!(s > 0)) {
      throw new CorruptFileException(
          "field \"" + where + ".timeout_seconds\": " + s + " is not positive");
    }
    return Duration.ofMillis(Math.round(s * 1000));
  }

  private static CorruptFileException prefixed(CorruptFileException e) {
    return new CorruptFileException(
        e.getMessage()
            .replaceFirst("field \"", "field \"judging.")
            .replaceFirst("missing required field \"", "missing required field \"judging."));
  }
}
