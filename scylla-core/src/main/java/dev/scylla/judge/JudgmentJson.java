package dev.scylla.judge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.ImplRate;
import dev.scylla.store.Json;

/**
 * {@code judgment.json} as we write it: the reference's keys first ({@code score}, {@code passed},
 * {@code grade}, {@code reasoning}, {@code is_valid}, {@code criteria_scores}), then ours (see
 * docs/format.md). {@code score}, {@code passed} and {@code grade} are the verdict's (computed in
 * code where the rubric allows); the model's own figures follow as {@code model_score}, {@code
 * model_passed}, {@code model_grade}, and {@code criteria_scores} is the model's breakdown as it
 * wrote it.
 */
public final class JudgmentJson {
  private JudgmentJson() {}

  /** Facts about the attempt that produced a judgment. */
  public record Provenance(
      int judgeNumber,
      String model,
      String backend,
      int attempt,
      String promptSha256,
      String systemPromptSha256,
      String measuredAt) {}

  public static ObjectNode verdict(Verdict v, Provenance p) {
    ObjectNode o = Json.object();
    o.put("score", v.score());
    o.put("passed", v.passed());
    o.put("grade", v.grade());
    o.put("reasoning", v.reasoning());
    o.put("is_valid", true);
    if (v.criteriaScores() == null) {
      o.putNull("criteria_scores");
    } else {
      o.set("criteria_scores", v.criteriaScores().deepCopy());
    }
    provenance(o, p);
    o.put("score_source", v.scoreSource().jsonName());
    o.put("pass_threshold", v.passThreshold());
    putNullable(o, "model_score", v.modelScore());
    if (v.modelPassed() == null) {
      o.putNull("model_passed");
    } else {
      o.put("model_passed", v.modelPassed());
    }
    if (v.modelGrade() == null) {
      o.putNull("model_grade");
    } else {
      o.put("model_grade", v.modelGrade());
    }
    if (v.categoryScores().isEmpty()) {
      o.putNull("category_scores");
    } else {
      ObjectNode cats = o.putObject("category_scores");
      for (CategoryScore c : v.categoryScores()) {
        ObjectNode co = cats.putObject(c.name());
        co.put("weight", c.weight());
        co.put("achieved", c.achieved());
        co.put("max", c.max());
        putNullable(co, "score", c.score());
        ArrayNode na = co.putArray("na_items");
        c.naItems().forEach(na::add);
      }
    }
    double impl = ImplRate.ofJudge(v.criteriaScores());
    putNullable(o, "impl_rate", Double.isFinite(impl) ? impl : null);
    ObjectNode block = o.putObject("verdict_block");
    block.put("policy", v.policy().jsonName());
    block.put("index", v.blockIndex());
    block.put("count", v.blockCount());
    ArrayNode w = o.putArray("validation");
    v.warnings().forEach(w::add);
    return o;
  }

  /** The fallback judgment of a slot whose attempt budget is spent: terminal, never valid. */
  public static ObjectNode fallback(String reason, int attemptsSpent, Provenance p) {
    ObjectNode o = Json.object();
    o.put("score", 0.0);
    o.put("passed", false);
    o.put("grade", "F");
    o.put(
        "reasoning",
        "No verdict: the judge failed "
            + attemptsSpent
            + " attempt"
            + (attemptsSpent == 1 ? "" : "s")
            + " and its budget is spent. Last error: "
            + reason);
    o.put("is_valid", false);
    o.putNull("criteria_scores");
    o.put("fallback", true);
    o.put("fallback_reason", reason);
    provenance(o, p);
    o.put("attempts_spent", attemptsSpent);
    return o;
  }

  private static void provenance(ObjectNode o, Provenance p) {
    o.put("judge_number", p.judgeNumber());
    o.put("model", p.model());
    putNullable(o, "backend", p.backend());
    o.put("attempt", p.attempt());
    putNullable(o, "prompt_sha256", p.promptSha256());
    putNullable(o, "system_prompt_sha256", p.systemPromptSha256());
    o.put("measured_at", p.measuredAt());
  }

  private static void putNullable(ObjectNode o, String k, Object v) {
    if (v == null) {
      o.putNull(k);
    } else if (v instanceof Double d) {
      o.put(k, d);
    } else {
      o.put(k, v.toString());
    }
  }
}
