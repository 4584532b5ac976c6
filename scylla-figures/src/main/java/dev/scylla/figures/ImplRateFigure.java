package dev.scylla.figures;

import dev.scylla.analysis.StatisticalResults.TierInterval;
import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Axes;
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
import java.util.Locale;

/**
 * fig25: the implementation rate (the share of rubric points achieved, median over the judges) by
 * tier — its mean over the scored runs with the 95% BCa interval the statistics computed, one panel
 * per agent model. Unlike the pass rate it credits partial work.
 */
final class ImplRateFigure {
  static final String NAME = "fig25_impl_rate_by_tier";
  static final String CAPTION = "Mean implementation rate by tier with 95% bootstrap intervals.";

  private ImplRateFigure() {}

  static Figure build(TierView v) {
    boolean any = false;
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        any |= g.implRate().n() > 0;
      }
    }
    if (!any) {
      return Figure.skip(NAME, CAPTION, "no implementation rates (the judges gave no criteria)");
    }
    Color key = v.models().size() > 1 ? Theme.MUTED : Theme.series(0);
    Page page =
        new Page(Figures.WIDTH_IN, "Implementation rate by tier")
            .subtitle(
                "Share of rubric points achieved (median over the judges), mean over the scored"
                    + " runs; the label is the mean and the number of runs with a rate.")
            .legend(
                List.of(
                    Legend.box("Mean implementation rate", key),
                    Legend.interval("95% BCa interval", Theme.INK)))
            .note(
                "An interval that collapses to a point (fewer than 2 runs, or identical rates) is"
                    + " not drawn.")
            .panelHeight(v.models().size() > 1 ? 190 : 250);
    int i = 0;
    for (String model : v.models()) {
      int index = i++;
      page.panel(v.models().size() > 1 ? model : "", (g, area) -> panel(g, area, v, model, index));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static void panel(Graphics2D g, Rectangle2D area, TierView v, String model, int index) {
    List<TierView.Group> groups = v.groups(model);
    List<List<String>> ticks = new ArrayList<>();
    for (TierView.Group gr : groups) {
      ticks.add(List.of(gr.tier(), "n=" + gr.implRate().n()));
    }
    Axes ax =
        Axes.categories(ticks)
            .y(Scale.fixed(0, 1.14, 0.2, Scale.decimals(0.2)))
            .yTitle("Implementation rate")
            .bandPadding(0.35)
            .layout(area);
    ax.drawGrid(g);
    Color fill = Theme.series(index);
    double w = Math.min(ax.bandInner(), 40);
    double base = ax.y(0);
    for (int i = 0; i < groups.size(); i++) {
      TierView.Group gr = groups.get(i);
      double cx = ax.bandCentre(i);
      double mean = gr.implRate().mean();
      if (gr.implRate().n() == 0 || Double.isNaN(mean)) {
        Text.draw(g, Theme.LABEL, Theme.MUTED, "n/a", cx, base - 3, Text.H.CENTER, Text.V.BOTTOM);
        continue;
      }
      double top = ax.y(mean);
      Marks.box(
          g,
          new Rectangle2D.Double(cx - w / 2 + 0.5, top, w - 1, Math.max(0, base - top)),
          fill,
          null);
      double labelAt = top;
      TierInterval ci = gr.interval("impl_rate");
      if (ci != null
          && !Double.isNaN(ci.ciLow())
          && !Double.isNaN(ci.ciHigh())
          && ci.ciHigh() > ci.ciLow()) {
        Marks.whisker(g, cx, ax.y(ci.ciLow()), ax.y(ci.ciHigh()), Math.min(8, w * 0.4), Theme.INK);
        labelAt = Math.min(labelAt, ax.y(ci.ciHigh()));
      }
      Text.draw(
          g,
          Theme.LABEL,
          Theme.INK,
          String.format(Locale.ROOT, "%.2f", mean),
          cx,
          labelAt - 2,
          Text.H.CENTER,
          Text.V.BOTTOM);
    }
    ax.drawAxes(g);
  }
}
