package dev.scylla.model;

import java.util.List;
import java.util.Optional;

/**
 * A rubric ({@code rubric.yaml}): weighted categories of point-scored items, or the older list of
 * weighted requirements, plus the pass threshold.
 *
 * @param categories the categories format; empty when the rubric has none
 * @param requirements the requirements format; empty when the rubric has none
 * @param passThreshold {@code grading.pass_threshold}, or {@link #DEFAULT_PASS_THRESHOLD}
 * @param thresholdDeclared whether the file states the threshold
 * @param text the file's text as read, for the judge prompt
 */
public record Rubric(
    List<Category> categories,
    List<Requirement> requirements,
    double passThreshold,
    boolean thresholdDeclared,
    String text) {

  /** The pass threshold when a rubric does not state one (the B boundary). */
  public static final double DEFAULT_PASS_THRESHOLD = 0.60;

  public Rubric {
    categories = List.copyOf(categories);
    requirements = List.copyOf(requirements);
  }

  /**
   * Whether scores can be computed in code: the rubric has weighted categories whose items carry
   * points.
   */
  public boolean scoresInCode() {
    return !categories.isEmpty();
  }

  public Optional<Category> category(String name) {
    return categories.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** A weighted category of items. */
  public record Category(String name, double weight, String scoringType, List<Item> items) {
    public Category {
      items = List.copyOf(items);
    }

    /** The points of all items. */
    public double maxPoints() {
      double sum = 0;
      for (Item i : items) {
        sum += i.points();
      }
      return sum;
    }

    public Optional<Item> item(String id) {
      return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }
  }

  /**
   * One checklist item.
   *
   * @param naCondition when the item may be marked N/A, or null when it never may
   */
  public record Item(String id, String check, double points, String naCondition) {}

  /** One requirement of the requirements format. */
  public record Requirement(
      String id, String description, double weight, String evaluation, List<String> criteria) {
    public Requirement {
      criteria = List.copyOf(criteria);
    }
  }
}
