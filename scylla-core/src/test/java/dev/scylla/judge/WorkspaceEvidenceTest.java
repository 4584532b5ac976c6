package dev.scylla.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scylla.process.Cancellation;
import dev.scylla.process.Captured;
import dev.scylla.process.LocalProcessLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace state, diff and deleted files, read from a real git repository. */
class WorkspaceEvidenceTest {
  @TempDir Path tmp;
  Path ws;
  final LocalProcessLauncher launcher = new LocalProcessLauncher(Duration.ofMillis(300));
  final WorkspaceEvidence evidence = new WorkspaceEvidence(launcher);

  @BeforeEach
  void gitRepo() throws Exception {
    ws = Files.createDirectory(tmp.resolve("ws"));
    assumeTrue(git("init", "-q").ok(), "skipped: git is not installed");
    Files.writeString(ws.resolve("README"), "readme\n");
    Files.writeString(ws.resolve("a.txt"), "one\n");
    Files.writeString(ws.resolve("b.txt"), "bee\n");
    Files.writeString(ws.resolve("CLAUDE.md"), "rules\n");
    Files.createDirectories(ws.resolve(".claude"));
    Files.writeString(ws.resolve(".claude/settings.json"), "{}\n");
    commit("base");
  }

  Captured git(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"));
    cmd.addAll(List.of(args));
    return Captured.run(launcher, cmd, ws, Map.of(), Duration.ofSeconds(30));
  }

  void commit(String msg) throws Exception {
    assertThat(git("add", "-A").ok()).isTrue();
    assertThat(git("commit", "-q", "-m", msg).ok()).isTrue();
  }

  @Test
  void listsChangesExpandsNewDirectoriesAndSkipsTheTestInfrastructure() throws Exception {
    Files.writeString(ws.resolve("a.txt"), "one\ntwo\n");
    Files.delete(ws.resolve("b.txt"));
    Files.writeString(ws.resolve("c.txt"), "staged\n");
    git("add", "c.txt");
    Files.writeString(ws.resolve("hello.py"), "print('Hello, World!')\n");
    Files.createDirectories(ws.resolve("pkg/sub"));
    Files.writeString(ws.resolve("pkg/sub/x.py"), "X = 1\n");
    Files.writeString(ws.resolve("with space.txt"), "s\n");
    Files.writeString(ws.resolve("CLAUDE.md"), "changed rules\n");
    Files.writeString(ws.resolve(".claude/new.json"), "{}\n");
    Files.write(ws.resolve("blob.bin"), new byte[] {1, 0, 2});
    WorkspaceEvidence.State s = evidence.collect(ws, null, Cancellation.never());
    assertThat(s.listing())
        .isEqualTo(
            "Files modified/created by agent:\n"
                + "- `a.txt` (modified)\n"
                + "- `b.txt` (deleted)\n"
                + "- `c.txt` (added)\n"
                + "- `blob.bin` (created)\n"
                + "- `hello.py` (created)\n"
                + "- `pkg/sub/x.py` (created)\n"
                + "- `with space.txt` (created)");
    assertThat(s.patch())
        .contains("## Unstaged Changes\ndiff --git a/a.txt b/a.txt")
        .contains("+two")
        .contains("## Staged Changes\ndiff --git a/c.txt b/c.txt")
        .contains("## Untracked Files\n")
        .contains("+print('Hello, World!')")
        .contains("+X = 1")
        .contains("(blob.bin: not shown, binary")
        .doesNotContain("rules")
        .doesNotContain("new.json");
    assertThat(s.deleted()).containsExactly("b.txt");
  }

  @Test
  void aCleanWorkspaceFallsBackToTheLastCommit() throws Exception {
    Files.writeString(ws.resolve("hello.py"), "print(1)\n");
    commit("agent");
    WorkspaceEvidence.State s = evidence.collect(ws, null, Cancellation.never());
    assertThat(s.listing()).isEqualTo("(no changes detected)");
    assertThat(s.patch()).startsWith("## Committed Changes\n").contains("+print(1)");
    assertThat(s.deleted()).isEmpty();
  }

  @Test
  void aBaseRefShowsEveryChangeSinceTheAgentStarted() throws Exception {
    String base = git("rev-parse", "HEAD").stdout().strip();
    Files.writeString(ws.resolve("one.py"), "1\n");
    commit("agent commit 1");
    Files.writeString(ws.resolve("two.py"), "2\n");
    commit("agent commit 2");
    Files.delete(ws.resolve("a.txt"));
    WorkspaceEvidence.State s = evidence.collect(ws, base, Cancellation.never());
    assertThat(s.patch()).startsWith("## Changes since " + base).contains("+1").contains("+2");
    assertThat(s.deleted()).containsExactly("a.txt");
  }

  @Test
  void aDirectoryThatIsNotARepositoryNeverReadsTheRepositoryAboveIt() throws Exception {
    Path inner = Files.createDirectories(ws.resolve("nested/plain"));
    Files.writeString(inner.resolve("f.txt"), "x\n");
    WorkspaceEvidence.State s = evidence.collect(inner, null, Cancellation.never());
    assertThat(s.listing())
        .startsWith("(unable to get workspace state: ")
        .contains("not a git repository");
    assertThat(s.patch()).isEqualTo("(unable to generate patchfile)");
    assertThat(s.deleted()).isEmpty();
  }
}
