package dev.scylla.judge;

import dev.scylla.model.ScyllaException;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.process.ProcessStartException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real backends. The {@code claude} executable is the settings' {@code executable}, else {@code
 * $SCYLLA_CLAUDE}, else {@code claude} on PATH. The Anthropic API reads its key from {@code
 * $ANTHROPIC_API_KEY} (or the settings' {@code api_key_env}) and its base URL from the settings,
 * else {@code $ANTHROPIC_BASE_URL}; the OpenAI-compatible endpoint from the settings, else {@code
 * $OPENAI_BASE_URL}, with an optional {@code $OPENAI_API_KEY}. A backend that cannot work (no
 * executable, no key) is refused when its client is made, before any slot is touched.
 */
public final class DefaultJudgeClients implements JudgeClients {
  /** Overrides the {@code claude} executable for judging (and is passed on to the process). */
  public static final String CLAUDE_ENV = "SCYLLA_CLAUDE";

  private final ProcessLauncher launcher;
  private final Map<String, String> env;
  private final Clock clock;
  private final HttpClient http;
  private final Map<List<Object>, JudgeClient> cache = new ConcurrentHashMap<>();

  /**
   * @param env the environment to read settings from; it is also set for the CLI's process
   */
  public DefaultJudgeClients(
      ProcessLauncher launcher, Map<String, String> env, Clock clock, HttpClient http) {
    this.launcher = launcher;
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.http = http;
  }

  /** The backends with this process's environment and a shared HTTP client. */
  public static DefaultJudgeClients system(ProcessLauncher launcher) {
    return new DefaultJudgeClients(
        launcher,
        System.getenv(),
        Clock.systemUTC(),
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
  }

  @Override
  public JudgeClient create(String model, ClientSettings s) {
    return cache.computeIfAbsent(List.of(model, s), k -> make(model, s));
  }

  private JudgeClient make(String model, ClientSettings s) {
    return switch (s.backend()) {
      case CLAUDE_CLI -> {
        String exe = s.executable();
        if (exe == null || exe.isBlank()) {
          exe = env.getOrDefault(CLAUDE_ENV, "");
        }
        if (exe.isBlank()) {
          exe = "claude";
        }
        try {
          LocalProcessLauncher.resolveExecutable(
              exe, env.containsKey("PATH") ? env.get("PATH") : System.getenv("PATH"));
        } catch (ProcessStartException e) {
          throw ScyllaException.badInput(
              "judge model "
                  + model
                  + ": "
                  + e.getMessage()
                  + " (set "
                  + CLAUDE_ENV
                  + " or judging.clients in config/experiment.json)");
        }
        yield new ClaudeCliClient(launcher, exe, s.outputFormat(), env, clock);
      }
      case ANTHROPIC_API -> {
        String keyVar = s.apiKeyEnv() != null ? s.apiKeyEnv() : "ANTHROPIC_API_KEY";
        String key = env.get(keyVar);
        if (key == null || key.isBlank()) {
          throw ScyllaException.badInput(
              "judge model "
                  + model
                  + " uses the anthropic-api backend but "
                  + keyVar
                  + " is not set");
        }
        String base =
            s.baseUrl() != null
                ? s.baseUrl()
                : env.getOrDefault("ANTHROPIC_BASE_URL", AnthropicClient.DEFAULT_BASE_URL);
        yield new AnthropicClient(
            http, base, key, s.apiModel(), s.maxTokens(), s.temperature(), clock);
      }
      case OPENAI_COMPATIBLE -> {
        String keyVar = s.apiKeyEnv() != null ? s.apiKeyEnv() : "OPENAI_API_KEY";
        String key = env.get(keyVar);
        if (s.apiKeyEnv() != null && (key == null || key.isBlank())) {
          throw ScyllaException.badInput(
              "judge model " + model + " names api_key_env " + keyVar + " but it is not set");
        }
        String base =
            s.baseUrl() != null
                ? s.baseUrl()
                : env.getOrDefault("OPENAI_BASE_URL", OpenAiCompatibleClient.DEFAULT_BASE_URL);
        yield new OpenAiCompatibleClient(
            http, base, key, s.apiModel(), s.maxTokens(), s.temperature(), clock);
      }
    };
  }
}
