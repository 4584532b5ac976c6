package dev.scylla.figures;

import dev.scylla.figures.plot.Drawing;

/**
 * One figure ready to encode, or the reason it was not drawn.
 *
 * @param name file name without extension ({@code fig04_pass_rate_by_tier})
 * @param caption one sentence for a LaTeX caption
 * @param drawing null when skipped
 * @param skipped why there is no drawing (null when there is one)
 * @param data the numbers drawn, for the figures that keep them (null otherwise)
 */
public record Figure(
    String name, String caption, Drawing drawing, String skipped, FigureData data) {
  public Figure(String name, String caption, Drawing drawing, String skipped) {
    this(name, caption, drawing, skipped, null);
  }

  static Figure of(String name, String caption, Drawing d) {
    return new Figure(name, caption, d, null);
  }

  static Figure of(String name, String caption, Drawing d, FigureData data) {
    return new Figure(name, caption, d, null, data);
  }

  static Figure skip(String name, String caption, String why) {
    return new Figure(name, caption, null, why);
  }

  public boolean isSkipped() {
    return drawing == null;
  }
}
