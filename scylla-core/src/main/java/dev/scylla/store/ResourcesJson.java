package dev.scylla.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SubtestResources;
import dev.scylla.model.Timestamps;
import java.time.Instant;

/**
 * Subtest resources as JSON (the shape of the subtest YAML's {@code resources}), and the
 * reference's {@code config_manifest.json}: {@code {tier_id, subtest_id, fixture_config_path,
 * resources, composed_at, claude_md_hash, inherited_from}}.
 */
public final class ResourcesJson {
  private ResourcesJson() {}

  public static ObjectNode toJson(SubtestResources r) {
    ObjectNode o = Json.object();
    if (r.claudeMdBlocks() != null) {
      ArrayNode b = o.putObject("claude_md").putArray("blocks");
      r.claudeMdBlocks().forEach(b::add);
    }
    if (!r.skillCategories().isEmpty() || !r.skillNames().isEmpty()) {
      ObjectNode s = o.putObject("skills");
      if (!r.skillCategories().isEmpty()) {
        ArrayNode a = s.putArray("categories");
        r.skillCategories().forEach(a::add);
      }
      if (!r.skillNames().isEmpty()) {
        ArrayNode a = s.putArray("names");
        r.skillNames().forEach(a::add);
      }
    }
    if (!r.agentLevels().isEmpty() || !r.agentNames().isEmpty()) {
      ObjectNode s = o.putObject("agents");
      if (!r.agentLevels().isEmpty()) {
        ArrayNode a = s.putArray("levels");
        r.agentLevels().forEach(a::add);
      }
      if (!r.agentNames().isEmpty()) {
        ArrayNode a = s.putArray("names");
        r.agentNames().forEach(a::add);
      }
    }
    if (r.tools() != null) {
      ObjectNode t = o.putObject("tools");
      if (r.tools().all()) {
        t.put("enabled", "all");
      } else {
        ArrayNode a = t.putArray("enabled");
        r.tools().names().forEach(a::add);
      }
    }
    if (!r.mcpServers().isEmpty()) {
      ArrayNode a = o.putArray("mcp_servers");
      for (SubtestResources.McpServer m : r.mcpServers()) {
        ObjectNode s = a.addObject();
        s.put("name", m.name());
        s.put("source", m.source());
        if (m.configPath() != null) {
          s.put("config_path", m.configPath());
        }
      }
    }
    return o;
  }

  /** Reads resources written by {@link #toJson} or by the reference. */
  public static SubtestResources fromJson(JsonNode o) throws CorruptFileException {
    if (o == null || o.isNull()) {
      return SubtestResources.NONE;
    }
    if (!o.isObject()) {
      throw new CorruptFileException("resources: expected an object, found " + JsonFields.kind(o));
    }
    try {
      return Catalogues.resources(o, "resources");
    } catch (FieldProblem p) {
      throw new CorruptFileException(p.describe());
    }
  }

  /**
   * {@code config_manifest.json} of a subtest.
   *
   * @param fixtureConfigPath the subtest YAML's path as it should be recorded
   * @param resources the subtest's own resources
   * @param inheritedFrom the resources applied before them (baseline or merged), or null
   * @param claudeMdHash SHA-256 of the composed CLAUDE.md, or null when there is none
   */
  public static ObjectNode configManifest(
      SubtestDefinition subtest,
      String fixtureConfigPath,
      SubtestResources resources,
      SubtestResources inheritedFrom,
      String claudeMdHash,
      Instant composedAt) {
    ObjectNode o = Json.object();
    o.put("tier_id", subtest.tier());
    o.put("subtest_id", subtest.id());
    o.put("fixture_config_path", fixtureConfigPath);
    o.set("resources", toJson(resources));
    o.put("composed_at", Timestamps.iso(composedAt));
    if (claudeMdHash == null) {
      o.putNull("claude_md_hash");
    } else {
      o.put("claude_md_hash", claudeMdHash);
    }
    if (inheritedFrom == null) {
      o.putNull("inherited_from");
    } else {
      o.set("inherited_from", toJson(inheritedFrom));
    }
    return o;
  }

  /** The {@code resources} of a {@code config_manifest.json}. */
  public static SubtestResources manifestResources(ObjectNode manifest)
      throws CorruptFileException {
    return fromJson(manifest.get("resources"));
  }
}
