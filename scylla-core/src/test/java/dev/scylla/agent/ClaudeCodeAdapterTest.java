package dev.scylla.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.AgentResult;
import dev.scylla.model.Pricing;
import dev.scylla.model.SystemPromptMode;
import dev.scylla.model.ThinkingMode;
import dev.scylla.model.TokenStats;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.simulator.ClaudeSimulator;
import dev.scylla.simulator.SimulatorLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.store.ClaudeOutput;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.ModelJson;
import dev.scylla.testing.InputFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Claude Code adapter driven end to end against the bundled simulator (real processes). */
class ClaudeCodeAdapterTest {
  static final String PROMPT =
      "# Task\n\nCreate a simple Python script called `hello.py` that prints \"Hello, World!\".\n";
  static final String MODEL = "claude-sonnet-4-6";

  @TempDir static Path bin;
  static Path claude;
  @TempDir Path tmp;
  private final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(500));

  @BeforeAll
  static void installSimulator() throws Exception {
    claude = SimulatorLauncher.install(bin);
  }

  private ClaudeCodeAdapter adapter(PromptMode mode) {
    return new ClaudeCodeAdapter(launcher, EventSink.NONE, claude.toString(), mode);
  }

  private AgentInvocation invocation(Path exp, String... env) throws Exception {
    Path run = AgentRuns.runDir(exp);
    Path ws = Files.createDirectories(run.resolve("workspace"));
    Map<String, String> e = new HashMap<>();
    e.put("SCYLLA_SIM_AGENT_LATENCY_MS", "0");
    for (int i = 0; i < env.length; i += 2) {
      e.put(env[i], env[i + 1]);
    }
    return AgentInvocation.of(run, ws, PROMPT, MODEL)
        .withLabel("T0/00/run_01")
        .withTimeout(Duration.ofSeconds(60))
        .withEnv(e);
  }

  @Test
  void aFinishedRunWritesEveryAgentFile() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentInvocation inv = invocation(exp);
    AgentOutcome o = adapter(PromptMode.STDIN).run(inv, Cancellation.never());
    assertThat(o).isInstanceOf(AgentOutcome.Finished.class);
    assertThat(((AgentOutcome.Finished) o).isError()).isFalse();
    assertThat(inv.workspace().resolve("hello.py")).exists();

    Path agent = inv.agentDir();
    assertThat(agent.resolve("prompt.md")).hasContent(PROMPT.strip());
    String stdout = Files.readString(agent.resolve("stdout.log"));
    assertThat(agent.resolve("output.txt")).hasContent(stdout.strip());
    // the event stream is kept whole; stdout.log is its result event alone, one JSON document
    // (what --output-format json prints, which the reference parses)
    String stream = Files.readString(agent.resolve("stream.jsonl"));
    assertThat(stream.lines().count()).isGreaterThan(2);
    assertThat(stream).contains("\"type\":\"assistant\"");
    assertThat(stdout.strip()).isEqualTo(ClaudeOutput.resultLine(stream).orElseThrow());
    assertThat(Json.parse(stdout).get("type").asText()).isEqualTo("result");
    ClaudeOutput cli = ClaudeOutput.parse(stdout).orElseThrow();
    AgentResult r =
        FileReads.readJson(agent.resolve("result.json"), ModelJson::agentResult).orNull();
    assertThat(r).isEqualTo(o.result());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo(stdout);
    assertThat(r.tokenStats()).isEqualTo(cli.usage());
    assertThat(r.costUsd()).isEqualTo(cli.totalCostUsd());
    assertThat(r.apiCalls()).isEqualTo(cli.numTurns());

    JsonNode log = Json.parse(Files.readString(agent.resolve("command_log.json")));
    JsonNode entry = log.get("commands").get(0);
    assertThat(log.get("total_commands").asInt()).isEqualTo(1);
    assertThat(entry.get("command").toString())
        .isEqualTo(
            "[\""
                + claude
                + "\",\"--model\",\"claude-sonnet-4-6\",\"--print\",\"--output-format\","
                + "\"stream-json\",\"--verbose\",\"--dangerously-skip-permissions\"]");
    assertThat(entry.get("cwd").asText()).isEqualTo(inv.workspace().toString());
    assertThat(entry.get("exit_code").asInt()).isZero();
    assertThat(entry.get("duration_seconds").asDouble()).isPositive();
    assertThat(entry.get("stdin_file").asText()).isEqualTo("prompt.md");
    assertThat(entry.get("stdout_file").asText()).isEqualTo("stdout.log");
    JsonNode timing = Json.parse(Files.readString(agent.resolve("timing.json")));
    assertThat(timing.get("agent_duration_seconds").asDouble()).isEqualTo(o.durationSeconds());
    assertThat(timing.get("measured_at").asText()).endsWith("+00:00");
    assertThat(Files.readString(agent.resolve("MODEL.md")))
        .startsWith("# Agent Model Information\n\n**Model**: claude-sonnet-4-6\n")
        .contains("**Claude Code Version**: " + ClaudeSimulator.VERSION);
    assertThat(Files.isExecutable(agent.resolve("replay.sh"))).isTrue();
    // the reference's write order after the process
    List<FileTime> times = new ArrayList<>();
    for (String f :
        List.of("prompt.md", "replay.sh", "timing.json", "output.txt", "result.json", "MODEL.md")) {
      times.add(Files.getLastModifiedTime(agent.resolve(f)));
    }
    assertThat(times).isSorted();
    // valid parts, not yet judged: the store says "rebuild the run result", never "re-run"
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
  }

  @Test
  void replayShReplaysTheRunEvenAfterTheExperimentMovedAndHoldsNoSecrets() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    String apiKey = "sk-ant-api03-" + UUID.randomUUID();
    String token = "ghp_" + UUID.randomUUID().toString().replace("-", "");
    AgentInvocation inv =
        invocation(
            exp, "ANTHROPIC_API_KEY", apiKey, "GITHUB_TOKEN", token, "SCYLLA_SIM_RUN", "replay-me");
    AgentOutcome o = adapter(PromptMode.STDIN).run(inv, Cancellation.never());
    assertThat(o.kind()).isEqualTo(AgentOutcome.Kind.FINISHED);
    Path agent = inv.agentDir();
    String replay = Files.readString(agent.resolve("replay.sh"));
    String log = Files.readString(agent.resolve("command_log.json"));
    assertThat(replay)
        .doesNotContain(apiKey)
        .doesNotContain(token)
        .contains("GITHUB_TOKEN was set");
    assertThat(log).doesNotContain(apiKey).doesNotContain(token);
    assertThat(
            Json.parse(log)
                .get("commands")
                .get(0)
                .get("env_vars")
                .get("ANTHROPIC_API_KEY")
                .asText())
        .isEqualTo("[REDACTED]");
    String recorded = Files.readString(agent.resolve("stdout.log"));

    // move the whole experiment, then replay: same command, same prompt, same workspace
    Path moved = tmp.resolve("elsewhere/exp");
    Files.createDirectories(moved.getParent());
    Files.move(exp, moved);
    Path movedRun = AgentRuns.runDir(moved);
    Files.delete(movedRun.resolve("workspace/hello.py"));
    ProcessBuilder pb = new ProcessBuilder("bash", movedRun.resolve("agent/replay.sh").toString());
    pb.directory(tmp.toFile());
    pb.environment().remove("SCYLLA_SIM_RUN");
    Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String replayed = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).isZero();
    assertThat(movedRun.resolve("workspace/hello.py")).exists();
    JsonNode a = Json.parse(recorded);
    JsonNode b = Json.parse(ClaudeOutput.resultLine(replayed).orElseThrow());
    assertThat(b.get("usage")).isEqualTo(a.get("usage"));
    assertThat(b.get("num_turns")).isEqualTo(a.get("num_turns"));
    assertThat(b.get("result").asText())
        .isEqualTo(a.get("result").asText().replace(exp.toString(), moved.toString()));
  }

  @Test
  void theReferencesPromptFileArgumentAndTheTextArgumentWorkToo() throws Exception {
    Path exp1 = AgentRuns.experiment(tmp.resolve("e1"));
    AgentInvocation a = invocation(exp1);
    assertThat(adapter(PromptMode.FILE_PATH).run(a, Cancellation.never()).kind())
        .isEqualTo(AgentOutcome.Kind.FINISHED);
    JsonNode cmd =
        Json.parse(Files.readString(a.agentDir().resolve("command_log.json")))
            .get("commands")
            .get(0);
    assertThat(cmd.get("command").get(8).asText())
        .isEqualTo(a.agentDir().resolve("prompt.md").toString());
    assertThat(cmd.has("stdin_file")).isFalse();
    assertThat(a.workspace().resolve("hello.py")).exists();
    assertThat(Files.readString(a.agentDir().resolve("replay.sh")))
        .contains("\"$AGENT_DIR\"/prompt.md");

    Path exp2 = AgentRuns.experiment(tmp.resolve("e2"));
    AgentInvocation b = invocation(exp2);
    assertThat(adapter(PromptMode.ARGUMENT).run(b, Cancellation.never()).kind())
        .isEqualTo(AgentOutcome.Kind.FINISHED);
    JsonNode cmd2 =
        Json.parse(Files.readString(b.agentDir().resolve("command_log.json")))
            .get("commands")
            .get(0);
    assertThat(cmd2.get("command").get(8).asText()).isEqualTo(PROMPT);
    assertThat(b.workspace().resolve("hello.py")).exists();
  }

  @Test
  void flagsFollowTheSubtestAndTheThinkingMode() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentInvocation inv =
        invocation(exp)
            .withSystemPromptMode(SystemPromptMode.NONE)
            .withMaxTurns(7)
            .withThinking(ThinkingMode.HIGH);
    assertThat(adapter(PromptMode.STDIN).run(inv, Cancellation.never()).kind())
        .isEqualTo(AgentOutcome.Kind.FINISHED);
    JsonNode cmd =
        Json.parse(Files.readString(inv.agentDir().resolve("command_log.json")))
            .get("commands")
            .get(0)
            .get("command");
    assertThat(cmd.toString()).endsWith("\"--system-prompt\",\"\",\"--max-turns\",\"7\"]");
    assertThat(Files.readString(inv.agentDir().resolve("prompt.md")))
        .startsWith("think hard\n\n# Task");
    assertThat(Files.readString(inv.agentDir().resolve("replay.sh")))
        .contains("--system-prompt '' --max-turns 7");
  }

  @Test
  void oneAdapterServesConcurrentRuns() throws Exception {
    ClaudeCodeAdapter shared = adapter(PromptMode.STDIN);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<AgentOutcome>> fs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Path exp = AgentRuns.experiment(tmp.resolve("c" + i));
        AgentInvocation inv = invocation(exp);
        fs.add(pool.submit(() -> shared.run(inv, Cancellation.never())));
      }
      for (int i = 0; i < 3; i++) {
        assertThat(fs.get(i).get().kind()).isEqualTo(AgentOutcome.Kind.FINISHED);
        assertThat(tmp.resolve("c" + i + "/T0/00/run_01/workspace/hello.py")).exists();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCrashIsAFailureThatTheStoreClassifiesAsFailed() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentInvocation inv = invocation(exp, "SCYLLA_SIM_FAIL", "crash");
    AgentOutcome o = adapter(PromptMode.STDIN).run(inv, Cancellation.never());
    assertThat(o)
        .isInstanceOfSatisfying(
            AgentOutcome.Failed.class,
            f ->
                assertThat(f.reason())
                    .isEqualTo(
                        "claude exited with code 1: Error: simulated crash (scylla simulator)"));
    assertThat(o.result().exitCode()).isEqualTo(1);
    assertThat(inv.agentDir().resolve("output.txt")).isEmptyFile();
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void malformedAndEmptyOutputAreFailuresToo() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentOutcome o =
        adapter(PromptMode.STDIN)
            .run(invocation(exp, "SCYLLA_SIM_FAIL", "malformed"), Cancellation.never());
    assertThat(o)
        .isInstanceOfSatisfying(
            AgentOutcome.Failed.class,
            f ->
                assertThat(f.reason())
                    .startsWith("claude's output is not a JSON result: {\"type\""));
    assertThat(Files.readString(AgentRuns.runDir(exp).resolve("agent/stdout.log")))
        .startsWith("{\"type\"");
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);

    Path exp2 = AgentRuns.experiment(tmp.resolve("exp2"));
    AgentOutcome e =
        adapter(PromptMode.STDIN)
            .run(invocation(exp2, "SCYLLA_SIM_FAIL", "empty"), Cancellation.never());
    assertThat(e)
        .isInstanceOfSatisfying(
            AgentOutcome.Failed.class,
            f -> assertThat(f.reason()).isEqualTo("claude printed nothing (no JSON result)"));
    assertThat(AgentRuns.status(exp2)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aRateLimitIsReportedWithItsWaitAndSucceedsOnRetry() throws Exception {
    Path state = tmp.resolve("sim-state");
    String[] env = {
      "SCYLLA_SIM_FAIL", "rate_limit,mode=agent,first=1",
      "SCYLLA_SIM_STATE_DIR", state.toString(),
      "SCYLLA_SIM_RUN", "T0/00/run_01",
      "SCYLLA_SIM_RETRY_AFTER_SECONDS", "2"
    };
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentOutcome o = adapter(PromptMode.STDIN).run(invocation(exp, env), Cancellation.never());
    assertThat(o)
        .isInstanceOfSatisfying(
            AgentOutcome.RateLimited.class,
            r -> {
              // the real CLI's 429 result names no reset time (claude-cli/2.1.197 fixtures): in
              // json output only the orchestrator's default wait applies
              assertThat(r.retryAfter()).isNull();
              assertThat(r.message()).startsWith("API Error: Request rejected (429)");
              assertThat(r.hardLimit()).isFalse();
            });
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
    // the orchestrator archives the attempt and runs again: the simulator lets it through
    Path archived = exp.resolve("T0/00/.failed/run_01_attempt_01");
    Files.createDirectories(archived.getParent());
    Files.move(AgentRuns.runDir(exp), archived);
    AgentOutcome retry = adapter(PromptMode.STDIN).run(invocation(exp, env), Cancellation.never());
    assertThat(retry.kind()).isEqualTo(AgentOutcome.Kind.FINISHED);
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
  }

  @Test
  void aHangIsKilledAtTheTimeoutWithItsWholeProcessTree() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    String marker = "SCYLLA_TEST_MARKER=" + UUID.randomUUID();
    AgentInvocation inv =
        invocation(exp, "SCYLLA_SIM_FAIL", "hang", "SCYLLA_TEST_MARKER", marker.substring(19))
            .withTimeout(Duration.ofSeconds(3));
    AgentOutcome o = adapter(PromptMode.STDIN).run(inv, Cancellation.never());
    assertThat(o).isInstanceOf(AgentOutcome.TimedOut.class);
    AgentResult r = o.result();
    assertThat(r.exitCode()).isEqualTo(-1);
    assertThat(r.tokenStats()).isEqualTo(TokenStats.ZERO);
    assertThat(r.stderr()).contains("timed out after 3 s");
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
    assertThat(AgentRuns.awaitGone(marker)).isEmpty();
  }

  @Test
  void cancellingKillsTheAgentAndLeavesNoResult() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    String value = UUID.randomUUID().toString();
    String marker = "SCYLLA_TEST_MARKER=" + value;
    AgentInvocation inv = invocation(exp, "SCYLLA_SIM_FAIL", "hang", "SCYLLA_TEST_MARKER", value);
    Cancellation cancel = new Cancellation();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<AgentOutcome> f = pool.submit(() -> adapter(PromptMode.STDIN).run(inv, cancel));
      List<Long> live = List.of();
      for (int i = 0; i < 200 && live.size() < 2; i++) {
        Thread.sleep(50);
        List<Long> found = AgentRuns.processesWithEnv(marker);
        live = found == null ? List.of(1L, 2L) : found;
      }
      cancel.cancel();
      AgentOutcome o = f.get();
      assertThat(o).isInstanceOf(AgentOutcome.Cancelled.class);
    } finally {
      pool.shutdownNow();
    }
    assertThat(inv.agentDir().resolve("result.json")).doesNotExist();
    assertThat(
            Json.parse(Files.readString(inv.agentDir().resolve("command_log.json")))
                .get("commands")
                .get(0)
                .get("exit_code")
                .isNull())
        .isFalse();
    // no result was written: the store sees an agent that ended without output (archive, re-run)
    assertThat(AgentRuns.status(exp)).isIn(RunStatus.FAILED, RunStatus.PARTIAL);
    assertThat(AgentRuns.awaitGone(marker)).isEmpty();
  }

  @Test
  void aMissingBinaryIsAnInfrastructureFailure() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentInvocation inv = invocation(exp);
    ClaudeCodeAdapter a =
        new ClaudeCodeAdapter(
            launcher, EventSink.NONE, "claude-not-installed-here", PromptMode.STDIN);
    AgentOutcome o = a.run(inv, Cancellation.never());
    assertThat(o)
        .isInstanceOfSatisfying(
            AgentOutcome.Failed.class,
            f ->
                assertThat(f.reason())
                    .isEqualTo(
                        "agent binary not available: cannot run claude-not-installed-here: not found on PATH"));
    assertThat(o.result().isInfrastructureFailure()).isTrue();
    assertThat(inv.agentDir().resolve("replay.sh")).exists();
    assertThat(Files.readString(inv.agentDir().resolve("MODEL.md")))
        .contains("**Claude Code Version**: unknown");
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aMissingWorkspaceIsAFailureNotAnException() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentInvocation inv = invocation(exp);
    Files.delete(inv.workspace());
    AgentOutcome o = adapter(PromptMode.STDIN).run(inv, Cancellation.never());
    assertThat(o)
        .isInstanceOfSatisfying(
            AgentOutcome.Failed.class,
            f ->
                assertThat(f.reason())
                    .startsWith("cannot start the agent: ")
                    .contains(inv.workspace() + " does not exist"));
    assertThat(o.result().isInfrastructureFailure()).isTrue();
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void aTurnLimitResultIsItsOwnOutcomeAndAZeroCostIsPriced() throws Exception {
    Path fake = tmp.resolve("fake-claude");
    InputFixtures.write(
        fake,
        "#!/bin/sh\necho '{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,"
            + "\"num_turns\":5,\"result\":\"\",\"usage\":{\"input_tokens\":1000,\"output_tokens\":2000},"
            + "\"total_cost_usd\":0}'\nexit 1\n");
    fake.toFile().setExecutable(true);
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentOutcome o =
        new ClaudeCodeAdapter(launcher, EventSink.NONE, fake.toString(), PromptMode.STDIN)
            .run(invocation(exp), Cancellation.never());
    assertThat(o).isInstanceOf(AgentOutcome.TurnLimited.class);
    assertThat(o.result().exitCode()).isEqualTo(1);
    assertThat(o.result().apiCalls()).isEqualTo(5);
    assertThat(o.result().costUsd())
        .isEqualTo(Pricing.fallbackCost(MODEL, new TokenStats(1000, 2000, 0, 0)));
    assertThat(Files.readString(AgentRuns.runDir(exp).resolve("agent/MODEL.md")))
        .contains("**Claude Code Version**: unknown");
  }

  @Test
  void anAlreadyCancelledRunDoesNothing() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    Cancellation c = new Cancellation();
    c.cancel();
    AgentInvocation inv = invocation(exp);
    assertThat(adapter(PromptMode.STDIN).run(inv, c).kind()).isEqualTo(AgentOutcome.Kind.CANCELLED);
    assertThat(inv.agentDir()).doesNotExist();
  }
}
