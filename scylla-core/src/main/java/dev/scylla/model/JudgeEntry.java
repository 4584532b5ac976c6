package dev.scylla.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One element of {@code run_result.json}'s {@code judges[]}.
 *
 * @param isValid null when the entry does not say (the reference's recovery writer omits it)
 * @param criteriaScores null when the entry does not carry it
 */
public record JudgeEntry(
    String model,
    double score,
    boolean passed,
    String grade,
    String reasoning,
    int judgeNumber,
    Boolean isValid,
    JsonNode criteriaScores) {}
