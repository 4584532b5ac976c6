package dev.scylla.figures;

import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Page;
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
    StackedBars.panel(
        g,
        area,
        v.groups(model),
        "Tokens per run",
        max,
        gr ->
            new double[] {
              gr.meanInputTokens(),
              gr.meanCacheReadTokens(),
              gr.meanCacheCreationTokens(),
              gr.meanOutputTokens()
            },
        Theme.TOKENS,
        Labels::tokens);
  }
}
