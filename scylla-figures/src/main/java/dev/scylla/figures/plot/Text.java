package dev.scylla.figures.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text measured with one fixed, device-independent context, so the layout of a figure is the same
 * in PNG, SVG and PDF (each back-end reports different metrics of its own).
 */
public final class Text {
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
  private static final Map<Font, Map<String, Double>> WIDTHS = new ConcurrentHashMap<>();
  private static final Map<Font, LineMetrics> METRICS = new ConcurrentHashMap<>();
  private static final Map<Font, Double> CAP = new ConcurrentHashMap<>();

  private Text() {}

  /** Horizontal anchor. */
  public enum H {
    LEFT,
    CENTER,
    RIGHT
  }

  /** Vertical anchor: the top of the ascent, the middle of the cap height, the baseline. */
  public enum V {
    TOP,
    MIDDLE,
    BASELINE,
    BOTTOM
  }

  public static double width(Font f, String s) {
    if (s.isEmpty()) {
      return 0;
    }
    return WIDTHS
        .computeIfAbsent(f, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(s, k -> f.getStringBounds(k, FRC).getWidth());
  }

  public static double ascent(Font f) {
    return metrics(f).getAscent();
  }

  public static double descent(Font f) {
    return metrics(f).getDescent();
  }

  /** Line height (ascent + descent + leading). */
  public static double lineHeight(Font f) {
    LineMetrics m = metrics(f);
    return m.getAscent() + m.getDescent() + m.getLeading();
  }

  /** Height of a capital letter, for centring text on a point. */
  public static double capHeight(Font f) {
    return CAP.computeIfAbsent(f, k -> k.createGlyphVector(FRC, "H").getVisualBounds().getHeight());
  }

  private static LineMetrics metrics(Font f) {
    return METRICS.computeIfAbsent(f, k -> k.getLineMetrics("Hgy", FRC));
  }

  /** Widest line of a multi-line text. */
  public static double width(Font f, List<String> lines) {
    double w = 0;
    for (String s : lines) {
      w = Math.max(w, width(f, s));
    }
    return w;
  }

  /** Draws one line of text anchored at (x, y). */
  public static void draw(Graphics2D g, Font f, Color c, String s, double x, double y, H h, V v) {
    if (s == null || s.isEmpty()) {
      return;
    }
    double w = width(f, s);
    double dx =
        switch (h) {
          case LEFT -> 0;
          case CENTER -> -w / 2;
          case RIGHT -> -w;
        };
    double dy =
        switch (v) {
          case TOP -> ascent(f);
          case MIDDLE -> capHeight(f) / 2;
          case BASELINE -> 0;
          case BOTTOM -> -descent(f);
        };
    if (!f.equals(g.getFont())) {
      g.setFont(f);
    }
    g.setColor(c);
    g.drawString(s, (float) (x + dx), (float) (y + dy));
  }

  /** Draws lines one below the other, the block anchored at (x, y) by its top line. */
  public static void drawLines(
      Graphics2D g, Font f, Color c, List<String> lines, double x, double y, H h) {
    double lh = lineHeight(f);
    for (int i = 0; i < lines.size(); i++) {
      draw(g, f, c, lines.get(i), x, y + i * lh, h, V.TOP);
    }
  }

  /** Draws text rotated a quarter turn anticlockwise, centred on (x, y). */
  public static void drawVertical(Graphics2D g, Font f, Color c, String s, double x, double y) {
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    g.rotate(-Math.PI / 2);
    draw(g, f, c, s, 0, 0, H.CENTER, V.MIDDLE);
    g.setTransform(saved);
  }

  /** Greedy word wrap to {@code maxWidth}; a single word wider than that gets its own line. */
  public static List<String> wrap(Font f, String text, double maxWidth) {
    List<String> out = new ArrayList<>();
    for (String para : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : para.split(" ")) {
        if (word.isEmpty()) {
          continue;
        }
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (line.length() > 0 && width(f, candidate) > maxWidth) {
          out.add(line.toString());
          line = new StringBuilder(word);
        } else {
          line = new StringBuilder(candidate);
        }
      }
      out.add(line.toString());
    }
    return out;
  }

  /** Shortens {@code s} with an ellipsis until it fits {@code maxWidth}. */
  public static String fit(Font f, String s, double maxWidth) {
    if (width(f, s) <= maxWidth) {
      return s;
    }
    String t = s;
    while (t.length() > 1 && width(f, t + "…") > maxWidth) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "…";
  }
}
