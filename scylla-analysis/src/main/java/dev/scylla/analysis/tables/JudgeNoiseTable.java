package dev.scylla.analysis.tables;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.JudgeNoise;
import dev.scylla.analysis.StatisticalResults.JudgeAgreement;
import java.util.List;

/**
 * tab16 (ours): judge noise: each judge model's own variance on the same prompt, from the repeat
 * verdicts of {@code rerun-judges --repeat} ({@code data/judge_noise.csv}), beside the
 * between-judge disagreement of tab03 (the mean |Δ score| of the judge pairs the model is in,
 * weighted by their runs).
 */
final class JudgeNoiseTable {
  static final String NAME = "tab16_judge_noise";

  private JudgeNoiseTable() {}

  static Table build(Analysis a) {
    String title = "Judge noise (repeat verdicts on the same prompt)";
    List<JudgeNoise.Row> rows = JudgeNoise.of(a.data().repeats());
    if (rows.isEmpty()) {
      return Table.skip(NAME, title, "no judge slot has repeat verdicts (rerun-judges --repeat)");
    }
    Table.Builder b =
        Table.builder(NAME, title)
            .left("Judge model")
            .right(
                "Slots",
                "Repeats",
                "Mean SD score",
                "Mean range",
                "Pass/fail flips",
                "Between-judge mean |Δ score|");
    for (JudgeNoise.Row r : rows) {
      b.row(
          List.of(
              r.judgeModel(),
              Fmt.count(r.slotsWithRepeats()),
              Fmt.count(r.repeats()),
              Fmt.rate(r.meanSdScore()),
              Fmt.rate(r.meanRangeScore()),
              Fmt.pct(r.flipShare()),
              Fmt.rate(between(a, r.judgeModel()))));
    }
    return b.note(
            "Per judge model, over the slots it has repeats of: the sample SD and the range (max −"
                + " min) of the scores of the slot's verdict and its repeats, averaged over the"
                + " slots; flips: the share of repeats whose pass/fail differs from the slot's"
                + " verdict. Between-judge: tab03's mean |Δ score| of the pairs with this judge"
                + " model, weighted by their runs (– when none).")
        .build();
  }

  /** The run-weighted mean |Δ score| of tab03's pairs that involve {@code model}; NaN if none. */
  static double between(Analysis a, String model) {
    if (a.statistics() == null) {
      return Double.NaN;
    }
    double sum = 0;
    long n = 0;
    for (JudgeAgreement j : a.statistics().judgeAgreement()) {
      if (j.isAlphaRow() || !Double.isFinite(j.meanAbsDiff())) {
        continue;
      }
      if (model.equals(j.judgeModel1()) || model.equals(j.judgeModel2())) {
        sum += j.meanAbsDiff() * j.n();
        n += j.n();
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
