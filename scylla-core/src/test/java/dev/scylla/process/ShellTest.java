package dev.scylla.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellTest {
  @TempDir Path tmp;

  @Test
  void quotesLikeShlex() {
    assertThat(Shell.quote("plain-word_1.2/x")).isEqualTo("plain-word_1.2/x");
    assertThat(Shell.quote("")).isEqualTo("''");
    assertThat(Shell.quote("two words")).isEqualTo("'two words'");
    assertThat(Shell.quote("it's")).isEqualTo("'it'\"'\"'s'");
  }

  @Test
  void quotedWordsSurviveARealShell() throws Exception {
    List<String> words = List.of("a b", "it's", "$HOME", "`x`", "\\n", "line1\nline2", "", "*");
    Path out = tmp.resolve("out");
    Captured c =
        Captured.run(
            new LocalProcessLauncher(),
            List.of("bash", "-c", "printf '%s\\0' " + Shell.join(words) + " > " + out),
            tmp,
            Map.of(),
            Duration.ofSeconds(20));
    assertThat(c.ok()).isTrue();
    String[] got = Files.readString(out).split("\0", -1);
    assertThat(List.of(got).subList(0, words.size())).isEqualTo(words);
  }
}
