package dev.scylla.figures;

import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Axes;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * fig07: mean tokens per scored run by type (fresh input, cache read, cache creation, output),
 * stacked per tier, one panel per agent model; the total is written above each bar.
 */
final class TokenFigure {
  static final String NAME = "fig07_token_distribution";
  static final String CAPTION = "Mean tokens per scored run by token type and tier.";
  private static final List<String> TYPES =
      List.of("Input (fresh)", "Input (cache read)", "Cache creation", "Output");

  private TokenFigure() {}

  static Figure build(TierView v) {
    double max = 0;
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        if (g.runs() > 0) {
          max = Math.max(max, g.meanTotalTokens());
        }
      }
    }
    if (!(max > 0)) {
      return Figure.skip(NAME, CAPTION, "no scored runs with token counts");
    }
    List<Legend.Item> legend = new ArrayList<>();
    for (int i = 0; i < TYPES.size(); i++) {
      legend.add(Legend.box(TYPES.get(i), Theme.TOKENS.get(i)));
    }
    int models = v.models().size();
    double top = max;
    Page page =
        new Page(Figures.WIDTH_IN, "Token usage by tier")
            .subtitle(
                "Mean tokens per scored run; the number above each bar is the mean total. Share"
                    + " of all tokens: "
                    + shares(v)
                    + ".")
            .legend(legend)
            .panelHeight(models > 1 ? 190 : 250);
    for (String m : v.models()) {
      page.panel(models > 1 ? m : "", (g, area) -> panel(g, area, v, m, top));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static String shares(TierView v) {
    double[] sums = new double[4];
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        if (g.runs() == 0) {
          continue;
        }
        sums[0] += g.meanInputTokens() * g.runs();
        sums[1] += g.meanCacheReadTokens() * g.runs();
        sums[2] += g.meanCacheCreationTokens() * g.runs();
        sums[3] += g.meanOutputTokens() * g.runs();
      }
    }
    double total = sums[0] + sums[1] + sums[2] + sums[3];
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      double share = sums[i] / total;
      String pct =
          share > 0 && share < 0.001
              ? "<0.1%"
              : String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
      parts.add(TYPES.get(i).toLowerCase(java.util.Locale.ROOT) + " " + pct);
    }
    return String.join(", ", parts);
  }

  private static void panel(Graphics2D g, Rectangle2D area, TierView v, String model, double max) {
    List<TierView.Group> groups = v.groups(model);
    List<List<String>> labels = new ArrayList<>();
    for (TierView.Group gr : groups) {
      labels.add(List.of(gr.tier(), "n=" + gr.runs()));
    }
    Scale.Linear y = Scale.linear(0, max * 1.12, true, Scale::compact);
    Axes ax = Axes.categories(labels).y(y).yTitle("Tokens per run").bandPadding(0.35).layout(area);
    ax.drawGrid(g);
    double w = Math.min(ax.bandInner(), 44);
    for (int i = 0; i < groups.size(); i++) {
      TierView.Group gr = groups.get(i);
      double cx = ax.bandCentre(i);
      if (gr.runs() == 0) {
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
      double[] parts = {
        gr.meanInputTokens(),
        gr.meanCacheReadTokens(),
        gr.meanCacheCreationTokens(),
        gr.meanOutputTokens()
      };
      double acc = 0;
      for (int k = 0; k < parts.length; k++) {
        double y0 = ax.y(acc);
        double y1 = ax.y(acc + parts[k]);
        Marks.box(
            g,
            new Rectangle2D.Double(cx - w / 2, y1, w, Math.max(0, y0 - y1)),
            Theme.TOKENS.get(k),
            null);
        acc += parts[k];
      }
      Text.draw(
          g,
          Theme.LABEL,
          Theme.INK,
          Labels.tokens(acc),
          cx,
          ax.y(acc) - 2,
          Text.H.CENTER,
          Text.V.BOTTOM);
    }
    ax.drawAxes(g);
  }
}
