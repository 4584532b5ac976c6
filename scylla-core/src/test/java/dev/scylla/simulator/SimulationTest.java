package dev.scylla.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.RateLimit;
import dev.scylla.store.ClaudeOutput;
import dev.scylla.store.Json;
import dev.scylla.testing.InputFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator run in-process: agent and judge modes, output formats, failure injection. */
class SimulationTest {
  @TempDir Path tmp;

  static final String TASK =
      "# Task\n\nCreate a simple Python script called `hello.py` that prints \"Hello, World!\".\n\n"
          + "2. The script should print exactly: `Hello, World!`\n";

  static final String RUBRIC =
      "categories:\n"
          + "  functional:\n    weight: 0.5\n    scoring_type: checklist\n    items:\n"
          + "      - {id: F1, check: \"File hello.py exists\", points: 1.0}\n"
          + "      - {id: F2, check: \"Running it prints exactly 'Hello, World!'\", points: 1.0}\n"
          + "  proportionality:\n    weight: 0.2\n    scoring_type: checklist\n    items:\n"
          + "      - {id: P1, check: \"Total lines of code <= 3\", points: 1.0}\n"
          + "  overall_quality:\n    weight: 0.3\n    scoring_type: subjective\n    items:\n"
          + "      - {id: OQ1, check: \"Overall judgement\", points: 2.0}\n"
          + "grading:\n  pass_threshold: 0.6\n";

  record Call(int exit, String stdout, String stderr) {}

