package dev.scylla.figures;

import java.util.regex.Pattern;

/** Short display names for long model ids. */
final class Names {
  private static final Pattern DATE = Pattern.compile("-\\d{8}$");

  private Names() {}

  /**
   * The agent models that have data ({@code present}), in the analysis' order ({@code models}),
   * then any others in their own order.
   */
  static java.util.List<String> inOrder(
      java.util.List<String> models, java.util.Collection<String> present) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String m : models) {
      if (present.contains(m)) {
        out.add(m);
      }
    }
    for (String m : present) {
      if (!out.contains(m)) {
        out.add(m);
      }
    }
    return out;
  }

  /** {@code claude-opus-4-5-20251101} → {@code opus-4-5}; other ids unchanged. */
  static String shortModel(String id) {
    if (id == null || id.isEmpty()) {
      return "?";
    }
    String s = DATE.matcher(id).replaceFirst("");
    return s.startsWith("claude-") ? s.substring("claude-".length()) : s;
  }
}
