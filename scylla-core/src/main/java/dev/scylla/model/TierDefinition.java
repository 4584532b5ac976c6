package dev.scylla.model;

/**
 * One tier of {@code tiers.yaml}. {@code toolsEnabled} and {@code delegationEnabled} are recorded
 * as the reference loads them; like the reference, nothing acts on them.
 *
 * @param toolsEnabled true, false, or null ("varies by subtest")
 */
public record TierDefinition(
    String id, String name, String description, Boolean toolsEnabled, boolean delegationEnabled) {

  /** The reference's tier names, used when a catalogue has no tiers.yaml. */
  public static TierDefinition defaultFor(String tier) {
    String name =
        switch (tier) {
          case "T0" -> "Prompts";
          case "T1" -> "Skills";
          case "T2" -> "Tooling";
          case "T3" -> "Delegation";
          case "T4" -> "Hierarchy";
          case "T5" -> "Hybrid";
          case "T6" -> "Super";
          default -> tier;
        };
    return new TierDefinition(tier, name, "", null, false);
  }
}
