package dev.scylla.model;

import java.util.Locale;
import java.util.Map;

/** Normalises the reference's model aliases ({@code sonnet} to {@code claude-sonnet-4-6}, ...). */
public final class ModelIds {
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("opus", "claude-opus-4-6"),
          Map.entry("sonnet", "claude-sonnet-4-6"),
          Map.entry("haiku", "claude-haiku-4-5"),
          Map.entry("opus-4.6", "claude-opus-4-6"),
          Map.entry("sonnet-4.6", "claude-sonnet-4-6"),
          Map.entry("haiku-4.5", "claude-haiku-4-5"),
          Map.entry("opus-4.5", "claude-opus-4-5"),
          Map.entry("sonnet-4.5", "claude-sonnet-4-5"));

  private ModelIds() {}

  /** The canonical id for an alias (case-insensitive, trimmed); anything else unchanged. */
  public static String normalize(String id) {
    if (id == null) {
      return null;
    }
    String alias = ALIASES.get(id.trim().toLowerCase(Locale.ROOT));
    return alias != null ? alias : id.trim();
  }
}
