package dev.scylla.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** data/judge_noise.csv against values worked out by hand. */
class JudgeNoiseTest {
  private static RepeatRow r(
      int run,
      int slot,
      String slotModel,
      double slotScore,
      boolean slotPassed,
      int k,
      String model,
      double score,
      boolean passed) {
    return new RepeatRow(
        "exp",
        "agent",
        "T0",
        "00",
        run,
        slot,
        slotModel,
        slotScore,
        slotPassed,
        k,
        model,
        score,
        passed);
  }

  @Test
  void sdRangeAndFlipsPerJudgeModel() {
    List<JudgeNoise.Row> rows =
        JudgeNoise.of(
            List.of(
                // slot 1 of run 1, model a: scores 0.8, 0.6, 0.7 -> sd 0.1, range 0.2; one flip
                r(1, 1, "a", 0.8, true, 1, "a", 0.6, false),
                r(1, 1, "a", 0.8, true, 2, "a", 0.7, true),
                // slot 1 of run 2, model a: scores 0.5, 0.5 -> sd 0, range 0; no flip
                r(2, 1, "a", 0.5, false, 1, "a", 0.5, false),
                // a repeat made with another model than the slot's verdict: one score of b only
                r(1, 2, "a", 0.9, true, 1, "b", 0.4, false)));
    assertThat(rows).extracting(JudgeNoise.Row::judgeModel).containsExactly("a", "b");
    JudgeNoise.Row a = rows.get(0);
    assertThat(a.slotsWithRepeats()).isEqualTo(2);
    assertThat(a.repeats()).isEqualTo(3);
    assertThat(a.meanSdScore()).isCloseTo((0.1 + 0.0) / 2, Offset.offset(1e-12));
    assertThat(a.meanRangeScore()).isCloseTo((0.2 + 0.0) / 2, Offset.offset(1e-12));
    assertThat(a.flipShare()).isCloseTo(1.0 / 3, Offset.offset(1e-12));
    JudgeNoise.Row b = rows.get(1);
    assertThat(b.slotsWithRepeats()).isEqualTo(1);
    assertThat(b.repeats()).isEqualTo(1);
    assertThat(b.meanSdScore()).isNaN();
    assertThat(b.meanRangeScore()).isNaN();
    assertThat(b.flipShare()).isEqualTo(1.0);
    assertThat(JudgeNoise.csv(rows).lines())
        .containsExactly(
            "judge_model,slots_with_repeats,repeats,mean_sd_score,mean_range_score,flip_share",
            "a,2,3,0.05000000000000002,0.10000000000000003,0.3333333333333333",
            "b,1,1,,,1.0");
  }

  @Test
  void noRepeatsIsAHeaderAlone() {
    assertThat(JudgeNoise.csv(JudgeNoise.of(List.of())))
        .isEqualTo(
            "judge_model,slots_with_repeats,repeats,mean_sd_score,mean_range_score,flip_share\n");
  }
}
