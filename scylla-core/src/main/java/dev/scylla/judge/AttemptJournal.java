package dev.scylla.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.CallSpend;
import dev.scylla.model.JudgeSpend;
import dev.scylla.model.Loaded;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.JudgeSpendJson;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A judge slot's attempt journal, {@code judge/judge_NN/attempts.json}: one entry per attempt,
 * written before the attempt launches and updated when it ends, so the attempt budget survives
 * restarts and crashes.
 *
 * <pre>
 * {"version": 1, "attempts": [
 *   {"attempt": 1, "started_at": "...", "ended_at": "...", "outcome": "failed",
 *    "reason": "...", "model": "...", "backend": "claude-cli", "prompt_sha256": "...",
 *    "calls": 2, "call_spend": [{"call": 1, "token_stats": {...}, "cost_usd": 0.01},
 *                               {"call": 2, "token_stats": {...}, "cost_usd": 0.012}],
 *    "archived_to": ".archive/earlier"}]}
 * </pre>
 *
 * {@code call_spend} (ours, see {@link JudgeSpendJson}) records each call to the model as it ends,
 * with its tokens and cost; journals without it are read as before.
 *
 * <p>Outcomes: {@code started} (running, or the process died: read back as {@code interrupted}),
 * {@code complete}, {@code failed}, {@code interrupted}, {@code rate_limited}, {@code cancelled},
 * {@code config_error}. Complete and failed attempts spend the budget; interruptions (including a
 * kill -9 in mid-call), rate limits, cancellations and configuration errors do not.
 */
final class AttemptJournal {
  static final String STARTED = "started";
  static final String COMPLETE = "complete";
  static final String FAILED = "failed";
  static final String INTERRUPTED = "interrupted";
  static final String RATE_LIMITED = "rate_limited";
  static final String CANCELLED = "cancelled";
  static final String CONFIG_ERROR = "config_error";

  // an interrupted attempt (the process died or was killed mid-call) spends nothing: the README
  // promises interruptions are free, and a kill is the user's, not the model's
  private static final Set<String> SPENDING = Set.of(COMPLETE, FAILED);

  private final Path file;
  private final List<ObjectNode> attempts;
  private final String corrupt;

  private AttemptJournal(Path file, List<ObjectNode> attempts, String corrupt) {
    this.file = file;
    this.attempts = attempts;
    this.corrupt = corrupt;
  }

  static AttemptJournal read(Path slotDir) {
    Path file = slotDir.resolve(RunFiles.Slot.ATTEMPTS);
    Loaded<ObjectNode> l = FileReads.readJson(file, o -> o);
    if (l instanceof Loaded.Corrupt<ObjectNode> c) {
      return new AttemptJournal(file, new ArrayList<>(), c.reason());
    }
    List<ObjectNode> list = new ArrayList<>();
    ObjectNode o = l.orNull();
    if (o != null) {
      JsonNode arr = o.get("attempts");
      if (arr == null || !arr.isArray()) {
        return new AttemptJournal(file, list, "no \"attempts\" list");
      }
      for (int i = 0; i < arr.size(); i++) {
        JsonNode a = arr.get(i);
        if (!a.isObject()
            || !a.path("attempt").canConvertToInt()
            || !a.path("outcome").isTextual()) {
          return new AttemptJournal(
              file, new ArrayList<>(), "entry " + i + " has no attempt number or outcome");
        }
        list.add((ObjectNode) a.deepCopy());
      }
    }
    return new AttemptJournal(file, list, null);
  }

  /** Why the journal cannot be used, or null. */
  String corrupt() {
    return corrupt;
  }

  boolean isEmpty() {
    return attempts.isEmpty();
  }

  /** How many attempts spent the budget. */
  int spent() {
    int n = 0;
    for (ObjectNode a : attempts) {
      if (SPENDING.contains(a.path("outcome").asText())) {
        n++;
      }
    }
    return n;
  }

  int nextNumber() {
    int max = 0;
    for (ObjectNode a : attempts) {
      max = Math.max(max, a.path("attempt").asInt());
    }
    return max + 1;
  }

  ObjectNode last() {
    return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
  }

  /** Marks an attempt the journal still shows as running as interrupted; true when it did. */
  boolean markInterrupted() {
    ObjectNode last = last();
    if (last != null && STARTED.equals(last.path("outcome").asText())) {
      last.put("outcome", INTERRUPTED);
      last.put("reason", "the process ended before the attempt finished");
      return true;
    }
    return false;
  }

  /** The reason of the last attempt that failed or was interrupted, or null. */
  String lastFailureReason() {
    for (int i = attempts.size() - 1; i >= 0; i--) {
      ObjectNode a = attempts.get(i);
      String o = a.path("outcome").asText();
      if (o.equals(FAILED) || o.equals(INTERRUPTED)) {
        return a.path("reason").asText(o);
      }
    }
    return null;
  }

  ObjectNode start(
      int number, String at, String model, String backend, String promptSha, String archivedTo) {
    ObjectNode a = Json.object();
    a.put("attempt", number);
    a.put("started_at", at);
    a.putNull("ended_at");
    a.put("outcome", STARTED);
    a.putNull("reason");
    a.put("model", model);
    a.put("backend", backend);
    a.put("prompt_sha256", promptSha);
    a.put("calls", 0);
    if (archivedTo == null) {
      a.putNull("archived_to");
    } else {
      a.put("archived_to", archivedTo);
    }
    attempts.add(a);
    return a;
  }

  static void finish(ObjectNode a, String outcome, String reason, String at, int calls) {
    a.put("ended_at", at);
    a.put("outcome", outcome);
    if (reason == null) {
      a.putNull("reason");
    } else {
      a.put("reason", reason);
    }
    a.put("calls", calls);
  }

  /** Records call {@code call} of attempt {@code a} with what it cost. */
  static void recordCall(ObjectNode a, int call, CallSpend spend) {
    JsonNode list = a.get(JudgeSpendJson.FIELD);
    ArrayNode arr = list instanceof ArrayNode l ? l : a.putArray(JudgeSpendJson.FIELD);
    arr.add(JudgeSpendJson.entry(call, spend));
    a.put("calls", Math.max(call, a.path("calls").asInt(0)));
  }

  /** The spend of every call the journal records. */
  JudgeSpend spend() {
    ObjectNode o = Json.object();
    ArrayNode arr = o.putArray("attempts");
    attempts.forEach(arr::add);
    return JudgeSpendJson.of(o);
  }

  void write() throws IOException {
    ObjectNode o = Json.object();
    o.put("version", 1);
    ArrayNode arr = o.putArray("attempts");
    attempts.forEach(arr::add);
    AtomicFiles.writeJson(file, o);
  }
}
