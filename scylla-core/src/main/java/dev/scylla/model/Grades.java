package dev.scylla.model;

import java.util.List;

/** The grading scale: S only at exactly 1.0, A at 0.80, B 0.60, C 0.40, D 0.20, else F. */
public final class Grades {
  /** Grades from worst to best, the order min/max use. */
  public static final List<String> ORDER = List.of("F", "D", "C", "B", "A", "S");

  private Grades() {}

  /** The letter grade of a score in [0, 1]; throws for anything else. */
  public static String letter(double score) {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score outside [0, 1]: " + score);
    }
    if (score == 1.0) {
      return "S";
    }
    if (score >= 0.80) {
      return "A";
    }
    if (score >= 0.60) {
      return "B";
    }
    if (score >= 0.40) {
      return "C";
    }
    if (score >= 0.20) {
      return "D";
    }
    return "F";
  }

  /** The rank of a grade in {@link #ORDER}, or -1 for anything else ("N/A"). */
  public static int rank(String grade) {
    return grade == null ? -1 : ORDER.indexOf(grade);
  }
}
