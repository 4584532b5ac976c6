package dev.scylla.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scylla.model.ScyllaException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
  @Test
  void displayNamesAsTheCommittedData() {
    assertThat(ModelNames.display("claude-sonnet-4-5-20250929")).isEqualTo("Sonnet 4.5");
    assertThat(ModelNames.display("claude-haiku-4-5")).isEqualTo("Haiku 4.5");
    assertThat(ModelNames.display("claude-opus-4-6")).isEqualTo("Opus 4.6");
    assertThat(ModelNames.display("claude-opus-4-20250514")).isEqualTo("claude-opus-4-20250514");
    assertThat(ModelNames.display("gpt-5-codex")).isEqualTo("gpt-5-codex");
  }

  @Test
  void csvFollowsPandas() {
    String csv =
        new Csv(List.of("a", "b", "c", "d", "e", "f", "g"))
            .text("plain")
            .text("with, comma")
            .text("say \"hi\"\nbye")
            .num(1e-5)
            .num(Double.NaN)
            .num(Double.POSITIVE_INFINITY)
            .bool(true)
            .end()
            .toString();
    assertThat(csv)
        .isEqualTo(
            "a,b,c,d,e,f,g\nplain,\"with, comma\",\"say \"\"hi\"\"\nbye\",1e-05,,inf,True\n");
    assertThat(Csv.format(169.47920100000002)).isEqualTo("169.47920100000002");
    assertThat(Csv.format(1.0)).isEqualTo("1.0");
    assertThat(Csv.format(1e16)).isEqualTo("1e+16");
  }

  @Test
  void exclusionPatterns() {
    Exclusions x = Exclusions.parse(List.of("old-*", "T3", "T4/02", "exp/T5/*"));
    assertThat(x.excludesExperiment("old-run")).isTrue();
    assertThat(x.excludesExperiment("new-run")).isFalse();
    assertThat(x.excludes("any", "T3", "01")).isTrue();
    assertThat(x.excludes("any", "T4", "02")).isTrue();
    assertThat(x.excludes("any", "T4", "01")).isFalse();
    assertThat(x.excludes("exp", "T5", "07")).isTrue();
    assertThat(x.excludes("other", "T5", "07")).isFalse();
    assertThat(Exclusions.parse(List.of("t1")).excludes("e", "T1", "00")).isTrue();
    for (String bad : List.of("", "a//b", "a/b/c/d", "/T1")) {
      assertThatThrownBy(() -> Exclusions.parse(List.of(bad)))
          .isInstanceOf(ScyllaException.class)
          .hasMessageContaining("--exclude");
    }
  }

  @Test
  void rateLimitSignals() {
    assertThat(
            InfraSignals.rateLimitInStdout(
                "{\"type\":\"result\",\"is_error\":true,\"result\":\"Claude AI usage limit"
                    + " reached|1700000000\"}"))
        .isFalse();
    assertThat(
            InfraSignals.rateLimitInStdout(
                "{\"type\":\"system\"}\n{\"type\":\"result\",\"is_error\":true,"
                    + "\"result\":\"You've hit your limit · resets 5pm\"}\n"))
        .isTrue();
    assertThat(
            InfraSignals.rateLimitInStdout(
                "{\"type\":\"result\",\"is_error\":false,\"result\":\"rate limit docs written\"}"))
        .isFalse();
    assertThat(InfraSignals.rateLimitInStderr("HTTP 429")).isTrue();
    assertThat(InfraSignals.rateLimitInStderr("Overloaded")).isTrue();
    assertThat(InfraSignals.rateLimitInStderr("Traceback: KeyError")).isFalse();
    assertThat(InfraSignals.timeout("Agent timed out after 300s")).isTrue();
  }

  @Test
  void gradeCounts() {
    GradeCounts g = GradeCounts.NONE.plus("A").plus("A").plus("S").plus("N/A");
    assertThat(g.a()).isEqualTo(2);
    assertThat(g.s()).isEqualTo(1);
    assertThat(g.total()).isEqualTo(3);
  }
}
