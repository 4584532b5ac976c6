package dev.scylla.figures.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.util.List;
import java.util.Map;

/**
 * Fonts, colours and strokes shared by every figure, sized for a figure printed at its natural size
 * (6.5 inches wide, a page's text width): nothing smaller than 7 points.
 */
public final class Theme {
  private Theme() {}

  /**
   * A physical sans-serif family when one is installed (DejaVu Sans on most Linux machines), so the
   * SVG names a real font and the vector back-ends need not resolve the logical "SansSerif" font
   * for every text command (which dominated their time); the logical font otherwise.
   */
  public static final String FAMILY = family();

  public static final Font TITLE = new Font(FAMILY, Font.BOLD, 11);
  public static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 8);
  public static final Font PANEL_TITLE = new Font(FAMILY, Font.BOLD, 9);
  public static final Font AXIS_TITLE = font(Font.PLAIN, 8.5f);
  public static final Font TICK = new Font(FAMILY, Font.PLAIN, 8);
  public static final Font TICK_SMALL = new Font(FAMILY, Font.PLAIN, 7);
  public static final Font LABEL = new Font(FAMILY, Font.PLAIN, 7);
  public static final Font LABEL_BOLD = new Font(FAMILY, Font.BOLD, 7);
  public static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 8);
  public static final Font NOTE = new Font(FAMILY, Font.PLAIN, 7);
  public static final Font MESSAGE = new Font(FAMILY, Font.ITALIC, 9);

  public static final Color INK = new Color(0x222222);
  public static final Color MUTED = new Color(0x555555);
  public static final Color FAINT = new Color(0x888888);
  public static final Color GRID = new Color(0xE3E3E3);
  public static final Color AXIS = new Color(0x444444);
  public static final Color PANEL_BG = Color.WHITE;

  public static final Stroke HAIRLINE = new BasicStroke(0.5f);
  public static final Stroke THIN = new BasicStroke(0.75f);
  public static final Stroke MEDIUM = new BasicStroke(1.0f);
  public static final Stroke THICK = new BasicStroke(1.5f);
  public static final Stroke DASHED =
      new BasicStroke(
          0.75f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 2f}, 0f);

  /** Series colours (Okabe–Ito, safe for colour-blind readers), one per agent model. */
  public static final List<Color> SERIES =
      List.of(
          new Color(0x0072B2),
          new Color(0xE69F00),
          new Color(0x009E73),
          new Color(0xCC79A7),
          new Color(0x56B4E9),
          new Color(0xD55E00),
          new Color(0x000000),
          new Color(0xF0E442));

  /** Tier colours (ColorBrewer Set2, as the reference uses for T0..T6). */
  public static final List<Color> TIERS =
      List.of(
          new Color(0x66C2A5),
          new Color(0xFC8D62),
          new Color(0x8DA0CB),
          new Color(0xE78AC3),
          new Color(0xA6D854),
          new Color(0xFFD92F),
          new Color(0xE5C494),
          new Color(0xB3B3B3));

  /** Grade colours from best (S) to worst (F): a diverging green to red scale. */
  public static final Map<String, Color> GRADES =
      Map.of(
          "S", new Color(0x1A9850),
          "A", new Color(0x66BD63),
          "B", new Color(0xA6D96A),
          "C", new Color(0xFEE08B),
          "D", new Color(0xFDAE61),
          "F", new Color(0xD73027));

  /** Outcome colours: passed, failed after grading, infrastructure failure. */
  public static final Color PASSED = new Color(0x4D9221);

  public static final Color FAILED = new Color(0xC51B7D);
  public static final Color INFRA = new Color(0x999999);

  /** Token-type colours: fresh input, cache read, cache creation, output. */
  public static final List<Color> TOKENS =
      List.of(new Color(0x1B9E77), new Color(0x7570B3), new Color(0xD95F02), new Color(0xE7298A));

  private static String family() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    java.util.Set<String> installed =
        java.util.Set.of(
            java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames(java.util.Locale.ROOT));
    for (String f : List.of("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica")) {
      if (installed.contains(f)) {
        return f;
      }
    }
    return Font.SANS_SERIF;
  }

  private static Font font(int style, float size) {
    return new Font(FAMILY, style, 1).deriveFont(size);
  }

  public static Color series(int i) {
    return SERIES.get(Math.floorMod(i, SERIES.size()));
  }

  /** The colour of tier {@code T<n>}; unknown tiers get grey. */
  public static Color tier(String tier) {
    if (tier != null && tier.length() == 2 && tier.charAt(0) == 'T') {
      int n = tier.charAt(1) - '0';
      if (n >= 0 && n < TIERS.size() - 1) {
        return TIERS.get(n);
      }
    }
    return TIERS.get(TIERS.size() - 1);
  }

  /** {@code c} mixed with white: {@code amount} 0 keeps the colour, 1 gives white. */
  public static Color tint(Color c, double amount) {
    double a = Math.max(0, Math.min(1, amount));
    return new Color(
        (int) Math.round(c.getRed() + (255 - c.getRed()) * a),
        (int) Math.round(c.getGreen() + (255 - c.getGreen()) * a),
        (int) Math.round(c.getBlue() + (255 - c.getBlue()) * a));
  }

  /** Black or white, whichever reads better on {@code background}. */
  public static Color textOn(Color background) {
    double l =
        (0.2126 * background.getRed()
                + 0.7152 * background.getGreen()
                + 0.0722 * background.getBlue())
            / 255.0;
    return l > 0.55 ? INK : Color.WHITE;
  }
}
