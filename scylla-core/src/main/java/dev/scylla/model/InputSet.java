package dev.scylla.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprints of an experiment's inputs at one moment: one per subtest for its runs (the
 * subtest's configuration is part of it) and one per judge slot.
 *
 * @param runs {@code T0/00} → the fingerprint its runs are made from
 * @param judges slot number → the fingerprint its judge judges with
 */
public record InputSet(Map<String, Fingerprint> runs, Map<Integer, Fingerprint> judges) {
  public InputSet {
    runs = java.util.Collections.unmodifiableMap(new TreeMap<>(runs));
    judges = java.util.Collections.unmodifiableMap(new TreeMap<>(judges));
  }

  /** The SHA-256 of every fingerprint, in order: the experiment's inputs as one value. */
  public String sha256() {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(runs)
        .forEach((k, v) -> sb.append("run ").append(k).append('=').append(v.sha256()).append('\n'));
    new TreeMap<>(judges)
        .forEach(
            (k, v) -> sb.append("judge ").append(k).append('=').append(v.sha256()).append('\n'));
    return Fingerprint.sha256(sb.toString());
  }
}
