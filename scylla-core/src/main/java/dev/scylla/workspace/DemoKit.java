package dev.scylla.workspace;

import dev.scylla.model.ScyllaException;
import dev.scylla.process.Cancellation;
import dev.scylla.process.Captured;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled demo: a tiny Python task ({@code test/}: test.yaml, prompt, rubric, criteria), a
 * catalogue of two tiers with two subtests each ({@code catalogue/}, the reference's format), and
 * the task repository, created locally as a git repository with one commit so that no network is
 * needed. The files live as resources under {@code dev/scylla/demo/} (listed in its {@code
 * index.txt}).
 */
public final class DemoKit {
  private static final String BASE = "/dev/scylla/demo/";
  private static final GitIdentity DEMO_IDENTITY =
      new GitIdentity("scylla demo", "demo@scylla.invalid");
  private static final String DEMO_DATE = "2026-01-01T00:00:00+00:00";

  /**
   * Where the demo was written.
   *
   * @param testDir the test directory ({@code test.yaml} names {@code repoDir} and {@code commit})
   * @param catalogueDir the tier/subtest catalogue
   * @param repoDir the task repository (a git repository with one commit)
   * @param commit that commit
   */
  public record Materialized(Path testDir, Path catalogueDir, Path repoDir, String commit) {}

  private DemoKit() {}

  /** The bundled files: path relative to the demo root to content. */
  public static Map<String, byte[]> resources() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String rel : new String(read("index.txt"), StandardCharsets.UTF_8).split("\n")) {
      String r = rel.strip();
      if (!r.isEmpty()) {
        out.put(r, read(r));
      }
    }
    return out;
  }

  /**
   * Writes the demo into {@code dir} ({@code dir/test}, {@code dir/catalogue}, {@code dir/repo})
   * and returns the paths. Idempotent: an existing demo repository is reused (its commit is read
   * back), the other files are rewritten.
   */
  public static Materialized materialize(Path dir, ProcessLauncher launcher, Cancellation cancel)
      throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    Map<String, byte[]> files = resources();
    Path repo = root.resolve("repo");
    Git git = new Git(launcher);
    Duration t = Duration.ofSeconds(60);
    String commit;
    if (Files.exists(repo.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
      commit = git.ok(repo, t, cancel, List.of("rev-parse", "HEAD")).stdout().strip();
    } else {
      for (var e : files.entrySet()) {
        if (e.getKey().startsWith("repo/")) {
          AtomicFiles.write(root.resolve(e.getKey()), e.getValue());
        }
      }
      git.ok(repo, t, cancel, List.of("-c", "init.defaultBranch=main", "init", "--quiet"));
      git.ok(repo, t, cancel, List.of("add", "-A"));
      List<String> args = new ArrayList<>(DEMO_IDENTITY.configArgs());
      args.addAll(
          List.of(
              "-c",
              "core.hooksPath=/dev/null",
              "commit",
              "--quiet",
              "--no-verify",
              "--date",
              DEMO_DATE,
              "-m",
              "Hello World repository for the scylla demo"));
      Captured c = commitWithFixedDate(launcher, repo, args, cancel);
      if (!c.ok()) {
        throw new ScyllaException(
            ScyllaException.Kind.FAILED,
            "cannot create the demo repository in " + repo + ": " + Git.message(c));
      }
      commit = git.ok(repo, t, cancel, List.of("rev-parse", "HEAD")).stdout().strip();
    }
    for (var e : files.entrySet()) {
      String rel = e.getKey();
      if (rel.startsWith("repo/")) {
        continue;
      }
      byte[] bytes = e.getValue();
      if (rel.equals("test/test.yaml")) {
        bytes =
            new String(bytes, StandardCharsets.UTF_8)
                .replace("@REPO@", repo.toString())
                .replace("@COMMIT@", commit)
                .getBytes(StandardCharsets.UTF_8);
      }
      AtomicFiles.write(root.resolve(rel), bytes);
    }
    return new Materialized(root.resolve("test"), root.resolve("catalogue"), repo, commit);
  }

  private static Captured commitWithFixedDate(
      ProcessLauncher launcher, Path repo, List<String> args, Cancellation cancel)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(args);
    Map<String, String> env = new LinkedHashMap<>(Git.env());
    env.put("GIT_COMMITTER_DATE", DEMO_DATE);
    env.put("GIT_AUTHOR_DATE", DEMO_DATE);
    return Captured.run(launcher, command, repo, env, Duration.ofSeconds(60), cancel);
  }

  private static byte[] read(String rel) {
    try (InputStream in = DemoKit.class.getResourceAsStream(BASE + rel)) {
      if (in == null) {
        throw new IllegalStateException("demo resource missing from the build: " + BASE + rel);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read demo resource " + BASE + rel, e);
    }
  }
}
