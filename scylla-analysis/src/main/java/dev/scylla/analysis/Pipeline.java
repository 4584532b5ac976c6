package dev.scylla.analysis;

import java.util.Locale;

/**
 * Which version of the reference's analysis pipeline {@code scylla analyze} follows.
 *
 * <ul>
 *   <li>{@link #HEAD} (the default): the reference's current pipeline — {@code experiment} is the
 *       experiment folder under the data dir, {@code agent_model} the model id, the process-metric
 *       columns and keys, power analysis, interaction tests, the first→last pass-rate contrast, and
 *       fully tied Mann–Whitney pairs kept in the Holm family with p = 1.
 *   <li>{@link #COMMITTED}: the older pipeline that produced the reference's committed analysis
 *       data, reproduced byte for byte ({@code --compat committed}).
 * </ul>
 */
public enum Pipeline {
  HEAD,
  COMMITTED;

  public boolean head() {
    return this == HEAD;
  }

  /** The option's spelling: {@code head}, {@code committed}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code head} or {@code committed} (any case); null for anything else. */
  public static Pipeline parse(String s) {
    for (Pipeline p : values()) {
      if (p.optionName().equalsIgnoreCase(s.strip())) {
        return p;
      }
    }
    return null;
  }
}