  private Call call(Map<String, String> env, Path cwd, String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ClaudeSimulator.run(
            args,
            env,
            cwd,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Call(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("SCYLLA_SIM_AGENT_LATENCY_MS", "0");
    m.put("SCYLLA_SIM_JUDGE_LATENCY_MS", "0");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private Call agent(Map<String, String> env, Path cwd) {
    return call(
        env,
        cwd,
        TASK,
        "--model",
        "claude-sonnet-4-6",
        "--print",
        "--output-format",
        "json",
        "--dangerously-skip-permissions");
  }

  private Path dir(String name) throws Exception {
    return Files.createDirectories(tmp.resolve(name));
  }

  @Test
  void versionAndBadOptions() {
    assertThat(call(env(), tmp, "", "--version").stdout())
        .isEqualTo(ClaudeSimulator.VERSION + "\n");
    Call bad = call(env(), tmp, "", "--print", "--frobnicate");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.stderr()).contains("unknown option '--frobnicate'");
    Call format = call(env(), tmp, "x", "-p", "--output-format", "yaml");
    assertThat(format.exit()).isEqualTo(1);
    Call none = call(env(), tmp, "", "-p");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.stderr()).contains("Input must be provided");
  }

  @Test
  void agentModeDoesTheTaskAndPrintsTheCliResult() throws Exception {
    Path ws = dir("ws");
    Call c = agent(env(), ws);
    assertThat(c.exit()).isZero();
    String file = Files.readString(ws.resolve("hello.py"));
    assertThat(file).contains("print(\"Hello");
    JsonNode o = Json.parse(c.stdout());
    assertThat(o.get("type").asText()).isEqualTo("result");
    assertThat(o.get("is_error").asBoolean()).isFalse();
    ClaudeOutput out = ClaudeOutput.parse(c.stdout()).orElseThrow();
    assertThat(out.numTurns()).isBetween(3, 7);
    assertThat(out.usage().inputTokens()).isPositive();
    assertThat(out.usage().cacheReadTokens()).isPositive();
    assertThat(out.totalCostUsd()).isPositive();
    assertThat(o.get("modelUsage").get("claude-sonnet-4-6").get("outputTokens").asLong())
        .isEqualTo(out.usage().outputTokens());
    assertThat(c.stdout().lines().count()).isEqualTo(1);
    // deterministic: the same run again gives the same bytes
    Call again = agent(env(), ws);
    assertThat(again.stdout()).isEqualTo(c.stdout());
    assertThat(Files.readString(ws.resolve("hello.py"))).isEqualTo(file);
  }

  @Test
  void thePromptMayComeAsTextAsAFilePathOrOnStdin() throws Exception {
    Path a = dir("a");
    Path b = dir("b");
    Path c = dir("c");
    Path promptFile = tmp.resolve("prompt.md");
    Files.writeString(promptFile, TASK);
    Map<String, String> env = env("SCYLLA_SIM_RUN", "same-run");
    Call stdin = call(env, a, TASK, "-p", "--output-format", "json");
    Call path = call(env, b, "", "-p", "--output-format", "json", promptFile.toString());
    Call text = call(env, c, "", "-p", "--output-format", "json", TASK);
    assertThat(List.of(stdin.exit(), path.exit(), text.exit())).containsOnly(0);
    String want = Files.readString(a.resolve("hello.py"));
    assertThat(b.resolve("hello.py")).hasContent(want.strip());
    assertThat(c.resolve("hello.py")).hasContent(want.strip());
  }

  @Test
  void variantsDependOnTheRunAndOnTheWorkspaceConfiguration() throws Exception {
    int flawedBare = 0;
    int flawedWithClaudeMd = 0;
    java.util.Set<String> variants = new java.util.HashSet<>();
    for (int i = 0; i < 60; i++) {
      Path bare = dir("bare" + i);
      Path configured = dir("cfg" + i);
      Files.writeString(configured.resolve("CLAUDE.md"), "rules\n");
      agent(env("SCYLLA_SIM_RUN", "run-" + i), bare);
      agent(env("SCYLLA_SIM_RUN", "run-" + i), configured);
      String b = Files.readString(bare.resolve("hello.py"));
      variants.add(
          b.contains("def main") ? "verbose" : b.contains("Hello, World!") ? "minimal" : "flawed");
      flawedBare += b.contains("Hello, World!") ? 0 : 1;
      flawedWithClaudeMd +=
          Files.readString(configured.resolve("hello.py")).contains("Hello, World!") ? 0 : 1;
    }
    assertThat(variants).contains("verbose", "minimal", "flawed");
    assertThat(flawedWithClaudeMd).isLessThan(flawedBare);
  }

  @Test
  void aModelCheckWithoutATaskAnswersOk() throws Exception {
    Path ws = dir("ws");
    Call c =
        call(env(), ws, "", "--model", "claude-opus-4-6", "--output-format", "json", "Say 'OK'");
    assertThat(c.exit()).isZero();
    assertThat(c.stdout()).contains("\"is_error\":false").contains("\"result\":\"OK\"");
    try (var s = Files.list(ws)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void streamJsonNeedsVerboseAndEndsInTheResult() throws Exception {
    Path ws = dir("ws");
    Call noVerbose = call(env(), ws, TASK, "-p", "--output-format", "stream-json");
    assertThat(noVerbose.exit()).isEqualTo(1);
    assertThat(noVerbose.stderr()).contains("requires --verbose");
    Call c = call(env(), ws, TASK, "-p", "--output-format", "stream-json", "--verbose");
    List<String> lines = c.stdout().lines().toList();
    // system/init, then per turn an assistant event (and a user event with each tool's result),
    // then the result: the turns of the json result's num_turns
    JsonNode result = Json.parse(lines.get(lines.size() - 1));
    int turns = result.get("num_turns").asInt();
    assertThat(lines).hasSize(2 + 2 * turns - 1);
    assertThat(Json.parse(lines.get(0)).get("subtype").asText()).isEqualTo("init");
    assertThat(Json.parse(lines.get(1)).get("type").asText()).isEqualTo("assistant");
    assertThat(Json.parse(lines.get(2)).get("type").asText()).isEqualTo("user");
    assertThat(Json.parse(lines.get(lines.size() - 2)).get("type").asText()).isEqualTo("assistant");
    assertThat(result.get("type").asText()).isEqualTo("result");
    ClaudeOutput o = ClaudeOutput.parse(c.stdout()).orElseThrow();
    assertThat(o.text()).contains("hello.py");
    Call text = call(env(), ws, TASK, "-p");
    assertThat(text.stdout()).startsWith("Created `hello.py`");
  }

  // ------------------------------------------------------------------ judge

  static String judgePrompt(String workspaceState, String diff) {
    return "## Rubric (Evaluation Criteria)\n\n```yaml\n"
        + RUBRIC
        + "```\n\n## Task Given to Agent\n\n"
        + TASK
        + "\n## Agent's Output\n\n{\"type\":\"result\",\"is_error\":false}\n\n"
        + "## Workspace State After Agent Execution\n\n"
        + workspaceState
        + "\n"
        + (diff == null
            ? ""
            : "## Git Diff (Patchfile)\n\n```diff\n## Unstaged Changes\n" + diff + "```\n\n")
        + "## Build/Lint/Test Pipeline Results (After Agent)\n\n### Python Build (PASSED)\n\n"
        + "---\n\nEvaluate the agent's work using the rubric and criteria in your system prompt.\n";
  }

  static final String GOOD_DIFF =
      "diff --git a/hello.py b/hello.py\nnew file mode 100644\n--- /dev/null\n+++ b/hello.py\n"
          + "@@ -0,0 +1 @@\n+print(\"Hello, World!\")\n";

  private JsonNode verdict(Call c) throws Exception {
    String text = ClaudeOutput.parse(c.stdout()).orElseThrow().text();
    int start = text.indexOf("```json\n") + 8;
    return Json.parse(text.substring(start, text.indexOf("```", start)));
  }

  private Call judge(String prompt, String format) throws Exception {
    Path sys = tmp.resolve("system_prompt.md");
    Files.writeString(sys, "You are a judge.\n");
    return call(
        env(),
        tmp,
        prompt,
        "--model",
        "claude-opus-4-6",
        "--print",
        "--output-format",
        format,
        "--verbose",
        "--dangerously-skip-permissions",
        "--allowedTools",
        "",
        "--system-prompt-file",
        sys.toString());
  }

  @Test
  void judgeModeScoresFromTheEvidenceInThePrompt() throws Exception {
    JsonNode good =
        verdict(
            judge(
                judgePrompt(
                    "Files modified/created by agent:\n- `hello.py` (created)\n", GOOD_DIFF),
                "stream-json"));
    assertThat(good.get("passed").asBoolean()).isTrue();
    assertThat(good.get("score").asDouble()).isGreaterThanOrEqualTo(0.6);
    assertThat(
            good.get("categories")
                .get("functional")
                .get("items")
                .get("F2")
                .get("achieved")
                .asDouble())
        .isEqualTo(1.0);
    // the score is the weighted mean of the category scores, as the rubric says
    double weighted = 0;
    Map<String, Double> weights =
        Map.of("functional", 0.5, "proportionality", 0.2, "overall_quality", 0.3);
    Iterator<Map.Entry<String, JsonNode>> it = good.get("categories").fields();
    while (it.hasNext()) {
      var e = it.next();
      JsonNode c = e.getValue();
      assertThat(c.get("achieved").asDouble()).isLessThanOrEqualTo(c.get("max").asDouble());
      weighted += weights.get(e.getKey()) * c.get("achieved").asDouble() / c.get("max").asDouble();
    }
    assertThat(good.get("score").asDouble())
        .isCloseTo(weighted, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(good.get("grade").asText())
        .isEqualTo(dev.scylla.model.Grades.letter(good.get("score").asDouble()));

    JsonNode missing = verdict(judge(judgePrompt("(no changes detected)\n", null), "json"));
    assertThat(missing.get("score").asDouble()).isZero();
    assertThat(missing.get("passed").asBoolean()).isFalse();
    assertThat(missing.get("grade").asText()).isEqualTo("F");

    String flawedDiff = GOOD_DIFF.replace("Hello, World!", "Hello World");
    JsonNode flawed = verdict(judge(judgePrompt("- `hello.py` (created)\n", flawedDiff), "json"));
    assertThat(
            flawed
                .get("categories")
                .get("functional")
                .get("items")
                .get("F2")
                .get("achieved")
                .asDouble())
        .isZero();
    assertThat(flawed.get("score").asDouble()).isLessThan(good.get("score").asDouble());

    Call text = judge(judgePrompt("- `hello.py` (created)\n", GOOD_DIFF), "text");
    assertThat(text.stdout()).contains("```json\n{\n  \"score\": ");
  }

  @Test
  void judgeModeHandlesRequirementRubrics() throws Exception {
    String prompt =
        judgePrompt("- `hello.py` (created)\n", GOOD_DIFF)
            .replace(
                RUBRIC,
                "requirements:\n  - {id: R001, description: File exists, weight: 2.0}\ngrading:\n  pass_threshold: 0.7\n");
    JsonNode v = verdict(judge(prompt, "json"));
    assertThat(
            v.get("categories").get("requirements").get("items").get("R001").get("max").asDouble())
        .isEqualTo(2.0);
  }

  // ------------------------------------------------------------------ failures

  @Test
  void injectedFailuresLookLikeTheRealOnes() throws Exception {
    Path ws = dir("ws");
    Call crash = agent(env("SCYLLA_SIM_FAIL", "crash"), ws);
    assertThat(crash.exit()).isEqualTo(1);
    assertThat(crash.stdout()).isEmpty();
    assertThat(crash.stderr()).contains("simulated crash");
    assertThat(RateLimit.detect(crash.stdout(), crash.stderr(), true, Instant.now())).isEmpty();
    assertThat(ws.resolve("hello.py")).doesNotExist();

    Call malformed = agent(env("SCYLLA_SIM_FAIL", "malformed"), ws);
    assertThat(malformed.exit()).isZero();
    assertThat(malformed.stdout()).isNotEmpty();
    assertThat(ClaudeOutput.parse(malformed.stdout())).isEmpty();

    Call empty = agent(env("SCYLLA_SIM_FAIL", "empty"), ws);
    assertThat(empty.exit()).isZero();
    assertThat(empty.stdout()).isEmpty();

    Call limited =
        agent(env("SCYLLA_SIM_FAIL", "rate_limit", "SCYLLA_SIM_RETRY_AFTER_SECONDS", "3"), ws);
    assertThat(limited.exit()).isEqualTo(1);
    assertThat(limited.stderr()).isEmpty();
    RateLimit rl =
        RateLimit.detect(limited.stdout(), limited.stderr(), true, Instant.now()).orElseThrow();
    // the real CLI's 429 text names no reset time (json mode; stream-json has retry_delay_ms)
    assertThat(rl.message()).startsWith("API Error: Request rejected (429)");
    assertThat(rl.retryAfter()).isNull();
    ClaudeOutput limitedOut = ClaudeOutput.parse(limited.stdout()).orElseThrow();
    assertThat(limitedOut.isError()).isTrue();
    assertThat(limitedOut.apiErrorStatus()).isEqualTo(429);
    assertThat(ws.resolve("hello.py")).doesNotExist();

    for (String[] k :
        new String[][] {
          {"server_error", "500", "API Error: 500 Internal server error."},
          {"overloaded", "529", "API Error: 529 Overloaded."},
          {"auth_error", "401", "Invalid API key"}
        }) {
      Call failed = agent(env("SCYLLA_SIM_FAIL", k[0]), ws);
      assertThat(failed.exit()).as(k[0]).isEqualTo(1);
      ClaudeOutput f = ClaudeOutput.parse(failed.stdout()).orElseThrow();
      assertThat(f.isError()).as(k[0]).isTrue();
      assertThat(f.apiErrorStatus()).as(k[0]).isEqualTo(Integer.parseInt(k[1]));
      assertThat(f.text()).as(k[0]).startsWith(k[2]);
      assertThat(f.usage().isZero()).as(k[0]).isTrue();
      assertThat(ws.resolve("hello.py")).doesNotExist();
    }

    Path cfg = tmp.resolve("sim.json");
    Files.writeString(
        cfg,
        "{\"rate_limit_style\": \"usage_limit\", \"failures\": [{\"kind\": \"rate_limit\", \"always\": true}]}");
    Call usage = agent(env("SCYLLA_SIM_CONFIG", cfg.toString()), ws);
    RateLimit hard =
        RateLimit.detect(usage.stdout(), usage.stderr(), true, Instant.now()).orElseThrow();
    assertThat(hard.message()).contains("hit your limit").contains("resets");
    assertThat(hard.hardLimit()).isTrue();
    assertThat(hard.retryAfter()).isNotNull();

    Call hang = agent(env("SCYLLA_SIM_FAIL", "hang", "SCYLLA_SIM_HANG_SECONDS", "0"), ws);
    assertThat(hang.exit()).isZero();
    assertThat(hang.stdout()).isEmpty();
  }

  private Call agentStream(Map<String, String> env, Path cwd, String... extra) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "--model",
                "claude-sonnet-4-6",
                "--print",
                "--output-format",
                "stream-json",
                "--verbose",
                "--dangerously-skip-permissions"));
    a.addAll(List.of(extra));
    return call(env, cwd, TASK, a.toArray(String[]::new));
  }

  private static List<JsonNode> events(Call c) throws Exception {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String line : c.stdout().lines().toList()) {
      out.add(Json.parse(line));
    }
    return out;
  }

