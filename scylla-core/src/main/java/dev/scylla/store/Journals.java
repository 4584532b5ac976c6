package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunKey;
import dev.scylla.model.Tiers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes run attempt journals under {@code <exp>/.scylla/journal/}. */
public final class Journals {
  private Journals() {}

  public static Path file(ExperimentLayout layout, RunKey key) {
    return layout
        .scyllaDir()
        .resolve("journal")
        .resolve(key.tier())
        .resolve(key.subtest())
        .resolve(Tiers.runDirName(key.run()) + ".json");
  }

  public static Loaded<RunJournal> read(ExperimentLayout layout, RunKey key) {
    return FileReads.readJson(file(layout, key), Journals::decode);
  }

  public static void write(ExperimentLayout layout, RunKey key, RunJournal journal)
      throws IOException {
    AtomicFiles.writeJson(file(layout, key), encode(key, journal));
  }

  static RunJournal decode(ObjectNode o) throws CorruptFileException {
    int version = JsonFields.reqInt(o, "version");
    if (version != 1) {
      throw new CorruptFileException("unsupported journal version " + version);
    }
    JsonNode arr = JsonFields.optArray(o, "attempts");
    List<RunJournal.Attempt> attempts = new ArrayList<>();
    if (arr != null) {
      for (JsonNode a : arr) {
        if (!a.isObject()) {
          throw new CorruptFileException("field \"attempts\": expected objects");
        }
        RunJournal.Outcome outcome;
        try {
          outcome = RunJournal.Outcome.parse(JsonFields.reqString(a, "outcome"));
        } catch (IllegalArgumentException e) {
          throw new CorruptFileException("field \"outcome\": unknown value " + a.get("outcome"));
        }
        attempts.add(
            new RunJournal.Attempt(
                JsonFields.reqInt(a, "attempt"),
                JsonFields.optString(a, "started_at", null),
                JsonFields.optString(a, "ended_at", null),
                outcome,
                JsonFields.optString(a, "reason", null),
                JsonFields.optString(a, "archived_to", null),
                FingerprintJson.in(a)));
      }
    }
    return new RunJournal(attempts, JsonFields.optIntOrNull(o, "budget"));
  }

  static ObjectNode encode(RunKey key, RunJournal j) {
    ObjectNode o = Json.object();
    o.put("version", 1);
    o.put("run", key.label());
    if (j.budget() != null) {
      o.put("budget", j.budget());
    }
    ArrayNode arr = o.putArray("attempts");
    for (RunJournal.Attempt a : j.attempts()) {
      ObjectNode e = arr.addObject();
      e.put("attempt", a.attempt());
      e.put("started_at", a.startedAt());
      e.put("ended_at", a.endedAt());
      e.put("outcome", a.outcome().jsonName());
      e.put("reason", a.reason());
      e.put("archived_to", a.archivedTo());
      if (a.fingerprint() != null) {
        e.set(FingerprintJson.FIELD, FingerprintJson.toJson(a.fingerprint()));
      }
    }
    return o;
  }
}
