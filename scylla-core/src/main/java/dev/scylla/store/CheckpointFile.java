package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code checkpoint.json} in the reference's version 3.1 shape, so the reference's tools can read
 * an experiment this tool ran. It is a view for compatibility, not our source of truth: resuming
 * reads the run files and the attempt journals. Writes are atomic and serialised; fields this class
 * does not manage are kept. Older versions (2.0, 3.0) are upgraded on the first save, with their
 * {@code completed_runs} kept.
 */
public final class CheckpointFile {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

  private final ExperimentLayout layout;
  private final ObjectNode doc;

  private CheckpointFile(ExperimentLayout layout, ObjectNode doc) {
    this.layout = layout;
    this.doc = doc;
  }

  /** Reads the checkpoint (any version; a corrupt one is replaced on save) or starts a new one. */
  public static CheckpointFile open(ExperimentLayout layout, ExperimentConfig config)
      throws java.io.IOException {
    Loaded<ObjectNode> existing = FileReads.readJson(layout.checkpointFile(), o -> o);
    if (existing.isCorrupt()) {
      // it is about to be replaced: keep what was there (never delete user data)
      AtomicFiles.backup(layout.checkpointFile());
    }
    ObjectNode doc = existing.orNull() != null ? existing.orNull().deepCopy() : Json.object();
    String now = now();
    doc.put("version", "3.1");
    doc.put("experiment_id", config.experimentId());
    doc.put("experiment_dir", layout.root().toString());
    doc.put("config_hash", configHash(config.raw()));
    if (!doc.hasNonNull("experiment_state")) {
      doc.put("experiment_state", "tiers_running");
    }
    for (String field : List.of("tier_states", "subtest_states", "run_states", "completed_runs")) {
      if (!doc.path(field).isObject()) {
        doc.putObject(field);
      }
    }
    if (!doc.hasNonNull("started_at")) {
      doc.put("started_at", now);
    }
    doc.put("last_updated_at", now);
    doc.put("last_heartbeat", now);
    if (!doc.hasNonNull("status")) {
      doc.put("status", "running");
    }
    if (!doc.has("rate_limit_source")) {
      doc.putNull("rate_limit_source");
    }
    if (!doc.has("rate_limit_until")) {
      doc.putNull("rate_limit_until");
    }
    if (!doc.path("pause_count").isInt()) {
      doc.put("pause_count", 0);
    }
    doc.put("pid", ProcessHandle.current().pid());
    return new CheckpointFile(layout, doc);
  }

  public static String now() {
    return ISO.format(Instant.now());
  }

  /**
   * The reference's {@code config_hash}: the first 16 hex digits of SHA-256 over the config as
   * {@code json.dumps(sort_keys=True)}, without {@code parallel_*}, {@code max_subtests} and {@code
   * tiers_to_run}.
   */
  public static String configHash(ObjectNode config) {
    ObjectNode copy = config.deepCopy();
    List<String> drop = new ArrayList<>();
    copy.fieldNames()
        .forEachRemaining(
            n -> {
              if (n.startsWith("parallel_")
                  || n.equals("max_subtests")
                  || n.equals("tiers_to_run")) {
                drop.add(n);
              }
            });
    copy.remove(drop);
    String text = Json.writeCompact(sorted(copy));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sorted(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = Json.object();
      Map<String, JsonNode> m = new TreeMap<>();
      n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
      m.forEach((k, v) -> o.set(k, sorted(v)));
      return o;
    }
    if (n.isArray()) {
      var a = Json.nodes().arrayNode();
      n.forEach(e -> a.add(sorted(e)));
      return a;
    }
    return n;
  }

  private ObjectNode level(String field, String... path) {
    ObjectNode o = (ObjectNode) doc.get(field);
    for (String p : path) {
      JsonNode next = o.get(p);
      if (next == null || !next.isObject()) {
        next = o.putObject(p);
      }
      o = (ObjectNode) next;
    }
    return o;
  }

  /** Records a run's state (reference state names: pending ... worktree_cleaned, failed). */
  public synchronized void runState(RunKey key, String state) {
    level("run_states", key.tier(), key.subtest()).put(String.valueOf(key.run()), state);
  }

  /** Records a finished run as passed or failed in {@code completed_runs}. */
  public synchronized void completed(RunKey key, boolean passed) {
    level("completed_runs", key.tier(), key.subtest())
        .put(String.valueOf(key.run()), passed ? "passed" : "failed");
  }

  /** Removes a run from {@code completed_runs} (it is being run again). */
  public synchronized void uncomplete(RunKey key) {
    level("completed_runs", key.tier(), key.subtest()).remove(String.valueOf(key.run()));
  }

  public synchronized void subtestState(String tier, String subtest, String state) {
    level("subtest_states", tier).put(subtest, state);
  }

  public synchronized void tierState(String tier, String state) {
    level("tier_states").put(tier, state);
  }

  public synchronized void experimentState(String state) {
    doc.put("experiment_state", state);
  }

  /** running, paused_rate_limit, interrupted, completed, failed. */
  public synchronized void status(String status) {
    doc.put("status", status);
  }

  public synchronized void rateLimit(String source, Instant until) {
    doc.put("status", "paused_rate_limit");
    doc.put("rate_limit_source", source);
    doc.put("rate_limit_until", ISO.format(until));
    doc.put("pause_count", doc.path("pause_count").asInt(0) + 1);
  }

  public synchronized void clearRateLimit() {
    if ("paused_rate_limit".equals(doc.path("status").asText())) {
      doc.put("status", "running");
    }
    doc.putNull("rate_limit_source");
    doc.putNull("rate_limit_until");
  }

  /** Writes the checkpoint atomically. */
  public synchronized void save() throws IOException {
    String now = now();
    doc.put("last_updated_at", now);
    doc.put("last_heartbeat", now);
    AtomicFiles.writeJson(layout.checkpointFile(), doc);
  }

  /** A copy of the document, for tests and reports. */
  public synchronized ObjectNode snapshot() {
    return doc.deepCopy();
  }
}