  @Test
  void aFailureTheCliRetriesShowsItsRetriesInStreamJsonAndNotInJson() throws Exception {
    Path ws = dir("ws");
    Map<String, String> env =
        env("SCYLLA_SIM_FAIL", "rate_limit", "SCYLLA_SIM_RETRY_AFTER_SECONDS", "5");
    List<JsonNode> ev = events(agentStream(env, ws));
    // the CLI's default: 10 retries
    List<JsonNode> retries =
        ev.stream().filter(e -> "api_retry".equals(e.path("subtype").asText())).toList();
    assertThat(retries).hasSize(10);
    for (int i = 0; i < retries.size(); i++) {
      JsonNode r = retries.get(i);
      assertThat(r.get("attempt").asInt()).isEqualTo(i + 1);
      assertThat(r.get("max_retries").asInt()).isEqualTo(10);
      assertThat(r.get("error_status").asInt()).isEqualTo(429);
      assertThat(r.get("error").asText()).isEqualTo("rate_limit");
      // retry-after (5 s) while it is longer than the backoff, then the backoff
      assertThat(r.get("retry_delay_ms").asDouble()).isGreaterThanOrEqualTo(5000);
    }
    assertThat(retries.get(0).get("retry_delay_ms").asLong()).isEqualTo(5000);
    assertThat(retries.get(9).get("retry_delay_ms").asDouble()).isBetween(32000.0, 40000.0);
    assertThat(ev.get(0).get("subtype").asText()).isEqualTo("init");
    assertThat(ev.get(ev.size() - 2).path("message").path("model").asText())
        .isEqualTo("<synthetic>");
    assertThat(ev.get(ev.size() - 1).get("api_error_status").asInt()).isEqualTo(429);

    env.put("CLAUDE_CODE_MAX_RETRIES", "3");
    env.put("SCYLLA_SIM_FAIL", "overloaded");
    List<JsonNode> over = events(agentStream(env, ws));
    assertThat(over.stream().filter(e -> e.has("error_status")).map(e -> e.get("error").asText()))
        .containsExactly("overloaded", "overloaded", "overloaded");
    Call json = agent(env, ws);
    assertThat(json.stdout().lines()).hasSize(1);
    assertThat(json.stdout()).doesNotContain("api_retry").contains("\"api_error_status\":529");
  }

