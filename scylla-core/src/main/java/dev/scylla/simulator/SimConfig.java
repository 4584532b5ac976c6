package dev.scylla.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.TokenStats;
import dev.scylla.store.CorruptFileException;
import dev.scylla.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulator's settings: a JSON file named by {@code SCYLLA_SIM_CONFIG}, then environment
 * variables on top.
 *
 * <pre>
 * {
 *   "seed": 42,
 *   "agent_latency_ms": 200, "judge_latency_ms": 100,
 *   "tokens": {"input": 40, "output": 600, "cache_creation": 8000, "cache_read": 60000},
 *   "hang_seconds": 3600, "retry_after_seconds": 2, "rate_limit_style": "api",
 *   "state_dir": "/path/for/call/counters",
 *   "failures": [{"kind": "rate_limit", "mode": "agent", "match": "T0/", "probability": 0.5,
 *                 "first_calls": 1}]
 * }
 * </pre>
 *
 * Environment: {@code SCYLLA_SIM_SEED}, {@code SCYLLA_SIM_AGENT_LATENCY_MS}, {@code
 * SCYLLA_SIM_JUDGE_LATENCY_MS}, {@code SCYLLA_SIM_TOKENS} ({@code in,out,cache_creation,
 * cache_read}), {@code SCYLLA_SIM_HANG_SECONDS}, {@code SCYLLA_SIM_RETRY_AFTER_SECONDS}, {@code
 * SCYLLA_SIM_STATE_DIR}, and {@code SCYLLA_SIM_FAIL}: rules separated by {@code ;}, each {@code
 * kind[,mode=agent|judge|any][,match=TEXT][,p=0.3][,first=K]}, e.g. {@code
 * rate_limit,mode=agent,first=1,p=0.25}. {@code SCYLLA_SIM_RUN} names the run (the key agents are
 * matched and seeded by; default: the working directory).
 *
 * <p>Failure kinds ({@link FailureRule.Kind}): {@code crash}, {@code hang}, {@code malformed},
 * {@code empty}, and the API failures the real CLI retries itself before giving up ({@code
 * CLAUDE_CODE_MAX_RETRIES} times, default 10; an {@code api_retry} event each in stream-json, the
 * simulator does not wait them out): {@code rate_limit} (429; {@code retry_after_seconds} is the
 * {@code retry-after} the simulated API sent, which the CLI reports as {@code retry_delay_ms} but
 * not in its text), {@code server_error} (500), {@code overloaded} (529), {@code auth_error} (401),
 * and {@code rate_limit_recovered} (one 429 the CLI waits out, then the call succeeds). {@code
 * rate_limit_style}: {@code api} (the real CLI's 429 text, the default) or {@code usage_limit} (a
 * subscription's "You've hit your limit · resets 5pm (UTC)").
 */
public record SimConfig(
    long seed,
    long agentLatencyMs,
    long judgeLatencyMs,
    TokenStats tokens,
    long hangSeconds,
    long retryAfterSeconds,
    String rateLimitStyle,
    Path stateDir,
    List<FailureRule> failures) {

  public static final String ENV_CONFIG = "SCYLLA_SIM_CONFIG";

  public SimConfig {
    failures = List.copyOf(failures);
  }

  public static SimConfig defaults() {
    return new SimConfig(
        42, 200, 100, new TokenStats(40, 600, 8000, 60000), 3600, 2, "api", null, List.of());
  }

  /**
   * The environment {@code scylla demo} gives the simulator: short latencies, and a few failures
   * that each hit a run or judge slot once and succeed when retried (a rate limit and a crash of
   * about one agent run in six, a malformed verdict of about one judge call in ten), and 2 retries
   * of the CLI's own before it gives up on a 429. The real CLI's 429 text names no reset time, so
   * in {@code json} output a rate-limited model pauses for scylla's default wait. Counting calls
   * needs {@code stateDir}.
   */
  public static Map<String, String> demoEnvironment(Path stateDir, long seed) {
    return Map.of(
        "SCYLLA_SIM_SEED",
        Long.toString(seed),
        "SCYLLA_SIM_AGENT_LATENCY_MS",
        "300",
        "SCYLLA_SIM_JUDGE_LATENCY_MS",
        "150",
        "SCYLLA_SIM_RETRY_AFTER_SECONDS",
        "2",
        "SCYLLA_SIM_STATE_DIR",
        stateDir.toAbsolutePath().toString(),
        "SCYLLA_SIM_FAIL",
        "rate_limit,mode=agent,first=1,p=0.17;crash,mode=agent,first=1,p=0.17;"
            + "malformed,mode=judge,first=1,p=0.1",
        // the real CLI's own retries of a 429 before it gives up (stream-json shows them)
        "CLAUDE_CODE_MAX_RETRIES",
        "2");
  }

  /** Reads the configuration from {@code env}; IllegalArgumentException names what is wrong. */
  public static SimConfig load(Map<String, String> env) {
    long seed = 42;
    long agentLatency = 200;
    long judgeLatency = 100;
    TokenStats tokens = defaults().tokens();
    long hang = 3600;
    long retryAfter = 2;
    String style = "api";
    Path state = null;
    List<FailureRule> rules = new ArrayList<>();
    String file = env.get(ENV_CONFIG);
    if (file != null && !file.isBlank()) {
      JsonNode o;
      try {
        o = Json.parseObject(Files.readAllBytes(Path.of(file)));
      } catch (IOException e) {
        throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
      } catch (CorruptFileException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage());
      }
      seed = o.path("seed").asLong(seed);
      agentLatency = o.path("agent_latency_ms").asLong(agentLatency);
      judgeLatency = o.path("judge_latency_ms").asLong(judgeLatency);
      hang = o.path("hang_seconds").asLong(hang);
      retryAfter = o.path("retry_after_seconds").asLong(retryAfter);
      style = o.path("rate_limit_style").asText(style);
      if (o.path("state_dir").isTextual()) {
        state = Path.of(o.path("state_dir").textValue());
      }
      JsonNode t = o.path("tokens");
      if (t.isObject()) {
        tokens =
            new TokenStats(
                t.path("input").asLong(tokens.inputTokens()),
                t.path("output").asLong(tokens.outputTokens()),
                t.path("cache_creation").asLong(tokens.cacheCreationTokens()),
                t.path("cache_read").asLong(tokens.cacheReadTokens()));
      }
      JsonNode f = o.path("failures");
      if (!f.isMissingNode() && !f.isArray()) {
        throw new IllegalArgumentException(file + ": \"failures\" must be an array");
      }
      for (int i = 0; i < f.size(); i++) {
        JsonNode r = f.get(i);
        try {
          boolean always = r.path("always").asBoolean(false);
          rules.add(
              new FailureRule(
                  FailureRule.Kind.parse(r.path("kind").asText("")),
                  r.path("mode").asText("any"),
                  r.path("match").isTextual() ? r.path("match").textValue() : null,
                  always ? 1.0 : r.path("probability").asDouble(1.0),
                  always || !r.path("first_calls").isNumber()
                      ? null
                      : r.path("first_calls").asInt()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + ": failures[" + i + "]: " + e.getMessage());
        }
      }
    }
    seed = longEnv(env, "SCYLLA_SIM_SEED", seed);
    agentLatency = longEnv(env, "SCYLLA_SIM_AGENT_LATENCY_MS", agentLatency);
    judgeLatency = longEnv(env, "SCYLLA_SIM_JUDGE_LATENCY_MS", judgeLatency);
    hang = longEnv(env, "SCYLLA_SIM_HANG_SECONDS", hang);
    retryAfter = longEnv(env, "SCYLLA_SIM_RETRY_AFTER_SECONDS", retryAfter);
    String st = env.get("SCYLLA_SIM_STATE_DIR");
    if (st != null && !st.isBlank()) {
      state = Path.of(st);
    }
    String tk = env.get("SCYLLA_SIM_TOKENS");
    if (tk != null && !tk.isBlank()) {
      String[] p = tk.split(",");
      if (p.length != 4) {
        throw new IllegalArgumentException(
            "SCYLLA_SIM_TOKENS: expected in,out,cache_creation,cache_read");
      }
      try {
        tokens =
            new TokenStats(
                Long.parseLong(p[0].strip()),
                Long.parseLong(p[1].strip()),
                Long.parseLong(p[2].strip()),
                Long.parseLong(p[3].strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("SCYLLA_SIM_TOKENS: not a number: " + tk);
      }
    }
    String fail = env.get("SCYLLA_SIM_FAIL");
    if (fail != null && !fail.isBlank()) {
      for (String spec : fail.split(";")) {
        if (!spec.isBlank()) {
          rules.add(parseRule(spec));
        }
      }
    }
    return new SimConfig(
        seed, agentLatency, judgeLatency, tokens, hang, retryAfter, style, state, rules);
  }

  /** {@code kind[,mode=...][,match=...][,p=...][,first=K]}. */
  static FailureRule parseRule(String spec) {
    String[] parts = spec.strip().split(",");
    try {
      FailureRule.Kind kind = FailureRule.Kind.parse(parts[0]);
      String mode = "any";
      String match = null;
      double p = 1.0;
      Integer first = null;
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("expected key=value, found '" + parts[i] + "'");
        }
        String v = kv[1].strip();
        switch (kv[0].strip()) {
          case "mode" -> mode = v;
          case "match" -> match = v;
          case "p", "probability" -> p = Double.parseDouble(v);
          case "first", "first_calls" -> first = Integer.parseInt(v);
          default -> throw new IllegalArgumentException("unknown key '" + kv[0] + "'");
        }
      }
      return new FailureRule(kind, mode, match, p, first);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "SCYLLA_SIM_FAIL: bad rule '" + spec + "': " + e.getMessage());
    }
  }

  private static long longEnv(Map<String, String> env, String name, long dflt) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": not a whole number: " + v);
    }
  }
}
