package dev.scylla.figures;

import dev.scylla.analysis.PassRateRow;
import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Axes;
import dev.scylla.figures.plot.Labeler;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
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
    Axes ax =
        Axes.categories(PassRateFigure.outcomeTicks(groups))
            .y(Scale.fixed(0, 1.14, 0.2, Scale::percent))
            .yTitle("Failure rate")
            .bandPadding(0.25)
            .layout(area);
    ax.drawGrid(g);
    double barW = Math.min(ax.bandInner() / 2, 34);
    double base = ax.y(0);
    Labeler labels = new Labeler(ax.plot());
    List<Object[]> pending = new ArrayList<>();
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
      labels.occupy(new Rectangle2D.Double(lx - barW / 2, yAll, barW, base - yAll));
      String left = (graded + infra) + "/" + p.attempted();
      pending.add(new Object[] {left, Pairs.labelLeft(lx, barW, -1, left), yAll, Theme.INK});
      double rx = cx + barW / 2;
      int denom = p.attempted() - infra;
      if (denom == 0) {
        pending.add(new Object[] {"n/a", Pairs.labelLeft(rx, barW, 1, "n/a"), base, Theme.MUTED});
      } else {
        double yRight = ax.y(graded / (double) denom);
        Marks.box(
            g,
            new Rectangle2D.Double(rx - barW / 2 + 0.5, yRight, barW - 1, base - yRight),
            Theme.tint(Theme.FAILED, 0.6),
            Theme.FAILED);
        labels.occupy(new Rectangle2D.Double(rx - barW / 2, yRight, barW, base - yRight));
        String right = graded + "/" + denom;
        pending.add(new Object[] {right, Pairs.labelLeft(rx, barW, 1, right), yRight, Theme.INK});
      }
    }
    for (Object[] l : pending) {
      labels.above(
          g,
          Theme.LABEL,
          (java.awt.Color) l[3],
          (String) l[0],
          (double) l[1],
          (double) l[2] - 1.5,
          3);
    }
    ax.drawAxes(g);
  }
}
