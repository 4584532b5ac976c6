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

  private final Rectangle2D bounds;
  private final List<Rectangle2D> taken = new ArrayList<>();

  public Labeler(Rectangle2D bounds) {
    this.bounds = bounds;
  }

  /** Marks a point (a marker of radius r) as occupied. */
  public void occupy(double x, double y, double r) {
    taken.add(new Rectangle2D.Double(x - r, y - r, 2 * r, 2 * r));
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
