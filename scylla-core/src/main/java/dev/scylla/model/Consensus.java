package dev.scylla.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code judge/result.json}: the consensus of a run's judges.
 *
 * @param isValid null when absent (data before the field existed counts as valid)
 * @param validJudges how many judges counted, or null in data written by the reference
 */
public record Consensus(
    double score,
    boolean passed,
    String grade,
    String reasoning,
    Boolean isValid,
    JsonNode criteriaScores,
    Integer validJudges,
    ObjectNode raw) {

  public boolean valid() {
    return !Boolean.FALSE.equals(isValid);
  }
}
