package dev.scylla.figures;

import dev.scylla.analysis.tables.Dist;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * fig01: the distribution of the consensus score per tier as box plots (quartiles, Tukey whiskers,
 * outliers, mean), agent models side by side. One box per group, never one mark per run (outliers
 * are drawn once per distinct position).
 */
final class ScoreFigure {
  static final String NAME = "fig01_score_variance_by_tier";
  static final String CAPTION =
      "Distribution of the consensus judge score per tier (box: quartiles; whiskers: 1.5 IQR;"
          + " diamond: mean).";

  private ScoreFigure() {}

  static Figure build(TierView v) {
    List<String> tiers = v.allTiers();
    boolean anyScored = false;
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        anyScored |= g.runs() > 0;
      }
    }
    if (tiers.isEmpty() || !anyScored) {
      return Figure.skip(NAME, CAPTION, "no scored runs");
    }
    List<Legend.Item> legend = new ArrayList<>();
    for (int i = 0; i < v.models().size(); i++) {
      legend.add(
          Legend.outlined(v.models().get(i), Theme.tint(Theme.series(i), 0.55), Theme.series(i)));
    }
    legend.add(Legend.marker("mean", Marks.Shape.DIAMOND, Color.WHITE, Theme.INK));
    legend.add(Legend.marker("outlier", Marks.Shape.CIRCLE, null, Theme.MUTED));
    legend.add(Legend.line("score 0.60", Theme.FAINT, Theme.DASHED));
    Page page =
        new Page(Figures.WIDTH_IN, "Score distribution by tier")
            .subtitle("Consensus judge score of every scored run (mean of the valid judges).")
            .legend(legend)
            .note(note(v))
            .panelHeight(250)
            .panel("", (g, area) -> panel(g, area, v, tiers));
    return Figure.of(NAME, CAPTION, page);
  }

  private static String note(TierView v) {
    String n =
        v.models().size() > 1
            ? "Under each tier: scored runs of " + String.join(" / ", v.models()) + "."
            : "Under each tier: scored runs.";
    boolean single = false;
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        single |= g.runs() == 1;
      }
    }
    if (single) {
      n += " A filled diamond alone is a tier with a single run (no spread to draw).";
    }
    return n + " Runs without a verdict (infrastructure failures) have no score.";
  }

  private static void panel(Graphics2D g, Rectangle2D area, TierView v, List<String> tiers) {
    List<String> models = v.models();
    List<List<String>> labels = new ArrayList<>();
    for (String t : tiers) {
      List<String> counts = new ArrayList<>();
      for (String m : models) {
        TierView.Group gr = v.group(m, t);
        counts.add(gr == null ? "–" : Integer.toString(gr.runs()));
      }
      labels.add(List.of(t, "n=" + String.join("/", counts)));
    }
    Axes ax =
        Axes.categories(labels)
            .y(Scale.fixed(0, 1, 0.2, null))
            .yTitle("Consensus score")
            .bandPadding(0.3)
            .layout(area);
    ax.drawGrid(g);
    double y60 = ax.y(0.6);
    Rectangle2D p = ax.plot();
    Marks.line(g, p.getX(), y60, p.getMaxX(), y60, Theme.FAINT, Theme.DASHED);
    Dodge dodge = new Dodge(ax.bandInner(), models.size(), 40);
    for (int ti = 0; ti < tiers.size(); ti++) {
      for (int mi = 0; mi < models.size(); mi++) {
        TierView.Group gr = v.group(models.get(mi), tiers.get(ti));
        double cx = ax.bandCentre(ti) + dodge.offset(mi);
        if (gr == null) {
          continue;
        }
        box(g, ax, cx, dodge.width() * 0.8, gr.score(), Theme.series(mi));
      }
    }
    ax.drawAxes(g);
  }

  static void box(Graphics2D g, Axes ax, double cx, double w, Dist d, Color c) {
    if (d.n() == 0) {
      Text.drawVertical(g, Theme.LABEL, Theme.MUTED, "no scored runs", cx, ax.y(0.3));
      return;
    }
    Color fill = Theme.tint(c, 0.55);
    if (d.n() >= 2) {
      Marks.whisker(g, cx, ax.y(d.whiskerLow()), ax.y(d.q1()), w * 0.5, c);
      Marks.whisker(g, cx, ax.y(d.q3()), ax.y(d.whiskerHigh()), w * 0.5, c);
      double top = ax.y(d.q3());
      double bottom = ax.y(d.q1());
      Marks.box(
          g, new Rectangle2D.Double(cx - w / 2, top, w, Math.max(0.8, bottom - top)), fill, c);
      Marks.line(
          g, cx - w / 2, ax.y(d.median()), cx + w / 2, ax.y(d.median()), c.darker(), Theme.THICK);
      Set<Long> drawn = new HashSet<>();
      for (double o : d.outliers()) {
        double y = ax.y(o);
        if (drawn.add(Math.round(y * 2))) {
          Marks.marker(g, Marks.Shape.CIRCLE, cx, y, 1.6, null, Theme.MUTED);
        }
      }
    }
    Marks.marker(
        g, Marks.Shape.DIAMOND, cx, ax.y(d.mean()), 2.6, d.n() >= 2 ? Color.WHITE : c, Theme.INK);
  }
}