  @Test
  void aRateLimitTheCliWaitsOutIsARetryEventThenTheWork() throws Exception {
    Path ws = dir("ws");
    Map<String, String> env = env("SCYLLA_SIM_FAIL", "rate_limit_recovered");
    Call c = agentStream(env, ws);
    assertThat(c.exit()).isZero();
    List<JsonNode> ev = events(c);
    assertThat(ev.get(1).get("subtype").asText()).isEqualTo("api_retry");
    assertThat(ev.get(1).get("retry_delay_ms").asLong()).isEqualTo(2000);
    assertThat(ev.get(ev.size() - 1).get("is_error").asBoolean()).isFalse();
    assertThat(ws.resolve("hello.py")).exists();
    Call json = agent(env, ws);
    assertThat(json.exit()).isZero();
    assertThat(ClaudeOutput.parse(json.stdout()).orElseThrow().isError()).isFalse();
  }

  @Test
  void theTurnLimitIsTheRealErrorMaxTurnsResultAfterTheAllowedTurns() throws Exception {
    Path ws = dir("ws");
    Call c = agentStream(env(), ws, "--max-turns", "1");
    assertThat(c.exit()).isEqualTo(1);
    List<JsonNode> ev = events(c);
    assertThat(ev).hasSize(4);
    JsonNode use = ev.get(1).path("message").path("content").path(0);
    assertThat(use.get("type").asText()).isEqualTo("tool_use");
    assertThat(use.get("name").asText()).isEqualTo("Write");
    assertThat(use.path("input").path("file_path").asText())
        .isEqualTo(ws.resolve("hello.py").toString());
    assertThat(ev.get(2).path("message").path("content").path(0).get("tool_use_id").asText())
        .isEqualTo(use.get("id").asText());
    JsonNode r = ev.get(3);
    assertThat(r.get("subtype").asText()).isEqualTo("error_max_turns");
    assertThat(r.get("is_error").asBoolean()).isTrue();
    assertThat(r.has("result")).isFalse();
    assertThat(r.get("num_turns").asInt()).isEqualTo(2);
    assertThat(r.get("errors").get(0).asText()).isEqualTo("Reached maximum number of turns (1)");
    assertThat(r.get("usage").get("output_tokens").asLong()).isPositive();
    assertThat(ws.resolve("hello.py")).exists();
    // the json result is the same, and a limit above the drawn turns changes nothing
    assertThat(
            Json.parse(
                    call(env(), ws, TASK, "-p", "--output-format", "json", "--max-turns", "1")
                        .stdout())
                .get("subtype")
                .asText())
        .isEqualTo("error_max_turns");
    Call enough = call(env(), ws, TASK, "-p", "--output-format", "json", "--max-turns", "50");
    assertThat(enough.exit()).isZero();
    assertThat(Json.parse(enough.stdout()).get("subtype").asText()).isEqualTo("success");
  }

