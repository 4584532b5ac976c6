package dev.scylla.figures;

import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Axes;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * One panel of stacked bars, a bar per tier of an agent model: the parts of each bar (bottom up) in
 * their colours, the total written above, the tier and its scored runs under the axis. A tier
 * without scored runs says so instead of drawing a bar.
 */
final class StackedBars {
  private StackedBars() {}

  /**
   * @param parts the parts of a tier's bar, bottom up, or null when it has nothing to draw
   * @param max the largest total of any bar in the figure (panels share the scale)
   */
  static void panel(
      Graphics2D g,
      Rectangle2D area,
      List<TierView.Group> groups,
      String yTitle,
      double max,
      Function<TierView.Group, double[]> parts,
      List<Color> colours,
      DoubleFunction<String> totalLabel) {
    List<List<String>> labels = new ArrayList<>();
    for (TierView.Group gr : groups) {
      labels.add(List.of(gr.tier(), "n=" + gr.runs()));
    }
    Scale.Linear y = Scale.linear(0, max * 1.12, true, Scale::compact);
    Axes ax = Axes.categories(labels).y(y).yTitle(yTitle).bandPadding(0.35).layout(area);
    ax.drawGrid(g);
    double w = Math.min(ax.bandInner(), 44);
    for (int i = 0; i < groups.size(); i++) {
      double cx = ax.bandCentre(i);
      double[] p = groups.get(i).runs() == 0 ? null : parts.apply(groups.get(i));
      if (p == null) {
        Text.draw(
            g,
            Theme.LABEL,
            Theme.MUTED,
            "no scored runs",
            cx,
            ax.y(0) - 3,
            Text.H.CENTER,
            Text.V.BOTTOM);
        continue;
      }
      double acc = 0;
      for (int k = 0; k < p.length; k++) {
        double y0 = ax.y(acc);
        double y1 = ax.y(acc + p[k]);
        Marks.box(
            g,
            new Rectangle2D.Double(cx - w / 2, y1, w, Math.max(0, y0 - y1)),
            colours.get(k),
            null);
        acc += p[k];
      }
      Text.draw(
          g,
          Theme.LABEL,
          Theme.INK,
          totalLabel.apply(acc),
          cx,
          ax.y(acc) - 2,
          Text.H.CENTER,
          Text.V.BOTTOM);
    }
    ax.drawAxes(g);
  }
}
