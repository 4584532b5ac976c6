package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.CriterionRow;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * fig09: how each rubric criterion fares by tier — the mean criterion score (0 to 1) over every
 * judge's verdict on the tier's scored runs, as a heat map with the value in every cell; one panel
 * per agent model. Criteria a judge marked not applicable are left out of the means.
 */
final class CriteriaFigure {
  static final String NAME = "fig09_criteria_by_tier";
  static final String CAPTION = "Mean criterion score by tier over all judges' verdicts.";

  private CriteriaFigure() {}

  /** Sum and count of one (model, tier, criterion). */
  private static final class Acc {
    double sum;
    int n;
  }

  static Figure build(Analysis a, TierView v) {
    Map<String, Acc> cells = new LinkedHashMap<>();
    Map<String, Set<String>> criteria = new LinkedHashMap<>();
    for (CriterionRow r : a.data().criteria()) {
      if (Double.isNaN(r.criterionScore())) {
        continue;
      }
      criteria.computeIfAbsent(r.agentModel(), k -> new LinkedHashSet<>()).add(r.criterion());
      Acc acc = cells.computeIfAbsent(key(r.agentModel(), r.tier(), r.criterion()), k -> new Acc());
      acc.sum += r.criterionScore();
      acc.n++;
    }
    if (cells.isEmpty()) {
      return Figure.skip(NAME, CAPTION, "no criterion scores (the judges gave no criteria)");
    }
    List<String> models = new ArrayList<>();
    for (String m : v.models()) {
      if (criteria.containsKey(m)) {
        models.add(m);
      }
    }
    List<Legend.Item> legend = new ArrayList<>();
    for (double t : new double[] {0, 0.25, 0.5, 0.75, 1}) {
      legend.add(Legend.outlined(String.format(Locale.ROOT, "%.2f", t), Ramp.blues(t), Theme.GRID));
    }
    int rows = 0;
    for (String m : models) {
      rows = Math.max(rows, criteria.get(m).size());
    }
    Page page =
        new Page(Figures.WIDTH_IN, "Rubric criteria by tier")
            .subtitle(
                "Cell: mean score of the criterion (achieved ÷ possible points) over every judge's"
                    + " verdict on the tier's scored runs; criteria marked not applicable are left"
                    + " out.")
            .legend(legend)
            .panelHeight(Math.max(120, Math.min(260, 40 + rows * 24)));
    for (String m : models) {
      List<String> names = new ArrayList<>(criteria.get(m));
      page.panel(models.size() > 1 ? m : "", (g, area) -> panel(g, area, v, m, names, cells));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static String key(String model, String tier, String criterion) {
    return model + "\u0000" + tier + "\u0000" + criterion;
  }

  private static void panel(
      Graphics2D g,
      Rectangle2D area,
      TierView v,
      String model,
      List<String> names,
      Map<String, Acc> cells) {
    List<String> tiers = v.tiers(model);
    double labelW = 0;
    for (String c : names) {
      labelW = Math.max(labelW, Text.width(Theme.TICK, label(c)));
    }
    double left = Math.min(area.getWidth() * 0.3, labelW + 10);
    double bottom = Text.lineHeight(Theme.TICK) + 6;
    double x0 = area.getX() + left;
    double y0 = area.getY() + 2;
    double w = area.getWidth() - left - 4;
    double h = area.getHeight() - bottom - 4;
    double cw = w / Math.max(1, tiers.size());
    double ch = h / Math.max(1, names.size());
    for (int r = 0; r < names.size(); r++) {
      Text.draw(
          g,
          Theme.TICK,
          Theme.INK,
          Text.fit(Theme.TICK, label(names.get(r)), left - 8),
          x0 - 5,
          y0 + (r + 0.5) * ch,
          Text.H.RIGHT,
          Text.V.MIDDLE);
    }
    for (int c = 0; c < tiers.size(); c++) {
      for (int r = 0; r < names.size(); r++) {
        Acc acc = cells.get(key(model, tiers.get(c), names.get(r)));
        Rectangle2D cell = new Rectangle2D.Double(x0 + c * cw, y0 + r * ch, cw, ch);
        if (acc == null || acc.n == 0) {
          Marks.box(g, cell, new Color(0xF0F0F0), Color.WHITE);
          continue;
        }
        double mean = acc.sum / acc.n;
        Color fill = Ramp.blues(mean);
        Marks.box(g, cell, fill, Color.WHITE);
        Text.draw(
            g,
            Theme.LABEL,
            Theme.textOn(fill),
            String.format(Locale.ROOT, "%.2f", mean),
            cell.getCenterX(),
            cell.getCenterY(),
            Text.H.CENTER,
            Text.V.MIDDLE);
      }
      Text.draw(
          g,
          Theme.TICK,
          Theme.INK,
          tiers.get(c),
          x0 + (c + 0.5) * cw,
          y0 + h + 3,
          Text.H.CENTER,
          Text.V.TOP);
    }
  }

  /** {@code code_quality} as "Code quality". */
  static String label(String criterion) {
    String s = criterion.replace('_', ' ').strip();
    return s.isEmpty() ? criterion : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