  @Test
  void theStreamsTurnsAddUpToTheResult() throws Exception {
    Path ws = dir("ws");
    List<JsonNode> ev = events(agentStream(env(), ws));
    JsonNode result = ev.get(ev.size() - 1);
    long input = 0;
    long cacheRead = 0;
    int assistants = 0;
    for (JsonNode e : ev) {
      if (e.get("type").asText().equals("assistant")) {
        assistants++;
        input += e.path("message").path("usage").path("input_tokens").asLong();
        cacheRead += e.path("message").path("usage").path("cache_read_input_tokens").asLong();
      }
    }
    assertThat(assistants).isEqualTo(result.get("num_turns").asInt());
    assertThat(input).isEqualTo(result.path("usage").path("input_tokens").asLong());
    assertThat(cacheRead).isEqualTo(result.path("usage").path("cache_read_input_tokens").asLong());
    assertThat(result.path("modelUsage").path("claude-sonnet-4-6").path("costUSD").asDouble())
        .isEqualTo(result.get("total_cost_usd").asDouble());
  }

  @Test
  void firstCallsFailThenSucceedPerRunWithAStateDirectory() throws Exception {
    Path ws = dir("ws");
    Map<String, String> env =
        env(
            "SCYLLA_SIM_FAIL",
            "crash,mode=agent,first=2",
            "SCYLLA_SIM_STATE_DIR",
            tmp.resolve("state").toString(),
            "SCYLLA_SIM_RUN",
            "T0/00/run_01");
    assertThat(agent(env, ws).exit()).isEqualTo(1);
    assertThat(agent(env, ws).exit()).isEqualTo(1);
    assertThat(agent(env, ws).exit()).isZero();
    assertThat(agent(env, ws).exit()).isZero();
    Map<String, String> other = new HashMap<>(env);
    other.put("SCYLLA_SIM_RUN", "T0/00/run_02");
    assertThat(agent(other, ws).exit()).isEqualTo(1);
    // judges are not affected by an agent rule
    assertThat(judge(judgePrompt("- `hello.py`\n", GOOD_DIFF), "json").exit()).isZero();
  }

