package dev.scylla.figures;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.JudgeRow;
import dev.scylla.analysis.StatisticalResults.JudgeAgreement;
import dev.scylla.figures.plot.Axes;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * fig14: agreement between judges. For every pair of judge slots, the runs both scored are binned
 * on a 20 x 20 grid of (score of one judge, score of the other) — perfect agreement lies on the
 * diagonal — with the pair's Spearman ρ, Pearson r and mean |Δ| from the statistics; the subtitle
 * gives Krippendorff's α over all judges.
 */
final class JudgeAgreementFigure {
  static final String NAME = "fig14_judge_agreement";
  static final String CAPTION =
      "Agreement between judges: run scores of each pair of judges, binned (diagonal = agreement).";
  static final int BINS = 20;

  private JudgeAgreementFigure() {}

  /** The binned scores of one judge pair for one agent model. */
  record Pair(String model, int a, int b, String modelA, String modelB, int[][] counts, int n) {}

  static Figure build(Analysis an, List<String> models) {
    List<Pair> pairs = pairs(an, models);
    if (pairs.isEmpty()) {
      return Figure.skip(NAME, CAPTION, "needs runs scored by at least two judges");
    }
    Map<String, JudgeAgreement> stats = new LinkedHashMap<>();
    List<String> alphas = new ArrayList<>();
    if (an.statistics() != null) {
      for (JudgeAgreement j : an.statistics().judgeAgreement()) {
        if (j.isAlphaRow()) {
          alphas.add(
              (models.size() > 1 ? j.model() + " " : "")
                  + fmt(j.krippendorffAlpha())
                  + " ("
                  + Labels.plural(j.n(), "run", "runs")
                  + ")");
        } else {
          stats.put(j.model() + "|" + j.judge1() + "|" + j.judge2(), j);
        }
      }
    }
    int maxCount = 1;
    for (Pair p : pairs) {
      for (int[] row : p.counts()) {
        for (int c : row) {
          maxCount = Math.max(maxCount, c);
        }
      }
    }
    int perModel = (int) pairs.stream().filter(p -> p.model().equals(pairs.get(0).model())).count();
    int cols = Math.min(3, Math.max(1, perModel));
    List<Legend.Item> legend = new ArrayList<>();
    for (double t : new double[] {0.15, 0.4, 0.7, 1.0}) {
      int c = Math.max(1, (int) Math.round(t * maxCount));
      legend.add(
          Legend.outlined(
              Labels.plural(c, "run", "runs"), Ramp.blues(0.15 + 0.85 * t), Theme.GRID));
    }
    legend.add(Legend.line("perfect agreement", Theme.MUTED, Theme.DASHED));
    Page page =
        new Page(Figures.WIDTH_IN, "Judge agreement")
            .subtitle(
                "Krippendorff's α (interval) over all judges: "
                    + (alphas.isEmpty() ? "not computed" : String.join("; ", alphas))
                    + ". Each panel: runs scored by both judges, binned by their two scores.")
            .legend(legend)
            .columns(cols)
            .panelHeight(cols == 1 ? 300 : cols == 2 ? 235 : 178);
    int max = maxCount;
    for (Pair p : pairs) {
      String title = (models.size() > 1 ? p.model() + ": " : "") + "J" + p.a() + " vs J" + p.b();
      JudgeAgreement s = stats.get(p.model() + "|" + p.a() + "|" + p.b());
      page.panel(title, (g, area) -> panel(g, area, p, s, max));
    }
    return Figure.of(NAME, CAPTION, page);
  }

