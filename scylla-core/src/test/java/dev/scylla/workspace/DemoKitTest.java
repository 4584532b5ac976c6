package dev.scylla.workspace;

import static dev.scylla.testing.GitFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.event.EventSink;
import dev.scylla.model.Catalogue;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.TestDefinition;
import dev.scylla.model.ThinkingMode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.store.Catalogues;
import dev.scylla.store.TestDefinitions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoKitTest {
  @TempDir Path tmp;
  private final LocalProcessLauncher launcher = new LocalProcessLauncher();

  @Test
  void theDemoIsAValidTestAndCatalogueOnALocalRepository() throws Exception {
    DemoKit.Materialized m =
        DemoKit.materialize(tmp.resolve("demo"), launcher, Cancellation.never());
    TestDefinition t = TestDefinitions.load(m.testDir());
    assertThat(t.id()).isEqualTo("demo-hello");
    assertThat(t.repo()).isEqualTo(m.repoDir().toString());
    assertThat(t.commit()).isEqualTo(m.commit()).isEqualTo(git(m.repoDir(), "rev-parse", "HEAD"));
    assertThat(t.rubricText()).contains("weight: 0.50").contains("points: 1.0");
    assertThat(git(m.repoDir(), "status", "--porcelain")).isEmpty();
    assertThat(git(m.repoDir(), "log", "--format=%an").lines().count()).isEqualTo(1);

    Catalogue c = Catalogues.load(m.catalogueDir());
    assertThat(c.tierIds()).containsExactly("T0", "T1");
    assertThat(c.subtests("T0")).extracting(SubtestDefinition::id).containsExactly("00", "02");
    assertThat(c.subtests("T1")).extracting(SubtestDefinition::id).containsExactly("01", "02");
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void materialisingIsIdempotentAndDeterministic() throws Exception {
    DemoKit.Materialized a = DemoKit.materialize(tmp.resolve("a"), launcher, Cancellation.never());
    DemoKit.Materialized again =
        DemoKit.materialize(tmp.resolve("a"), launcher, Cancellation.never());
    DemoKit.Materialized b = DemoKit.materialize(tmp.resolve("b"), launcher, Cancellation.never());
    assertThat(again.commit()).isEqualTo(a.commit());
    assertThat(b.commit()).isEqualTo(a.commit());
    assertThat(DemoKit.resources()).containsKey("test/expected/rubric.yaml").hasSize(16);
  }

  @Test
  void aDemoRunWorkspaceGetsItsSkillsAndAgent() throws Exception {
    DemoKit.Materialized m =
        DemoKit.materialize(tmp.resolve("demo"), launcher, Cancellation.never());
    Catalogue c = Catalogues.load(m.catalogueDir());
    Workspaces ws = new Workspaces(launcher, EventSink.NONE);
    BaseRepository base =
        ws.prepareBase(
            tmp.resolve("exp/repo"), m.repoDir().toString(), m.commit(), Cancellation.never());
    Worktree wt =
        ws.addWorktree(
            base,
            tmp.resolve("exp/T1/02/run_01/workspace"),
            "demo_T1_02_run_01",
            null,
            Cancellation.never());
    SubtestDefinition st = c.subtest("T1", "02").orElseThrow();
    ComposedWorkspace composed =
        ws.configure(
            wt,
            c,
            st,
            Workspaces.effectiveResources(
                st, c.subtest("T0", "02").orElseThrow().resources(), null),
            ThinkingMode.NONE,
            Cancellation.never());
    assertThat(composed.skills()).containsExactly("self-review");
    assertThat(composed.agents()).containsExactly("python-reviewer");
    assertThat(composed.claudeMd()).startsWith("## Project Overview");
    assertThat(wt.path().resolve(".claude/skills/self-review/SKILL.md")).exists();
    assertThat(Files.readString(wt.path().resolve("README.md"))).isEqualTo("Hello World!\n");
    ws.remove(wt, Cancellation.never());
    assertThat(wt.path()).doesNotExist();
  }
}
