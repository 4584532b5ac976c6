package dev.scylla.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.Pricing;
import dev.scylla.model.ThinkingMode;
import dev.scylla.model.TokenStats;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.RunStatus;
import dev.scylla.store.Json;
import dev.scylla.testing.InputFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Codex adapter against a fake {@code codex} that prints recorded-style JSON events. */
class CodexAdapterTest {
  @TempDir Path tmp;
  private final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(500));

  private Path fakeCodex(String events, int exit) {
    Path f = tmp.resolve("codex");
    InputFixtures.write(
        f,
        "#!/bin/sh\n"
            + "if [ \"$1\" = \"--version\" ]; then echo 'codex-cli 0.46.0'; exit 0; fi\n"
            + "echo \"$@\" > args.txt\ncat > stdin.txt\ncat <<'EOF'\n"
            + events
            + "EOF\nexit "
            + exit
            + "\n");
    f.toFile().setExecutable(true);
    return f;
  }

  private AgentOutcome run(Path exp, Path codex, ThinkingMode thinking) throws Exception {
    Path run = AgentRuns.runDir(exp);
    Path ws = Files.createDirectories(run.resolve("workspace"));
    return new CodexAdapter(launcher, EventSink.NONE, codex.toString())
        .run(
            AgentInvocation.of(run, ws, "Create hello.py\n", "gpt-5-codex")
                .withThinking(thinking)
                .withTimeout(Duration.ofSeconds(30)),
            Cancellation.never());
  }

  @Test
  void turnsTokensAndTheCommandLine() throws Exception {
    Path codex =
        fakeCodex(
            "{\"type\":\"thread.started\",\"thread_id\":\"t1\"}\n"
                + "{\"type\":\"turn.started\"}\n"
                + "{\"type\":\"item.completed\",\"item\":{\"id\":\"i0\",\"type\":\"agent_message\",\"text\":\"working\"}}\n"
                + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":1000,\"cached_input_tokens\":400,\"output_tokens\":50}}\n"
                + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":500,\"cached_input_tokens\":100,\"output_tokens\":25}}\n",
            0);
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentOutcome o = run(exp, codex, ThinkingMode.LOW);
    assertThat(o.kind()).isEqualTo(AgentOutcome.Kind.FINISHED);
    TokenStats t = new TokenStats(1000, 75, 0, 500);
    assertThat(o.result().tokenStats()).isEqualTo(t);
    assertThat(o.result().apiCalls()).isEqualTo(2);
    // cached input at the cached price
    assertThat(o.result().costUsd()).isEqualTo(Pricing.estimate("gpt-5-codex", t));
    assertThat(Files.readString(AgentRuns.runDir(exp).resolve("agent/output.txt")))
        .isEqualTo("working");
    Path ws = AgentRuns.runDir(exp).resolve("workspace");
    assertThat(ws.resolve("args.txt"))
        .hasContent(
            "exec --json --model gpt-5-codex --dangerously-bypass-approvals-and-sandbox"
                + " --skip-git-repo-check -c model_reasoning_effort=low -");
    assertThat(ws.resolve("stdin.txt")).hasContent("Create hello.py");
    Path agent = AgentRuns.runDir(exp).resolve("agent");
    assertThat(agent.resolve("prompt.md")).hasContent("Create hello.py");
    assertThat(Files.readString(agent.resolve("MODEL.md")))
        .contains("**Codex CLI Version**: codex-cli 0.46.0");
    JsonNode cmd =
        Json.parse(Files.readString(agent.resolve("command_log.json"))).get("commands").get(0);
    assertThat(cmd.get("command").get(0).asText()).isEqualTo(codex.toString());
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
  }

  @Test
  void aFailedTurnWithA429IsARateLimit() throws Exception {
    Path codex =
        fakeCodex(
            "{\"type\":\"turn.started\"}\n"
                + "{\"type\":\"turn.failed\",\"error\":{\"message\":\"exceeded retry limit, last status: 429 Too Many Requests; Retry-After: 30\"}}\n",
            1);
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentOutcome o = run(exp, codex, ThinkingMode.NONE);
    assertThat(o)
        .isInstanceOfSatisfying(
            AgentOutcome.RateLimited.class,
            r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(33)));
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void otherErrorsAndNonJsonOutputAreFailures() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentOutcome o =
        run(
            exp,
            fakeCodex("{\"type\":\"error\",\"message\":\"model not found\"}\n", 1),
            ThinkingMode.NONE);
    assertThat(o)
        .isInstanceOfSatisfying(
            AgentOutcome.Failed.class,
            f -> assertThat(f.reason()).isEqualTo("codex reported an error: model not found"));
    Path exp2 = AgentRuns.experiment(tmp.resolve("exp2"));
    AgentOutcome g = run(exp2, fakeCodex("Thinking...\nDone.\n", 0), ThinkingMode.NONE);
    assertThat(g)
        .isInstanceOfSatisfying(
            AgentOutcome.Failed.class,
            f ->
                assertThat(f.reason())
                    .startsWith("codex's output is not JSON events: Thinking..."));
    assertThat(AgentRuns.status(exp2)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void theOlderEventFormatIsReadToo() throws Exception {
    Path codex =
        fakeCodex(
            "{\"id\":\"0\",\"msg\":{\"type\":\"agent_message\",\"message\":\"done\"}}\n"
                + "{\"id\":\"0\",\"msg\":{\"type\":\"token_count\",\"input_tokens\":300,\"cached_input_tokens\":100,\"output_tokens\":40}}\n"
                + "{\"id\":\"0\",\"msg\":{\"type\":\"task_complete\"}}\n",
            0);
    AgentOutcome o = run(AgentRuns.experiment(tmp.resolve("exp")), codex, ThinkingMode.NONE);
    assertThat(o.kind()).isEqualTo(AgentOutcome.Kind.FINISHED);
    assertThat(o.result().tokenStats()).isEqualTo(new TokenStats(200, 40, 0, 100));
  }

  @Test
  void retryNoticesBeforeACompletedTurnAreNotFailures() throws Exception {
    Path codex =
        fakeCodex(
            "{\"type\":\"turn.started\"}\n"
                + "{\"type\":\"error\",\"message\":\"Reconnecting... 1/2 (exceeded retry limit, last status: 429 Too Many Requests, request id: req_1)\"}\n"
                + "{\"type\":\"item.completed\",\"item\":{\"id\":\"i1\",\"type\":\"agent_message\",\"text\":\"Done.\"}}\n"
                + "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":100,\"cached_input_tokens\":0,\"output_tokens\":10}}\n",
            0);
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentOutcome o = run(exp, codex, ThinkingMode.NONE);
    assertThat(o)
        .isInstanceOfSatisfying(
            AgentOutcome.Finished.class, f -> assertThat(f.isError()).isFalse());
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
  }

  @Test
  void anExhaustedQuotaIsAHardLimitAndARequestIdHolding429IsNot() throws Exception {
    AgentOutcome q =
        run(
            AgentRuns.experiment(tmp.resolve("exp")),
            fakeCodex(
                "{\"type\":\"turn.failed\",\"error\":{\"message\":\"Quota exceeded. Check your plan and billing details.\"}}\n",
                1),
            ThinkingMode.NONE);
    assertThat(q)
        .isInstanceOfSatisfying(
            AgentOutcome.RateLimited.class, r -> assertThat(r.hardLimit()).isTrue());
    AgentOutcome f =
        run(
            AgentRuns.experiment(tmp.resolve("exp2")),
            fakeCodex(
                "{\"type\":\"turn.failed\",\"error\":{\"message\":\"unexpected status 400 Bad Request, request id: req_a4290f\"}}\n",
                1),
            ThinkingMode.NONE);
    assertThat(f).isInstanceOf(AgentOutcome.Failed.class);
  }
}
