package dev.scylla.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code judge/judge_NN/judgment.json}: one judge's verdict on one run.
 *
 * @param isValid the file's {@code is_valid}; null when absent (legacy data: counts as valid)
 * @param criteriaScores the per-category breakdown, or null
 * @param fallback true when this is a persisted fallback verdict (terminal, never a real verdict)
 * @param raw the parsed file, so fields this record does not name survive; never mutate it
 */
public record Judgment(
    double score,
    boolean passed,
    String grade,
    String reasoning,
    Boolean isValid,
    JsonNode criteriaScores,
    boolean fallback,
    String fallbackReason,
    ObjectNode raw) {

  /** A real verdict: not a fallback and not marked invalid. */
  public boolean isRealVerdict() {
    return !fallback && !Boolean.FALSE.equals(isValid);
  }
}
