package dev.scylla.figures;

import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Axes;
import dev.scylla.figures.plot.Labeler;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * fig06: cost-of-pass (mean cost per run / pass rate = total cost / passes) per tier on a log
 * scale; an infinite cost-of-pass (nothing passed) is drawn as an arrow at the top, and each
 * model's cheapest tier (the frontier) is starred.
 */
final class CostOfPassFigure {
  static final String NAME = "fig06_cop_by_tier";
  static final String CAPTION =
      "Cost-of-pass by tier (log scale); the star marks each model's frontier (cheapest) tier.";

  private CostOfPassFigure() {}

  static Figure build(TierView v) {
    List<String> tiers = v.allTiers();
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    boolean anyRuns = false;
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        anyRuns |= g.runs() > 0;
        double c = g.cop();
        if (Double.isFinite(c) && c > 0) {
          min = Math.min(min, c);
          max = Math.max(max, c);
        }
      }
    }
    if (!anyRuns) {
      return Figure.skip(NAME, CAPTION, "no scored runs");
    }
    List<Legend.Item> legend = new ArrayList<>();
    for (int i = 0; i < v.models().size(); i++) {
      legend.add(
          Legend.marker(v.models().get(i), Marks.Shape.CIRCLE, Theme.series(i), Theme.series(i)));
    }
    legend.add(
        Legend.marker("frontier (lowest cost-of-pass)", Marks.Shape.STAR, Theme.INK, Theme.INK));
    if (anyInfinite(v)) {
      legend.add(Legend.marker("∞: nothing passed", Marks.Shape.TRIANGLE_UP, null, Theme.INK));
    }
    Page page =
        new Page(Figures.WIDTH_IN, "Cost-of-pass by tier")
            .subtitle(
                "Cost-of-pass = mean cost per scored run / pass rate, i.e. what one passing run"
                    + " costs (USD). Lower is better.")
            .legend(legend)
            .panelHeight(250);
    if (max == 0) {
      page.panel("", Page.message("Nothing passed in any tier: every cost-of-pass is infinite."));
    } else {
      double lo = min;
      double hi = max;
      page.panel("", (g, area) -> panel(g, area, v, tiers, lo, hi));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static boolean anyInfinite(TierView v) {
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        if (Double.isInfinite(g.cop())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void panel(
      Graphics2D g, Rectangle2D area, TierView v, List<String> tiers, double min, double max) {
    List<String> models = v.models();
    List<List<String>> ticks = new ArrayList<>();
    for (String t : tiers) {
      ticks.add(List.of(t));
    }
    Scale.Log y = Scale.log(min / 1.3, max * 1.3, t -> "$" + Scale.compact(t));
    Axes ax =
        Axes.categories(ticks)
            .y(y)
            .yTitle("Cost-of-pass (USD, log scale)")
            .bandPadding(0.3)
            .layout(area);
    ax.drawGrid(g);
    Dodge dodge = new Dodge(ax.bandInner(), models.size(), 36);
    double top = ax.plot().getY() + 8;
    Labeler labels = new Labeler(ax.plot());
    for (int mi = 0; mi < models.size(); mi++) {
      for (int ti = 0; ti < tiers.size(); ti++) {
        TierView.Group gr = v.group(models.get(mi), tiers.get(ti));
        if (gr != null && Double.isFinite(gr.cop())) {
          labels.occupy(ax.bandCentre(ti) + dodge.offset(mi), ax.y(gr.cop()), 4);
        }
      }
    }
    for (int mi = 0; mi < models.size(); mi++) {
      String m = models.get(mi);
      Color c = Theme.series(mi);
      String frontier = null;
      double best = Double.POSITIVE_INFINITY;
      for (TierView.Group gr : v.groups(m)) {
        if (gr.cop() < best) {
          best = gr.cop();
          frontier = gr.tier();
        }
      }
      for (int ti = 0; ti < tiers.size(); ti++) {
        TierView.Group gr = v.group(m, tiers.get(ti));
        if (gr == null) {
          continue;
        }
        double cx = ax.bandCentre(ti) + dodge.offset(mi);
        double cop = gr.cop();
        if (Double.isNaN(cop)) {
          Text.draw(
              g,
              Theme.LABEL,
              Theme.MUTED,
              "no runs",
              cx,
              ax.y(y.lo()) - 3,
              Text.H.CENTER,
              Text.V.BOTTOM);
        } else if (Double.isInfinite(cop)) {
          Marks.marker(g, Marks.Shape.TRIANGLE_UP, cx, top, 3.5, null, c);
          Text.draw(g, Theme.LABEL_BOLD, c, "∞", cx, top + 6, Text.H.CENTER, Text.V.TOP);
        } else {
          double py = ax.y(cop);
          Marks.line(g, cx, ax.y(y.lo()), cx, py, Theme.tint(c, 0.5), Theme.MEDIUM);
          boolean isFrontier = gr.tier().equals(frontier);
          Marks.marker(
              g,
              isFrontier ? Marks.Shape.STAR : Marks.Shape.CIRCLE,
              cx,
              py,
              isFrontier ? 4.2 : 3.2,
              c,
              c);
          labels.place(
              g,
              isFrontier ? Theme.LABEL_BOLD : Theme.LABEL,
              Theme.INK,
              Labels.usd(cop),
              cx,
              py,
              6,
              Labeler.Spot.ABOVE,
              Labeler.Spot.BELOW,
              Labeler.Spot.ABOVE_RIGHT,
              Labeler.Spot.ABOVE_LEFT,
              Labeler.Spot.BELOW_RIGHT,
              Labeler.Spot.BELOW_LEFT);
        }
      }
    }
    ax.drawAxes(g);
  }
}
