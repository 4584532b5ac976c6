package dev.scylla.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Display names of agent models as the reference's exported data shows them: {@code
 * claude-sonnet-4-5-20250929} becomes {@code Sonnet 4.5}. The first of the patterns opus, sonnet,
 * haiku found in the id decides; a date suffix is dropped; any other id is shown unchanged. Judge
 * model ids are never mapped.
 */
public final class ModelNames {
  private static final Pattern[] PATTERNS = {
    Pattern.compile("claude-(opus)-([0-9]+)-([0-9]{1,2})(?![0-9])"),
    Pattern.compile("claude-(sonnet)-([0-9]+)-([0-9]{1,2})(?![0-9])"),
    Pattern.compile("claude-(haiku)-([0-9]+)-([0-9]{1,2})(?![0-9])")
  };

  private ModelNames() {}

  /** The display name of a model id. */
  public static String display(String id) {
    if (id == null) {
      return null;
    }
    for (Pattern p : PATTERNS) {
      Matcher m = p.matcher(id);
      if (m.find()) {
        String family = m.group(1);
        return Character.toUpperCase(family.charAt(0))
            + family.substring(1)
            + " "
            + m.group(2)
            + "."
            + m.group(3);
      }
    }
    return id;
  }
}
