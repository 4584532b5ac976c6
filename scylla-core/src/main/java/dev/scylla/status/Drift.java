package dev.scylla.status;

import dev.scylla.model.Fingerprint;
import dev.scylla.model.FingerprintRecord;
import dev.scylla.model.InputSet;
import dev.scylla.model.RunKey;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drift: compares what each made run and each judged slot records it was made with against the
 * experiment's current inputs. Pure: the fingerprints come from the scan.
 *
 * <p>A run or slot without a fingerprint of its own (the reference's, an older scylla's) is taken
 * as made under the inputs scylla first saw ({@link FingerprintRecord#firstSeen()}), or under the
 * current ones when nothing was recorded yet.
 */
public final class Drift {
  private Drift() {}

  /**
   * What one run records.
   *
   * @param made whether the agent finished (a completed or results run): only made runs compare
   * @param fingerprint the fingerprint of the attempt that made it, or null when not recorded
   * @param slots the slots holding a counted verdict
   */
  public record RunRecord(
      RunKey key, boolean made, Fingerprint fingerprint, List<SlotRecord> slots) {
    public RunRecord {
      slots = List.copyOf(slots);
    }
  }

  /** A judged slot and its fingerprint (null when not recorded). */
  public record SlotRecord(int slot, Fingerprint fingerprint) {}

  public static DriftReport compute(
      List<RunRecord> records,
      InputSet current,
      FingerprintRecord file,
      int totalRuns,
      int totalSlots) {
    InputSet first = file.firstSeen();
    Map<String, Acc> runParts = new LinkedHashMap<>();
    Map<String, Acc> slotParts = new LinkedHashMap<>();
    Fingerprint.RUN_PARTS.forEach(p -> runParts.put(p, new Acc()));
    Fingerprint.JUDGE_PARTS.forEach(p -> slotParts.put(p, new Acc()));
    int unrecordedRuns = 0;
    int unrecordedSlots = 0;
    List<RunKey> staleRuns = new ArrayList<>();
    Map<RunKey, List<Integer>> staleSlots = new TreeMap<>();
    List<RunRecord> sorted = new ArrayList<>(records);
    sorted.sort((a, b) -> a.key().compareTo(b.key()));
    for (RunRecord r : sorted) {
      String subtest = r.key().tier() + "/" + r.key().subtest();
      Fingerprint now = current.runs().get(subtest);
      if (r.made() && now != null) {
        Fingerprint was = r.fingerprint();
        if (was == null) {
          unrecordedRuns++;
          was = first == null ? null : first.runs().get(subtest);
        }
        if (was != null) {
          List<String> diff = was.differingParts(now);
          for (String p : diff) {
            runParts.computeIfAbsent(p, x -> new Acc()).add(r.key().label(), was, now, p);
          }
          if (!diff.isEmpty()) {
            staleRuns.add(r.key());
          }
        }
      }
      for (SlotRecord s : r.slots()) {
        Fingerprint nowJ = current.judges().get(s.slot());
        if (nowJ == null) {
          continue;
        }
        Fingerprint was = s.fingerprint();
        if (was == null) {
          unrecordedSlots++;
          was = first == null ? null : first.judges().get(s.slot());
        }
        if (was == null) {
          continue;
        }
        List<String> diff = was.differingParts(nowJ);
        for (String p : diff) {
          slotParts
              .computeIfAbsent(p, x -> new Acc())
              .add(r.key().label() + " " + Tiers.slotDirName(s.slot()), was, nowJ, p);
        }
        if (!diff.isEmpty()) {
          staleSlots.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(s.slot());
        }
      }
    }
    List<DriftReport.Change> changes = new ArrayList<>();
    runParts.forEach((p, a) -> a.change(p, false, totalRuns).ifPresent(changes::add));
    slotParts.forEach((p, a) -> a.change(p, true, totalSlots).ifPresent(changes::add));
    String sha = current.sha256();
    return new DriftReport(
        changes,
        unrecordedRuns,
        unrecordedSlots,
        file.firstSeenAt(),
        sha,
        file.acceptanceOf(sha),
        staleRuns,
        staleSlots);
  }

  private static final class Acc {
    final List<String> items = new ArrayList<>();
    final Set<String> was = new LinkedHashSet<>();
    final Set<String> now = new LinkedHashSet<>();
    boolean unlabelled;

    void add(String item, Fingerprint recorded, Fingerprint current, String part) {
      items.add(item);
      String a = recorded.labels().get(part);
      String b = current.labels().get(part);
      if (a == null || b == null) {
        unlabelled = true;
      } else {
        was.add(a);
        now.add(b);
      }
    }

    java.util.Optional<DriftReport.Change> change(String part, boolean judge, int total) {
      if (items.isEmpty()) {
        return java.util.Optional.empty();
      }
      boolean readable = !unlabelled && !was.equals(now);
      return java.util.Optional.of(
          new DriftReport.Change(
              part,
              judge,
              items.size(),
              total,
              items,
              readable ? String.join(", ", was) : null,
              readable ? String.join(", ", now) : null));
    }
  }
}
