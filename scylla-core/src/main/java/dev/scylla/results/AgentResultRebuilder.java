package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.AgentResult;
import dev.scylla.model.CommandLog;
import dev.scylla.model.TokenStats;
import dev.scylla.store.CorruptFileException;
import dev.scylla.store.Json;

/**
 * Rebuilds {@code agent/result.json} from the agent's logs when it is missing or corrupt:
 *
 * <ul>
 *   <li>{@code exit_code}: the agent command's exit code in {@code agent/command_log.json};
 *   <li>{@code stdout} / {@code stderr}: the text of {@code agent/stdout.log} / {@code stderr.log};
 *   <li>{@code token_stats}: the Claude CLI's {@code usage}, under the canonical names ({@code
 *       cache_creation_input_tokens} becomes {@code cache_creation_tokens}, {@code
 *       cache_read_input_tokens} becomes {@code cache_read_tokens});
 *   <li>{@code cost_usd}: {@code total_cost_usd}; when absent or 0 while tokens were used, the
 *       price-table estimate of the agent model;
 *   <li>{@code api_calls}: {@code num_turns}; when absent, 1 if stdout is longer than 100
 *       characters, else 0 (the reference's last fallback).
 * </ul>
 *
 * The CLI result is either stdout as one JSON document ({@code --output-format json}) or the last
 * line of stream-json output that is an object with {@code "type": "result"}.
 */
public final class AgentResultRebuilder {
  private AgentResultRebuilder() {}

  /**
   * The agent result the logs describe.
   *
   * @param stdout the text of {@code agent/stdout.log}
   * @param stderr the text of {@code agent/stderr.log}, or null when absent
   * @param log the parsed {@code agent/command_log.json}
   * @param model the agent model, for the price-table fallback
   * @throws BadPartException when stdout holds no CLI result or the log records no exit code
   */
  public static AgentResult rebuild(String stdout, String stderr, CommandLog log, String model)
      throws BadPartException {
    Integer exit = log.firstExitCode();
    if (exit == null) {
      throw new BadPartException(
          "agent/command_log.json: "
              + (log.commands().isEmpty() ? "no command recorded" : "no exit code recorded"));
    }
    JsonNode cli = cliResult(stdout);
    TokenStats tokens;
    try {
      tokens = usage(cli.get("usage"));
    } catch (CorruptFileException e) {
      throw new BadPartException("agent/stdout.log: usage " + e.getMessage());
    }
    double cost = 0.0;
    JsonNode c = cli.get("total_cost_usd");
    if (c != null && !c.isNull()) {
      if (!c.isNumber()) {
        throw new BadPartException(
            "agent/stdout.log: total_cost_usd is " + dev.scylla.store.JsonFields.kind(c));
      }
      cost = c.doubleValue();
    }
    if (cost == 0.0 && (tokens.inputTokens() > 0 || tokens.outputTokens() > 0)) {
      cost = dev.scylla.model.Pricing.fallbackCost(model, tokens);
    }
    Integer apiCalls = null;
    JsonNode turns = cli.get("num_turns");
    if (turns != null && turns.canConvertToInt() && turns.isIntegralNumber()) {
      apiCalls = turns.intValue();
    }
    if (apiCalls == null || apiCalls <= 0) {
      apiCalls = stdout.length() > 100 ? 1 : 0;
    }
    // the Claude CLI's turn limit (subtype error_max_turns): a model outcome that must survive a
    // rebuild, or an experiment that does not judge such runs would judge this one
    boolean turnLimit = dev.scylla.store.ClaudeOutput.turnLimitReached(cli);
    return new AgentResult(
        exit, stdout, stderr == null ? "" : stderr, tokens, cost, apiCalls, turnLimit);
  }

  /** The CLI's result object in {@code stdout}. */
  static JsonNode cliResult(String stdout) throws BadPartException {
    String trimmed = stdout.strip();
    if (trimmed.isEmpty()) {
      throw new BadPartException("agent/stdout.log: empty (no Claude CLI result)");
    }
    try {
      JsonNode doc = Json.parse(trimmed);
      if (doc.isObject()) {
        return doc;
      }
    } catch (CorruptFileException e) {
      // not one document: try stream-json lines below
    }
    String[] lines = trimmed.split("\r?\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String line = lines[i].strip();
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonNode n = Json.parse(line);
        JsonNode type = n.get("type");
        if (n.isObject() && type != null && "result".equals(type.asText())) {
          return n;
        }
      } catch (CorruptFileException e) {
        // a truncated or foreign line
      }
    }
    throw new BadPartException(
        "agent/stdout.log: no Claude CLI result (neither one JSON document nor a stream-json"
            + " line with \"type\": \"result\"; truncated?)");
  }

  private static TokenStats usage(JsonNode u) throws CorruptFileException {
    if (u == null || u.isNull()) {
      return TokenStats.ZERO;
    }
    if (!u.isObject()) {
      throw new CorruptFileException("is " + dev.scylla.store.JsonFields.kind(u));
    }
    return new TokenStats(
        dev.scylla.store.JsonFields.optLong(u, "input_tokens", 0),
        dev.scylla.store.JsonFields.optLong(u, "output_tokens", 0),
        dev.scylla.store.JsonFields.optLong(u, "cache_creation_input_tokens", 0),
        dev.scylla.store.JsonFields.optLong(u, "cache_read_input_tokens", 0));
  }
}
