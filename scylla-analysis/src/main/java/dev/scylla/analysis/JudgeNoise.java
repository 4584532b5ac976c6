package dev.scylla.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code data/judge_noise.csv} (ours): each judge's own variance, from the repeat verdicts of
 * {@code rerun-judges --repeat} ({@link RepeatRow}), beside the between-judge agreement of
 * tab03/statistical_results.json. Per judge model:
 *
 * <ul>
 *   <li>{@code slots_with_repeats}: the slots it has repeats of (one slot, one model);
 *   <li>{@code repeats}: those repeat verdicts;
 *   <li>{@code mean_sd_score}: over those slots, the mean of the sample standard deviation (n − 1)
 *       of the scores of the slot's verdict and its repeats (the slot's verdict counts when the
 *       same model made it; slots with fewer than two such scores are left out of the mean);
 *   <li>{@code mean_range_score}: the same mean of max − min;
 *   <li>{@code flip_share}: the share of repeats whose pass/fail differs from the slot's verdict.
 * </ul>
 *
 * Empty (a header) when no slot has repeats. Judge models sort by name.
 */
public final class JudgeNoise {
  public static final List<String> HEADER =
      List.of(
          "judge_model",
          "slots_with_repeats",
          "repeats",
          "mean_sd_score",
          "mean_range_score",
          "flip_share");

  /** One judge model's noise; the means are NaN when no slot has two scores of it. */
  public record Row(
      String judgeModel,
      int slotsWithRepeats,
      int repeats,
      double meanSdScore,
      double meanRangeScore,
      double flipShare) {}

  private JudgeNoise() {}

  public static List<Row> of(List<RepeatRow> repeats) {
    // one group per slot and repeat model, in reading order
    Map<String, List<RepeatRow>> groups = new LinkedHashMap<>();
    for (RepeatRow r : repeats) {
      String g =
          String.join(
              "\u0000",
              r.experiment(),
              r.tier(),
              r.subtest(),
              Integer.toString(r.runNumber()),
              Integer.toString(r.slot()),
              r.model());
      groups.computeIfAbsent(g, k -> new ArrayList<>()).add(r);
    }
    Map<String, double[]> byModel = new TreeMap<>();
    for (List<RepeatRow> g : groups.values()) {
      RepeatRow first = g.get(0);
      List<Double> scores = new ArrayList<>();
      if (first.model().equals(first.slotModel())) {
        scores.add(first.slotScore());
      }
      int flips = 0;
      for (RepeatRow r : g) {
        scores.add(r.score());
        if (r.passed() != r.slotPassed()) {
          flips++;
        }
      }
      // slots, repeats, flips, sd sum, range sum, slots with two scores
      double[] acc = byModel.computeIfAbsent(first.model(), k -> new double[6]);
      acc[0]++;
      acc[1] += g.size();
      acc[2] += flips;
      if (scores.size() >= 2) {
        acc[3] += sampleSd(scores);
        acc[4] +=
            scores.stream().mapToDouble(d -> d).max().orElse(0)
                - scores.stream().mapToDouble(d -> d).min().orElse(0);
        acc[5]++;
      }
    }
    List<Row> out = new ArrayList<>();
    byModel.forEach(
        (m, a) ->
            out.add(
                new Row(
                    m,
                    (int) a[0],
                    (int) a[1],
                    a[5] > 0 ? a[3] / a[5] : Double.NaN,
                    a[5] > 0 ? a[4] / a[5] : Double.NaN,
                    a[1] > 0 ? a[2] / a[1] : Double.NaN)));
    return out;
  }

  /**
   * The sample standard deviation (n − 1) of at least two values, computed on the values shifted by
   * the first, so identical scores give exactly 0.
   */
  static double sampleSd(List<Double> xs) {
    double x0 = xs.get(0);
    double mean = 0;
    for (double x : xs) {
      mean += x - x0;
    }
    mean /= xs.size();
    double ss = 0;
    for (double x : xs) {
      double d = x - x0 - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / (xs.size() - 1));
  }

  public static String csv(List<Row> rows) {
    Csv c = new Csv(HEADER);
    for (Row r : rows) {
      c.text(r.judgeModel())
          .num(r.slotsWithRepeats())
          .num(r.repeats())
          .num(r.meanSdScore())
          .num(r.meanRangeScore())
          .num(r.flipShare())
          .end();
    }
    return c.toString();
  }
}
