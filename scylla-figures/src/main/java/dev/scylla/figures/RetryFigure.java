package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.RetryRow;
import dev.scylla.analysis.StatisticalResults.RetryTest;
import dev.scylla.figures.plot.Axes;
import dev.scylla.figures.plot.Labeler;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;
import dev.scylla.model.Tiers;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * fig40 (ours): pass rate of scored runs that succeeded at their first attempt against runs that
 * needed retries (earlier attempts archived), per tier and overall, with the counts; the subtitle
 * gives the statistics' test of the difference. If retried runs pass more or less often, retries
 * bias the pass rate.
 */
final class RetryFigure {
  static final String NAME = "fig40_retries_vs_first_attempts";
  static final String CAPTION =
      "Pass rate of runs scored at their first attempt against runs that needed retries.";

  private RetryFigure() {}

  static Figure build(Analysis a, List<String> modelOrder) {
    List<RetryRow> rows = a.retries();
    if (rows.isEmpty()) {
      return Figure.skip(NAME, CAPTION, "no scored runs");
    }
    Set<String> models = new LinkedHashSet<>();
    for (String m : modelOrder) {
      if (rows.stream().anyMatch(r -> r.agentModel().equals(m))) {
        models.add(m);
      }
    }
    rows.forEach(r -> models.add(r.agentModel()));
    int retried =
        rows.stream().filter(r -> r.tier().isEmpty()).mapToInt(RetryRow::retriedRuns).sum();
    int archived =
        rows.stream().filter(r -> r.tier().isEmpty()).mapToInt(RetryRow::archivedAttempts).sum();
    String sub =
        retried == 0
            ? "No scored run needed a retry: every verdict comes from a first attempt, so there is"
                + " nothing to compare."
            : Labels.plural(retried, "scored run", "scored runs")
                + " needed retries ("
                + Labels.plural(archived, "archived attempt", "archived attempts")
                + ")."
                + tests(a, models);
    Page page =
        new Page(Figures.WIDTH_IN, "Retried runs against first attempts")
            .subtitle(sub)
            .legend(
                List.of(
                    Legend.box("Scored at the first attempt", Theme.MUTED),
                    Legend.box("Needed retries", Theme.SERIES.get(5))))
            .note(
                "Bar labels: passed/runs. Under each tier: runs scored at the first attempt / runs"
                    + " that needed retries. Only scored runs are compared; \"All\" is the model's"
                    + " total.")
            .panelHeight(models.size() > 1 ? 190 : 240);
    for (String m : models) {
      List<RetryRow> mine = new ArrayList<>();
      rows.stream()
          .filter(r -> r.agentModel().equals(m) && !r.tier().isEmpty())
          .sorted(Comparator.comparing(RetryRow::tier, Tiers.TIER_ORDER))
          .forEach(mine::add);
      rows.stream().filter(r -> r.agentModel().equals(m) && r.tier().isEmpty()).forEach(mine::add);
      page.panel(models.size() > 1 ? m : "", (g, area) -> panel(g, area, mine));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static String tests(Analysis a, Set<String> models) {
    if (a.statistics() == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (RetryTest t : a.statistics().retryTests()) {
      if (!"pass_rate".equals(t.metric()) || Double.isNaN(t.pValue())) {
        continue;
      }
      parts.add(
          (models.size() > 1 ? t.model() + ": " : "")
              + "Mann–Whitney p = "
              + Labels.p(t.pValue())
              + ", Cliff's δ = "
              + Labels.rate(t.cliffsDelta()));
    }
    return parts.isEmpty()
        ? ""
        : " Pass rate, retried against first attempts: " + String.join("; ", parts) + ".";
  }

  private static void panel(Graphics2D g, Rectangle2D area, List<RetryRow> rows) {
    List<List<String>> ticks = new ArrayList<>();
    for (RetryRow r : rows) {
      ticks.add(
          List.of(
              r.tier().isEmpty() ? "All" : r.tier(),
              r.firstAttemptRuns() + " / " + r.retriedRuns()));
    }
    Axes ax =
        Axes.categories(ticks)
            .y(Scale.fixed(0, 1.14, 0.2, Scale::percent))
            .yTitle("Pass rate")
            .bandPadding(0.25)
            .layout(area);
    ax.drawGrid(g);
    double barW = Math.min(ax.bandInner() / 2, 30);
    double base = ax.y(0);
    Labeler labels = new Labeler(ax.plot());
    List<Runnable> pending = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      RetryRow r = rows.get(i);
      double cx = ax.bandCentre(i);
      if (r.tier().isEmpty() && i > 0) {
        double sx = ax.bandCentre(i) - ax.band() / 2;
        Marks.line(g, sx, ax.plot().getY(), sx, base, Theme.FAINT, Theme.DASHED);
      }
      pending.add(
          bar(
              g,
              ax,
              labels,
              cx - barW / 2,
              barW,
              base,
              r.firstAttemptPassed(),
              r.firstAttemptRuns(),
              Theme.MUTED,
              -1));
      pending.add(
          bar(
              g,
              ax,
              labels,
              cx + barW / 2,
              barW,
              base,
              r.retriedPassed(),
              r.retriedRuns(),
              Theme.SERIES.get(5),
              1));
    }
    pending.forEach(Runnable::run);
    ax.drawAxes(g);
  }

  /** Draws a bar and returns the drawing of its label, to run once every bar is placed. */
  private static Runnable bar(
      Graphics2D g,
      Axes ax,
      Labeler labels,
      double cx,
      double w,
      double base,
      int passed,
      int n,
      java.awt.Color c,
      int side) {
    if (n == 0) {
      double x = Pairs.labelLeft(cx, w, side, "none");
      return () -> labels.above(g, Theme.LABEL, Theme.MUTED, "none", x, base - 1.5, 3, Text.H.LEFT);
    }
    double rate = (double) passed / n;
    double top = ax.y(rate);
    Marks.box(g, new Rectangle2D.Double(cx - w / 2 + 0.5, top, w - 1, base - top), c, null);
    if (passed == 0) {
      Marks.line(g, cx - w / 2 + 0.5, base, cx + w / 2 - 0.5, base, c, Theme.THICK);
    }
    labels.occupy(new Rectangle2D.Double(cx - w / 2, top, w, base - top));
    String s = passed + "/" + n;
    double x = Pairs.labelLeft(cx, w, side, s);
    return () -> labels.above(g, Theme.LABEL, Theme.INK, s, x, top - 1.5, 3, Text.H.LEFT);
  }
}
