package dev.scylla.figures;

import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;

/** Placement of the labels of two bars drawn side by side (left: side -1, right: side +1). */
final class Pairs {
  private Pairs() {}

  /**
   * The left edge of the label of a bar centred at {@code cx}, {@code w} wide: centred over the bar
   * when it fits, otherwise pushed outwards so that it stops at the pair's centre — the two labels
   * of a pair then never overlap, whatever their widths.
   */
  static double labelLeft(double cx, double w, int side, String text) {
    double tw = Text.width(Theme.LABEL, text);
    double left = cx - tw / 2;
    double centre = cx - side * w / 2;
    if (side < 0) {
      return Math.min(left, centre - 0.75 - tw);
    }
    return Math.max(left, centre + 0.75);
  }
}
