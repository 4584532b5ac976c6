package dev.scylla.store;

/** Reads the {@code MODEL.md} files the reference writes beside agent and judge output. */
public final class ModelMarkdown {
  private static final String MARKER = "**Model**:";

  private ModelMarkdown() {}

  /**
   * The model id of the first line that starts with {@code **Model**:} (text after the colon,
   * trimmed), or null when there is no such line or it names nothing.
   */
  public static String model(String text) {
    for (String line : text.split("\r?\n", -1)) {
      String l = line.strip();
      if (l.startsWith(MARKER)) {
        String id = l.substring(MARKER.length()).strip();
        return id.isEmpty() ? null : id;
      }
    }
    return null;
  }
}
