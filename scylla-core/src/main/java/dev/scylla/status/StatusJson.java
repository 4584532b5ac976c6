package dev.scylla.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Unexpected;

/** The machine-readable form of a {@link StatusReport}, shared by status and the dry runs. */
public final class StatusJson {
  private StatusJson() {}

  public static ObjectNode toJson(StatusReport r) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("experiment_dir", r.experimentDir().toString());
    o.put("layout", r.layout());
    Counts c = r.counts();
    ObjectNode runs = o.putObject("runs");
    runs.put("total", c.totalRuns());
    for (RunStatus s : RunStatus.values()) {
      runs.put(s.jsonName(), c.runs(s));
    }
    runs.put("skipped_by_filter", c.runsSkippedByFilter());
    runs.put("turn_limit_reached", c.turnLimited());
    ObjectNode judges = o.putObject("judges");
    judges.put("total", c.totalSlots());
    for (SlotStatus s : SlotStatus.values()) {
      judges.put(s.jsonName(), c.slots(s));
    }
    judges.put("skipped_by_filter", c.slotsSkippedByFilter());
    ObjectNode spend = o.putObject("spend");
    spend.put("total_usd", c.totalCostUsd());
    spend.put("agents_usd", c.agentCostUsd());
    spend.put("judges_usd", c.judgeSpend().costUsd());
    spend.put("judge_calls", c.judgeSpend().calls());
    spend.put("judge_calls_unknown_cost", c.judgeSpend().unpricedCalls());
    ObjectNode tokens = spend.putObject("judge_token_stats");
    tokens.put("input_tokens", c.judgeSpend().tokens().inputTokens());
    tokens.put("output_tokens", c.judgeSpend().tokens().outputTokens());
    tokens.put("cache_creation_tokens", c.judgeSpend().tokens().cacheCreationTokens());
    tokens.put("cache_read_tokens", c.judgeSpend().tokens().cacheReadTokens());
    if (r.drift() != null) {
      o.set("drift", drift(r.drift()));
    }
    ArrayNode items = o.putArray("items");
    for (RunView v : r.items()) {
      items.add(item(v));
    }
    ArrayNode unexpected = o.putArray("unexpected");
    for (Unexpected u : r.unexpected()) {
      ObjectNode e = unexpected.addObject();
      e.put("location", u.location());
      e.put("reason", u.reason());
    }
    ArrayNode warnings = o.putArray("warnings");
    r.warnings().forEach(warnings::add);
    ObjectNode matrix = o.putObject("matrix");
    matrix.put("source", r.matrix().source());
    matrix.put("runs_per_subtest", r.matrix().runsPerSubtest());
    ObjectNode tiers = matrix.putObject("subtests");
    r.matrix().subtests().forEach((t, ids) -> ids.forEach(tiers.withArray(t)::add));
    ArrayNode models = matrix.putArray("judge_models");
    r.matrix().judgeModels().forEach(models::add);
    return o;
  }

  /** The {@code drift} object of {@code status --json}. */
  public static ObjectNode drift(DriftReport d) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("drift", d.hasDrift());
    o.put("inputs_sha256", d.inputsSha256());
    ArrayNode changes = o.putArray("changes");
    for (DriftReport.Change c : d.changes()) {
      ObjectNode e = changes.addObject();
      e.put("input", c.part());
      e.put("of", c.judge() ? "judge_slots" : "runs");
      e.put("description", c.describe());
      e.put("affected", c.affected());
      e.put("total", c.total());
      e.put("was", c.was());
      e.put("now", c.now());
      ArrayNode items = e.putArray("items");
      c.items().forEach(items::add);
    }
    ArrayNode stale = o.putArray("stale_slots");
    new java.util.TreeMap<>(d.staleSlots())
        .forEach(
            (k, slots) ->
                slots.forEach(
                    n -> {
                      ObjectNode e = stale.addObject();
                      e.put("run", k.label());
                      e.put("slot", n);
                    }));
    ArrayNode runs = o.putArray("stale_runs");
    d.staleRuns().forEach(k -> runs.add(k.label()));
    o.put("unrecorded_runs", d.unrecordedRuns());
    o.put("unrecorded_slots", d.unrecordedSlots());
    o.put("first_seen_at", d.firstSeenAt());
    o.put("note", d.unrecordedNote());
    if (d.accepted() == null) {
      o.putNull("accepted");
    } else {
      ObjectNode a = o.putObject("accepted");
      a.put("at", d.accepted().at());
      a.put("command", d.accepted().command());
    }
    return o;
  }

  public static ObjectNode item(RunView v) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("tier", v.key().tier());
    e.put("subtest", v.key().subtest());
    e.put("run", v.key().run());
    e.put("status", v.status().jsonName());
    if (v.turnLimitReached()) {
      e.put("turn_limit_reached", true);
    }
    e.put("reason", v.reason());
    e.put("location", v.location());
    ArrayNode attention = e.putArray("attention");
    v.attention().forEach(attention::add);
    ArrayNode slots = e.putArray("judges");
    for (SlotView s : v.slots()) {
      ObjectNode j = slots.addObject();
      j.put("slot", s.slot());
      j.put("model", s.model());
      j.put("status", s.status().jsonName());
      j.put("reason", s.reason());
    }
    return e;
  }
}
