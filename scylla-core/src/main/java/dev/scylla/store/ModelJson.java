package dev.scylla.store;

import static dev.scylla.store.JsonFields.has;
import static dev.scylla.store.JsonFields.optArray;
import static dev.scylla.store.JsonFields.optBoolean;
import static dev.scylla.store.JsonFields.optBooleanOrNull;
import static dev.scylla.store.JsonFields.optDouble;
import static dev.scylla.store.JsonFields.optInt;
import static dev.scylla.store.JsonFields.optIntOrNull;
import static dev.scylla.store.JsonFields.optLong;
import static dev.scylla.store.JsonFields.optObject;
import static dev.scylla.store.JsonFields.optString;
import static dev.scylla.store.JsonFields.optStringList;
import static dev.scylla.store.JsonFields.optStringMap;
import static dev.scylla.store.JsonFields.reqBoolean;
import static dev.scylla.store.JsonFields.reqDouble;
import static dev.scylla.store.JsonFields.reqInt;
import static dev.scylla.store.JsonFields.reqObject;
import static dev.scylla.store.JsonFields.reqString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.AgentResult;
import dev.scylla.model.AgentTiming;
import dev.scylla.model.CommandLog;
import dev.scylla.model.Consensus;
import dev.scylla.model.ExperimentConfig;
import dev.scylla.model.JudgeEntry;
import dev.scylla.model.JudgeTiming;
import dev.scylla.model.Judgment;
import dev.scylla.model.ModelIds;
import dev.scylla.model.RunResult;
import dev.scylla.model.TokenStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the reference's JSON documents to model records and back, field by field. Readers are strict
 * about types and tolerant of the reference's quirks (legacy keys, explicit nulls); writers produce
 * the reference's key order.
 */
public final class ModelJson {
  private ModelJson() {}

  // ---------------------------------------------------------------- reading

  public static ExperimentConfig config(ObjectNode o) throws CorruptFileException {
    List<String> judges = optStringList(o, "judge_models", null);
    if (judges == null) {
      String legacy = optString(o, "judge_model", null);
      judges = legacy != null ? List.of(legacy) : List.of("claude-opus-4-6");
    }
    List<String> tiers = optStringList(o, "tiers_to_run", ExperimentConfig.ALL_TIERS);
    List<String> normalizedTiers = new ArrayList<>();
    for (String t : tiers) {
      String up = t.trim().toUpperCase(java.util.Locale.ROOT);
      if (!dev.scylla.model.Tiers.isTier(up)) {
        throw new CorruptFileException("field \"tiers_to_run\": unknown tier '" + t + "'");
      }
      normalizedTiers.add(up);
    }
    int runs = optInt(o, "runs_per_subtest", 10);
    if (runs < 0) {
      throw new CorruptFileException("field \"runs_per_subtest\": negative: " + runs);
    }
    JsonNode turnLimited = o.path("scylla").path("turn_limited");
    if (!turnLimited.isMissingNode()
        && !(turnLimited.isTextual()
            && ExperimentConfig.TURN_LIMITED_RULES.contains(turnLimited.textValue()))) {
      throw new CorruptFileException(
          "field \"scylla.turn_limited\": expected \"judge\" or \"fail\", found " + turnLimited);
    }
    return new ExperimentConfig(
        reqString(o, "experiment_id"),
        optString(o, "task_repo", null),
        optString(o, "task_commit", null),
        optString(o, "task_prompt_file", null),
        optString(o, "language", "python"),
        optStringList(o, "models", List.of("claude-sonnet-4-6")).stream()
            .map(ModelIds::normalize)
            .toList(),
        runs,
        normalizedTiers,
        judges.stream().map(ModelIds::normalize).toList(),
        optIntOrNull(o, "timeout_seconds"),
        optIntOrNull(o, "max_turns"),
        optIntOrNull(o, "max_subtests"),
        optBoolean(o, "skip_agent_teams", false),
        optString(o, "thinking_mode", "None"),
        optBoolean(o, "use_containers", false),
        o);
  }

