package dev.scylla.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.judge.JudgeClients;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.store.ExperimentStore;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the facade's composition root gives the judges: which Claude Code, which environment. */
class CompositionRootTest {
  @TempDir Path tmp;

  private Map<String, String> judgeEnvironment(Scylla base) {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("exp"));
    base.wiring(ExperimentStore.open(exp));
    return seen.get();
  }

  private final AtomicReference<Map<String, String>> seen = new AtomicReference<>();

  private Scylla capturing(Map<String, String> env) {
    return new Scylla(EventSink.NONE, env) {
      @Override
      protected JudgeClients createJudgeClients(ProcessLauncher l, Map<String, String> e) {
        seen.set(e);
        return super.createJudgeClients(l, e);
      }
    };
  }

  @Test
  void aDefaultFacadeReadsNothingOfTheDevelopersEnvironment() {
    Scylla hermetic =
        new Scylla(EventSink.NONE) {
          @Override
          protected JudgeClients createJudgeClients(ProcessLauncher l, Map<String, String> e) {
            seen.set(e);
            return super.createJudgeClients(l, e);
          }
        };
    Map<String, String> env = judgeEnvironment(hermetic);
    assertThat(env).containsEntry("SCYLLA_CLAUDE", "claude");
    assertThat(env).doesNotContainKeys("PATH", "HOME", "ANTHROPIC_API_KEY");
  }

  @Test
  void theEnvironmentsClaudeIsUsedWhenTheExperimentNamesNone() {
    Map<String, String> env =
        judgeEnvironment(
            capturing(Map.of("SCYLLA_CLAUDE", "/opt/claude", "ANTHROPIC_API_KEY", "k")));
    assertThat(env)
        .containsEntry("SCYLLA_CLAUDE", "/opt/claude")
        .containsEntry("ANTHROPIC_API_KEY", "k");
  }

  @Test
  void aTypedOverrideWinsOverTheEnvironment() {
    Scylla s = capturing(Map.of("SCYLLA_CLAUDE", "/opt/claude")).withClaude(Path.of("/x/claude"));
    assertThat(judgeEnvironment(s)).containsEntry("SCYLLA_CLAUDE", "/x/claude");
  }
}
