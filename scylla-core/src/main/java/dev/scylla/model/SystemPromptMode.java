package dev.scylla.model;

import java.util.Locale;

/**
 * {@code system_prompt_mode} of a subtest: {@code none} gives the agent an empty system prompt
 * ({@code --system-prompt ""}); {@code default} and {@code custom} leave the CLI's own (custom
 * subtests add a CLAUDE.md).
 */
public enum SystemPromptMode {
  NONE,
  DEFAULT,
  CUSTOM;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named by {@code text}, or null when it names none. */
  public static SystemPromptMode fromYaml(String text) {
    for (SystemPromptMode m : values()) {
      if (m.yamlName().equals(text)) {
        return m;
      }
    }
    return null;
  }
}
