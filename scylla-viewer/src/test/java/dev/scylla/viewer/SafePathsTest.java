package dev.scylla.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafePathsTest {
  @TempDir Path tmp;

  @Test
  void plainAndEncodedNamesDecode() {
    assertThat(SafePaths.segments("T0/00/run_01/agent/output.txt"))
        .contains(List.of("T0", "00", "run_01", "agent", "output.txt"));
    assertThat(SafePaths.segments("a%20b/c+d")).contains(List.of("a b", "c+d"));
    assertThat(SafePaths.segments("%C3%A9t%C3%A9.md")).contains(List.of("été.md"));
  }

  @Test
  void everyEncodingOfDotDotAndSeparatorsIsRefused() {
    for (String raw :
        List.of(
            "..",
            "../etc/passwd",
            "a/../../etc/passwd",
            ".",
            "a/./b",
            "%2e%2e/etc/passwd",
            "%2E%2E/etc/passwd",
            ".%2e/x",
            "%252e%252e/etc/passwd",
            "..%2fetc%2fpasswd",
            "a%2fb",
            "a%5cb",
            "..%5c..%5cetc",
            "a\\b",
            "a%00b",
            "%c0%ae%c0%ae/etc",
            "%e0%80%ae%e0%80%ae/etc",
            "a//b",
            "/etc/passwd",
            "a/",
            "%",
            "%4",
            "%zz",
            "a%0ab")) {
      assertThat(SafePaths.segments(raw)).as(raw).isEmpty();
    }
  }

  @Test
  void symlinksAreFollowedOnlyInside() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("exp")).toRealPath();
    Files.writeString(root.resolve("inside.txt"), "in");
    Path outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("escape.txt"), outside);
    Files.createSymbolicLink(root.resolve("dir-escape"), tmp);
    Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("inside.txt"));
    assertThat(SafePaths.file(root, List.of("inside.txt"))).isPresent();
    assertThat(SafePaths.file(root, List.of("alias.txt"))).isPresent();
    assertThat(SafePaths.file(root, List.of("escape.txt"))).isEmpty();
    assertThat(SafePaths.file(root, List.of("dir-escape", "secret.txt"))).isEmpty();
    assertThat(SafePaths.file(root, List.of("missing.txt"))).isEmpty();
    assertThat(SafePaths.file(root, List.of())).isEmpty();
  }
}
