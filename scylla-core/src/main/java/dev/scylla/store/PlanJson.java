package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes {@code plan.json}. */
public final class PlanJson {
  private PlanJson() {}

  public static Plan read(ObjectNode o) throws CorruptFileException {
    int version = JsonFields.reqInt(o, "version");
    if (version != Plan.VERSION) {
      throw new CorruptFileException("unsupported plan version " + version);
    }
    JsonNode tiers = JsonFields.reqObject(o, "tiers");
    Map<String, List<String>> map = new LinkedHashMap<>();
    var it = tiers.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!Tiers.isTier(e.getKey())) {
        throw new CorruptFileException("field \"tiers\": unknown tier '" + e.getKey() + "'");
      }
      List<String> ids = new ArrayList<>();
      JsonNode arr = e.getValue();
      if (!arr.isArray()) {
        throw new CorruptFileException(
            "field \"tiers." + e.getKey() + "\": expected an array, found " + JsonFields.kind(arr));
      }
      for (JsonNode s : arr) {
        if (!s.isTextual() || !Tiers.isSubtest(s.textValue())) {
          throw new CorruptFileException(
              "field \"tiers." + e.getKey() + "\": not a subtest id: " + s);
        }
        ids.add(s.textValue());
      }
      map.put(e.getKey(), ids);
    }
    return new Plan(version, JsonFields.optString(o, "created_at", null), map);
  }

  public static ObjectNode write(Plan plan) {
    ObjectNode o = Json.object();
    o.put("version", plan.version());
    o.put("created_at", plan.createdAt());
    ObjectNode tiers = o.putObject("tiers");
    plan.tiers()
        .forEach(
            (t, ids) -> {
              ArrayNode arr = tiers.putArray(t);
              ids.forEach(arr::add);
            });
    return o;
  }
}
