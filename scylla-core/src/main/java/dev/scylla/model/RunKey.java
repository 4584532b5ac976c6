package dev.scylla.model;

import java.util.Comparator;
import java.util.Objects;

/** Identifies one expected run: tier, subtest and 1-based run number. */
public record RunKey(String tier, String subtest, int run) implements Comparable<RunKey> {
  private static final Comparator<RunKey> ORDER =
      Comparator.comparing(RunKey::tier, Tiers.TIER_ORDER)
          .thenComparing(RunKey::subtest, Tiers.SUBTEST_ORDER)
          .thenComparingInt(RunKey::run);

  public RunKey {
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(subtest, "subtest");
    if (run < 1) {
      throw new IllegalArgumentException("run number must be >= 1: " + run);
    }
  }

  /** {@code T0/00/run_01}, the label used in listings. */
  public String label() {
    return tier + "/" + subtest + "/" + Tiers.runDirName(run);
  }

  @Override
  public int compareTo(RunKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return label();
  }
}
