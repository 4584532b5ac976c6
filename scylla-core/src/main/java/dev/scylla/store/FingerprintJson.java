package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Fingerprint;
import dev.scylla.model.FingerprintRecord;
import dev.scylla.model.InputSet;
import dev.scylla.model.Loaded;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fingerprints on disk (our addition, docs/format.md): {@code {"sha256": ..., "parts": {name:
 * sha256}, "labels": {name: text}}} in a run's attempt journal entry and in a slot's {@code
 * judgment.json} and {@code attempts.json} entry, and the experiment's {@code
 * .scylla/fingerprints.json}.
 */
public final class FingerprintJson {
  /** The key under which a run attempt or a judgment records its fingerprint. */
  public static final String FIELD = "fingerprint";

  private FingerprintJson() {}

  public static ObjectNode toJson(Fingerprint f) {
    ObjectNode o = Json.object();
    o.put("sha256", f.sha256());
    ObjectNode parts = o.putObject("parts");
    new java.util.TreeMap<>(f.parts()).forEach(parts::put);
    if (!f.labels().isEmpty()) {
      ObjectNode labels = o.putObject("labels");
      new java.util.TreeMap<>(f.labels()).forEach(labels::put);
    }
    return o;
  }

  /** The fingerprint an object holds, or null when it holds none or one that is not usable. */
  public static Fingerprint fromJson(JsonNode n) {
    if (n == null || !n.isObject() || !n.path("parts").isObject()) {
      return null;
    }
    Map<String, String> parts = new LinkedHashMap<>();
    var it = n.get("parts").fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isTextual()) {
        return null;
      }
      parts.put(e.getKey(), e.getValue().textValue());
    }
    if (parts.isEmpty()) {
      return null;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (n.path("labels").isObject()) {
      var lt = n.get("labels").fields();
      while (lt.hasNext()) {
        var e = lt.next();
        if (e.getValue().isTextual()) {
          labels.put(e.getKey(), e.getValue().textValue());
        }
      }
    }
    return new Fingerprint(parts, labels);
  }

  /** The fingerprint recorded under {@link #FIELD} in an object, or null. */
  public static Fingerprint in(JsonNode holder) {
    return holder == null ? null : fromJson(holder.get(FIELD));
  }

  // ------------------------------------------------------------ .scylla/fingerprints.json

  public static Path file(ExperimentLayout layout) {
    return layout.scyllaDir().resolve("fingerprints.json");
  }

  public static Loaded<FingerprintRecord> read(ExperimentLayout layout) {
    return FileReads.readJson(file(layout), FingerprintJson::decode);
  }

  public static void write(ExperimentLayout layout, FingerprintRecord r) throws IOException {
    AtomicFiles.writeJson(file(layout), encode(r));
  }

  /** Copies the record aside ({@code fingerprints.json.backup}) before it is replaced. */
  public static void backup(ExperimentLayout layout) throws IOException {
    if (java.nio.file.Files.exists(file(layout))) {
      AtomicFiles.backup(file(layout));
    }
  }

  static FingerprintRecord decode(ObjectNode o) throws CorruptFileException {
    int version = JsonFields.reqInt(o, "version");
    if (version != 1) {
      throw new CorruptFileException("unsupported version " + version);
    }
    InputSet first = null;
    JsonNode fs = JsonFields.optObject(o, "first_seen");
    if (fs != null) {
      first = inputs(fs);
    }
    List<FingerprintRecord.Acceptance> accepted = new ArrayList<>();
    JsonNode arr = JsonFields.optArray(o, "accepted");
    if (arr != null) {
      for (JsonNode a : arr) {
        if (!a.isObject()) {
          throw new CorruptFileException("field \"accepted\": expected objects");
        }
        accepted.add(
            new FingerprintRecord.Acceptance(
                JsonFields.optString(a, "at", null),
                JsonFields.optString(a, "command", null),
                JsonFields.reqString(a, "inputs_sha256"),
                JsonFields.optStringList(a, "changed", List.of())));
      }
    }
    return new FingerprintRecord(first, JsonFields.optString(o, "first_seen_at", null), accepted);
  }

  private static InputSet inputs(JsonNode o) throws CorruptFileException {
    Map<String, Fingerprint> runs = new LinkedHashMap<>();
    Map<Integer, Fingerprint> judges = new LinkedHashMap<>();
    JsonNode r = o.path("runs");
    if (r.isObject()) {
      var it = r.fields();
      while (it.hasNext()) {
        var e = it.next();
        Fingerprint f = fromJson(e.getValue());
        if (f != null) {
          runs.put(e.getKey(), f);
        }
      }
    }
    JsonNode j = o.path("judges");
    if (j.isObject()) {
      var it = j.fields();
      while (it.hasNext()) {
        var e = it.next();
        Fingerprint f = fromJson(e.getValue());
        try {
          if (f != null) {
            judges.put(Integer.parseInt(e.getKey()), f);
          }
        } catch (NumberFormatException x) {
          throw new CorruptFileException(
              "field \"judges\": slot " + e.getKey() + " is not a number");
        }
      }
    }
    return new InputSet(runs, judges);
  }

  static ObjectNode encode(FingerprintRecord r) {
    ObjectNode o = Json.object();
    o.put("version", 1);
    o.put("first_seen_at", r.firstSeenAt());
    if (r.firstSeen() != null) {
      ObjectNode fs = o.putObject("first_seen");
      ObjectNode runs = fs.putObject("runs");
      new java.util.TreeMap<>(r.firstSeen().runs()).forEach((k, v) -> runs.set(k, toJson(v)));
      ObjectNode judges = fs.putObject("judges");
      new java.util.TreeMap<>(r.firstSeen().judges())
          .forEach((k, v) -> judges.set(String.valueOf(k), toJson(v)));
    }
    ArrayNode acc = o.putArray("accepted");
    for (FingerprintRecord.Acceptance a : r.accepted()) {
      ObjectNode e = acc.addObject();
      e.put("at", a.at());
      e.put("command", a.command());
      e.put("inputs_sha256", a.inputsSha256());
      ArrayNode ch = e.putArray("changed");
      a.changed().forEach(ch::add);
    }
    return o;
  }
}
