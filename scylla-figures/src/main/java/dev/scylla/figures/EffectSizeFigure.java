package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.StatisticalResults.EffectSize;
import dev.scylla.figures.plot.Axes;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
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
 * fig19: the effect-size forest — Cliff's δ of each tier against the one before it, with its 95%
 * BCa interval, for the pass rate and the implementation rate, one panel per agent model. A filled
 * marker is a significant effect (its interval excludes 0), a hollow one is not. Drawn upright:
 * transitions along the horizontal axis, δ from −1 to 1 on the vertical one.
 */
final class EffectSizeFigure {
  static final String NAME = "fig19_effect_size_forest";
  static final String CAPTION =
      "Cliff's delta of each tier against the previous one with 95% bootstrap intervals.";

  /** The metrics drawn, in order, with their legend names. */
  private static final Map<String, String> METRICS = new LinkedHashMap<>();

  static {
    METRICS.put("pass_rate", "Pass rate");
    METRICS.put("impl_rate", "Implementation rate");
  }

  private EffectSizeFigure() {}

  static Figure build(Analysis a, List<String> models) {
    Map<String, List<EffectSize>> byModel = new LinkedHashMap<>();
    for (String m : models) {
      byModel.put(m, new ArrayList<>());
    }
    for (EffectSize e : a.statistics().effectSizes()) {
      if (METRICS.containsKey(e.metric()) && !Double.isNaN(e.cliffsDelta())) {
        byModel.computeIfAbsent(e.model(), k -> new ArrayList<>()).add(e);
      }
    }
    byModel.values().removeIf(List::isEmpty);
    if (byModel.isEmpty()) {
      return Figure.skip(
          NAME, CAPTION, "no tier transition with at least 2 scored runs on both sides");
    }
    List<Legend.Item> legend = new ArrayList<>();
    int k = 0;
    for (String label : METRICS.values()) {
      Color c = Theme.series(k++);
      legend.add(Legend.marker(label + ", significant", Marks.Shape.CIRCLE, c, c));
      legend.add(Legend.marker(label + ", not significant", Marks.Shape.CIRCLE, Color.WHITE, c));
    }
    int significant = 0;
    int total = 0;
    for (List<EffectSize> l : byModel.values()) {
      for (EffectSize e : l) {
        total++;
        significant += e.isSignificant() ? 1 : 0;
      }
    }
    Page page =
        new Page(Figures.WIDTH_IN, "Effect size of each tier transition")
            .subtitle(
                "Cliff's δ of the later tier against the earlier (positive: the later tier does"
                    + " better), 95% BCa interval; "
                    + significant
                    + " of "
                    + Labels.plural(total, "effect", "effects")
                    + " significant (interval excludes 0).")
            .legend(legend)
            .note(
                "Under each transition: δ of the pass rate / of the implementation rate. |δ| <"
                    + " 0.147 is negligible, < 0.33 small, < 0.474 medium, else large (Romano et"
                    + " al.). Transitions need at least 2 scored runs in both tiers.")
            .panelHeight(byModel.size() > 1 ? 180 : 240);
    for (var e : byModel.entrySet()) {
      page.panel(byModel.size() > 1 ? e.getKey() : "", (g, area) -> panel(g, area, e.getValue()));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static void panel(Graphics2D g, Rectangle2D area, List<EffectSize> effects) {
    List<String> transitions = new ArrayList<>();
    for (EffectSize e : effects) {
      String t = e.tier1() + "→" + e.tier2();
      if (!transitions.contains(t)) {
        transitions.add(t);
      }
    }
    // under each transition, the deltas: pass rate / implementation rate
    List<String> metrics = new ArrayList<>(METRICS.keySet());
    List<List<String>> ticks = new ArrayList<>();
    for (String t : transitions) {
      String[] values = new String[metrics.size()];
      java.util.Arrays.fill(values, "n/a");
      for (EffectSize e : effects) {
        if (t.equals(e.tier1() + "→" + e.tier2())) {
          values[metrics.indexOf(e.metric())] =
              String.format(Locale.ROOT, "%+.2f", e.cliffsDelta()).replace('-', '−');
        }
      }
      ticks.add(List.of(t, String.join(" / ", values)));
    }
    Axes ax =
        Axes.categories(ticks)
            .y(Scale.fixed(-1, 1, 0.5, Scale.decimals(0.5)))
            .yTitle("Cliff's δ")
            .bandPadding(0.3)
            .layout(area);
    ax.drawGrid(g);
    Rectangle2D plot = ax.plot();
    Marks.line(g, plot.getMinX(), ax.y(0), plot.getMaxX(), ax.y(0), Theme.MUTED, Theme.DASHED);
    double offset = Math.min(ax.bandInner() / 4, 14);
    for (EffectSize e : effects) {
      int i = transitions.indexOf(e.tier1() + "→" + e.tier2());
      int m = metrics.indexOf(e.metric());
      double cx = ax.bandCentre(i) + (m == 0 ? -offset : offset);
      Color c = Theme.series(m);
      if (!Double.isNaN(e.ciLow()) && !Double.isNaN(e.ciHigh()) && e.ciHigh() > e.ciLow()) {
        Marks.whisker(g, cx, ax.y(e.ciLow()), ax.y(e.ciHigh()), 5, c);
      }
      double y = ax.y(e.cliffsDelta());
      Marks.marker(g, Marks.Shape.CIRCLE, cx, y, 3.2, e.isSignificant() ? c : Color.WHITE, c);
    }
    ax.drawAxes(g);
  }
}
