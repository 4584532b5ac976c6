package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Loaded;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code .scylla/summaries_pending.json} (ours): the subtests whose summaries a session owes. A
 * session records the subtests it is about to work on before it starts and clears the list once it
 * has written their summaries, so a session stopped before that step (a full disk, a kill) leaves
 * the debt on disk and the next session pays it even when it has nothing else to do.
 *
 * <p>{@code {"version": 1, "subtests": [["T0", "00"], ...]}}. A missing or unreadable file owes
 * nothing.
 */
public final class SummariesPending {
  private SummariesPending() {}

  /** A tier and subtest. */
  public record Subtest(String tier, String subtest) {}

  static Path file(ExperimentLayout layout) {
    return layout.scyllaDir().resolve("summaries_pending.json");
  }

  /** The subtests owed, in the order recorded; empty when none. */
  public static List<Subtest> read(ExperimentLayout layout) {
    Loaded<ObjectNode> l = FileReads.readJson(file(layout), o -> o);
    List<Subtest> out = new ArrayList<>();
    ObjectNode o = l.orNull();
    if (o == null || !o.path("subtests").isArray()) {
      return out;
    }
    for (JsonNode e : o.get("subtests")) {
      if (e.isArray() && e.size() == 2 && e.get(0).isTextual() && e.get(1).isTextual()) {
        out.add(new Subtest(e.get(0).textValue(), e.get(1).textValue()));
      }
    }
    return out;
  }

  /** Adds {@code subtests} to what is owed (before the work on them starts). */
  public static void add(ExperimentLayout layout, Set<Subtest> subtests) throws IOException {
    Set<Subtest> all = new LinkedHashSet<>(read(layout));
    if (all.addAll(subtests)) {
      write(layout, all);
    }
  }

  /** Records that nothing is owed (after the summaries were written). */
  public static void clear(ExperimentLayout layout) throws IOException {
    if (!read(layout).isEmpty()) {
      write(layout, Set.of());
    }
  }

  private static void write(ExperimentLayout layout, Set<Subtest> subtests) throws IOException {
    ObjectNode o = Json.object();
    o.put("version", 1);
    ArrayNode a = o.putArray("subtests");
    for (Subtest s : subtests) {
      a.addArray().add(s.tier()).add(s.subtest());
    }
    AtomicFiles.writeJson(file(layout), o);
  }
}
