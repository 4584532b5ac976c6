package dev.scylla.figures;

import java.awt.Color;

/** A sequential colour ramp (ColorBrewer Blues) for proportions and counts in [0, 1]. */
final class Ramp {
  private static final int[] BLUES = {
    0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B
  };

  private Ramp() {}

  static Color blues(double t) {
    double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (BLUES.length - 1);
    int i = (int) Math.floor(x);
    if (i >= BLUES.length - 1) {
      return new Color(BLUES[BLUES.length - 1]);
    }
    double f = x - i;
    Color a = new Color(BLUES[i]);
    Color b = new Color(BLUES[i + 1]);
    return new Color(
        (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
  }
}
