package dev.scylla.judge;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How one judge model is called: the backend and its options (see {@link JudgingConfig} for the
 * config keys).
 *
 * @param executable the {@code claude} executable (a name looked up on PATH, or a path), or null
 *     for {@code $SCYLLA_CLAUDE}, else {@code claude}
 * @param outputFormat the CLI's {@code --output-format}: {@code stream-json} (default) or {@code
 *     text}
 * @param baseUrl the HTTP endpoint's base, or null for the backend's environment variable, else its
 *     public default
 * @param apiKeyEnv the environment variable that holds the API key, or null for the backend's
 * @param apiModel the model name sent to the API, or null for the experiment's model id
 * @param maxTokens the answer's token limit (HTTP backends)
 * @param temperature sampling temperature (HTTP backends), or null for the API's default
 * @param timeout how long one call may take
 */
public record ClientSettings(
    Backend backend,
    String executable,
    String outputFormat,
    String baseUrl,
    String apiKeyEnv,
    String apiModel,
    int maxTokens,
    Double temperature,
    Duration timeout) {

  /** The reference's judge timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1200);

  public static final int DEFAULT_MAX_TOKENS = 16_000;

  public ClientSettings {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** The default for every model: the {@code claude} CLI, as the reference judges. */
  public static ClientSettings claudeCli() {
    return new ClientSettings(
        Backend.CLAUDE_CLI,
        null,
        "stream-json",
        null,
        null,
        null,
        DEFAULT_MAX_TOKENS,
        null,
        DEFAULT_TIMEOUT);
  }

  public ClientSettings withTimeout(Duration t) {
    return new ClientSettings(
        backend, executable, outputFormat, baseUrl, apiKeyEnv, apiModel, maxTokens, temperature, t);
  }

  public ClientSettings withExecutable(String exe) {
    return new ClientSettings(
        backend, exe, outputFormat, baseUrl, apiKeyEnv, apiModel, maxTokens, temperature, timeout);
  }

  public ClientSettings withBaseUrl(String url) {
    return new ClientSettings(
        backend,
        executable,
        outputFormat,
        url,
        apiKeyEnv,
        apiModel,
        maxTokens,
        temperature,
        timeout);
  }

  public ClientSettings withOutputFormat(String format) {
    return new ClientSettings(
        backend, executable, format, baseUrl, apiKeyEnv, apiModel, maxTokens, temperature, timeout);
  }

  /** The judge backends. */
  public enum Backend {
    /** The {@code claude} CLI in print mode with no tools (the default). */
    CLAUDE_CLI("claude-cli"),
    /** The Anthropic Messages API ({@code POST /v1/messages}). */
    ANTHROPIC_API("anthropic-api"),
    /** An OpenAI-compatible chat endpoint ({@code POST /chat/completions}), e.g. a local model. */
    OPENAI_COMPATIBLE("openai-compatible");

    private final String jsonName;

    Backend(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Backend parse(String s) {
      String t = s.trim().toLowerCase(Locale.ROOT);
      for (Backend b : values()) {
        if (b.jsonName.equals(t)) {
          return b;
        }
      }
      throw new IllegalArgumentException(
          "unknown backend '" + s + "' (expected claude-cli, anthropic-api or openai-compatible)");
    }
  }
}
