package dev.scylla.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real git repositories for tests, made with the git CLI directly (not with the code under test).
 */
public final class GitFixtures {
  private GitFixtures() {}

  /** Runs git in {@code dir} with a throw-away identity and returns its trimmed stdout. */
  public static String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(
        List.of(
            "-c",
            "user.name=fixture",
            "-c",
            "user.email=fixture@test",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates a repository at {@code dir} with one commit of {@code files}; returns the commit. */
  public static String repo(Path dir, Map<String, String> files) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    git(dir, "init", "--quiet");
    return commit(dir, files, "initial");
  }

  /** Writes {@code files} and commits them; returns the new commit. */
  public static String commit(Path dir, Map<String, String> files, String message) {
    files.forEach((k, v) -> InputFixtures.write(dir.resolve(k), v));
    git(dir, "add", "-A");
    git(dir, "commit", "--quiet", "-m", message);
    return git(dir, "rev-parse", "HEAD");
  }
}
