package dev.scylla.figures.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Small drawing helpers: boxes, markers, whiskers. */
public final class Marks {
  private Marks() {}

  /** Marker shapes. */
  public enum Shape {
    CIRCLE,
    SQUARE,
    DIAMOND,
    TRIANGLE_UP,
    STAR
  }

  /** Fills {@code r} and, if {@code stroke} is not null, outlines it. */
  public static void box(Graphics2D g, Rectangle2D r, Color fill, Color stroke) {
    if (fill != null) {
      g.setColor(fill);
      g.fill(r);
    }
    if (stroke != null) {
      g.setColor(stroke);
      g.setStroke(Theme.THIN);
      g.draw(r);
    }
  }

  /** A marker of radius {@code r} centred on (x, y). */
  public static void marker(
      Graphics2D g, Shape shape, double x, double y, double r, Color fill, Color stroke) {
    java.awt.Shape s =
        switch (shape) {
          case CIRCLE -> new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
          case SQUARE -> new Rectangle2D.Double(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r);
          case DIAMOND ->
              polygon(new double[] {x, y - r * 1.25, x + r, y, x, y + r * 1.25, x - r, y});
          case TRIANGLE_UP ->
              polygon(
                  new double[] {
                    x, y - r * 1.2, x + r * 1.1, y + r * 0.8, x - r * 1.1, y + r * 0.8
                  });
          case STAR -> star(x, y, r * 1.4);
        };
    if (fill != null) {
      g.setColor(fill);
      g.fill(s);
    }
    if (stroke != null) {
      g.setColor(stroke);
      g.setStroke(Theme.THIN);
      g.draw(s);
    }
  }

  /** A vertical whisker from y0 to y1 at x, with caps {@code cap} points wide. */
  public static void whisker(Graphics2D g, double x, double y0, double y1, double cap, Color c) {
    g.setColor(c);
    g.setStroke(Theme.MEDIUM);
    g.draw(new Line2D.Double(x, y0, x, y1));
    if (cap > 0) {
      g.draw(new Line2D.Double(x - cap / 2, y0, x + cap / 2, y0));
      g.draw(new Line2D.Double(x - cap / 2, y1, x + cap / 2, y1));
    }
  }

  public static void line(
      Graphics2D g, double x0, double y0, double x1, double y1, Color c, java.awt.Stroke s) {
    g.setColor(c);
    g.setStroke(s);
    g.draw(new Line2D.Double(x0, y0, x1, y1));
  }

  private static Path2D polygon(double[] xy) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      p.lineTo(xy[i], xy[i + 1]);
    }
    p.closePath();
    return p;
  }

  private static Path2D star(double x, double y, double r) {
    Path2D.Double p = new Path2D.Double();
    for (int i = 0; i < 10; i++) {
      double rr = i % 2 == 0 ? r : r * 0.45;
      double a = -Math.PI / 2 + i * Math.PI / 5;
      double px = x + rr * Math.cos(a);
      double py = y + rr * Math.sin(a);
      if (i == 0) {
        p.moveTo(px, py);
      } else {
        p.lineTo(px, py);
      }
    }
    p.closePath();
    return p;
  }
}
