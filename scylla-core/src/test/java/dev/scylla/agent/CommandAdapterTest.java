package dev.scylla.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.event.EventSink;
import dev.scylla.model.Pricing;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.TokenStats;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.status.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandAdapterTest {
  @TempDir Path tmp;
  private final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(500));

  private AgentInvocation invocation(Path exp) throws Exception {
    Path run = AgentRuns.runDir(exp);
    Path ws = Files.createDirectories(run.resolve("workspace"));
    return AgentInvocation.of(run, ws, "Write hello.py\n", "gpt-4o")
        .withTimeout(Duration.ofSeconds(30))
        .withMaxTurns(4);
  }

  @Test
  void theCommandGetsThePromptOnStdinAndItsVariables() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentInvocation inv = invocation(exp);
    CommandAdapter a =
        new CommandAdapter(
            launcher,
            EventSink.NONE,
            "cat > got.txt; echo \"$SCYLLA_MODEL $SCYLLA_TIMEOUT_SECONDS $SCYLLA_MAX_TURNS\" > env.txt;"
                + " cmp -s got.txt \"$SCYLLA_PROMPT_FILE\" && echo \"input tokens: 1200, output tokens: 340\"");
    AgentOutcome o = a.run(inv, Cancellation.never());
    assertThat(o.kind()).isEqualTo(AgentOutcome.Kind.FINISHED);
    assertThat(inv.workspace().resolve("got.txt")).hasContent("Write hello.py");
    assertThat(inv.workspace().resolve("env.txt")).hasContent("gpt-4o 30 4");
    TokenStats t = new TokenStats(1200, 340, 0, 0);
    assertThat(o.result().tokenStats()).isEqualTo(t);
    assertThat(o.result().costUsd()).isEqualTo(Pricing.fallbackCost("gpt-4o", t));
    assertThat(Files.readString(inv.agentDir().resolve("MODEL.md")))
        .contains("**Agent Command**: cat > got.txt");
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.RESULTS);
  }

  @Test
  void aNonZeroExitIsAFailureNamingTheError() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentOutcome o =
        new CommandAdapter(
                launcher, EventSink.NONE, "echo partial work; echo 'boom: disk full' >&2; exit 3")
            .run(invocation(exp), Cancellation.never());
    assertThat(o)
        .isInstanceOfSatisfying(
            AgentOutcome.Failed.class,
            f ->
                assertThat(f.reason())
                    .isEqualTo("agent command exited with code 3: boom: disk full"));
    assertThat(o.result().stdout()).isEqualTo("partial work\n");
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void theTimeoutKillsGrandchildrenToo() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentInvocation inv = invocation(exp).withTimeout(Duration.ofSeconds(1));
    AgentOutcome o =
        new CommandAdapter(
                launcher, EventSink.NONE, "(sleep 300 & echo $! > child.pid; wait) & sleep 300")
            .run(inv, Cancellation.never());
    assertThat(o.kind()).isEqualTo(AgentOutcome.Kind.TIMED_OUT);
    long child = Long.parseLong(Files.readString(inv.workspace().resolve("child.pid")).strip());
    for (int i = 0;
        i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false);
        i++) {
      Thread.sleep(100);
    }
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(AgentRuns.status(exp)).isEqualTo(RunStatus.FAILED);
  }

  @Test
  void replayRerunsTheCommandWithItsEnvironment() throws Exception {
    Path exp = AgentRuns.experiment(tmp.resolve("exp"));
    AgentInvocation inv =
        invocation(exp)
            .withEnv(Map.of("GREETING", "hi there", "DB_PASSWORD", "hunter2-very-secret"));
    new CommandAdapter(
            launcher, EventSink.NONE, "echo \"$GREETING $SCYLLA_MODEL\" > out.txt; cat >> out.txt")
        .run(inv, Cancellation.never());
    Path out = inv.workspace().resolve("out.txt");
    assertThat(out).hasContent("hi there gpt-4o\nWrite hello.py");
    String replay = Files.readString(inv.agentDir().resolve("replay.sh"));
    assertThat(replay)
        .contains("export GREETING='hi there'")
        .contains("export SCYLLA_PROMPT_FILE=\"$AGENT_DIR\"/prompt.md")
        .doesNotContain("hunter2-very-secret");
    Files.delete(out);
    Process p = new ProcessBuilder("bash", inv.agentDir().resolve("replay.sh").toString()).start();
    assertThat(p.waitFor()).isZero();
    assertThat(out).hasContent("hi there gpt-4o\nWrite hello.py");
  }

  @Test
  void adapterSpecsAreParsed() {
    assertThat(AgentAdapters.create("claude-code", launcher, EventSink.NONE).name())
        .isEqualTo("claude-code");
    assertThat(AgentAdapters.create("codex", launcher, EventSink.NONE).name()).isEqualTo("codex");
    AgentAdapter c = AgentAdapters.create("command: ./agent.sh --fast", launcher, EventSink.NONE);
    assertThat(((CommandAdapter) c).shellCommand()).isEqualTo("./agent.sh --fast");
    assertThat(
            ((ClaudeCodeAdapter)
                    AgentAdapters.create("claude", launcher, EventSink.NONE, "/x/claude", null))
                .executable())
        .isEqualTo("/x/claude");
    assertThatThrownBy(() -> AgentAdapters.create("gemini", launcher, EventSink.NONE))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT);
              assertThat(e.getMessage()).contains("unknown agent 'gemini'");
            });
    assertThatThrownBy(() -> AgentAdapters.create("command:  ", launcher, EventSink.NONE))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("needs a shell command");
  }
}
