package dev.scylla.model;

import java.util.Locale;

/**
 * The agent's extended-thinking setting ({@code thinking_mode} of the experiment config). Anything
 * but {@code None} prefixes the prompt with a keyword and a blank line and turns on {@code
 * alwaysThinkingEnabled} in the workspace's {@code .claude/settings.json}.
 */
public enum ThinkingMode {
  NONE("None", ""),
  LOW("Low", "think"),
  HIGH("High", "think hard"),
  ULTRATHINK("UltraThink", "ultrathink");

  private final String configName;
  private final String keyword;

  ThinkingMode(String configName, String keyword) {
    this.configName = configName;
    this.keyword = keyword;
  }

  /** The value stored in {@code config/experiment.json}: None, Low, High, UltraThink. */
  public String configName() {
    return configName;
  }

  /** The word put before the prompt; empty for {@link #NONE}. */
  public String keyword() {
    return keyword;
  }

  public boolean enabled() {
    return this != NONE;
  }

  /** The prompt as the agent receives it: keyword, blank line, prompt (unchanged for None). */
  public String applyTo(String prompt) {
    return this == NONE ? prompt : keyword + "\n\n" + prompt;
  }

  /** Parses a config or option value (case-insensitive); null means None. */
  public static ThinkingMode parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (ThinkingMode m : values()) {
      if (m.configName.toLowerCase(Locale.ROOT).equals(t)) {
        return m;
      }
    }
    throw ScyllaException.badInput(
        "unknown thinking mode '" + text + "': expected None, Low, High or UltraThink");
  }
}
