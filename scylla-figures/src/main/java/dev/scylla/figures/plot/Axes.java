package dev.scylla.figures.plot;

import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * A rectangular plot area with a vertical value axis and a horizontal axis that is either a list of
 * categories (bands, possibly with multi-line labels) or a numeric scale. Built with {@link
 * #categories} or {@link #numeric}, then {@link #layout} into a panel's rectangle, which reserves
 * the margins the labels need.
 */
public final class Axes {
  private final List<List<String>> categories;
  private Scale x;
  private Scale y;
  private String xTitle = "";
  private String yTitle = "";
  private boolean yGrid = true;
  private boolean xGrid;
  private double bandPadding = 0.2;
  private Rectangle2D plot;

  private Axes(List<List<String>> categories, Scale x) {
    this.categories = categories;
    this.x = x;
  }

  /** A category axis; each category's label may have several lines (e.g. "T0", "n=40"). */
  public static Axes categories(List<List<String>> labels) {
    return new Axes(List.copyOf(labels), null);
  }

  public static Axes numeric(Scale x) {
    return new Axes(null, x).xGrid(true);
  }

  public Axes y(Scale s) {
    this.y = s;
    return this;
  }

  public Axes xTitle(String t) {
    this.xTitle = t == null ? "" : t;
    return this;
  }

  public Axes yTitle(String t) {
    this.yTitle = t == null ? "" : t;
    return this;
  }

  public Axes xGrid(boolean on) {
    this.xGrid = on;
    return this;
  }

  public Axes yGrid(boolean on) {
    this.yGrid = on;
    return this;
  }

  /** Fraction of each band left empty between categories (0 to 0.9). */
  public Axes bandPadding(double p) {
    this.bandPadding = Math.max(0, Math.min(0.9, p));
    return this;
  }

  /** Places the axes in {@code area}; the plot rectangle is what remains after the labels. */
  public Axes layout(Rectangle2D area) {
    double left = 6;
    if (!yTitle.isEmpty()) {
      left += Text.lineHeight(Theme.AXIS_TITLE) + 3;
    }
    double tickW = 0;
    for (double t : y.ticks()) {
      tickW = Math.max(tickW, Text.width(Theme.TICK, y.label(t)));
    }
    left += tickW + 5;
    double bottom = 4;
    if (categories != null) {
      int lines = 0;
      for (List<String> l : categories) {
        lines = Math.max(lines, l.size());
      }
      bottom +=
          Text.lineHeight(Theme.TICK) + Math.max(0, lines - 1) * Text.lineHeight(Theme.TICK_SMALL);
    } else {
      bottom += Text.lineHeight(Theme.TICK);
    }
    if (!xTitle.isEmpty()) {
      bottom += Text.lineHeight(Theme.AXIS_TITLE) + 3;
    }
    double top = 4;
    double right = categories == null ? Text.width(Theme.TICK, x.label(x.hi())) / 2 + 4 : 6;
    plot =
        new Rectangle2D.Double(
            area.getX() + left,
            area.getY() + top,
            Math.max(10, area.getWidth() - left - right),
            Math.max(10, area.getHeight() - top - bottom));
    y = y.range(plot.getMaxY(), plot.getY());
    if (x != null) {
      x = x.range(plot.getX(), plot.getMaxX());
    }
    return this;
  }

  public Rectangle2D plot() {
    return plot;
  }

  public Scale yScale() {
    return y;
  }

  public Scale xScale() {
    return x;
  }

  public double y(double v) {
    return y.map(v);
  }

  public double x(double v) {
    return x.map(v);
  }

  /** Width of one category band. */
  public double band() {
    return plot.getWidth() / categories.size();
  }

  /** Centre of category {@code i}. */
  public double bandCentre(int i) {
    return plot.getX() + band() * (i + 0.5);
  }

  /** Usable width inside a band after padding. */
  public double bandInner() {
    return band() * (1 - bandPadding);
  }

  /** Grid lines and the plot background; call before drawing data. */
  public void drawGrid(Graphics2D g) {
    g.setColor(Theme.PANEL_BG);
    g.fill(plot);
    g.setStroke(Theme.HAIRLINE);
    g.setColor(Theme.GRID);
    if (yGrid) {
      for (double t : y.ticks()) {
        double py = y.map(t);
        g.draw(new Line2D.Double(plot.getX(), py, plot.getMaxX(), py));
      }
    }
    if (xGrid && x != null) {
      for (double t : x.ticks()) {
        double px = x.map(t);
        g.draw(new Line2D.Double(px, plot.getY(), px, plot.getMaxY()));
      }
    }
  }

  /** Axis lines, ticks, tick labels and titles; call after drawing data. */
  public void drawAxes(Graphics2D g) {
    g.setStroke(Theme.THIN);
    g.setColor(Theme.AXIS);
    g.draw(new Line2D.Double(plot.getX(), plot.getMaxY(), plot.getMaxX(), plot.getMaxY()));
    g.draw(new Line2D.Double(plot.getX(), plot.getY(), plot.getX(), plot.getMaxY()));
    for (double t : y.ticks()) {
      double py = y.map(t);
      g.setColor(Theme.AXIS);
      g.draw(new Line2D.Double(plot.getX() - 3, py, plot.getX(), py));
      Text.draw(
          g, Theme.TICK, Theme.INK, y.label(t), plot.getX() - 5, py, Text.H.RIGHT, Text.V.MIDDLE);
    }
    double labelTop = plot.getMaxY() + 4;
    if (categories != null) {
      for (int i = 0; i < categories.size(); i++) {
        double cx = bandCentre(i);
        List<String> lines = categories.get(i);
        double yy = labelTop;
        for (int k = 0; k < lines.size(); k++) {
          var font = k == 0 ? Theme.TICK : Theme.TICK_SMALL;
          var colour = k == 0 ? Theme.INK : Theme.MUTED;
          String s = Text.fit(font, lines.get(k), band() - 2);
          Text.draw(g, font, colour, s, cx, yy, Text.H.CENTER, Text.V.TOP);
          yy += Text.lineHeight(font);
        }
      }
    } else {
      for (double t : x.ticks()) {
        double px = x.map(t);
        g.setColor(Theme.AXIS);
        g.draw(new Line2D.Double(px, plot.getMaxY(), px, plot.getMaxY() + 3));
        Text.draw(g, Theme.TICK, Theme.INK, x.label(t), px, labelTop, Text.H.CENTER, Text.V.TOP);
      }
    }
    if (!xTitle.isEmpty()) {
      double base = labelTop;
      if (categories != null) {
        int lines = 0;
        for (List<String> l : categories) {
          lines = Math.max(lines, l.size());
        }
        base +=
            Text.lineHeight(Theme.TICK)
                + Math.max(0, lines - 1) * Text.lineHeight(Theme.TICK_SMALL);
      } else {
        base += Text.lineHeight(Theme.TICK);
      }
      Text.draw(
          g,
          Theme.AXIS_TITLE,
          Theme.INK,
          xTitle,
          plot.getCenterX(),
          base + 3,
          Text.H.CENTER,
          Text.V.TOP);
    }
    if (!yTitle.isEmpty()) {
      double tickW = 0;
      for (double t : y.ticks()) {
        tickW = Math.max(tickW, Text.width(Theme.TICK, y.label(t)));
      }
      double px = plot.getX() - 5 - tickW - 3 - Text.lineHeight(Theme.AXIS_TITLE) / 2;
      Text.drawVertical(g, Theme.AXIS_TITLE, Theme.INK, yTitle, px, plot.getCenterY());
    }
  }
}
