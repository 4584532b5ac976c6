package dev.scylla.figures.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Places point labels so they do not overlap each other or the points: each label tries a list of
 * positions around its point and takes the first that is free and inside the plot.
 */
public final class Labeler {
  /** Where a label may go relative to its point. */
  public enum Spot {
    ABOVE,
    BELOW,
    RIGHT,
    LEFT,
    ABOVE_RIGHT,
    BELOW_RIGHT,
    ABOVE_LEFT,
    BELOW_LEFT
  }

  /** How far a label above a bar may reach into the margin right of the plot. */
  private static final double SLACK = 12;

  private final Rectangle2D bounds;
  private final List<Rectangle2D> taken = new ArrayList<>();

  public Labeler(Rectangle2D bounds) {
    this.bounds = bounds;
  }

  /** Marks a point (a marker of radius r) as occupied. */
  public void occupy(double x, double y, double r) {
    taken.add(new Rectangle2D.Double(x - r, y - r, 2 * r, 2 * r));
  }

  /** Marks a rectangle (a bar) as occupied. */
  public void occupy(Rectangle2D r) {
    taken.add(r);
  }

  /**
   * Draws {@code s} centred above {@code x} with its bottom at {@code bottom}, lifted one line at a
   * time (up to {@code maxLift} lines) until it overlaps nothing placed so far.
   */
  public void above(Graphics2D g, Font f, Color c, String s, double x, double bottom, int maxLift) {
    above(g, f, c, s, x, bottom, maxLift, Text.H.CENTER);
  }

  /**
   * As {@link #above(Graphics2D, Font, Color, String, double, double, int)}, with the label's
   * {@code anchor} edge (or centre) at {@code x}.
   */
  public void above(
      Graphics2D g,
      Font f,
      Color c,
      String s,
      double x,
      double bottom,
      int maxLift,
      Text.H anchor) {
    double w = Text.width(f, s);
    double left =
        switch (anchor) {
          case LEFT -> x;
          case CENTER -> x - w / 2;
          case RIGHT -> x - w;
        };
    // keep it inside the plot horizontally, allowing the right margin (there is room there)
    left = Math.max(bounds.getX() + 1, Math.min(left, bounds.getMaxX() + SLACK - w));
    double h = Text.ascent(f) + 1;
    double step = Text.lineHeight(f);
    Rectangle2D chosen = null;
    for (int lift = 0; lift <= maxLift && chosen == null; lift++) {
      Rectangle2D r = new Rectangle2D.Double(left, bottom - h - lift * step, w, h);
      boolean free = true;
      for (Rectangle2D t : taken) {
        if (t.intersects(r)) {
          free = false;
          break;
        }
      }
      if (free) {
        chosen = r;
      }
    }
    if (chosen == null) {
      chosen = new Rectangle2D.Double(left, bottom - h, w, h);
    }
    taken.add(chosen);
    Text.draw(g, f, c, s, chosen.getX(), chosen.getMaxY(), Text.H.LEFT, Text.V.BOTTOM);
  }

  /** Draws {@code s} near (x, y) at the first free spot (the first spot if none is free). */
  public void place(
      Graphics2D g, Font f, Color c, String s, double x, double y, double gap, Spot... spots) {
    double w = Text.width(f, s);
    double h = Text.ascent(f);
    Rectangle2D chosen = null;
    for (Spot spot : spots) {
      Rectangle2D r = rect(spot, x, y, w, h, gap);
      if (!bounds.contains(r)) {
        continue;
      }
      boolean free = true;
      for (Rectangle2D t : taken) {
        if (t.intersects(r)) {
          free = false;
          break;
        }
      }
      if (free) {
        chosen = r;
        break;
      }
    }
    if (chosen == null) {
      chosen = rect(spots[0], x, y, w, h, gap);
    }
    taken.add(chosen);
    Text.draw(g, f, c, s, chosen.getX(), chosen.getY(), Text.H.LEFT, Text.V.TOP);
  }

  private static Rectangle2D rect(Spot spot, double x, double y, double w, double h, double gap) {
    return switch (spot) {
      case ABOVE -> new Rectangle2D.Double(x - w / 2, y - gap - h, w, h);
      case BELOW -> new Rectangle2D.Double(x - w / 2, y + gap, w, h);
      case RIGHT -> new Rectangle2D.Double(x + gap, y - h / 2, w, h);
      case LEFT -> new Rectangle2D.Double(x - gap - w, y - h / 2, w, h);
      case ABOVE_RIGHT -> new Rectangle2D.Double(x + gap * 0.7, y - gap * 0.7 - h, w, h);
      case BELOW_RIGHT -> new Rectangle2D.Double(x + gap * 0.7, y + gap * 0.7, w, h);
      case ABOVE_LEFT -> new Rectangle2D.Double(x - gap * 0.7 - w, y - gap * 0.7 - h, w, h);
      case BELOW_LEFT -> new Rectangle2D.Double(x - gap * 0.7 - w, y + gap * 0.7, w, h);
    };
  }
}
