package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.RetryRow;
import dev.scylla.analysis.StatisticalResults.RetryTest;
import dev.scylla.figures.plot.Axes;
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
import java.util.Locale;
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
              + String.format(
                  Locale.ROOT,
                  "Mann–Whitney p = %.4f, Cliff's δ = %.3f",
                  t.pValue(),
                  t.cliffsDelta()));
    }
    return parts.isEmpty()
        ? ""
        : " Pass rate, retried against first attempts: " + String.join("; ", parts) + ".";
  }

  private static void panel(Graphics2D g, Rectangle2D area, List<RetryRow> rows) {
    List<List<String>> labels = new ArrayList<>();
    for (RetryRow r : rows) {
      labels.add(
          List.of(
              r.tier().isEmpty() ? "All" : r.tier(),
              r.firstAttemptRuns() + " / " + r.retriedRuns()));
    }
    Axes ax =
        Axes.categories(labels)
            .y(Scale.fixed(0, 1.14, 0.2, Scale::percent))
            .yTitle("Pass rate")
            .bandPadding(0.25)
            .layout(area);
    ax.drawGrid(g);
    double barW = Math.min(ax.bandInner() / 2, 30);
    double base = ax.y(0);
    for (int i = 0; i < rows.size(); i++) {
      RetryRow r = rows.get(i);
      double cx = ax.bandCentre(i);
      bar(
          g,
          ax,
          cx - barW / 2,
          barW,
          base,
          r.firstAttemptPassed(),
          r.firstAttemptRuns(),
          Theme.MUTED,
          0);
      if (r.tier().isEmpty() && i > 0) {
        double sx = ax.bandCentre(i) - ax.band() / 2;
        Marks.line(g, sx, ax.plot().getY(), sx, base, Theme.FAINT, Theme.DASHED);
      }
      double raise = 0;
      if (r.firstAttemptRuns() > 0 && r.retriedRuns() > 0) {
        double y1 = ax.y((double) r.firstAttemptPassed() / r.firstAttemptRuns());
        double y2 = ax.y((double) r.retriedPassed() / r.retriedRuns());
        double w1 = Text.width(Theme.LABEL, r.firstAttemptPassed() + "/" + r.firstAttemptRuns());
        double w2 = Text.width(Theme.LABEL, r.retriedPassed() + "/" + r.retriedRuns());
        if (Math.abs(y1 - y2) < Text.lineHeight(Theme.LABEL) && (w1 + w2) / 2 + 2 > barW) {
          raise = Text.lineHeight(Theme.LABEL);
        }
      }
      bar(
          g,
          ax,
          cx + barW / 2,
          barW,
          base,
          r.retriedPassed(),
          r.retriedRuns(),
          Theme.SERIES.get(5),
          raise);
    }
    ax.drawAxes(g);
  }

  private static void bar(
      Graphics2D g,
      Axes ax,
      double cx,
      double w,
      double base,
      int passed,
      int n,
      java.awt.Color c,
      double raise) {
    if (n == 0) {
      Text.draw(g, Theme.LABEL, Theme.MUTED, "none", cx, base - 2, Text.H.CENTER, Text.V.BOTTOM);
      return;
    }
    double rate = (double) passed / n;
    double top = ax.y(rate);
    Marks.box(g, new Rectangle2D.Double(cx - w / 2 + 0.5, top, w - 1, base - top), c, null);
    if (passed == 0) {
      Marks.line(g, cx - w / 2 + 0.5, base, cx + w / 2 - 0.5, base, c, Theme.THICK);
    }
    Text.draw(
        g,
        Theme.LABEL,
        Theme.INK,
        passed + "/" + n,
        cx,
        top - 2 - raise,
        Text.H.CENTER,
        Text.V.BOTTOM);
  }
}
