package dev.scylla.analysis;

import java.util.List;

/** How many runs got each letter grade (S, A, B, C, D, F). */
public record GradeCounts(int s, int a, int b, int c, int d, int f) {

  /** The grade letters in the reference's column order. */
  public static final List<String> LETTERS = List.of("S", "A", "B", "C", "D", "F");

  public static final GradeCounts NONE = new GradeCounts(0, 0, 0, 0, 0, 0);

  /** The count of one letter; 0 for anything that is not a grade letter. */
  public int get(String letter) {
    return switch (letter) {
      case "S" -> s;
      case "A" -> a;
      case "B" -> b;
      case "C" -> c;
      case "D" -> d;
      case "F" -> f;
      default -> 0;
    };
  }

  /** These counts plus one run of {@code letter}; other strings are not counted. */
  public GradeCounts plus(String letter) {
    return switch (letter == null ? "" : letter) {
      case "S" -> new GradeCounts(s + 1, a, b, c, d, f);
      case "A" -> new GradeCounts(s, a + 1, b, c, d, f);
      case "B" -> new GradeCounts(s, a, b + 1, c, d, f);
      case "C" -> new GradeCounts(s, a, b, c + 1, d, f);
      case "D" -> new GradeCounts(s, a, b, c, d + 1, f);
      case "F" -> new GradeCounts(s, a, b, c, d, f + 1);
      default -> this;
    };
  }

  public int total() {
    return s + a + b + c + d + f;
  }
}
