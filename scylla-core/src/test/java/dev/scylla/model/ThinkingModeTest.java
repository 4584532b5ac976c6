package dev.scylla.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThinkingModeTest {
  @Test
  void keywordsPrefixThePromptWithABlankLine() {
    assertThat(ThinkingMode.NONE.applyTo("do it")).isEqualTo("do it");
    assertThat(ThinkingMode.LOW.applyTo("do it")).isEqualTo("think\n\ndo it");
    assertThat(ThinkingMode.HIGH.applyTo("do it")).isEqualTo("think hard\n\ndo it");
    assertThat(ThinkingMode.ULTRATHINK.applyTo("do it")).isEqualTo("ultrathink\n\ndo it");
  }

  @Test
  void parsesConfigNamesCaseInsensitively() {
    assertThat(ThinkingMode.parse("UltraThink")).isEqualTo(ThinkingMode.ULTRATHINK);
    assertThat(ThinkingMode.parse("high")).isEqualTo(ThinkingMode.HIGH);
    assertThat(ThinkingMode.parse(null)).isEqualTo(ThinkingMode.NONE);
    assertThatThrownBy(() -> ThinkingMode.parse("max"))
        .isInstanceOf(ScyllaException.class)
        .hasMessageContaining("'max'");
  }

  @Test
  void timestampsLookLikePythonIsoformat() {
    assertThat(Timestamps.iso(java.time.Instant.parse("2026-01-20T06:13:53.410655Z")))
        .isEqualTo("2026-01-20T06:13:53.410655+00:00");
  }
}
