package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.CallSpend;
import dev.scylla.model.JudgeSpend;
import dev.scylla.model.TokenStats;

/**
 * The tokens and cost of judge calls in a slot's attempt journal ({@code attempts.json}), our
 * addition: each attempt lists its calls under {@code "call_spend"}, one entry per call to the
 * model (an attempt and its reminder are two):
 *
 * <pre>
 * "call_spend": [{"call": 1, "token_stats": {"input_tokens": 8000, "output_tokens": 1500,
 *                 "cache_creation_tokens": 0, "cache_read_tokens": 0}, "cost_usd": 0.0615}]
 * </pre>
 *
 * {@code token_stats} is null when the backend reported no tokens, {@code cost_usd} null when the
 * cost is unknown (never 0 for unknown). Journals written before this field count no spend.
 */
public final class JudgeSpendJson {
  public static final String FIELD = "call_spend";

  private JudgeSpendJson() {}

  /** One call's entry. */
  public static ObjectNode entry(int call, CallSpend s) {
    ObjectNode o = Json.object();
    o.put("call", call);
    if (s.tokens() == null) {
      o.putNull("token_stats");
    } else {
      o.set("token_stats", ModelJson.toJson(s.tokens()));
    }
    if (s.costUsd() == null) {
      o.putNull("cost_usd");
    } else {
      o.put("cost_usd", s.costUsd());
    }
    return o;
  }

  /**
   * The spend a journal records over all its attempts; entries that are not objects, token counts
   * that are not numbers and costs that are not finite numbers are read as unknown.
   */
  public static JudgeSpend of(JsonNode journal) {
    JudgeSpend total = JudgeSpend.NONE;
    if (journal == null || !journal.path("attempts").isArray()) {
      return total;
    }
    for (JsonNode a : journal.get("attempts")) {
      JsonNode calls = a.path(FIELD);
      if (!calls.isArray()) {
        continue;
      }
      for (JsonNode c : calls) {
        total = total.plus(call(c));
      }
    }
    return total;
  }

  static CallSpend call(JsonNode c) {
    if (!c.isObject()) {
      return CallSpend.UNKNOWN;
    }
    JsonNode t = c.get("token_stats");
    TokenStats tokens = null;
    if (t != null && t.isObject()) {
      try {
        tokens = ModelJson.tokenStats(t);
      } catch (CorruptFileException e) {
        tokens = null;
      }
    }
    JsonNode cost = c.get("cost_usd");
    Double usd =
        cost != null
                && cost.isNumber()
                && Double.isFinite(cost.doubleValue())
                && cost.doubleValue() >= 0
            ? cost.doubleValue()
            : null;
    return new CallSpend(tokens, usd);
  }
}
