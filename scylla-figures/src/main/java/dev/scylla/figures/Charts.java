package dev.scylla.figures;

import dev.scylla.figures.plot.Axes;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;
import java.awt.Color;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Panel painters shared by the figures that follow the reference's HEAD set: heat maps, grouped and
 * stacked bars, box plots, scatter plots with an optional line, and line series. Each paints its
 * numbers as labels where there is room, so the SVG text carries the data.
 */
final class Charts {
  private Charts() {}

  static String fmt(String pattern, double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, pattern, v);
  }

  static List<List<String>> labels(List<String> names) {
    List<List<String>> out = new ArrayList<>();
    for (String n : names) {
      out.add(List.of(n));
    }
    return out;
  }

  /**
   * A heat map: {@code v[row][col]} coloured on [lo, hi], each cell labelled with {@code pattern}.
   */
  static Page.PanelPainter heatmap(
      List<String> rows, List<String> cols, double[][] v, double lo, double hi, String pattern) {
    return (g, area) -> {
      double left = 8;
      for (String r : rows) {
        left = Math.max(left, Text.width(Theme.TICK, r) + 8);
      }
      left = Math.min(left, area.getWidth() / 3);
      double bottom = Text.lineHeight(Theme.TICK) + 6;
      double x0 = area.getX() + left;
      double y0 = area.getY() + 2;
      double w = area.getWidth() - left - 4;
      double h = area.getHeight() - bottom - 4;
      double cw = w / Math.max(1, cols.size());
      double ch = h / Math.max(1, rows.size());
      for (int r = 0; r < rows.size(); r++) {
        Text.draw(
            g,
            Theme.TICK,
            Theme.INK,
            Text.fit(Theme.TICK, rows.get(r), left - 6),
            x0 - 4,
            y0 + (r + 0.5) * ch,
            Text.H.RIGHT,
            Text.V.MIDDLE);
        for (int c = 0; c < cols.size(); c++) {
          double x = v[r][c];
          Rectangle2D cell = new Rectangle2D.Double(x0 + c * cw, y0 + r * ch, cw, ch);
          Color fill =
              Double.isNaN(x)
                  ? new Color(0xF0F0F0)
                  : Ramp.blues(hi > lo ? Math.max(0, Math.min(1, (x - lo) / (hi - lo))) : 0.5);
          Marks.box(g, cell, fill, Color.WHITE);
          if (!Double.isNaN(x) && ch >= Text.lineHeight(Theme.LABEL)) {
            String s = fmt(pattern, x);
            if (Text.width(Theme.LABEL, s) <= cw - 1) {
              Text.draw(
                  g,
                  Theme.LABEL,
                  Theme.textOn(fill),
                  s,
                  cell.getCenterX(),
                  cell.getCenterY(),
                  Text.H.CENTER,
                  Text.V.MIDDLE);
            }
          }
        }
      }
      for (int c = 0; c < cols.size(); c++) {
        Text.draw(
            g,
            Theme.TICK,
            Theme.INK,
            Text.fit(Theme.TICK, cols.get(c), cw - 1),
            x0 + (c + 0.5) * cw,
            y0 + h + 3,
            Text.H.CENTER,
            Text.V.TOP);
      }
    };
  }

  /**
   * Grouped bars: {@code v[series][category]} on scale {@code y}, labelled with {@code pattern};
   * {@code lo}/{@code hi} (same shape, may be null) draw whiskers.
   */
  static Page.PanelPainter bars(
      List<String> categories,
      double[][] v,
      double[][] lo,
      double[][] hi,
      Scale y,
      String yTitle,
      String pattern) {
    return (g, area) -> {
      Axes ax = Axes.categories(labels(categories)).y(y).yTitle(yTitle).layout(area);
      ax.drawGrid(g);
      int series = v.length;
      double bw = ax.bandInner() / Math.max(1, series);
      for (int s = 0; s < series; s++) {
        Color c = series == 1 ? Theme.series(0) : Theme.series(s);
        for (int i = 0; i < categories.size(); i++) {
          double val = v[s][i];
          if (Double.isNaN(val)) {
            continue;
          }
          double x = ax.bandCentre(i) - ax.bandInner() / 2 + s * bw;
          double top = ax.y(Math.max(val, y.lo()));
          double base = ax.y(Math.max(0, y.lo()));
          Marks.box(
              g,
              new Rectangle2D.Double(x + 0.5, Math.min(top, base), bw - 1, Math.abs(base - top)),
              c,
              null);
          if (lo != null && hi != null && !Double.isNaN(lo[s][i])) {
            Marks.whisker(g, x + bw / 2, ax.y(lo[s][i]), ax.y(hi[s][i]), bw / 3, Theme.INK);
          }
          String label = fmt(pattern, val);
          if (Text.width(Theme.LABEL, label) <= bw + 6) {
            Text.draw(
                g,
                Theme.LABEL,
                Theme.INK,
                label,
                x + bw / 2,
                Math.min(top, base) - 1.5,
                Text.H.CENTER,
                Text.V.BOTTOM);
          }
        }
      }
      ax.drawAxes(g);
    };
  }

  /** Stacked bars of shares: {@code v[layer][category]} in [0, 1], one colour per layer. */
  static Page.PanelPainter stacked(
      List<String> categories, double[][] v, List<Color> colours, String yTitle) {
    return (g, area) -> {
      Axes ax =
          Axes.categories(labels(categories))
              .y(Scale.fixed(0, 1, 0.2, Scale::percent))
              .yTitle(yTitle)
              .bandPadding(0.3)
              .layout(area);
      ax.drawGrid(g);
      for (int i = 0; i < categories.size(); i++) {
        double acc = 0;
        double x = ax.bandCentre(i) - ax.bandInner() / 2;
        for (int l = 0; l < v.length; l++) {
          double share = v[l][i];
          if (Double.isNaN(share) || share <= 0) {
            continue;
          }
          double yTop = ax.y(acc + share);
          double yBottom = ax.y(acc);
          Rectangle2D r = new Rectangle2D.Double(x, yTop, ax.bandInner(), yBottom - yTop);
          Marks.box(g, r, colours.get(l), Color.WHITE);
          String s = fmt("%.0f%%", share * 100);
          if (r.getHeight() >= Text.lineHeight(Theme.LABEL)
              && Text.width(Theme.LABEL, s) < r.getWidth()) {
            Text.draw(
                g,
                Theme.LABEL,
                Theme.textOn(colours.get(l)),
                s,
                r.getCenterX(),
                r.getCenterY(),
                Text.H.CENTER,
                Text.V.MIDDLE);
          }
          acc += share;
        }
      }
      ax.drawAxes(g);
    };
  }

  /**
   * Box plots (quartiles, median, whiskers to min and max), with every value as a point when a box
   * has at most 150.
   */
  static Page.PanelPainter boxes(
      List<String> categories, List<double[]> values, Scale y, String yTitle) {
    return (g, area) -> {
      Axes ax = Axes.categories(labels(categories)).y(y).yTitle(yTitle).layout(area);
      ax.drawGrid(g);
      for (int i = 0; i < categories.size(); i++) {
        double[] v = values.get(i);
        if (v.length == 0) {
          continue;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        double q1 = dev.scylla.analysis.stats.Descriptive.quantileSorted(s, 0.25);
        double q2 = dev.scylla.analysis.stats.Descriptive.quantileSorted(s, 0.5);
        double q3 = dev.scylla.analysis.stats.Descriptive.quantileSorted(s, 0.75);
        double cx = ax.bandCentre(i);
        double bw = Math.min(ax.bandInner() * 0.6, 40);
        Color c = Theme.tier(categories.get(i));
        Marks.whisker(g, cx, ax.y(s[0]), ax.y(s[s.length - 1]), bw / 3, Theme.MUTED);
        Marks.box(
            g,
            new Rectangle2D.Double(cx - bw / 2, ax.y(q3), bw, Math.max(0.5, ax.y(q1) - ax.y(q3))),
            Theme.tint(c, 0.5),
            Theme.INK);
        Marks.line(g, cx - bw / 2, ax.y(q2), cx + bw / 2, ax.y(q2), Theme.INK, Theme.THICK);
        // every value as a point only while they stay readable; the box is the aggregate
        for (int k = 0; k < (v.length <= 150 ? v.length : 0); k++) {
          double jitter = ((k * 0.618) % 1 - 0.5) * bw * 0.8;
          Marks.marker(g, Marks.Shape.CIRCLE, cx + jitter, ax.y(v[k]), 1.3, Theme.INK, null);
        }
        Text.draw(
            g,
            Theme.LABEL,
            Theme.INK,
            fmt("%.3f", q2),
            cx + bw / 2 + 2,
            ax.y(q2),
            Text.H.LEFT,
            Text.V.MIDDLE);
      }
      ax.drawAxes(g);
    };
  }

  /** A point series with an optional line y = a + b·x over the x range. */
  static Page.PanelPainter scatter(
      double[] x,
      double[] yv,
      List<String> pointLabels,
      Scale xs,
      Scale ys,
      String xTitle,
      String yTitle,
      double[] line) {
    return (g, area) -> {
      Axes ax = Axes.numeric(xs).y(ys).xTitle(xTitle).yTitle(yTitle).layout(area);
      ax.drawGrid(g);
      if (line != null) {
        Marks.line(
            g,
            ax.x(xs.lo()),
            ax.y(line[0] + line[1] * xs.lo()),
            ax.x(xs.hi()),
            ax.y(line[0] + line[1] * xs.hi()),
            Theme.FAILED,
            Theme.DASHED);
      }
      for (int i = 0; i < x.length; i++) {
        if (Double.isNaN(x[i]) || Double.isNaN(yv[i])) {
          continue;
        }
        Marks.marker(
            g, Marks.Shape.CIRCLE, ax.x(x[i]), ax.y(yv[i]), 2.4, Theme.series(0), Theme.INK);
        if (pointLabels != null) {
          Text.draw(
              g,
              Theme.LABEL,
              Theme.MUTED,
              pointLabels.get(i),
              ax.x(x[i]) + 3,
              ax.y(yv[i]) - 2,
              Text.H.LEFT,
              Text.V.BOTTOM);
        }
      }
      ax.drawAxes(g);
    };
  }

  /** Line series {@code y[s]} over {@code x}, one colour each, with markers. */
  static Page.PanelPainter lines(
      double[] x, double[][] y, Scale xs, Scale ys, String xTitle, String yTitle, boolean marks) {
    return (g, area) -> {
      Axes ax = Axes.numeric(xs).y(ys).xTitle(xTitle).yTitle(yTitle).layout(area);
      ax.drawGrid(g);
      for (int s = 0; s < y.length; s++) {
        Color c = Theme.series(s);
        Path2D.Double p = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < x.length; i++) {
          if (Double.isNaN(y[s][i])) {
            continue;
          }
          if (!started) {
            p.moveTo(ax.x(x[i]), ax.y(y[s][i]));
            started = true;
          } else {
            p.lineTo(ax.x(x[i]), ax.y(y[s][i]));
          }
          if (marks) {
            Marks.marker(g, Marks.Shape.CIRCLE, ax.x(x[i]), ax.y(y[s][i]), 1.8, c, null);
          }
        }
        g.setColor(c);
        g.setStroke(Theme.MEDIUM);
        g.draw(p);
      }
      ax.drawAxes(g);
    };
  }
}
