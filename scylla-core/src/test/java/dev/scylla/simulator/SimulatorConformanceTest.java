package dev.scylla.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator prints what the real Claude Code CLI prints: each case recorded from the real CLI
 * ({@code src/test/resources/claude-cli/2.1.197/}, see its README and {@code
 * dev.scylla.testing.RecordClaudeFixtures}) is replayed against the simulator with the recorded
 * command line and the matching injected failure, in {@code json} and in {@code stream-json
 * --verbose}, and the two outputs must have the same events (type, subtype, content block, tool) in
 * the same order (a run of identical tool turns or retries counts as one: the simulator draws its
 * number of turns), the same keys in the same order with the same JSON types in every event, the
 * same exit code and stderr, the same {@code api_retry} fields, and the same error wording.
 */
class SimulatorConformanceTest {
  static final String VERSION = "2.1.197";
  static final String DIR = "/claude-cli/" + VERSION + "/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Stands for the fake server's address in the simulator's environment. */
  private static final String GATEWAY = "127.0.0.1:8767";

  /** The failure the simulator plays for each recorded case, and its extra environment. */
  private static final Map<String, Map<String, String>> FAILURES =
      Map.of(
          "success", Map.of(),
          "error_max_turns", Map.of(),
          "judge", Map.of(),
          "api_error_500", Map.of("SCYLLA_SIM_FAIL", "server_error"),
          "api_error_529", Map.of("SCYLLA_SIM_FAIL", "overloaded"),
          "auth_401", Map.of("SCYLLA_SIM_FAIL", "auth_error"),
          "rate_limit_429", Map.of("SCYLLA_SIM_FAIL", "rate_limit"),
          "rate_limit_then_success", Map.of("SCYLLA_SIM_FAIL", "rate_limit_recovered"));

  @TempDir Path tmp;