  /**
   * Token stats by canonical names; the Claude CLI's names ({@code cache_read_input_tokens}, ...)
   * are read where the canonical ones are absent, because the reference's regenerator wrote them.
   */
  public static TokenStats tokenStats(JsonNode o) throws CorruptFileException {
    if (o == null) {
      return TokenStats.ZERO;
    }
    return new TokenStats(
        optLong(o, "input_tokens", 0),
        optLong(o, "output_tokens", 0),
        has(o, "cache_creation_tokens")
            ? optLong(o, "cache_creation_tokens", 0)
            : optLong(o, "cache_creation_input_tokens", 0),
        has(o, "cache_read_tokens")
            ? optLong(o, "cache_read_tokens", 0)
            : optLong(o, "cache_read_input_tokens", 0));
  }

  public static AgentResult agentResult(ObjectNode o) throws CorruptFileException {
    return new AgentResult(
        reqInt(o, "exit_code"),
        optString(o, "stdout", ""),
        optString(o, "stderr", ""),
        tokenStats(reqObject(o, "token_stats")),
        reqDouble(o, "cost_usd"),
        optIntOrNull(o, "api_calls"),
        optBoolean(o, "turn_limit_reached", false));
  }

  public static AgentTiming agentTiming(ObjectNode o) throws CorruptFileException {
    return new AgentTiming(
        reqDouble(o, "agent_duration_seconds"), optString(o, "measured_at", null));
  }

  /** {@code judge/timing.json} or a slot's {@code timing.json}. */
  public static JudgeTiming judgeTiming(ObjectNode o) throws CorruptFileException {
    return new JudgeTiming(
        reqDouble(o, "judge_duration_seconds"),
        optString(o, "measured_at", null),
        optBoolean(o, "failed", false));
  }

  public static CommandLog commandLog(ObjectNode o) throws CorruptFileException {
    JsonNode arr = optArray(o, "commands");
    List<CommandLog.Entry> entries = new ArrayList<>();
    if (arr != null) {
      for (int i = 0; i < arr.size(); i++) {
        JsonNode e = arr.get(i);
        if (!e.isObject()) {
          throw new CorruptFileException(
              "field \"commands[" + i + "]\": expected an object, found " + JsonFields.kind(e));
        }
        entries.add(
            new CommandLog.Entry(
                optString(e, "timestamp", null),
                optStringList(e, "command", List.of()),
                optString(e, "cwd", null),
                optStringMap(e, "env_vars"),
                optIntOrNull(e, "exit_code"),
                optString(e, "stdout_file", null),
                optString(e, "stderr_file", null),
                JsonFields.optDoubleOrNull(e, "duration_seconds")));
      }
    }
    return new CommandLog(
        optString(o, "generated_at", null), optInt(o, "total_commands", entries.size()), entries);
  }

  public static Judgment judgment(ObjectNode o) throws CorruptFileException {
    JsonNode criteria = o.get("criteria_scores");
    return new Judgment(
        reqDouble(o, "score"),
        optBoolean(o, "passed", false),
        optString(o, "grade", null),
        optString(o, "reasoning", ""),
        optBooleanOrNull(o, "is_valid"),
        criteria == null || criteria.isNull() ? null : criteria,
        optBoolean(o, "fallback", false),
        optString(o, "fallback_reason", null),
        o);
  }

  public static Consensus consensus(ObjectNode o) throws CorruptFileException {
    JsonNode criteria = o.get("criteria_scores");
    return new Consensus(
        reqDouble(o, "score"),
        reqBoolean(o, "passed"),
        reqString(o, "grade"),
        optString(o, "reasoning", ""),
        optBooleanOrNull(o, "is_valid"),
        criteria == null || criteria.isNull() ? null : criteria,
        optIntOrNull(o, "valid_judges"),
        o);
  }

