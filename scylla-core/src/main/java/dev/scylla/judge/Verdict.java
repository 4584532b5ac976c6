package dev.scylla.judge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One judge's verdict, validated against the rubric.
 *
 * @param score the score that counts: computed in code from the item results where the rubric has
 *     weighted categories with item points, otherwise the model's own
 * @param passed {@code score >= passThreshold}
 * @param grade the letter grade of {@code score}
 * @param scoreSource where {@code score} comes from
 * @param modelScore the model's own top-level score, kept for audit (null when it gave none)
 * @param modelPassed the model's own pass vote, parsed strictly (null when not a boolean)
 * @param modelGrade the model's own grade, or null
 * @param criteriaScores the model's category breakdown as it wrote it, or null
 * @param categoryScores the category scores computed in code (empty for a model score)
 * @param warnings what the validation found that did not make the verdict unusable
 * @param blockIndex which JSON object of the response was used (0-based)
 * @param blockCount how many JSON objects the response holds
 */
public record Verdict(
    double score,
    boolean passed,
    String grade,
    String reasoning,
    ScoreSource scoreSource,
    double passThreshold,
    Double modelScore,
    Boolean modelPassed,
    String modelGrade,
    JsonNode criteriaScores,
    List<CategoryScore> categoryScores,
    List<String> warnings,
    int blockIndex,
    int blockCount,
    VerdictPolicy policy) {

  public Verdict {
    categoryScores = List.copyOf(categoryScores);
    warnings = List.copyOf(warnings);
  }

  /** Where a verdict's score comes from. */
  public enum ScoreSource {
    /** Computed in code from the item results and the rubric's weights and points. */
    COMPUTED,
    /** The model's own score: the rubric has no item points (or there is no rubric). */
    MODEL;

    public String jsonName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
