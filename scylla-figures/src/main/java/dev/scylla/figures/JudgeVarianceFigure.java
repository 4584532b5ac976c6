package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.JudgeRow;
import dev.scylla.analysis.tables.Dist;
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
import java.util.TreeMap;

/**
 * fig02: how each judge scores — the distribution of every judge slot's valid scores per tier, as
 * box plots side by side (one colour per slot), one panel per agent model. A judge whose boxes sit
 * above the others' is lenient; the subtitle gives each judge's mean over all runs.
 */
final class JudgeVarianceFigure {
  static final String NAME = "fig02_judge_variance";
  static final String CAPTION =
      "Distribution of each judge's scores per tier (box: quartiles; whiskers: 1.5 IQR; diamond:"
          + " mean).";

  private JudgeVarianceFigure() {}

  /** One agent model's valid judge scores: slot → model id, and (tier, slot) → scores. */
  private record Scores(
      Map<Integer, String> judges, Map<String, Map<Integer, List<Double>>> byTier) {}

  static Figure build(Analysis a, List<String> models) {
    Map<String, Scores> data = new LinkedHashMap<>();
    for (JudgeRow j : a.data().judges()) {
      if (!j.judgeIsValid() || Double.isNaN(j.judgeScore())) {
        continue;
      }
      Scores s =
          data.computeIfAbsent(
              j.agentModel(),
              k -> new Scores(new TreeMap<>(), new TreeMap<>(dev.scylla.model.Tiers.TIER_ORDER)));
      s.judges().putIfAbsent(j.judgeNumber(), j.judgeModel());
      s.byTier()
          .computeIfAbsent(j.tier(), t -> new TreeMap<>())
          .computeIfAbsent(j.judgeNumber(), n -> new ArrayList<>())
          .add(j.judgeScore());
    }
    if (data.isEmpty()) {
      return Figure.skip(NAME, CAPTION, "no valid judge verdicts");
    }
    List<String> ordered = Names.inOrder(models, data.keySet());
    Map<Integer, String> allJudges = new TreeMap<>();
    data.values().forEach(s -> s.judges().forEach(allJudges::putIfAbsent));
    List<Legend.Item> legend = new ArrayList<>();
    List<Integer> slots = new ArrayList<>(allJudges.keySet());
    for (int i = 0; i < slots.size(); i++) {
      legend.add(
          Legend.outlined(
              label(slots.get(i), allJudges.get(slots.get(i))),
              Theme.tint(Theme.series(i), 0.55),
              Theme.series(i)));
    }
    legend.add(Legend.marker("mean", Marks.Shape.DIAMOND, Color.WHITE, Theme.INK));
    Page page =
        new Page(Figures.WIDTH_IN, "Judge scores by tier")
            .subtitle(
                "Valid verdicts only. Mean score of each judge: " + means(data, ordered) + ".")
            .legend(legend)
            .note("Under each tier: the verdicts of each judge, in slot order.")
            .panelHeight(ordered.size() > 1 ? 190 : 250);
    for (String m : ordered) {
      Scores s = data.get(m);
      page.panel(ordered.size() > 1 ? m : "", (g, area) -> panel(g, area, s, slots));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  private static String label(int slot, String model) {
    return "J" + slot + " " + Names.shortModel(model);
  }

  private static String means(Map<String, Scores> data, List<String> models) {
    List<String> parts = new ArrayList<>();
    for (String m : models) {
      Scores s = data.get(m);
      List<String> judges = new ArrayList<>();
      for (var j : s.judges().entrySet()) {
        double sum = 0;
        int n = 0;
        for (Map<Integer, List<Double>> t : s.byTier().values()) {
          for (double d : t.getOrDefault(j.getKey(), List.of())) {
            sum += d;
            n++;
          }
        }
        judges.add(
            label(j.getKey(), j.getValue()) + " " + String.format(Locale.ROOT, "%.3f", sum / n));
      }
      parts.add((models.size() > 1 ? m + ": " : "") + String.join(", ", judges));
    }
    return String.join("; ", parts);
  }

  private static void panel(Graphics2D g, Rectangle2D area, Scores s, List<Integer> slots) {
    List<String> tiers = new ArrayList<>(s.byTier().keySet());
    List<List<String>> labels = new ArrayList<>();
    for (String t : tiers) {
      List<String> counts = new ArrayList<>();
      for (int slot : slots) {
        counts.add(Integer.toString(s.byTier().get(t).getOrDefault(slot, List.of()).size()));
      }
      labels.add(List.of(t, "n=" + String.join("/", counts)));
    }
    Axes ax =
        Axes.categories(labels)
            .y(Scale.fixed(0, 1, 0.2, null))
            .yTitle("Judge score")
            .bandPadding(0.25)
            .layout(area);
    ax.drawGrid(g);
    Rectangle2D p = ax.plot();
    Marks.line(g, p.getX(), ax.y(0.6), p.getMaxX(), ax.y(0.6), Theme.FAINT, Theme.DASHED);
    Dodge dodge = new Dodge(ax.bandInner(), slots.size(), 30);
    for (int ti = 0; ti < tiers.size(); ti++) {
      for (int k = 0; k < slots.size(); k++) {
        List<Double> v = s.byTier().get(tiers.get(ti)).get(slots.get(k));
        if (v == null || v.isEmpty()) {
          continue;
        }
        ScoreFigure.box(
            g,
            ax,
            ax.bandCentre(ti) + dodge.offset(k),
            dodge.width() * 0.8,
            Dist.of(v.stream().mapToDouble(Double::doubleValue).toArray()),
            Theme.series(k));
      }
    }
    ax.drawAxes(g);
  }
}