  static List<Pair> pairs(Analysis an, List<String> models) {
    List<Pair> out = new ArrayList<>();
    for (String m : models) {
      Map<String, Map<Integer, Double>> byRun = new LinkedHashMap<>();
      Map<Integer, String> judgeModel = new TreeMap<>();
      for (JudgeRow j : an.data().judges()) {
        if (!j.agentModel().equals(m) || Double.isNaN(j.judgeScore())) {
          continue;
        }
        judgeModel.putIfAbsent(j.judgeNumber(), j.judgeModel());
        byRun
            .computeIfAbsent(
                j.experiment()
                    + "\u0000"
                    + j.tier()
                    + "\u0000"
                    + j.subtest()
                    + "\u0000"
                    + j.runNumber(),
                k -> new TreeMap<>())
            .put(j.judgeNumber(), j.judgeScore());
      }
      List<Integer> nums = new ArrayList<>(judgeModel.keySet());
      for (int x = 0; x < nums.size(); x++) {
        for (int y = x + 1; y < nums.size(); y++) {
          int a = nums.get(x);
          int b = nums.get(y);
          int[][] counts = new int[BINS][BINS];
          int n = 0;
          for (Map<Integer, Double> s : byRun.values()) {
            Double sa = s.get(a);
            Double sb = s.get(b);
            if (sa != null && sb != null) {
              counts[bin(sa)][bin(sb)]++;
              n++;
            }
          }
          if (n > 0) {
            out.add(new Pair(m, a, b, judgeModel.get(a), judgeModel.get(b), counts, n));
          }
        }
      }
    }
    return out;
  }

  static int bin(double score) {
    return Math.max(0, Math.min(BINS - 1, (int) Math.floor(score * BINS)));
  }

  private static void panel(Graphics2D g, Rectangle2D area, Pair p, JudgeAgreement s, int max) {
    Axes ax =
        Axes.numeric(Scale.fixed(0, 1, 0.5, Scale::compact))
            .y(Scale.fixed(0, 1, 0.5, Scale::compact))
            .xTitle("J" + p.a() + " " + Names.shortModel(p.modelA()))
            .yTitle("J" + p.b() + " " + Names.shortModel(p.modelB()))
            .layout(square(area));
    ax.drawGrid(g);
    double cell = 1.0 / BINS;
    for (int i = 0; i < BINS; i++) {
      for (int j = 0; j < BINS; j++) {
        int c = p.counts()[i][j];
        if (c == 0) {
          continue;
        }
        double x0 = ax.x(i * cell);
        double x1 = ax.x((i + 1) * cell);
        double y1 = ax.y(j * cell);
        double y0 = ax.y((j + 1) * cell);
        Marks.box(
            g,
            new Rectangle2D.Double(x0, y0, x1 - x0, y1 - y0),
            Ramp.blues(0.15 + 0.85 * c / (double) max),
            null);
      }
    }
    Marks.line(g, ax.x(0), ax.y(0), ax.x(1), ax.y(1), Theme.MUTED, Theme.DASHED);
    List<String> lines = new ArrayList<>();
    lines.add("n = " + p.n());
    if (s != null) {
      lines.add("ρ = " + fmt(s.spearmanRho()) + ", r = " + fmt(s.pearsonR()));
      lines.add("mean |Δ| = " + fmt(s.meanAbsDiff()));
    }
    Rectangle2D plot = ax.plot();
    double lh = Text.lineHeight(Theme.LABEL);
    double bw = Text.width(Theme.LABEL, lines) + 6;
    double bh = lines.size() * lh + 4;
    // bottom right: the corner judges who agree leave empty
    Rectangle2D box =
        new Rectangle2D.Double(plot.getMaxX() - bw - 3, plot.getMaxY() - bh - 3, bw, bh);
    Marks.box(g, box, new Color(255, 255, 255), Theme.GRID);
    Text.drawLines(g, Theme.LABEL, Theme.INK, lines, box.getX() + 3, box.getY() + 2, Text.H.LEFT);
    ax.drawAxes(g);
  }

  /** The largest area with a square plot inside {@code area}, centred horizontally. */
  private static Rectangle2D square(Rectangle2D area) {
    double extra = 30;
    double side = Math.min(area.getWidth() - extra, area.getHeight() - extra) + extra;
    return new Rectangle2D.Double(area.getCenterX() - side / 2, area.getY(), side, side);
  }

  static String fmt(double v) {
    return Labels.rate(v);
  }
}
