package dev.scylla.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The recorded experiment and catalogue in {@code ../shared/fixtures}. They exist in CI but not in
 * a user's clone: tests that need them call {@link #dryrun()} and are skipped, with a message
 * saying why, when they are absent. Tests always work on copies.
 */
public final class SharedFixtures {
  private SharedFixtures() {}

  /** The shared directory, or null when absent. */
  public static Path sharedDir() {
    String prop = System.getProperty("scylla.shared.dir");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop).toAbsolutePath().normalize();
    }
    Path p = Paths.get("").toAbsolutePath();
    for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
      Path candidate = p.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("fixtures"))) {
        return candidate.normalize();
      }
    }
    return null;
  }

  private static Path fixture(String rel) {
    Path shared = sharedDir();
    Path p = shared == null ? null : shared.resolve(rel);
    assumeTrue(
        p != null && Files.isDirectory(p),
        "skipped: ../shared/" + rel + " is not present (it exists in CI, not in a bare clone)");
    return p;
  }

  /** The recorded experiment ({@code fixtures/scylla-dryrun/experiment}); skips when absent. */
  public static Path dryrun() {
    return fixture("fixtures/scylla-dryrun/experiment");
  }

  /** The reference's exported analysis files; skips when absent. */
  public static Path dryrunAnalysis() {
    return fixture("fixtures/scylla-dryrun/analysis-data");
  }

  /** The reference's test definitions and catalogue; skips when absent. */
  public static Path catalogue() {
    return fixture("fixtures/scylla-catalogue");
  }

  /** A fresh copy of the recorded experiment under {@code dir}. */
  public static Path copyOfDryrun(Path dir) {
    Path dest = dir.resolve("2026-01-20T06-13-07-test-001");
    copyTree(dryrun(), dest);
    return dest;
  }

  /** Copies a directory tree (symlinks copied as links). */
  public static void copyTree(Path from, Path to) {
    try {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectories(to.resolve(from.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.copy(
                  file,
                  to.resolve(from.relativize(file).toString()),
                  StandardCopyOption.COPY_ATTRIBUTES,
                  LinkOption.NOFOLLOW_LINKS);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
