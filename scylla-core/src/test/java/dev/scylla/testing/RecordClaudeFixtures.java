package dev.scylla.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.testing.FakeMessagesApi.Failure;
import dev.scylla.testing.FakeMessagesApi.Reply;
import dev.scylla.testing.FakeMessagesApi.Text;
import dev.scylla.testing.FakeMessagesApi.ToolUse;
import dev.scylla.testing.FakeMessagesApi.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records what the <b>real</b> Claude Code CLI ({@link RealClis#CLAUDE_VERSION}) prints against
 * {@link FakeMessagesApi}, as the fixtures under {@code src/test/resources/claude-cli/<version>/}
 * that the simulator's conformance tests ({@code dev.scylla.simulator.SimulatorConformanceTest})
 * compare the simulator with. Skipped unless {@value #ENV} is {@code 1}; re-recording is one
 * command (from the repository root):
 *
 * <pre>
 * SCYLLA_RECORD_FIXTURES=1 ./mvnw -q -pl scylla-core test -Dtest=RecordClaudeFixtures \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Each case runs the CLI once per output format ({@code json}, and {@code stream-json --verbose})
 * with the flags the agent adapter and the judge client pass, the prompt on stdin, a fresh {@code
 * HOME}, {@code IS_SANDBOX=1} (the CLI refuses {@code --dangerously-skip-permissions} as root
 * otherwise) and {@code CLAUDE_CODE_MAX_RETRIES=2} (so the retried failures take seconds). Volatile
 * values are normalised ({@link #normalise}); the README next to the fixtures says how.
 */
@EnabledIfEnvironmentVariable(named = RecordClaudeFixtures.ENV, matches = "1")
class RecordClaudeFixtures {
  static final String ENV = "SCYLLA_RECORD_FIXTURES";
  static final String MODEL = "claude-sonnet-4-6";
  static final String JUDGE_MODEL = "claude-opus-4-6";
  static final String RETRIES = "2";

  /** The prompt every agent case gets on stdin. */
  static final String TASK =
      "Create a Python script `hello.py` in the current directory that prints exactly: `Hello,"
          + " World!`\n";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @TempDir Path tmp;

  /** One recorded situation: what the fake API answers, and how the CLI is called. */
  record Case(
      String name,
      String description,
      boolean judge,
      Integer maxTurns,
      List<Reply> script,
      Reply otherwise) {}

  private List<Case> cases(Path ws) {
    Usage first = new Usage(1000, 5000, 0, 50);
    Usage second = new Usage(300, 100, 5000, 20);
    ToolUse write =
        new ToolUse(
            "Write",
            "{\"file_path\":\""
                + ws.resolve("hello.py")
                + "\",\"content\":\"print(\\\"Hello, World!\\\")\\n\"}",
            first);
    ToolUse run =
        new ToolUse(
            "Bash",
            "{\"command\":\"python3 hello.py\",\"description\":\"Run hello.py\"}",
            new Usage(200, 50, 5000, 30));
    Text done = new Text("Created `hello.py`; running it prints `Hello, World!`.", second);
    Text verdict =
        new Text(
            "```json\n{\"score\": 1.0, \"passed\": true, \"grade\": \"A\", \"reasoning\":"
                + " \"hello.py exists.\", \"categories\": {}}\n```",
            new Usage(2500, 1500, 1000, 200));
    Instant now = Instant.now();
    return List.of(
        new Case(
            "success",
            "agent wrote hello.py (Write), ran it (Bash), then answered: 3 turns",
            false,
            null,
            List.of(write, run, done),
            done),
        new Case(
            "error_max_turns",
            "--max-turns 1; the model keeps asking for tools",
            false,
            1,
            List.of(write, write),
            done),
        new Case(
            "api_error_500",
            "the API answers 500 to every call (retried by the CLI, then given up)",
            false,
            null,
            List.of(),
            Failure.of(500)),
        new Case(
            "api_error_529",
            "the API answers 529 overloaded to every call",
            false,
            null,
            List.of(),
            Failure.of(529)),
        new Case(
            "rate_limit_429",
            "the API answers 429 with retry-after: 1 and anthropic-ratelimit-*-reset headers",
            false,
            null,
            List.of(),
            Failure.rateLimited(1, now)),
        new Case(
            "rate_limit_then_success",
            "one 429 (retry-after: 1), which the CLI waits out, then the success case",
            false,
            null,
            List.of(Failure.rateLimited(1, now), write, run, done),
            done),
        new Case(
            "auth_401",
            "the API rejects the key (401; the CLI retries it too)",
            false,
            null,
            List.of(),
            Failure.of(401)),
        new Case(
            "judge",
            "a judge call: --tools \"\" --no-session-persistence --system-prompt-file",
            true,
            null,
            List.of(verdict),
            verdict));
  }

  @Test
  void record() throws Exception {
    Path claude = RealClis.claude();
    Path outDir = Path.of("src", "test", "resources", "claude-cli", RealClis.CLAUDE_VERSION);
    Files.createDirectories(outDir);
    ArrayNode index = JSON.createArrayNode();

    Run version = exec(List.of(claude.toString(), "--version"), Map.of(), tmp, "");
    Files.writeString(outDir.resolve("version.txt"), version.stdout());
    index.addObject().put("name", "version").put("args", "--version").put("exit", version.exit());

    for (String format : List.of("json", "stream-json")) {
      Path root = Files.createDirectories(tmp.resolve(format));
      Path ws = Files.createDirectories(root.resolve("workspace"));
      Path home = Files.createDirectories(root.resolve("home"));
      Files.createDirectories(outDir.resolve(format));
      for (Case c : cases(ws)) {
        try (FakeMessagesApi api = FakeMessagesApi.start()) {
          api.script(c.script().toArray(Reply[]::new)).otherwise(c.otherwise());
          Files.deleteIfExists(ws.resolve("hello.py"));
          List<String> argv = new ArrayList<>();
          argv.add(claude.toString());
          argv.addAll(List.of("--model", c.judge() ? JUDGE_MODEL : MODEL, "--print"));
          argv.addAll(List.of("--output-format", format));
          if (format.equals("stream-json")) {
            argv.add("--verbose");
          }
          argv.add("--dangerously-skip-permissions");
          String stdin = TASK;
          if (c.judge()) {
            Path sys = root.resolve("judge-system.md");
            Files.writeString(sys, "You are a judge. Answer with a JSON verdict.\n");
            argv.addAll(List.of("--tools", "", "--no-session-persistence"));
            argv.addAll(List.of("--system-prompt-file", sys.toString()));
            stdin = "## Rubric (Evaluation Criteria)\n\nF1: hello.py exists\n";
          }
          if (c.maxTurns() != null) {
            argv.addAll(List.of("--max-turns", c.maxTurns().toString()));
          }
          Map<String, String> env = new LinkedHashMap<>(api.claudeEnv());
          env.put("HOME", home.toString());
          env.put("IS_SANDBOX", "1");
          env.put("CLAUDE_CODE_MAX_RETRIES", RETRIES);
          Run r = exec(argv, env, ws, stdin);
          Map<String, String> paths = new LinkedHashMap<>();
          paths.put(ws.toString(), "/path/to/workspace");
          paths.put(home.toString(), "/path/to/home");
          paths.put(root.toString(), "/path/to/tmp");
          paths.put(claude.toString(), "/path/to/claude");
          paths.put(api.baseUrl().replace("http://", ""), "127.0.0.1:PORT");
          paths.put(ws.toString().replaceAll("[^A-Za-z0-9]", "-"), "-path-to-workspace");
          String ext = format.equals("json") ? ".json" : ".jsonl";
          String file = c.name() + ext;
          Files.writeString(outDir.resolve(format).resolve(file), normalise(r.stdout(), paths));
          ObjectNode e = index.addObject();
          e.put("name", c.name());
          e.put("format", format);
          e.put("file", format + "/" + file);
          e.put("description", c.description());
          List<String> shown = new ArrayList<>();
          for (String a : argv.subList(1, argv.size())) {
            shown.add(normalise(a, paths));
          }
          e.put("args", String.join(" ", shown.stream().map(s -> s.isEmpty() ? "''" : s).toList()));
          e.put("exit", r.exit());
          e.put("stderr", normalise(r.stderr(), paths));
          e.put("api_calls", api.messageCalls().size());
          e.put("wrote_hello_py", Files.exists(ws.resolve("hello.py")));
        }
      }
    }
    Files.writeString(outDir.resolve("index.json"), JSON.writeValueAsString(index) + "\n");
    assertThat(index.size()).isGreaterThan(1);
  }

  private static final Pattern UUID_RE =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern MS =
      Pattern.compile(
          "\"(duration_ms|duration_api_ms|ttft_ms|ttft_stream_ms|time_to_request_ms)\":\\d+");
  private static final Pattern RETRY_DELAY = Pattern.compile("\"retry_delay_ms\":(\\d+(\\.\\d+)?)");
  private static final Pattern ISO_TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
  private static final Pattern REQ_ID = Pattern.compile("req_[0-9a-f]{20,}");

  /**
   * Makes a recording stable: paths become {@code /path/to/...}, the fake server's port {@code
   * PORT}, every UUID a numbered one ({@code 00000000-0000-4000-8000-00000000000N}, the same UUID
   * keeping the same number, so a session id shared by all events stays shared), durations ({@code
   * duration_ms}, {@code duration_api_ms}, {@code ttft_ms}, {@code ttft_stream_ms}, {@code
   * time_to_request_ms}) 1000, a fractional {@code retry_delay_ms} (the CLI's own backoff, 500 ms
   * times 2^(attempt-1) plus up to 25% jitter, printed as a fraction) its step as a fraction
   * ({@code 1000.0}; a whole one, taken from {@code retry-after}, is kept), ISO times
   * 2026-01-01T00:00:00Z and request ids {@code req_0000}.
   */
  static String normalise(String text, Map<String, String> paths) {
    String s = text;
    for (Map.Entry<String, String> p : paths.entrySet()) {
      s = s.replace(p.getKey(), p.getValue());
    }
    Map<String, String> ids = new LinkedHashMap<>();
    Matcher m = UUID_RE.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String id =
          ids.computeIfAbsent(
              m.group(), k -> String.format("00000000-0000-4000-8000-%012d", ids.size() + 1));
      m.appendReplacement(b, id);
    }
    m.appendTail(b);
    s = b.toString();
    s = MS.matcher(s).replaceAll("\"$1\":1000");
    Matcher r = RETRY_DELAY.matcher(s);
    b = new StringBuilder();
    while (r.find()) {
      String v = r.group(1);
      if (r.group(2) != null) {
        // the CLI's own backoff, 500 ms * 2^(attempt-1) plus up to 25% jitter: its step
        double ms = Double.parseDouble(v);
        long step = 500;
        while (step * 2 <= ms) {
          step *= 2;
        }
        v = step + ".0";
      }
      r.appendReplacement(b, "\"retry_delay_ms\":" + v);
    }
    r.appendTail(b);
    s = b.toString();
    s = ISO_TIME.matcher(s).replaceAll("2026-01-01T00:00:00Z");
    s = REQ_ID.matcher(s).replaceAll("req_0000");
    return s;
  }

  record Run(int exit, String stdout, String stderr) {}

  private static Run exec(List<String> argv, Map<String, String> env, Path cwd, String stdin)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("CLAUDE"));
    e.putAll(env);
    Path out = Files.createTempFile(cwd.getParent(), "out", ".txt");
    Path err = Files.createTempFile(cwd.getParent(), "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("the CLI did not finish in 180 s: " + argv);
    }
    Run r = new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }
}
