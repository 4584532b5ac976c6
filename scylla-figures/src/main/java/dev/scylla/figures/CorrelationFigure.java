package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.StatisticalResults.Correlation;
import dev.scylla.analysis.stats.Holm;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * fig20: Spearman's ρ between run metrics (score, implementation rate, cost, tokens, duration) as a
 * heat map, one panel per agent model; a star marks a correlation whose p-value, Holm-corrected
 * over the model's pairs, is below 0.05. Pairs the statistics do not test stay blank.
 */
final class CorrelationFigure {
  static final String NAME = "fig20_metric_correlation_heatmap";
  static final String CAPTION =
      "Spearman rank correlation between run metrics (* significant after Holm correction).";

  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("score", "Score");
    LABELS.put("impl_rate", "Impl. rate");
    LABELS.put("cost_usd", "Cost");
    LABELS.put("total_tokens", "Tokens");
    LABELS.put("duration_seconds", "Duration");
  }

  private CorrelationFigure() {}

  /** One tested pair: ρ, n and whether it is significant after correction. */
  private record Cell(double rho, int n, boolean significant) {}

  static Figure build(Analysis a, List<String> models) {
    Map<String, List<Correlation>> byModel = new LinkedHashMap<>();
    for (Correlation c : a.statistics().correlations()) {
      if (!Double.isNaN(c.spearmanRho())
          && LABELS.containsKey(c.metric1())
          && LABELS.containsKey(c.metric2())) {
        byModel.computeIfAbsent(c.model(), k -> new ArrayList<>()).add(c);
      }
    }
    if (byModel.isEmpty()) {
      return Figure.skip(NAME, CAPTION, "no correlations (a model needs 3 scored runs)");
    }
    List<String> ordered = Names.inOrder(models, byModel.keySet());
    List<Legend.Item> legend = new ArrayList<>();
    for (double t : new double[] {-1, -0.5, 0, 0.5, 1}) {
      legend.add(
          Legend.outlined(
              String.format(Locale.ROOT, "%+.1f", t).replace("+0.0", "0").replace('-', '−'),
              Ramp.diverging(t),
              Theme.GRID));
    }
    Page page =
        new Page(Figures.WIDTH_IN, "Correlation between run metrics")
            .subtitle(
                "Spearman's ρ over the scored runs (n in each cell); * p < 0.05 after Holm"
                    + " correction over the model's tested pairs.")
            .legend(legend)
            .columns(ordered.size() == 2 ? 2 : 1)
            .panelHeight(ordered.size() == 2 ? 200 : 230);
    for (String m : ordered) {
      Map<String, Cell> cells = cells(byModel.get(m));
      page.panel(ordered.size() > 1 ? m : "", (g, area) -> panel(g, area, cells));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static Map<String, Cell> cells(List<Correlation> list) {
    double[] raw = new double[list.size()];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Double.isNaN(list.get(i).pValue()) ? 1.0 : list.get(i).pValue();
    }
    double[] holm = Holm.correct(raw);
    Map<String, Cell> out = new LinkedHashMap<>();
    for (int i = 0; i < raw.length; i++) {
      Correlation c = list.get(i);
      Cell cell = new Cell(c.spearmanRho(), c.n(), holm[i] < 0.05);
      out.put(c.metric1() + "|" + c.metric2(), cell);
      out.put(c.metric2() + "|" + c.metric1(), cell);
    }
    return out;
  }

  /** The lower triangle: a row per metric but the first, a column per metric but the last. */
  private static void panel(Graphics2D g, Rectangle2D area, Map<String, Cell> cells) {
    List<String> metrics = new ArrayList<>(LABELS.keySet());
    int k = metrics.size() - 1;
    double labelW = 0;
    for (String m : metrics) {
      labelW = Math.max(labelW, Text.width(Theme.TICK, LABELS.get(m)));
    }
    double left = labelW + 10;
    double bottom = Text.lineHeight(Theme.TICK) + 6;
    double size = Math.min((area.getWidth() - left - 4) / k, (area.getHeight() - bottom - 4) / k);
    double x0 = area.getX() + left + (area.getWidth() - left - 4 - size * k) / 2;
    double y0 = area.getY() + 2;
    for (int r = 0; r < k; r++) {
      String row = metrics.get(r + 1);
      Text.draw(
          g,
          Theme.TICK,
          Theme.INK,
          LABELS.get(row),
          x0 - 5,
          y0 + (r + 0.5) * size,
          Text.H.RIGHT,
          Text.V.MIDDLE);
      Text.draw(
          g,
          Theme.TICK,
          Theme.INK,
          LABELS.get(metrics.get(r)),
          x0 + (r + 0.5) * size,
          y0 + size * k + 3,
          Text.H.CENTER,
          Text.V.TOP);
      for (int c = 0; c <= r; c++) {
        Rectangle2D box = new Rectangle2D.Double(x0 + c * size, y0 + r * size, size, size);
        Cell cell = cells.get(row + "|" + metrics.get(c));
        if (cell == null) {
          Marks.box(g, box, Color.WHITE, new Color(0xE0E0E0));
          Text.draw(
              g,
              Theme.LABEL,
              Theme.FAINT,
              "not tested",
              box.getCenterX(),
              box.getCenterY(),
              Text.H.CENTER,
              Text.V.MIDDLE);
          continue;
        }
        Color fill = Ramp.diverging(cell.rho());
        Marks.box(g, box, fill, Color.WHITE);
        Color ink = Theme.textOn(fill);
        String rho = String.format(Locale.ROOT, "%+.2f", cell.rho()).replace('-', '−');
        Text.draw(
            g,
            Theme.LABEL_BOLD,
            ink,
            rho + (cell.significant() ? "*" : ""),
            box.getCenterX(),
            box.getCenterY() - 1,
            Text.H.CENTER,
            Text.V.BOTTOM);
        Text.draw(
            g,
            Theme.LABEL,
            ink,
            "n=" + cell.n(),
            box.getCenterX(),
            box.getCenterY() + 1,
            Text.H.CENTER,
            Text.V.TOP);
      }
    }
  }
}
