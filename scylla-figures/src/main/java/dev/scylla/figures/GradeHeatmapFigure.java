package dev.scylla.figures;

import dev.scylla.analysis.GradeCounts;
import dev.scylla.analysis.tables.TierView;
import dev.scylla.figures.plot.Legend;
import dev.scylla.figures.plot.Marks;
import dev.scylla.figures.plot.Page;
import dev.scylla.figures.plot.Text;
import dev.scylla.figures.plot.Theme;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * fig05: the share of each letter grade (S best, F worst) among a tier's scored runs, as a heat map
 * with the percentage and count in every cell; one panel per agent model.
 */
final class GradeHeatmapFigure {
  static final String NAME = "fig05_grade_heatmap";
  static final String CAPTION = "Share of each grade among the scored runs of every tier.";

  private GradeHeatmapFigure() {}

  static Figure build(TierView v) {
    boolean any = false;
    for (String m : v.models()) {
      for (TierView.Group g : v.groups(m)) {
        any |= g.grades().total() > 0;
      }
    }
    if (!any) {
      return Figure.skip(NAME, CAPTION, "no graded runs");
    }
    List<Legend.Item> legend = new ArrayList<>();
    for (double t : new double[] {0, 0.25, 0.5, 0.75, 1}) {
      legend.add(
          Legend.outlined(
              String.format(Locale.ROOT, "%.0f%%", t * 100), Ramp.blues(t), Theme.GRID));
    }
    int models = v.models().size();
    Page page =
        new Page(Figures.WIDTH_IN, "Grade distribution by tier")
            .subtitle(
                "Cell: share of the tier's scored runs with that grade, and their count."
                    + " Grades: S = 1.0, A ≥ 0.80, B ≥ 0.60, C ≥ 0.40, D ≥ 0.20, F below.")
            .legend(legend)
            .columns(models == 2 ? 2 : 1)
            .panelHeight(models == 2 ? 230 : models > 2 ? 190 : 230);
    for (String m : v.models()) {
      page.panel(models > 1 ? m : "", (g, area) -> panel(g, area, v, m));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static void panel(Graphics2D g, Rectangle2D area, TierView v, String model) {
    List<TierView.Group> groups = v.groups(model);
    List<String> grades = GradeCounts.LETTERS;
    double left =
        6 + Math.max(Text.width(Theme.TICK, "S"), Text.width(Theme.AXIS_TITLE, "Grade")) + 16;
    double bottom = Text.lineHeight(Theme.TICK) + Text.lineHeight(Theme.TICK_SMALL) + 6;
    double x0 = area.getX() + left;
    double y0 = area.getY() + 2;
    double w = area.getWidth() - left - 4;
    double h = area.getHeight() - bottom - 4;
    double cw = w / Math.max(1, groups.size());
    double ch = h / grades.size();
    Text.drawVertical(g, Theme.AXIS_TITLE, Theme.INK, "Grade", area.getX() + 8, y0 + h / 2);
    for (int r = 0; r < grades.size(); r++) {
      Text.draw(
          g,
          Theme.TICK,
          Theme.INK,
          grades.get(r),
          x0 - 5,
          y0 + (r + 0.5) * ch,
          Text.H.RIGHT,
          Text.V.MIDDLE);
    }
    for (int c = 0; c < groups.size(); c++) {
      TierView.Group gr = groups.get(c);
      int total = gr.grades().total();
      for (int r = 0; r < grades.size(); r++) {
        int n = gr.grades().get(grades.get(r));
        double share = total == 0 ? Double.NaN : (double) n / total;
        Rectangle2D cell = new Rectangle2D.Double(x0 + c * cw, y0 + r * ch, cw, ch);
        Color fill = total == 0 ? new Color(0xF0F0F0) : Ramp.blues(share);
        Marks.box(g, cell, fill, Color.WHITE);
        if (total > 0 && n > 0) {
          Color ink = Theme.textOn(fill);
          String pct = String.format(Locale.ROOT, "%.0f%%", share * 100);
          String count = "(" + n + ")";
          if (ch >= 2.2 * Text.lineHeight(Theme.LABEL)
              && cw >= Text.width(Theme.LABEL_BOLD, pct) + 3) {
            Text.draw(
                g,
                Theme.LABEL_BOLD,
                ink,
                pct,
                cell.getCenterX(),
                cell.getCenterY() - 1,
                Text.H.CENTER,
                Text.V.BOTTOM);
            Text.draw(
                g,
                Theme.LABEL,
                ink,
                count,
                cell.getCenterX(),
                cell.getCenterY() + 1,
                Text.H.CENTER,
                Text.V.TOP);
          } else {
            Text.draw(
                g,
                Theme.LABEL,
                ink,
                pct,
                cell.getCenterX(),
                cell.getCenterY(),
                Text.H.CENTER,
                Text.V.MIDDLE);
          }
        }
      }
      double ly = y0 + h + 3;
      Text.draw(
          g, Theme.TICK, Theme.INK, gr.tier(), x0 + (c + 0.5) * cw, ly, Text.H.CENTER, Text.V.TOP);
      String sub = total == 0 ? "no scored runs" : "n=" + total;
      Text.draw(
          g,
          Theme.TICK_SMALL,
          Theme.MUTED,
          Text.fit(Theme.TICK_SMALL, sub, cw - 2),
          x0 + (c + 0.5) * cw,
          ly + Text.lineHeight(Theme.TICK),
          Text.H.CENTER,
          Text.V.TOP);
    }
  }
}
