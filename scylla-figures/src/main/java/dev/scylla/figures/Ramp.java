package dev.scylla.figures;

import java.awt.Color;

/** Colour ramps: sequential (ColorBrewer Blues) for [0, 1], diverging (RdBu) for [-1, 1]. */
final class Ramp {
  private static final int[] BLUES = {
    0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B
  };

  private Ramp() {}

  /** ColorBrewer RdBu (reversed: negative red, positive blue), for values in [-1, 1]. */
  private static final int[] DIVERGING = {
    0xB2182B, 0xD6604D, 0xF4A582, 0xFDDBC7, 0xF7F7F7, 0xD1E5F0, 0x92C5DE, 0x4393C3, 0x2166AC
  };

  /** A diverging colour for {@code t} in [-1, 1]: red below 0, white at 0, blue above. */
  static Color diverging(double t) {
    return interpolate(DIVERGING, (Math.max(-1, Math.min(1, Double.isNaN(t) ? 0 : t)) + 1) / 2);
  }

  static Color blues(double t) {
    return interpolate(BLUES, Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)));
  }

  private static Color interpolate(int[] ramp, double t) {
    double x = t * (ramp.length - 1);
    int i = (int) Math.floor(x);
    if (i >= ramp.length - 1) {
      return new Color(ramp[ramp.length - 1]);
    }
    double f = x - i;
    Color a = new Color(ramp[i]);
    Color b = new Color(ramp[i + 1]);
    return new Color(
        (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * f),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * f),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * f));
  }
}