  public static RunResult runResult(ObjectNode o) throws CorruptFileException {
    List<JudgeEntry> judges = new ArrayList<>();
    JsonNode arr = optArray(o, "judges");
    if (arr != null) {
      for (int i = 0; i < arr.size(); i++) {
        JsonNode j = arr.get(i);
        if (!j.isObject()) {
          throw new CorruptFileException(
              "field \"judges[" + i + "]\": expected an object, found " + JsonFields.kind(j));
        }
        JsonNode crit = j.get("criteria_scores");
        judges.add(
            new JudgeEntry(
                optString(j, "model", "unknown"),
                optDouble(j, "score", 0.0),
                optBoolean(j, "passed", false),
                optString(j, "grade", "F"),
                optString(j, "reasoning", ""),
                optInt(j, "judge_number", i + 1),
                optBooleanOrNull(j, "is_valid"),
                crit == null || crit.isNull() ? null : crit));
      }
    }
    JsonNode criteria = o.get("criteria_scores");
    return new RunResult(
        reqInt(o, "run_number"),
        reqInt(o, "exit_code"),
        tokenStats(reqObject(o, "token_stats")),
        reqDouble(o, "cost_usd"),
        reqDouble(o, "duration_seconds"),
        optDouble(o, "agent_duration_seconds", 0.0),
        optDouble(o, "judge_duration_seconds", 0.0),
        finite(o, "judge_score"),
        reqBoolean(o, "judge_passed"),
        reqString(o, "judge_grade"),
        reqString(o, "judge_reasoning"),
        judges,
        reqString(o, "workspace_path"),
        reqString(o, "logs_path"),
        optString(o, "command_log_path", null),
        criteria == null || criteria.isNull() ? Json.object() : criteria,
        optBoolean(o, "turn_limit_reached", false),
        o);
  }

  // ---------------------------------------------------------------- writing

  /** Canonical token stats object in the reference's key order. */
  public static ObjectNode toJson(TokenStats t) {
    ObjectNode o = Json.object();
    o.put("input_tokens", t.inputTokens());
    o.put("output_tokens", t.outputTokens());
    o.put("cache_creation_tokens", t.cacheCreationTokens());
    o.put("cache_read_tokens", t.cacheReadTokens());
    return o;
  }

  public static ObjectNode toJson(AgentResult r) {
    ObjectNode o = Json.object();
    o.put("exit_code", r.exitCode());
    o.put("stdout", r.stdout());
    o.put("stderr", r.stderr());
    o.set("token_stats", toJson(r.tokenStats()));
    o.put("cost_usd", r.costUsd());
    if (r.apiCalls() != null) {
      o.put("api_calls", r.apiCalls());
    }
    if (r.turnLimitReached()) {
      o.put("turn_limit_reached", true);
    }
    return o;
  }

  public static ObjectNode toJson(AgentTiming t) {
    ObjectNode o = Json.object();
    o.put("agent_duration_seconds", t.agentDurationSeconds());
    o.put("measured_at", t.measuredAt());
    return o;
  }

  public static ObjectNode toJson(CommandLog log) {
    ObjectNode o = Json.object();
    o.put("generated_at", log.generatedAt());
    o.put("total_commands", log.totalCommands());
    ArrayNode arr = o.putArray("commands");
    for (CommandLog.Entry e : log.commands()) {
      ObjectNode c = arr.addObject();
      c.put("timestamp", e.timestamp());
      ArrayNode cmd = c.putArray("command");
      e.command().forEach(cmd::add);
      c.put("cwd", e.cwd());
      ObjectNode env = c.putObject("env_vars");
      e.envVars().forEach(env::put);
      if (e.exitCode() == null) {
        c.putNull("exit_code");
      } else {
        c.put("exit_code", e.exitCode());
      }
      c.put("stdout_file", e.stdoutFile());
      c.put("stderr_file", e.stderrFile());
      if (e.durationSeconds() == null) {
        c.putNull("duration_seconds");
      } else {
        c.put("duration_seconds", e.durationSeconds());
      }
    }
    return o;
  }

