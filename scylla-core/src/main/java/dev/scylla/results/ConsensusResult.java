package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Consensus;
import dev.scylla.store.Json;

/**
 * The consensus of a run's judges, as {@code judge/result.json} records it.
 *
 * @param isValid whether at least {@code quorum} real verdicts were counted
 * @param criteriaScores the representative judge's criteria, or null when it has none
 * @param validJudges how many real verdicts were counted (0 when only fallbacks or none)
 * @param counted how many judgments the score is the mean of
 * @param representativeJudge the slot whose reasoning and criteria were taken, or 0 when none
 * @param fromFallbacks true when no real verdict existed and the persisted fallback verdicts were
 *     counted instead (never valid)
 * @param agreement the agreement of the counted judges, or null when nothing was counted
 * @param notJudged why the run was scored without judges ({@link #TURN_LIMIT_REACHED}), or null
 */
public record ConsensusResult(
    double score,
    boolean passed,
    String grade,
    String reasoning,
    boolean isValid,
    JsonNode criteriaScores,
    int validJudges,
    int counted,
    int representativeJudge,
    ReasoningRule rule,
    int quorum,
    boolean fromFallbacks,
    Agreement agreement,
    String notJudged) {

  /** The {@code not_judged} value of a turn-limited run scored as a failure without judging. */
  public static final String TURN_LIMIT_REACHED = "turn_limit_reached";

  public ConsensusResult(
      double score,
      boolean passed,
      String grade,
      String reasoning,
      boolean isValid,
      JsonNode criteriaScores,
      int validJudges,
      int counted,
      int representativeJudge,
      ReasoningRule rule,
      int quorum,
      boolean fromFallbacks,
      Agreement agreement) {
    this(
        score,
        passed,
        grade,
        reasoning,
        isValid,
        criteriaScores,
        validJudges,
        counted,
        representativeJudge,
        rule,
        quorum,
        fromFallbacks,
        agreement,
        null);
  }

  /** The model value (what readers of {@code judge/result.json} see). */
  public Consensus toConsensus() {
    return new Consensus(
        score, passed, grade, reasoning, isValid, criteriaScores, validJudges, toJson());
  }

  /**
   * {@code judge/result.json}: the reference's keys ({@code score, passed, grade, reasoning,
   * is_valid, criteria_scores}) in its order, then ours ({@code valid_judges, quorum,
   * reasoning_rule, representative_judge, from_fallbacks, agreement}, and {@code not_judged} when
   * set; docs/format.md).
   */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("score", score);
    o.put("passed", passed);
    o.put("grade", grade);
    o.put("reasoning", reasoning);
    o.put("is_valid", isValid);
    o.set("criteria_scores", criteriaScores == null ? NullNode.getInstance() : criteriaScores);
    o.put("valid_judges", validJudges);
    o.put("quorum", quorum);
    o.put("reasoning_rule", rule.jsonName());
    if (representativeJudge > 0) {
      o.put("representative_judge", representativeJudge);
    } else {
      o.putNull("representative_judge");
    }
    o.put("from_fallbacks", fromFallbacks);
    o.set("agreement", agreement == null ? NullNode.getInstance() : agreement.toJson());
    if (notJudged != null) {
      o.put("not_judged", notJudged);
    }
    return o;
  }
}
