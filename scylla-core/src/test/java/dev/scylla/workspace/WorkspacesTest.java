package dev.scylla.workspace;

import static dev.scylla.testing.GitFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.Catalogue;
import dev.scylla.model.RunKey;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SubtestResources;
import dev.scylla.model.ThinkingMode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.process.ProcessOutcome;
import dev.scylla.process.ProcessSpec;
import dev.scylla.store.Catalogues;
import dev.scylla.store.Json;
import dev.scylla.testing.GitFixtures;
import dev.scylla.testing.InputFixtures;
import dev.scylla.testing.TreeSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real git in temporary directories. */
class WorkspacesTest {
  @TempDir Path tmp;
  private Path src;
  private String first;
  private String second;
  private Catalogue catalogue;
  private Workspaces workspaces;

  /**
   * A launcher that hides every git configuration of this machine (no global or system config, an
   * empty HOME), so commits must carry their own identity.
   */
  static ProcessLauncher isolated(Path home) {
    LocalProcessLauncher real = new LocalProcessLauncher(Duration.ofMillis(500));
    return new ProcessLauncher() {
      @Override
      public ProcessOutcome run(ProcessSpec spec, Cancellation c) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("EMAIL", null);
        env.put("GIT_AUTHOR_NAME", null);
        env.put("GIT_AUTHOR_EMAIL", null);
        env.put("GIT_COMMITTER_NAME", null);
        env.put("GIT_COMMITTER_EMAIL", null);
        return real.run(spec.withEnv(env), c);
      }
    };
  }

  @BeforeEach
  void setUp() throws IOException {
    src = tmp.resolve("src");
    first =
        GitFixtures.repo(
            src,
            Map.of(
                "README.md", "first\n",
                "CLAUDE.md", "the repository's own CLAUDE.md\n",
                ".claude/settings.json", "{\"repo\": true}\n"));
    second = GitFixtures.commit(src, Map.of("README.md", "second\n"), "second");
    catalogue = Catalogues.load(InputFixtures.catalogue(tmp.resolve("catalogue")));
    Files.createDirectories(tmp.resolve("home"));
    workspaces = new Workspaces(isolated(tmp.resolve("home")), EventSink.NONE);
  }

  private Worktree worktree(String name) throws IOException {
    BaseRepository base =
        workspaces.prepareBase(
            tmp.resolve("exp/repo"), src.toString(), first, Cancellation.never());
    return workspaces.addWorktree(
        base,
        tmp.resolve("exp/T0/00/" + name + "/workspace"),
        "test_T0_00_" + name,
        tmp.resolve("exp/T0/00/" + name),
        Cancellation.never());
  }

  private SubtestDefinition subtest(String tier, String id) {
    return catalogue.subtest(tier, id).orElseThrow();
  }

  @Test
  void branchNamesFollowTheReference() {
    assertThat(Workspaces.branchName("test-001", new RunKey("T0", "00", 1)))
        .isEqualTo("test-001_T0_00_run_01");
    assertThat(Workspaces.branchName("experiment-long", new RunKey("T5", "12", 10)))
        .isEqualTo("experime_T5_12_run_10");
  }

  @Test
  void aWorktreeStartsAtTheTestCommitEvenWhenItIsNotTheTip() throws Exception {
    Worktree wt = worktree("run_01");
    assertThat(Files.readString(wt.path().resolve("README.md"))).isEqualTo("first\n");
    assertThat(git(wt.path(), "rev-parse", "HEAD")).isEqualTo(first);
    assertThat(git(wt.path(), "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("test_T0_00_run_01");
    Path runDir = tmp.resolve("exp/T0/00/run_01");
    assertThat(Files.readString(runDir.resolve("worktree_create.sh")))
        .startsWith("#!/bin/bash\n# Worktree: test_T0_00_run_01 @ " + wt.path())
        .contains("worktree add -b test_T0_00_run_01 " + wt.path() + " " + first);
    assertThat(Files.isExecutable(runDir.resolve("worktree_create.sh"))).isTrue();
    assertThat(Files.readString(runDir.resolve("cmd_0000_stderr.log")))
        .contains("Preparing worktree (new branch 'test_T0_00_run_01')");
    // the shared clone is shallow and never checked out; a second prepare changes nothing
    Path base = tmp.resolve("exp/repo");
    assertThat(git(base, "rev-parse", "--is-shallow-repository")).isEqualTo("true");
    Map<String, String> before = TreeSnapshot.of(base.resolve(".git/refs"));
    workspaces.prepareBase(base, src.toString(), first, Cancellation.never());
    assertThat(TreeSnapshot.of(base.resolve(".git/refs"))).isEqualTo(before);
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void blocksComposeClaudeMdAndTheCommitCarriesOurIdentity() throws Exception {
    Worktree wt = worktree("run_01");
    ComposedWorkspace c =
        workspaces.configure(
            wt,
            catalogue,
            subtest("T0", "02"),
            subtest("T0", "02").resources(),
            ThinkingMode.NONE,
            Cancellation.never());
    String md = Files.readString(wt.path().resolve("CLAUDE.md"));
    assertThat(md)
        .startsWith("## Rules\n\nBlock two.\n\n## Overview\n\nBlock one.\n\n")
        .contains(WorkspaceComposer.GENERIC)
        .contains("## Test Environment Constraints")
        .endsWith(
            "## Cleanup Requirements\n\n"
                + "- Remove any temporary files created during task completion (build artifacts,"
                + " cache files, etc.)\n"
                + "- Clean up after yourself - the workspace should contain only final"
                + " deliverables\n");
    assertThat(c.claudeMd()).isEqualTo(md);
    assertThat(c.claudeMdSha256()).hasSize(64);
    JsonNode settings = Json.parse(Files.readString(wt.path().resolve(".claude/settings.json")));
    assertThat(Json.writeCompact(settings)).isEqualTo("{\"alwaysThinkingEnabled\": false}");
    assertThat(git(wt.path(), "log", "-1", "--format=%an <%ae>|%cn|%s"))
        .isEqualTo("scylla <scylla@localhost>|scylla|[scylla] Initialize test configuration");
    assertThat(git(wt.path(), "rev-parse", "HEAD~1")).isEqualTo(first);
    assertThat(c.commit()).isEqualTo(git(wt.path(), "rev-parse", "HEAD"));
    assertThat(git(wt.path(), "status", "--porcelain")).isEmpty();
  }

  @Test
  void bareSubtestsRemoveTheRepositorysOwnConfiguration() throws Exception {
    Worktree wt = worktree("run_01");
    ComposedWorkspace c =
        workspaces.configure(
            wt,
            catalogue,
            subtest("T0", "00"),
            subtest("T0", "00").resources(),
            ThinkingMode.HIGH,
            Cancellation.never());
    assertThat(wt.path().resolve("CLAUDE.md")).doesNotExist();
    assertThat(c.claudeMd()).isNull();
    assertThat(Files.readString(wt.path().resolve(".claude/settings.json")))
        .isEqualTo("{\n  \"alwaysThinkingEnabled\": true\n}\n");
    assertThat(git(wt.path(), "ls-files")).isEqualTo(".claude/settings.json\nREADME.md");
    assertThat(git(wt.path(), "status", "--porcelain")).isEmpty();
  }

  @Test
  void agentsToolsMcpAndTeamsGoIntoTheWorkspace() throws Exception {
    Worktree wt = worktree("run_01");
    SubtestDefinition st = subtest("T1", "02");
    ComposedWorkspace c =
        workspaces.configure(
            wt, catalogue, st, st.resources(), ThinkingMode.NONE, Cancellation.never());
    assertThat(c.agents()).containsExactly("architect", "designer", "solo");
    assertThat(wt.path().resolve(".claude/agents/solo.md"))
        .hasContent("---\nname: solo\n---\nSolo.");
    assertThat(Files.isSymbolicLink(wt.path().resolve(".claude/agents/solo.md"))).isFalse();
    String md = Files.readString(wt.path().resolve("CLAUDE.md"));
    assertThat(md)
        .startsWith(
            "Maximize usage of the following sub-agents to solve this task:\n\n"
                + "- architect\n- designer\n- solo\n\n"
                + "Maximize usage of the following MCP servers to complete this task:\n\n"
                + "- custom\n- filesystem\n- git\n\n## Test Environment Constraints");
    JsonNode s = Json.parse(Files.readString(wt.path().resolve(".claude/settings.json")));
    assertThat(s.get("allowedTools").toString()).isEqualTo("[\"Read\",\"Write\"]");
    assertThat(s.get("mcpServers").get("git").get("args").toString())
        .isEqualTo("[\"-y\",\"@modelcontextprotocol/servers/git\"]");
    assertThat(s.get("mcpServers").get("custom").get("args").get(1).asText())
        .isEqualTo("@local/custom");
    assertThat(s.get("env").get("CLAUDE_CODE_EXPERIMENTAL_AGENT_TEAMS").asText()).isEqualTo("1");
    assertThat(git(wt.path(), "ls-files", ".claude")).contains(".claude/agents/architect.md");
  }

  @Test
  void codexGetsTheSameConfigurationAsAgentsMdWithSkillsItReadsAndNamesWhatHasNoEquivalent()
      throws Exception {
    Worktree wt = worktree("run_01");
    SubtestDefinition st = subtest("T1", "02");
    ComposedWorkspace claude =
        WorkspaceComposer.compose(
            tmp.resolve("claude-form"), catalogue, st, st.resources(), ThinkingMode.NONE);
    ComposedWorkspace c =
        workspaces.configure(
            wt,
            catalogue,
            st,
            st.resources(),
            ThinkingMode.HIGH,
            ConfigForm.CODEX,
            Cancellation.never());

    String md = Files.readString(wt.path().resolve("AGENTS.md"));
    // the same blocks and hint as Claude Code's CLAUDE.md, then the sub-agents' definitions
    assertThat(md).startsWith(claude.claudeMd());
    assertThat(md.substring(claude.claudeMd().length()))
        .startsWith("\n" + WorkspaceComposer.CODEX_AGENTS_HEADING + "\n\n")
        .contains("### solo\n\n---\nname: solo\n---\nSolo.\n")
        .contains("### architect\n");
    assertThat(c.claudeMd()).isEqualTo(md);
    assertThat(c.form()).isEqualTo(ConfigForm.CODEX);
    assertThat(c.agents()).containsExactly("architect", "designer", "solo");
    // nothing of Claude Code's form: the configuration commit adds AGENTS.md alone
    assertThat(git(wt.path(), "diff", "--name-only", "HEAD~1", "HEAD")).isEqualTo("AGENTS.md");
    assertThat(c.notGiven())
        .anyMatch(n -> n.startsWith("tool allow-list [Read, Write]"))
        .anyMatch(n -> n.startsWith("MCP servers [custom, filesystem, git]"))
        .anyMatch(n -> n.startsWith("thinking mode"))
        .anyMatch(n -> n.startsWith("agent teams"));
    assertThat(git(wt.path(), "ls-files")).contains("AGENTS.md");
    assertThat(git(wt.path(), "status", "--porcelain")).isEmpty();
  }

  @Test
  void codexSkillsGoWhereCodexReadsThemAndABareSubtestRemovesAgentsMd() throws Exception {
    SubtestDefinition skills = subtest("T1", "01");
    SubtestResources eff =
        Workspaces.effectiveResources(skills, subtest("T0", "02").resources(), null);
    Worktree wt = worktree("run_01");
    ComposedWorkspace c =
        workspaces.configure(
            wt, catalogue, skills, eff, ThinkingMode.NONE, ConfigForm.CODEX, Cancellation.never());
    assertThat(c.skills()).containsExactly("hello", "verify");
    assertThat(wt.path().resolve(".agents/skills/hello/scripts/run.sh"))
        .hasContent("#!/bin/sh\necho hi");
    assertThat(c.claudeMd())
        .contains(
            "Maximize usage of the following skills to complete this task:\n\n- hello\n- verify\n");
    assertThat(c.notGiven()).isEmpty();
    assertThat(git(wt.path(), "ls-files", ".agents")).contains(".agents/skills/hello/SKILL.md");

    Worktree bare = worktree("run_02");
    Files.writeString(bare.path().resolve("AGENTS.md"), "the repository's own");
    ComposedWorkspace b =
        workspaces.configure(
            bare,
            catalogue,
            subtest("T0", "00"),
            subtest("T0", "00").resources(),
            ThinkingMode.NONE,
            ConfigForm.CODEX,
            Cancellation.never());
    assertThat(bare.path().resolve("AGENTS.md")).doesNotExist();
    assertThat(b.claudeMd()).isNull();
  }

  @Test
  void effectiveResourcesKeepTheBaselineAndTheHintDescribesWhatIsInstalled() throws Exception {
    SubtestDefinition skills = subtest("T1", "01");
    SubtestResources baseline = subtest("T0", "02").resources();
    SubtestResources eff = Workspaces.effectiveResources(skills, baseline, null);
    Worktree wt = worktree("run_01");
    ComposedWorkspace c =
        workspaces.configure(wt, catalogue, skills, eff, ThinkingMode.NONE, Cancellation.never());
    assertThat(c.skills()).containsExactly("hello", "verify");
    assertThat(c.claudeMd())
        .startsWith("## Rules\n\nBlock two.\n\n## Overview\n\nBlock one.\n\n")
        .contains(
            "Maximize usage of the following skills to complete this task:\n\n- hello\n- verify\n");
    Path script = wt.path().resolve(".claude/skills/hello/scripts/run.sh");
    assertThat(script).hasContent("#!/bin/sh\necho hi");
    // subtests that do not extend the previous tier, and bare ones, ignore the baseline
    assertThat(Workspaces.effectiveResources(subtest("T0", "02"), skills.resources(), null))
        .isEqualTo(subtest("T0", "02").resources());
    assertThat(Workspaces.effectiveResources(subtest("T0", "00"), baseline, null))
        .isEqualTo(subtest("T0", "00").resources());
  }

  @Test
  void agentChangesAreCommittedAndTheWorktreeRemovedWithItsBranch() throws Exception {
    Worktree wt = worktree("run_01");
    workspaces.configure(
        wt,
        catalogue,
        subtest("T0", "02"),
        subtest("T0", "02").resources(),
        ThinkingMode.NONE,
        Cancellation.never());
    InputFixtures.write(wt.path().resolve("hello.py"), "print('hi')\n");
    String head = workspaces.commitAgentChanges(wt, Cancellation.never());
    assertThat(git(wt.path(), "log", "-1", "--format=%s")).isEqualTo("[scylla] Agent changes");
    assertThat(git(wt.path(), "diff", "--name-only", first, head)).contains("hello.py");
    String empty = workspaces.commitAgentChanges(wt, Cancellation.never());
    assertThat(empty).isNotEqualTo(head);

    Path base = wt.baseDir();
    workspaces.remove(wt, Cancellation.never());
    assertThat(wt.path()).doesNotExist();
    assertThat(tmp.resolve("exp/T0/00/run_01/worktree_create.sh")).exists();
    assertThat(git(base, "branch", "--list", wt.branch())).isEmpty();
    assertThat(workspaces.listWorktrees(base, Cancellation.never())).hasSize(1);
    workspaces.remove(wt, Cancellation.never()); // idempotent
    assertThat(git(base, "cat-file", "-t", first)).isEqualTo("commit");
  }

  @Test
  void removalRefusesWhatIsNotAWorktreeAndCleansUpAMovedOne() throws Exception {
    Worktree wt = worktree("run_01");
    Path notOurs = tmp.resolve("exp/T0/00/run_02/workspace");
    InputFixtures.write(notOurs.resolve("precious.txt"), "user data\n");
    assertThatThrownBy(() -> workspaces.remove(wt.baseDir(), notOurs, null, Cancellation.never()))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("refusing to remove")
                    .contains(notOurs.toString()));
    assertThat(notOurs.resolve("precious.txt")).hasContent("user data");
    // git worktree add refuses it too, without touching it
    BaseRepository base =
        workspaces.prepareBase(
            tmp.resolve("exp/repo"), src.toString(), first, Cancellation.never());
    assertThatThrownBy(
            () -> workspaces.addWorktree(base, notOurs, "b2", null, Cancellation.never()))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("refusing to replace it");
    assertThat(notOurs.resolve("precious.txt")).hasContent("user data");

    // the reference's defect: a worktree moved with mv is no longer registered where it is
    Path moved = tmp.resolve("exp/moved/workspace");
    Files.createDirectories(moved.getParent());
    Files.move(wt.path(), moved);
    workspaces.remove(wt.baseDir(), moved, wt.branch(), Cancellation.never());
    assertThat(moved).doesNotExist();
    assertThat(workspaces.listWorktrees(wt.baseDir(), Cancellation.never())).hasSize(1);
    assertThat(git(wt.baseDir(), "branch", "--list", wt.branch())).isEmpty();
  }

  @Test
  void aLeftoverWorktreeOfAnEarlierAttemptIsReplaced() throws Exception {
    Worktree wt = worktree("run_01");
    InputFixtures.write(wt.path().resolve("half-done.txt"), "x");
    Worktree again = worktree("run_01");
    assertThat(again.path()).isEqualTo(wt.path());
    assertThat(again.path().resolve("half-done.txt")).doesNotExist();
    assertThat(git(again.path(), "rev-parse", "HEAD")).isEqualTo(first);
  }

  @Test
  void unreachableRepositoryBadCommitMissingGitAndCancellation() throws Exception {
    Path missing = tmp.resolve("no-such-repo");
    assertThatThrownBy(
            () ->
                workspaces.prepareBase(
                    tmp.resolve("e1/repo"), missing.toString(), first, Cancellation.never()))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT);
              assertThat(e.getMessage()).startsWith("cannot clone " + missing + ": ");
              assertThat(e.getMessage()).doesNotContain("\n");
            });
    assertThat(tmp.resolve("e1/repo")).doesNotExist();

    String bogus = "0123456789abcdef0123456789abcdef01234567";
    assertThatThrownBy(
            () ->
                workspaces.prepareBase(
                    tmp.resolve("e2/repo"), src.toString(), bogus, Cancellation.never()))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT);
              assertThat(e.getMessage())
                  .startsWith("commit " + bogus + " not found in " + src)
                  .doesNotContain("\n");
            });

    Workspaces noGit =
        new Workspaces(
            new Git(new LocalProcessLauncher(), "git-is-not-installed-here"),
            EventSink.NONE,
            GitIdentity.DEFAULT,
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
    assertThatThrownBy(
            () ->
                noGit.prepareBase(
                    tmp.resolve("e3/repo"), src.toString(), first, Cancellation.never()))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ScyllaException.Kind.BAD_INPUT);
              assertThat(e.getMessage())
                  .contains("git is not available")
                  .contains("not found on PATH");
            });

    Cancellation cancelled = new Cancellation();
    cancelled.cancel();
    assertThatThrownBy(
            () -> workspaces.prepareBase(tmp.resolve("e4/repo"), src.toString(), first, cancelled))
        .isInstanceOfSatisfying(
            ScyllaException.class,
            e -> assertThat(e.kind()).isEqualTo(ScyllaException.Kind.INTERRUPTED));
  }

  @Test
  void aNonGitDirectoryIsNotUsedAsTheClone() throws Exception {
    Path repo = tmp.resolve("e/repo");
    InputFixtures.write(repo.resolve("notes.txt"), "mine");
    assertThatThrownBy(
            () -> workspaces.prepareBase(repo, src.toString(), first, Cancellation.never()))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("exists and is not a git clone");
    assertThat(repo.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void concurrentRunsGetTheirOwnWorktrees() throws Exception {
    BaseRepository base =
        workspaces.prepareBase(
            tmp.resolve("exp/repo"), src.toString(), first, Cancellation.never());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 1; i <= 6; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  Worktree wt =
                      workspaces.addWorktree(
                          base,
                          tmp.resolve("exp/T0/02/run_0" + n + "/workspace"),
                          Workspaces.branchName("exp", new RunKey("T0", "02", n)),
                          null,
                          Cancellation.never());
                  ComposedWorkspace c =
                      workspaces.configure(
                          wt,
                          catalogue,
                          subtest("T0", "02"),
                          subtest("T0", "02").resources(),
                          ThinkingMode.NONE,
                          Cancellation.never());
                  InputFixtures.write(wt.path().resolve("n.txt"), Integer.toString(n));
                  workspaces.commitAgentChanges(wt, Cancellation.never());
                  workspaces.remove(wt, Cancellation.never());
                  return c.commit();
                }));
      }
      for (Future<String> f : futures) {
        assertThat(f.get()).hasSize(40);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(workspaces.listWorktrees(base.dir(), Cancellation.never())).hasSize(1);
    assertThat(git(base.dir(), "branch", "--list", "exp_*")).isEmpty();
  }
}
