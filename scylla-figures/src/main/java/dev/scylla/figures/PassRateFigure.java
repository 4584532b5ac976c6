package dev.scylla.figures;

import dev.scylla.analysis.PassRateRow;
import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Axes;
import dev.scylla.figures.plot.Labeler;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Scale;
import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * fig04: pass rate by tier with both denominators — strict (every attempted run; infrastructure
 * failures count as not passed) and excluding infrastructure failures — each with its 95% BCa
 * interval and its count, one panel per agent model.
 */
final class PassRateFigure {
  static final String NAME = "fig04_pass_rate_by_tier";
  static final String CAPTION =
      "Pass rate by tier with 95% bootstrap intervals: strict (all attempted runs) and excluding"
          + " infrastructure failures.";

  private PassRateFigure() {}

  static Figure build(TierView v) {
    if (v.isEmpty()) {
      return Figure.skip(NAME, CAPTION, "no attempted runs");
    }
    Color key = v.models().size() > 1 ? Theme.MUTED : Theme.series(0);
    Page page =
        new Page(Figures.WIDTH_IN, "Pass rate by tier, two denominators")
            .subtitle(subtitle(v))
            .legend(
                List.of(
                    Legend.box("Strict: passed / attempted", key),
                    Legend.outlined(
                        "Excluding infra failures: passed / (attempted − infra)",
                        Theme.tint(key, 0.6),
                        key),
                    Legend.interval("95% BCa interval", Theme.INK)))
            .note(
                "Bar labels: passed/denominator. Under each tier: attempted runs and infrastructure"
                    + " failures (rate limits, crashes, timeouts, interrupted runs, runs without a"
                    + " verdict). Runs never attempted are in neither denominator. An interval that"
                    + " collapses to a point (fewer than 2 runs, or identical outcomes) is not"
                    + " drawn.")
            .panelHeight(v.models().size() > 1 ? 190 : 250);
    int i = 0;
    for (String model : v.models()) {
      int index = i++;
      page.panel(v.models().size() > 1 ? model : "", (g, area) -> panel(g, area, v, model, index));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static String subtitle(TierView v) {
    List<String> parts = new ArrayList<>();
    for (String m : v.models()) {
      int attempted = 0;
      int infra = 0;
      int passed = 0;
      for (TierView.Group g : v.groups(m)) {
        PassRateRow p = g.passRates();
        if (p != null) {
          attempted += p.attempted();
          infra += p.infraFailures();
          passed += p.passed();
        }
      }
      parts.add(
          m
              + ": "
              + Labels.plural(attempted, "attempted run", "attempted runs")
              + ", "
              + Labels.plural(infra, "infrastructure failure", "infrastructure failures")
              + ", "
              + Labels.count(passed)
              + " passed");
    }
    return String.join("; ", parts) + ".";
  }

  private static void panel(Graphics2D g, Rectangle2D area, TierView v, String model, int index) {
    List<TierView.Group> groups = v.groups(model);
    Axes ax =
        Axes.categories(outcomeTicks(groups))
            .y(Scale.fixed(0, 1.14, 0.2, Scale::percent))
            .yTitle("Pass rate")
            .bandPadding(0.25)
            .layout(area);
    ax.drawGrid(g);
    Color strong = Theme.series(index);
    Color light = Theme.tint(strong, 0.6);
    double inner = ax.bandInner();
    double barW = Math.min(inner / 2, 34);
    double base = ax.y(0);
    List<Bar[]> bars = new ArrayList<>();
    Labeler labels = new Labeler(ax.plot());
    for (int i = 0; i < groups.size(); i++) {
      PassRateRow p = groups.get(i).passRates();
      double cx = ax.bandCentre(i);
      if (p == null) {
        continue;
      }
      Bar strict =
          new Bar(
              cx - barW / 2,
              p.passRateStrict(),
              p.strictCiLow(),
              p.strictCiHigh(),
              p.passed(),
              p.attempted(),
              -1);
      Bar excl =
          new Bar(
              cx + barW / 2,
              p.passRateExclInfra(),
              p.exclInfraCiLow(),
              p.exclInfraCiHigh(),
              p.passed(),
              p.exclInfraDenominator(),
              1);
      strict.draw(g, ax, barW, base, strong, null);
      excl.draw(g, ax, barW, base, light, strong);
      strict.occupy(labels, ax, barW);
      excl.occupy(labels, ax, barW);
      bars.add(new Bar[] {strict, excl});
    }
    for (Bar[] pair : bars) {
      for (Bar b : pair) {
        b.label(g, ax, labels, barW);
      }
    }
    ax.drawAxes(g);
  }

  /**
   * The tier labels of the pass- and failure-rate figures: the tier, its attempted runs and its
   * infrastructure failures (the counts that separate the two denominators).
   */
  static List<List<String>> outcomeTicks(List<TierView.Group> groups) {
    List<List<String>> ticks = new ArrayList<>();
    for (TierView.Group gr : groups) {
      PassRateRow p = gr.passRates();
      ticks.add(
          p == null
              ? List.of(gr.tier(), "no outcome", "data")
              : List.of(gr.tier(), "n=" + p.attempted(), "infra=" + p.infraFailures()));
    }
    return ticks;
  }

  /** One bar: its centre, value, interval and count. */
  private record Bar(
      double cx, double rate, double lo, double hi, int passed, int denominator, int side) {
    void draw(Graphics2D g, Axes ax, double w, double base, Color fill, Color stroke) {
      if (denominator == 0 || Double.isNaN(rate)) {
        Text.draw(g, Theme.LABEL, Theme.MUTED, "n/a", cx, base - 3, Text.H.CENTER, Text.V.BOTTOM);
        return;
      }
      double top = ax.y(rate);
      Rectangle2D r = new Rectangle2D.Double(cx - w / 2 + 0.5, top, w - 1, Math.max(0, base - top));
      Marks.box(g, r, fill, stroke);
      if (rate == 0) {
        Marks.line(
            g,
            cx - w / 2 + 0.5,
            base,
            cx + w / 2 - 0.5,
            base,
            stroke == null ? fill : stroke,
            Theme.THICK);
      }
      if (!Double.isNaN(lo) && !Double.isNaN(hi) && hi > lo) {
        Marks.whisker(g, cx, ax.y(lo), ax.y(hi), Math.min(8, w * 0.4), Theme.INK);
      }
    }

    String text() {
      return denominator == 0 ? "" : passed + "/" + denominator;
    }

    /** The top of the bar or of its interval, whichever is higher. */
    double top(Axes ax) {
      double top = Double.isNaN(rate) ? ax.y(0) : ax.y(rate);
      if (!Double.isNaN(hi)) {
        top = Math.min(top, ax.y(hi));
      }
      return top;
    }

    void occupy(Labeler labels, Axes ax, double w) {
      if (denominator > 0 && !Double.isNaN(rate)) {
        double t = top(ax);
        labels.occupy(new Rectangle2D.Double(cx - w / 2, t, w, ax.y(0) - t));
      }
    }

    void label(Graphics2D g, Axes ax, Labeler labels, double w) {
      if (denominator == 0 || Double.isNaN(rate)) {
        return;
      }
      labels.above(
          g,
          Theme.LABEL,
          Theme.INK,
          text(),
          Pairs.labelLeft(cx, w, side, text()),
          top(ax) - 1.5,
          3,
          Text.H.LEFT);
    }
  }
}
