package dev.scylla.figures.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/** A row (wrapping onto more rows when needed) of legend entries: a swatch and a label. */
public final class Legend {
  /** Paints a swatch in a 12 x 8 point box whose top-left corner is (x, y). */
  @FunctionalInterface
  public interface Swatch {
    void paint(Graphics2D g, double x, double y);
  }

  /** One entry. */
  public record Item(String label, Swatch swatch) {}

  static final double SW = 12;
  static final double SH = 8;
  private static final double GAP = 4;
  private static final double SPACING = 12;

  private Legend() {}

  public static Item box(String label, Color fill) {
    return new Item(
        label, (g, x, y) -> Marks.box(g, new Rectangle2D.Double(x, y, SW, SH), fill, null));
  }

  public static Item outlined(String label, Color fill, Color stroke) {
    return new Item(
        label, (g, x, y) -> Marks.box(g, new Rectangle2D.Double(x, y, SW, SH), fill, stroke));
  }

  public static Item line(String label, Color c, java.awt.Stroke stroke) {
    return new Item(
        label,
        (g, x, y) -> {
          g.setColor(c);
          g.setStroke(stroke);
          g.draw(new Line2D.Double(x, y + SH / 2, x + SW, y + SH / 2));
        });
  }

  public static Item marker(String label, Marks.Shape shape, Color fill, Color stroke) {
    return new Item(
        label, (g, x, y) -> Marks.marker(g, shape, x + SW / 2, y + SH / 2, 3.2, fill, stroke));
  }

  /** A whisker with a marker: how a point estimate with its confidence interval is drawn. */
  public static Item interval(String label, Color c) {
    return new Item(
        label,
        (g, x, y) -> {
          Marks.whisker(g, x + SW / 2, y - 1, y + SH + 1, 4, c);
          Marks.marker(g, Marks.Shape.CIRCLE, x + SW / 2, y + SH / 2, 2.2, c, c);
        });
  }

  /** Rows of items broken to fit {@code width}. */
  static List<List<Item>> rows(List<Item> items, double width) {
    List<List<Item>> rows = new ArrayList<>();
    List<Item> row = new ArrayList<>();
    double used = 0;
    for (Item it : items) {
      double w = SW + GAP + Text.width(Theme.LEGEND, it.label());
      if (!row.isEmpty() && used + SPACING + w > width) {
        rows.add(row);
        row = new ArrayList<>();
        used = 0;
      }
      used += (row.isEmpty() ? 0 : SPACING) + w;
      row.add(it);
    }
    if (!row.isEmpty()) {
      rows.add(row);
    }
    return rows;
  }

  static double rowHeight() {
    return Math.max(SH, Text.lineHeight(Theme.LEGEND)) + 3;
  }

  static double height(List<Item> items, double width) {
    return items.isEmpty() ? 0 : rows(items, width).size() * rowHeight();
  }

  /** Draws the legend left-aligned at (x, y) within {@code width}. */
  static void draw(Graphics2D g, List<Item> items, double x, double y, double width) {
    double yy = y;
    for (List<Item> row : rows(items, width)) {
      double xx = x;
      for (Item it : row) {
        double sy = yy + (rowHeight() - 3 - SH) / 2;
        it.swatch().paint(g, xx, sy);
        xx += SW + GAP;
        Text.draw(
            g, Theme.LEGEND, Theme.INK, it.label(), xx, sy + SH / 2, Text.H.LEFT, Text.V.MIDDLE);
        xx += Text.width(Theme.LEGEND, it.label()) + SPACING;
      }
      yy += rowHeight();
    }
  }
}
