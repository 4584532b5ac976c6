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
    assertThat(lines).hasSize(3);
    assertThat(Json.parse(lines.get(0)).get("type").asText()).isEqualTo("system");
    assertThat(Json.parse(lines.get(1)).get("type").asText()).isEqualTo("assistant");
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
    RateLimit rl =
        RateLimit.detect(limited.stdout(), limited.stderr(), true, Instant.now()).orElseThrow();
    assertThat(rl.retryAfter()).isEqualTo(java.time.Duration.ofMillis(3300));
    assertThat(ClaudeOutput.parse(limited.stdout()).orElseThrow().isError()).isTrue();

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
