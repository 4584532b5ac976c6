package dev.scylla.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What an experiment records about its inputs beside the runs and slots ({@code
 * .scylla/fingerprints.json}): the inputs as scylla first saw them (the fingerprint of runs and
 * slots that record none of their own: made by the reference or an older scylla), and every time an
 * acting command was told to go on under changed inputs ({@code --accept-drift}).
 *
 * @param firstSeen the inputs at first sight, or null when not recorded
 * @param firstSeenAt when (ISO-8601), or null
 * @param accepted the acceptances, oldest first
 */
public record FingerprintRecord(InputSet firstSeen, String firstSeenAt, List<Acceptance> accepted) {
  public static final FingerprintRecord NONE = new FingerprintRecord(null, null, List.of());

  public FingerprintRecord {
    accepted = List.copyOf(accepted);
  }

  /**
   * One {@code --accept-drift}.
   *
   * @param inputsSha256 {@link InputSet#sha256()} of the inputs accepted
   * @param changed what differed, as the drift report described it
   */
  public record Acceptance(String at, String command, String inputsSha256, List<String> changed) {
    public Acceptance {
      changed = List.copyOf(changed);
    }
  }

  public FingerprintRecord withFirstSeen(InputSet inputs, String at) {
    return new FingerprintRecord(inputs, at, accepted);
  }

  public FingerprintRecord with(Acceptance a) {
    List<Acceptance> out = new ArrayList<>(accepted);
    out.add(a);
    return new FingerprintRecord(firstSeen, firstSeenAt, out);
  }

  /** The acceptance of exactly these inputs, or null. */
  public Acceptance acceptanceOf(String inputsSha256) {
    for (int i = accepted.size() - 1; i >= 0; i--) {
      if (accepted.get(i).inputsSha256().equals(inputsSha256)) {
        return accepted.get(i);
      }
    }
    return null;
  }
}