  @Test
  void probabilitiesAndMatchesAreDeterministicDrawsFromTheSeed() throws Exception {
    Path ws = dir("ws");
    int failed = 0;
    for (int i = 0; i < 40; i++) {
      Map<String, String> env = env("SCYLLA_SIM_FAIL", "empty,p=0.5", "SCYLLA_SIM_RUN", "r" + i);
      Call a = agent(env, ws);
      Call b = agent(env, ws);
      assertThat(a.stdout()).isEqualTo(b.stdout());
      failed += a.stdout().isEmpty() ? 1 : 0;
    }
    assertThat(failed).isBetween(8, 32);
    assertThat(
            agent(
                    env("SCYLLA_SIM_FAIL", "empty,match=T0/01", "SCYLLA_SIM_RUN", "x/T0/01/run_01"),
                    ws)
                .stdout())
        .isEmpty();
    assertThat(
            agent(
                    env("SCYLLA_SIM_FAIL", "empty,match=T0/01", "SCYLLA_SIM_RUN", "x/T0/02/run_01"),
                    ws)
                .stdout())
        .isNotEmpty();
    assertThat(agent(env("SCYLLA_SIM_FAIL", "empty,mode=judge"), ws).stdout()).isNotEmpty();
  }

  @Test
  void theDemoMixFailsSomeRunsOnceAndLetsTheirRetriesThrough() throws Exception {
    Path state = tmp.resolve("state");
    int failedFirst = 0;
    for (int i = 0; i < 24; i++) {
      Map<String, String> env = new HashMap<>(SimConfig.demoEnvironment(state, 7));
      env.put("SCYLLA_SIM_AGENT_LATENCY_MS", "0");
      env.put("SCYLLA_SIM_RUN", "T0/00/run_" + i);
      Path ws = dir("demo" + i);
      Call first = agent(env, ws);
      if (first.exit() != 0) {
        failedFirst++;
        assertThat(agent(env, ws).exit()).as("retry of run " + i).isZero();
      }
    }
    assertThat(failedFirst).isBetween(2, 16);
    // a judge retry with a reminder appended is the same slot: it is let through
    Map<String, String> env = new HashMap<>(SimConfig.demoEnvironment(state, 7));
    env.put("SCYLLA_SIM_FAIL", "malformed,mode=judge,first=1");
    env.put("SCYLLA_SIM_JUDGE_LATENCY_MS", "0");
    String prompt = judgePrompt("- `hello.py`\n", GOOD_DIFF);
    Path sys = tmp.resolve("sys.md");
    Files.writeString(sys, "judge");
    Call bad =
        call(
            env,
            tmp,
            prompt,
            "-p",
            "--output-format",
            "json",
            "--system-prompt-file",
            sys.toString());
    assertThat(ClaudeOutput.parse(bad.stdout())).isEmpty();
    Call ok =
        call(
            env,
            tmp,
            prompt + "\nRespond with only a valid JSON object.\n",
            "-p",
            "--output-format",
            "json",
            "--system-prompt-file",
            sys.toString());
    assertThat(ClaudeOutput.parse(ok.stdout())).isPresent();
  }

