package dev.scylla.agent;

import static dev.scylla.testing.GitFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.Catalogue;
import dev.scylla.model.RunKey;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SubtestResources;
import dev.scylla.model.TestDefinition;
import dev.scylla.model.ThinkingMode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.simulator.SimulatorLauncher;
import dev.scylla.store.Catalogues;
import dev.scylla.store.ClaudeOutput;
import dev.scylla.store.Json;
import dev.scylla.store.TestDefinitions;
import dev.scylla.testing.EndToEnd;
import dev.scylla.workspace.BaseRepository;
import dev.scylla.workspace.ComposedWorkspace;
import dev.scylla.workspace.DemoKit;
import dev.scylla.workspace.Workspaces;
import dev.scylla.workspace.Worktree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The building blocks of {@code scylla demo} composed by hand, as the orchestrator will: the
 * bundled test and catalogue, one worktree per subtest, the simulated agent, the agent's changes
 * committed, a simulated judge reading the real diff, and the worktree removed.
 */
@EndToEnd
class DemoEndToEndTest {
  @TempDir Path tmp;

  @Test
  void everyDemoSubtestRunsOfflineAndIsJudged() throws Exception {
    LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(500));
    DemoKit.Materialized demo =
        DemoKit.materialize(tmp.resolve("demo"), launcher, Cancellation.never());
    TestDefinition test = TestDefinitions.load(demo.testDir());
    Catalogue catalogue = Catalogues.load(demo.catalogueDir());
    Path claude = SimulatorLauncher.install(tmp.resolve("bin"));
    Workspaces workspaces = new Workspaces(launcher, EventSink.NONE);
    AgentAdapter agent =
        new ClaudeCodeAdapter(launcher, EventSink.NONE, claude.toString(), PromptMode.STDIN);
    Path exp = tmp.resolve("results/2026-01-01T00-00-00-demo-hello");
    BaseRepository base =
        workspaces.prepareBase(
            exp.resolve("repo"), test.repo(), test.commit(), Cancellation.never());
    SubtestResources baseline = null;
    for (String tier : catalogue.tierIds()) {
      for (SubtestDefinition st : catalogue.subtests(tier)) {
        RunKey key = new RunKey(tier, st.id(), 1);
        Path runDir = exp.resolve(key.label());
        Worktree wt =
            workspaces.addWorktree(
                base,
                runDir.resolve("workspace"),
                Workspaces.branchName(test.id(), key),
                runDir,
                Cancellation.never());
        ComposedWorkspace composed =
            workspaces.configure(
                wt,
                catalogue,
                st,
                Workspaces.effectiveResources(st, baseline, null),
                ThinkingMode.NONE,
                Cancellation.never());
        AgentOutcome o =
            agent.run(
                new AgentInvocation(
                    key.label(),
                    runDir,
                    wt.path(),
                    test.promptText(),
                    "claude-sonnet-4-6",
                    Duration.ofSeconds(test.timeoutSeconds()),
                    null,
                    ThinkingMode.NONE,
                    st.systemPromptMode(),
                    Map.of("SCYLLA_SIM_AGENT_LATENCY_MS", "0")),
                Cancellation.never());
        assertThat(o.kind()).as(key.label()).isEqualTo(AgentOutcome.Kind.FINISHED);
        workspaces.commitAgentChanges(wt, Cancellation.never());
        String diff =
            git(wt.path(), "diff", composed.commit(), "HEAD", "--", ".", ":(exclude).claude");
        assertThat(diff).contains("+++ b/hello.py");

        String prompt =
            "## Rubric (Evaluation Criteria)\n\n```yaml\n"
                + test.rubricText()
                + "```\n\n"
                + "## Task Given to Agent\n\n"
                + test.promptText()
                + "\n"
                + "## Agent's Output\n\n"
                + o.result().stdout()
                + "\n"
                + "## Workspace State After Agent Execution\n\n- `hello.py` (created)\n\n"
                + "## Git Diff (Patchfile)\n\n```diff\n"
                + diff
                + "\n```\n";
        Process judge =
            new ProcessBuilder(
                    List.of(
                        claude.toString(),
                        "--model",
                        "claude-opus-4-6",
                        "--print",
                        "--output-format",
                        "json",
                        "--allowedTools",
                        "",
                        "--system-prompt-file",
                        demo.testDir().resolve("expected/criteria.md").toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        judge.getOutputStream().write(prompt.getBytes(StandardCharsets.UTF_8));
        judge.getOutputStream().close();
        String out = new String(judge.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(judge.waitFor()).isZero();
        String text = ClaudeOutput.parse(out).orElseThrow().text();
        JsonNode verdict =
            Json.parse(text.substring(text.indexOf("```json\n") + 8, text.lastIndexOf("```")));
        double score = verdict.get("score").asDouble();
        assertThat(score).as(key.label()).isBetween(0.0, 1.0);
        boolean correct = Files.readString(wt.path().resolve("hello.py")).contains("Hello, World!");
        assertThat(verdict.get("passed").asBoolean())
            .as(key.label())
            .isEqualTo(correct && score >= 0.6);

        workspaces.remove(wt, Cancellation.never());
        assertThat(wt.path()).doesNotExist();
        assertThat(runDir.resolve("agent/result.json")).exists();
      }
      baseline = catalogue.subtests(tier).get(0).resources();
    }
    assertThat(workspaces.listWorktrees(base.dir(), Cancellation.never())).hasSize(1);
  }
}