  /** A judges[] entry; {@code is_valid} and {@code criteria_scores} only when known. */
  public static ObjectNode toJson(JudgeEntry j) {
    ObjectNode o = Json.object();
    o.put("model", j.model());
    o.put("score", j.score());
    o.put("passed", j.passed());
    o.put("grade", j.grade());
    o.put("reasoning", j.reasoning());
    o.put("judge_number", j.judgeNumber());
    if (j.isValid() != null) {
      o.put("is_valid", j.isValid());
    }
    if (j.criteriaScores() != null) {
      o.set("criteria_scores", j.criteriaScores());
    }
    return o;
  }

  /**
   * {@code run_result.json} in the reference's key order. Fields of {@code raw} that this record
   * does not model (e.g. {@code process_metrics}) are kept after the known ones.
   */
  public static ObjectNode toJson(RunResult r) {
    ObjectNode o = Json.object();
    o.put("run_number", r.runNumber());
    o.put("exit_code", r.exitCode());
    o.set("token_stats", toJson(r.tokenStats()));
    o.put("tokens_input", r.tokensInput());
    o.put("tokens_output", r.tokensOutput());
    o.put("cost_usd", r.costUsd());
    o.put("duration_seconds", r.durationSeconds());
    o.put("agent_duration_seconds", r.agentDurationSeconds());
    o.put("judge_duration_seconds", r.judgeDurationSeconds());
    o.put("judge_score", r.judgeScore());
    o.put("judge_passed", r.judgePassed());
    o.put("judge_grade", r.judgeGrade());
    o.put("judge_reasoning", r.judgeReasoning());
    ArrayNode judges = o.putArray("judges");
    r.judges().forEach(j -> judges.add(toJson(j)));
    o.put("workspace_path", r.workspacePath());
    o.put("logs_path", r.logsPath());
    if (r.commandLogPath() == null) {
      o.putNull("command_log_path");
    } else {
      o.put("command_log_path", r.commandLogPath());
    }
    o.set("criteria_scores", r.criteriaScores() == null ? Json.object() : r.criteriaScores());
    if (r.turnLimitReached()) {
      o.put("turn_limit_reached", true);
    }
    if (r.raw() != null) {
      var it = r.raw().fields();
      while (it.hasNext()) {
        var e = it.next();
        if (!o.has(e.getKey())) {
          o.set(e.getKey(), e.getValue());
        }
      }
    }
    return o;
  }

  public static ObjectNode toJson(Consensus c) {
    ObjectNode o = Json.object();
    o.put("score", c.score());
    o.put("passed", c.passed());
    o.put("grade", c.grade());
    o.put("reasoning", c.reasoning());
    if (c.isValid() != null) {
      o.put("is_valid", c.isValid());
    }
    if (c.criteriaScores() != null) {
      o.set("criteria_scores", c.criteriaScores());
    } else if (c.raw() != null && c.raw().has("criteria_scores")) {
      o.set("criteria_scores", NullNode.getInstance());
    }
    if (c.validJudges() != null) {
      o.put("valid_judges", c.validJudges());
    }
    if (c.raw() != null) {
      var it = c.raw().fields();
      while (it.hasNext()) {
        var e = it.next();
        if (!o.has(e.getKey())) {
          o.set(e.getKey(), e.getValue());
        }
      }
    }
    return o;
  }

  /** Reads an optional object field as a tree, or null. */
  public static JsonNode optTree(JsonNode o, String field) throws CorruptFileException {
    return optObject(o, field);
  }

  /**
   * A number that must be finite: a score of NaN or {@code 1e999} makes the file corrupt for every
   * command alike (status, regenerate, analysis), so it is rebuilt rather than read.
   */
  private static double finite(JsonNode o, String field) throws CorruptFileException {
    double v = reqDouble(o, field);
    if (!Double.isFinite(v)) {
      throw new CorruptFileException(field + " is " + v + ", not a finite number");
    }
    return v;
  }
}
