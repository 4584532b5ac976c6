package dev.scylla.figures;

import dev.scylla.analysis.PassRateRow;
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
 * fig18: failure rate by tier with both denominators. The strict bar (of all attempted runs) is
 * split into runs the judges failed and infrastructure failures; the second bar leaves the
 * infrastructure failures out of numerator and denominator.
 */
final class FailureRateFigure {
  static final String NAME = "fig18_failure_rate_by_tier";
  static final String CAPTION =
      "Failure rate by tier: strict (graded failures plus infrastructure failures over attempted"
          + " runs) and excluding infrastructure failures.";

  private FailureRateFigure() {}

  static Figure build(TierView v) {
    boolean any = false;
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        any |= g.passRates() != null && g.passRates().attempted() > 0;
      }
    }
    if (!any) {
      return Figure.skip(NAME, CAPTION, "no attempted runs");
    }
    int models = v.models().size();
    Page page =
        new Page(Figures.WIDTH_IN, "Failure rate by tier, two denominators")
            .subtitle(
                "Left bar: (failed + infra failures) / attempted. Right bar: failed / (attempted −"
                    + " infra failures). Labels give the counts.")
            .legend(
                List.of(
                    Legend.box("Failed (judged not passed)", Theme.FAILED),
                    Legend.box("Infrastructure failure", Theme.INFRA),
                    Legend.outlined(
                        "Failed, infra failures excluded",
                        Theme.tint(Theme.FAILED, 0.6),
                        Theme.FAILED)))
            .note(
                "Infrastructure failures: rate limits, crashes, timeouts, interrupted runs and runs"
                    + " without a verdict. Runs never attempted are in neither denominator.")
            .panelHeight(models > 1 ? 190 : 250);
    for (String m : v.models()) {
      page.panel(models > 1 ? m : "", (g, area) -> panel(g, area, v, m));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static void panel(Graphics2D g, Rectangle2D area, TierView v, String model) {
    List<TierView.Group> groups = v.groups(model);
    List<List<String>> labels = new ArrayList<>();
    for (TierView.Group gr : groups) {
      PassRateRow p = gr.passRates();
      labels.add(
          p == null
              ? List.of(gr.tier(), "no outcome data")
              : List.of(gr.tier(), "n=" + p.attempted() + ", infra=" + p.infraFailures()));
    }
    Axes ax =
        Axes.categories(labels)
            .y(Scale.fixed(0, 1.14, 0.2, Scale::percent))
            .yTitle("Failure rate")
            .bandPadding(0.25)
            .layout(area);
    ax.drawGrid(g);
    double barW = Math.min(ax.bandInner() / 2, 34);
    double base = ax.y(0);
    for (int i = 0; i < groups.size(); i++) {
      PassRateRow p = groups.get(i).passRates();
      if (p == null || p.attempted() == 0) {
        continue;
      }
      double cx = ax.bandCentre(i);
      int infra = p.infraFailures();
      int graded = Math.max(0, p.attempted() - infra - p.passed());
      double n = p.attempted();
      double lx = cx - barW / 2;
      double yGraded = ax.y(graded / n);
      double yAll = ax.y((graded + infra) / n);
      Marks.box(
          g,
          new Rectangle2D.Double(lx - barW / 2 + 0.5, yGraded, barW - 1, base - yGraded),
          Theme.FAILED,
          null);
      Marks.box(
          g,
          new Rectangle2D.Double(lx - barW / 2 + 0.5, yAll, barW - 1, yGraded - yAll),
          Theme.INFRA,
          null);
      String left = (graded + infra) + "/" + p.attempted();
      double rx = cx + barW / 2;
      int denom = p.attempted() - infra;
      String right;
      double yRight;
      if (denom == 0) {
        right = "n/a";
        yRight = base;
      } else {
        yRight = ax.y(graded / (double) denom);
        Marks.box(
            g,
            new Rectangle2D.Double(rx - barW / 2 + 0.5, yRight, barW - 1, base - yRight),
            Theme.tint(Theme.FAILED, 0.6),
            Theme.FAILED);
        right = graded + "/" + denom;
      }
      double raise = 0;
      double wl = Text.width(Theme.LABEL, left);
      double wr = Text.width(Theme.LABEL, right);
      if (lx + wl / 2 + 2 > rx - wr / 2 && Math.abs(yAll - yRight) < Text.lineHeight(Theme.LABEL)) {
        raise = Text.lineHeight(Theme.LABEL);
      }
      Text.draw(g, Theme.LABEL, Theme.INK, left, lx, yAll - 2, Text.H.CENTER, Text.V.BOTTOM);
      Text.draw(
          g,
          Theme.LABEL,
          denom == 0 ? Theme.MUTED : Theme.INK,
          right,
          rx,
          yRight - 2 - raise,
          Text.H.CENTER,
          Text.V.BOTTOM);
    }
    ax.drawAxes(g);
  }
}
