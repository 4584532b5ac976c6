package dev.scylla.figures;

import java.util.regex.Pattern;

/** Short display names for long model ids. */
final class Names {
  private static final Pattern DATE = Pattern.compile("-\\d{8}$");

  private Names() {}

  /** {@code claude-opus-4-5-20251101} → {@code opus-4-5}; other ids unchanged. */
  static String shortModel(String id) {
    if (id == null || id.isEmpty()) {
      return "?";
    }
    String s = DATE.matcher(id).replaceFirst("");
    return s.startsWith("claude-") ? s.substring("claude-".length()) : s;
  }
}
