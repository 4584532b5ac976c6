package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both durabilities of {@link AtomicFiles}: the same file in the end, no temporary file left. */
class AtomicFilesTest {
  @TempDir Path tmp;

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void derivedAndDurableWritesLeaveTheSameFile() throws IOException {
    Path durable = tmp.resolve("a/durable.json");
    Path derived = tmp.resolve("b/derived.json");
    for (String text : List.of("{}\n", "{\"x\": 1}\n")) {
      AtomicFiles.write(durable, text.getBytes(StandardCharsets.UTF_8));
      AtomicFiles.writeDerived(derived, text.getBytes(StandardCharsets.UTF_8));
      assertThat(derived).hasSameBinaryContentAs(durable);
    }
    assertThat(names(durable.getParent())).containsExactly("durable.json");
    assertThat(names(derived.getParent())).containsExactly("derived.json");
  }

  @Test
  void aDerivedStageReplacesOnCommitAndVanishesOtherwise() throws IOException {
    Path f = tmp.resolve("result.json");
    AtomicFiles.writeDerived(f, "old\n".getBytes(StandardCharsets.UTF_8));
    try (AtomicFiles.Staged s =
        AtomicFiles.stageDerived(f, out -> out.write("new\n".getBytes(StandardCharsets.UTF_8)))) {
      assertThat(s.sameBytesAsTarget()).isFalse();
      assertThat(Files.readString(f)).isEqualTo("old\n");
      s.commit();
    }
    assertThat(Files.readString(f)).isEqualTo("new\n");
    try (AtomicFiles.Staged s =
        AtomicFiles.stageDerived(f, out -> out.write("other\n".getBytes(StandardCharsets.UTF_8)))) {
      assertThat(s.content()).exists();
    }
    assertThat(Files.readString(f)).isEqualTo("new\n");
    assertThat(names(tmp)).containsExactly("result.json");
  }
}