  @Test
  void badConfigurationIsExitCode2WithAReason() throws Exception {
    Path ws = dir("ws");
    Call bad = agent(env("SCYLLA_SIM_FAIL", "explode"), ws);
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.stderr()).contains("unknown failure kind 'explode'");
    Call badKey = agent(env("SCYLLA_SIM_FAIL", "crash,often=yes"), ws);
    assertThat(badKey.stderr()).contains("unknown key 'often'");
    Path cfg = tmp.resolve("bad.json");
    InputFixtures.write(cfg, "{\"failures\": 3}");
    assertThat(agent(env("SCYLLA_SIM_CONFIG", cfg.toString()), ws).stderr())
        .contains("\"failures\" must be an array");
    InputFixtures.write(cfg, "{nope");
    assertThat(agent(env("SCYLLA_SIM_CONFIG", cfg.toString()), ws).exit()).isEqualTo(2);
    assertThat(agent(env("SCYLLA_SIM_TOKENS", "1,2"), ws).exit()).isEqualTo(2);
  }

  @Test
  void configuredTokensAreUsed() throws Exception {
    Path ws = dir("ws");
    Call c = agent(env("SCYLLA_SIM_TOKENS", "1000,2000,0,0"), ws);
    ClaudeOutput o = ClaudeOutput.parse(c.stdout()).orElseThrow();
    assertThat(o.usage().inputTokens()).isBetween(800L, 1200L);
    assertThat(o.usage().cacheReadTokens()).isZero();
  }
}
