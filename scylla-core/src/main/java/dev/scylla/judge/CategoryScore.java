package dev.scylla.judge;

import java.util.List;

/**
 * A category's score computed from the model's item results and the rubric's points.
 *
 * @param achieved the sum of {@code achieved} over the items that are not N/A
 * @param max the rubric points of the items that are not N/A
 * @param score achieved / max, or null when every item is N/A (the category is dropped and the
 *     other weights are renormalised)
 */
public record CategoryScore(
    String name, double weight, double achieved, double max, Double score, List<String> naItems) {

  public CategoryScore {
    naItems = List.copyOf(naItems);
  }

  public boolean dropped() {
    return score == null;
  }
}
