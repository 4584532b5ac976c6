package dev.scylla.figures;

import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Axes;
import dev.scylla.figures.plot.Labeler;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * fig08: mean cost per run against mean score, one point per (model, tier), with each model's
 * Pareto front (no other tier of the model is both cheaper and better) joined by a step line.
 */
final class ParetoFigure {
  static final String NAME = "fig08_cost_quality_pareto";
  static final String CAPTION =
      "Mean cost against mean score per tier; filled points form each model's Pareto front.";

  private ParetoFigure() {}

  record Point(
      String model, int modelIndex, String tier, double cost, double score, boolean front) {}

  static Figure build(TierView v) {
    List<Point> points = points(v);
    if (points.isEmpty()) {
      return Figure.skip(NAME, CAPTION, "no scored runs with a cost");
    }
    List<Legend.Item> legend = new ArrayList<>();
    for (int i = 0; i < v.models().size(); i++) {
      legend.add(
          Legend.marker(
              v.models().get(i) + " (Pareto front)",
              Marks.Shape.CIRCLE,
              Theme.series(i),
              Theme.series(i)));
    }
    legend.add(Legend.marker("dominated tier", Marks.Shape.CIRCLE, Color.WHITE, Theme.MUTED));
    Page page =
        new Page(Figures.WIDTH_IN, "Cost against quality")
            .subtitle(
                "Each point is a tier: mean cost per scored run (USD) and mean consensus score. A"
                    + " tier is on the front when no other tier of its model is cheaper and better.")
            .legend(legend)
            .panelHeight(270)
            .panel("", (g, area) -> panel(g, area, points));
    return Figure.of(NAME, CAPTION, page);
  }

  static List<Point> points(TierView v) {
    List<Point> out = new ArrayList<>();
    for (int mi = 0; mi < v.models().size(); mi++) {
      String m = v.models().get(mi);
      List<TierView.Group> gs = new ArrayList<>();
      for (TierView.Group g : v.groups(m)) {
        if (g.runs() > 0 && !Double.isNaN(g.cost().mean()) && !Double.isNaN(g.score().mean())) {
          gs.add(g);
        }
      }
      for (TierView.Group g : gs) {
        boolean dominated = false;
        for (TierView.Group o : gs) {
          boolean noWorse =
              o.cost().mean() <= g.cost().mean() && o.score().mean() >= g.score().mean();
          boolean better = o.cost().mean() < g.cost().mean() || o.score().mean() > g.score().mean();
          dominated |= o != g && noWorse && better;
        }
        out.add(new Point(m, mi, g.tier(), g.cost().mean(), g.score().mean(), !dominated));
      }
    }
    return out;
  }

  private static void panel(Graphics2D g, Rectangle2D area, List<Point> points) {
    double cMin = points.stream().mapToDouble(Point::cost).min().orElse(0);
    double cMax = points.stream().mapToDouble(Point::cost).max().orElse(1);
    double sMin = points.stream().mapToDouble(Point::score).min().orElse(0);
    double sMax = points.stream().mapToDouble(Point::score).max().orElse(1);
    double cPad = Math.max((cMax - cMin) * 0.08, Math.max(cMax * 0.02, 1e-4));
    double sPad = Math.max((sMax - sMin) * 0.08, 0.01);
    Scale.Linear xs = Scale.linear(Math.max(0, cMin - cPad), cMax + cPad, false, null);
    Scale.Linear ys = Scale.linear(Math.max(0, sMin - sPad), Math.min(1, sMax + sPad), false, null);
    Scale.Linear xl =
        Scale.fixed(xs.lo(), xs.hi(), xs.step(), x -> "$" + Scale.decimals(xs.step()).apply(x));
    Axes ax =
        Axes.numeric(xl)
            .y(ys)
            .xTitle("Mean cost per scored run (USD)")
            .yTitle("Mean consensus score")
            .layout(area);
    ax.drawGrid(g);
    int models = points.stream().mapToInt(Point::modelIndex).max().orElse(0) + 1;
    for (int mi = 0; mi < models; mi++) {
      int k = mi;
      List<Point> front =
          points.stream()
              .filter(p -> p.modelIndex() == k && p.front())
              .sorted(Comparator.comparingDouble(Point::cost))
              .toList();
      if (front.size() >= 2) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(ax.x(front.get(0).cost()), ax.y(front.get(0).score()));
        for (int i = 1; i < front.size(); i++) {
          path.lineTo(ax.x(front.get(i).cost()), ax.y(front.get(i - 1).score()));
          path.lineTo(ax.x(front.get(i).cost()), ax.y(front.get(i).score()));
        }
        g.setColor(Theme.tint(Theme.series(mi), 0.35));
        g.setStroke(Theme.MEDIUM);
        g.draw(path);
      }
    }
    Labeler labels = new Labeler(ax.plot());
    for (Point p : points) {
      labels.occupy(ax.x(p.cost()), ax.y(p.score()), 4);
    }
    for (Point p : points) {
      Color c = Theme.series(p.modelIndex());
      double px = ax.x(p.cost());
      double py = ax.y(p.score());
      Marks.marker(
          g,
          Marks.Shape.CIRCLE,
          px,
          py,
          3.4,
          p.front() ? c : Color.WHITE,
          p.front() ? c : Theme.MUTED);
      labels.place(
          g,
          Theme.LABEL,
          p.front() ? Theme.INK : Theme.MUTED,
          p.tier(),
          px,
          py,
          6,
          Labeler.Spot.RIGHT,
          Labeler.Spot.LEFT,
          Labeler.Spot.ABOVE,
          Labeler.Spot.BELOW,
          Labeler.Spot.ABOVE_RIGHT,
          Labeler.Spot.BELOW_LEFT,
          Labeler.Spot.BELOW_RIGHT,
          Labeler.Spot.ABOVE_LEFT);
    }
    ax.drawAxes(g);
  }
}
