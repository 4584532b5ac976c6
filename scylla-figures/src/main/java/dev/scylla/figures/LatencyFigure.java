package dev.scylla.figures;

import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/**
 * fig13: where the time of a run goes — mean agent and judge duration per scored run, stacked per
 * tier, the mean total above each bar, one panel per agent model. Setup and build-pipeline time are
 * in neither (the reference's {@code duration_seconds} is agent + judge).
 */
final class LatencyFigure {
  static final String NAME = "fig13_latency";
  static final String CAPTION = "Mean agent and judge time per scored run by tier.";
  private static final Color AGENT = Theme.SERIES.get(0);
  private static final Color JUDGE = Theme.SERIES.get(1);

  private LatencyFigure() {}

  static Figure build(TierView v) {
    double max = 0;
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        double total = total(g);
        if (total > max) {
          max = total;
        }
      }
    }
    if (!(max > 0)) {
      return Figure.skip(NAME, CAPTION, "no scored runs with durations");
    }
    int models = v.models().size();
    double top = max;
    Page page =
        new Page(Figures.WIDTH_IN, "Time per run by tier")
            .subtitle(
                "Mean seconds per scored run; the number above each bar is the mean total. "
                    + shares(v))
            .legend(List.of(Legend.box("Agent", AGENT), Legend.box("Judges (all slots)", JUDGE)))
            .note("Workspace setup and the build pipeline are not included.")
            .panelHeight(models > 1 ? 190 : 250);
    for (String m : v.models()) {
      page.panel(models > 1 ? m : "", (g, area) -> panel(g, area, v, m, top));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  /** Agent plus judge seconds of a tier (a missing part counts 0), NaN without scored runs. */
  private static double total(TierView.Group g) {
    if (g.runs() == 0) {
      return Double.NaN;
    }
    return zero(g.meanAgentDuration()) + zero(g.meanJudgeDuration());
  }

  private static double zero(double d) {
    return Double.isNaN(d) ? 0 : d;
  }

  private static String shares(TierView v) {
    double agent = 0;
    double judge = 0;
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        if (g.runs() > 0) {
          agent += zero(g.meanAgentDuration()) * g.runs();
          judge += zero(g.meanJudgeDuration()) * g.runs();
        }
      }
    }
    double all = agent + judge;
    return String.format(
        Locale.ROOT,
        "Of all this time the agents took %.1f%%, the judges %.1f%%.",
        agent / all * 100,
        judge / all * 100);
  }

  private static void panel(Graphics2D g, Rectangle2D area, TierView v, String model, double max) {
    StackedBars.panel(
        g,
        area,
        v.groups(model),
        "Seconds per run",
        max,
        gr ->
            Double.isNaN(total(gr))
                ? null
                : new double[] {zero(gr.meanAgentDuration()), zero(gr.meanJudgeDuration())},
        List.of(AGENT, JUDGE),
        total -> String.format(Locale.ROOT, "%.1f s", total));
  }
}