  static JsonNode index() {
    return parse(resource("index.json"));
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = SimulatorConformanceTest.class.getResourceAsStream(DIR + name)) {
      assertThat(in).as(DIR + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<JsonNode> cases() {
    List<JsonNode> out = new ArrayList<>();
    index().forEach(c -> out.add(c));
    return out.stream().filter(c -> c.has("format"));
  }

  record Call(int exit, String stdout, String stderr) {}

  private Call simulate(JsonNode c) throws IOException {
    Path ws = Files.createDirectories(tmp.resolve("workspace"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path sys = tmp.resolve("judge-system.md");
    Files.writeString(sys, "You are a judge. Answer with a JSON verdict.\n");
    List<String> argv = new ArrayList<>();
    for (String a : c.get("args").asText().split(" ")) {
      argv.add(a.equals("''") ? "" : a.replace("/path/to/tmp/", tmp + "/"));
    }
    boolean judge = c.get("name").asText().equals("judge");
    Map<String, String> env = new HashMap<>();
    env.put("SCYLLA_SIM_AGENT_LATENCY_MS", "0");
    env.put("SCYLLA_SIM_JUDGE_LATENCY_MS", "0");
    env.put("SCYLLA_SIM_RETRY_AFTER_SECONDS", "1");
    env.put("CLAUDE_CODE_MAX_RETRIES", "2");
    env.put("ANTHROPIC_API_KEY", "sk-ant-fake-key-for-tests");
    env.put("ANTHROPIC_BASE_URL", "http://" + GATEWAY);
    env.put("HOME", home.toString());
    env.putAll(FAILURES.get(c.get("name").asText()));
    String stdin =
        judge
            ? "## Rubric (Evaluation Criteria)\n\nF1: hello.py exists\n"
            : "Create a Python script `hello.py` in the current directory that prints exactly:"
                + " `Hello, World!`\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        ClaudeSimulator.run(
            argv.toArray(String[]::new),
            env,
            ws,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String stdout =
        out.toString(StandardCharsets.UTF_8)
            .replace(ws.toString(), "/path/to/workspace")
            .replace(ws.toString().replaceAll("[^A-Za-z0-9]", "-"), "-path-to-workspace")
            .replace(home.toString(), "/path/to/home")
            .replace(GATEWAY, "127.0.0.1:PORT");
    return new Call(code, stdout, err.toString(StandardCharsets.UTF_8));
  }

  private static List<JsonNode> events(String stdout) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : stdout.split("\n")) {
      if (!line.isBlank()) {
        out.add(parse(line));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ shapes

  /** An event's kind: type/subtype, the content block's type and tool, an error's status. */
  static String kind(JsonNode e) {
    StringBuilder b = new StringBuilder(e.path("type").asText());
    if (e.has("subtype")) {
      b.append('/').append(e.get("subtype").asText());
    }
    JsonNode block = e.path("message").path("content").path(0);
    if (block.isObject()) {
      b.append(':').append(block.path("type").asText());
      if (block.has("name")) {
        b.append(':').append(block.get("name").asText());
      }
    }
    if (e.path("message").path("model").asText().equals("<synthetic>")) {
      b.append(":synthetic");
    }
    if (e.has("error_status")) {
      b.append(':').append(e.get("error_status").asInt());
    }
    return b.toString();
  }

  /**
   * The events as units (a tool use with its result is one unit), with a run of identical units
   * counted once.
   */
  static List<List<JsonNode>> units(List<JsonNode> events) {
    List<List<JsonNode>> units = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      List<JsonNode> u = new ArrayList<>(List.of(events.get(i)));
      if (kind(events.get(i)).startsWith("assistant:tool_use")
          && i + 1 < events.size()
          && events.get(i + 1).path("type").asText().equals("user")) {
        u.add(events.get(++i));
      }
      if (!units.isEmpty() && signature(units.get(units.size() - 1)).equals(signature(u))) {
        continue;
      }
      units.add(u);
    }
    return units;
  }

  static String signature(List<JsonNode> unit) {
    return String.join(" + ", unit.stream().map(SimulatorConformanceTest::kind).toList());
  }

  /** The JSON shape: keys in order with their types, nested; an array by its first element. */
  static String shape(JsonNode n) {
    if (n.isObject()) {
      StringBuilder b = new StringBuilder("{");
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        b.append(e.getKey()).append(':').append(shape(e.getValue()));
        if (it.hasNext()) {
          b.append(',');
        }
      }
      return b.append('}').toString();
    }
    if (n.isArray()) {
      return "[" + (n.isEmpty() ? "" : shape(n.get(0))) + "]";
    }
    if (n.isNumber()) {
      return "number";
    }
    return n.getNodeType().toString().toLowerCase();
  }

  /** The wording of an error, with the organisation a rate limit names left out. */
  static String wording(String text) {
    return text.replaceAll("organization \\([^)]*\\)", "organization (ORG)");
  }

  // ------------------------------------------------------------------ tests

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theSimulatorPrintsWhatTheRealCliPrinted(JsonNode c) throws IOException {
    String name = c.get("name").asText() + " (" + c.get("format").asText() + ")";
    List<JsonNode> real = events(resource(c.get("file").asText()));
    Call sim = simulate(c);

    assertThat(sim.exit()).as(name + ": exit code").isEqualTo(c.get("exit").asInt());
    assertThat(sim.stderr()).as(name + ": stderr").isEqualTo(c.get("stderr").asText());
    List<JsonNode> mine = events(sim.stdout());
    List<List<JsonNode>> realUnits = units(real);
    List<List<JsonNode>> simUnits = units(mine);
    assertThat(simUnits.stream().map(SimulatorConformanceTest::signature).toList())
        .as(name + ": the events in order")
        .isEqualTo(realUnits.stream().map(SimulatorConformanceTest::signature).toList());
    for (int u = 0; u < realUnits.size(); u++) {
      for (int e = 0; e < realUnits.get(u).size(); e++) {
        JsonNode r = realUnits.get(u).get(e);
        JsonNode s = simUnits.get(u).get(e);
        assertThat(shape(s)).as(name + ": the shape of " + kind(r)).isEqualTo(shape(r));
      }
    }

    JsonNode realResult = real.get(real.size() - 1);
    JsonNode simResult = mine.get(mine.size() - 1);
    for (String f : List.of("subtype", "is_error", "api_error_status", "stop_reason")) {
      assertThat(simResult.path(f)).as(name + ": result." + f).isEqualTo(realResult.path(f));
    }
    assertThat(simResult.path("terminal_reason")).isEqualTo(realResult.path("terminal_reason"));
    if (realResult.path("is_error").asBoolean() && realResult.has("result")) {
      assertThat(wording(simResult.get("result").asText()))
          .as(name + ": the error's wording")
          .isEqualTo(wording(realResult.get("result").asText()));
    }
    assertThat(simResult.path("errors")).isEqualTo(realResult.path("errors"));
    if (realResult.path("modelUsage").isEmpty()) {
      assertThat(simResult.path("modelUsage").isEmpty()).as(name + ": modelUsage").isTrue();
    }

    List<JsonNode> realRetries = real.stream().filter(e -> kind(e).contains("api_retry")).toList();
    List<JsonNode> simRetries = mine.stream().filter(e -> kind(e).contains("api_retry")).toList();
    assertThat(simRetries).hasSameSizeAs(realRetries);
    for (int i = 0; i < realRetries.size(); i++) {
      JsonNode r = realRetries.get(i);
      JsonNode s = simRetries.get(i);
      for (String f : List.of("attempt", "max_retries", "error_status", "error")) {
        assertThat(s.get(f)).as(name + ": api_retry." + f).isEqualTo(r.get(f));
      }
      double recorded = r.get("retry_delay_ms").asDouble();
      double simulated = s.get("retry_delay_ms").asDouble();
      if (r.get("retry_delay_ms").isIntegralNumber()) {
        // taken from retry-after: exact, a whole number
        assertThat(s.get("retry_delay_ms").isIntegralNumber()).isTrue();
        assertThat(simulated).isEqualTo(recorded);
      } else {
        // the CLI's backoff: the recorded step plus up to 25% jitter
        assertThat(simulated).isBetween(recorded, recorded * 1.25);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theRealCliAndTheSimulatorBothReportTheCallsUsageInTheResult(JsonNode c) throws IOException {
    if (!c.get("format").asText().equals("stream-json")) {
      return;
    }
    for (List<JsonNode> events :
        List.of(events(resource(c.get("file").asText())), events(simulate(c).stdout()))) {
      long input = 0;
      long cacheWrite = 0;
      long cacheRead = 0;
      for (JsonNode e : events) {
        if (e.path("type").asText().equals("assistant")) {
          JsonNode u = e.path("message").path("usage");
          input += u.path("input_tokens").asLong();
          cacheWrite += u.path("cache_creation_input_tokens").asLong();
          cacheRead += u.path("cache_read_input_tokens").asLong();
        }
      }
      JsonNode usage = events.get(events.size() - 1).path("usage");
      assertThat(usage.path("input_tokens").asLong()).isEqualTo(input);
      assertThat(usage.path("cache_creation_input_tokens").asLong()).isEqualTo(cacheWrite);
      assertThat(usage.path("cache_read_input_tokens").asLong()).isEqualTo(cacheRead);
    }
  }

  @Test
  void theJsonResultIsTheStreamsLastEvent() {
    cases()
        .filter(c -> c.get("format").asText().equals("json"))
        .forEach(
            c -> {
              JsonNode json = events(resource(c.get("file").asText())).get(0);
              List<JsonNode> stream =
                  events(resource("stream-json/" + c.get("name").asText() + ".jsonl"));
              assertThat(shape(stream.get(stream.size() - 1))).isEqualTo(shape(json));
            });
  }

  @Test
  void versionHasTheRealShapeAndVersionAndSaysItIsTheSimulator() {
    String real = resource("version.txt");
    Pattern p = Pattern.compile("^(\\d+\\.\\d+\\.\\d+) \\(Claude Code[^)]*\\)\n$");
    Matcher r = p.matcher(real);
    assertThat(r.matches()).as(real).isTrue();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        ClaudeSimulator.run(
            new String[] {"--version"},
            Map.of(),
            tmp,
            InputStream.nullInputStream(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    String sim = out.toString(StandardCharsets.UTF_8);
    Matcher s = p.matcher(sim);
    assertThat(code).isZero();
    assertThat(s.matches()).as(sim).isTrue();
    assertThat(s.group(1)).isEqualTo(r.group(1)).isEqualTo(VERSION);
    assertThat(sim).contains("scylla simulator");
  }

  @Test
  void theAgentIsOfferedTheRealCliToolsAndAJudgeNone() throws IOException {
    JsonNode agentInit = events(resource("stream-json/success.jsonl")).get(0);
    List<String> real = new ArrayList<>();
    agentInit.get("tools").forEach(t -> real.add(t.asText()));
    assertThat(CliOutput.AGENT_TOOLS).isEqualTo(real);
    JsonNode judgeInit = events(resource("stream-json/judge.jsonl")).get(0);
    assertThat(judgeInit.get("tools")).isEmpty();
    JsonNode judge =
        cases()
            .filter(c -> c.get("name").asText().equals("judge"))
            .filter(c -> c.get("format").asText().equals("stream-json"))
            .findFirst()
            .orElseThrow();
    assertThat(events(simulate(judge).stdout()).get(0).get("tools")).isEmpty();
  }
}
