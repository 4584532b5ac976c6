package dev.scylla.results;

import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks a tier's best subtest: the highest median score; when the two best medians are less than
 * {@link #TIE_THRESHOLD} apart, the one of those two with fewer total tokens (input + output +
 * cache creation + cache read), the higher-ranked one on equal tokens. Subtests with equal medians
 * rank by subtest id, so the choice never depends on directory listing order. Pure.
 */
public final class BestSubtestSelector {
  /** Medians closer than this are a tie, broken by token usage. */
  public static final double TIE_THRESHOLD = 0.05;

  private BestSubtestSelector() {}

  /** The selection among {@code subtests} (at least one). */
  public static BestSubtest select(List<SubtestStats> subtests) {
    if (subtests.isEmpty()) {
      throw new IllegalArgumentException("no subtest to select from");
    }
    List<SubtestStats> ranked = new ArrayList<>(subtests);
    ranked.sort(
        Comparator.comparingDouble(SubtestStats::medianScore)
            .reversed()
            .thenComparing(SubtestStats::subtest, Tiers.SUBTEST_ORDER));
    if (ranked.size() == 1) {
      SubtestStats only = ranked.get(0);
      double median = only.medianScore();
      return new BestSubtest(
          only.subtest(),
          median,
          List.of(new BestSubtest.Vote(only.subtest(), median, 1.0, "Only sub-test in tier")),
          1.0,
          false,
          null,
          highest(median));
    }
    List<BestSubtest.Vote> votes = new ArrayList<>();
    for (SubtestStats s : ranked) {
      votes.add(
          new BestSubtest.Vote(
              s.subtest(),
              s.medianScore(),
              s.consistency(),
              "Pass rate: "
                  + PyFormat.percent(s.passRate(), 1)
                  + ", Mean score: "
                  + PyFormat.fixed(s.meanScore(), 3)
                  + ", Consistency: "
                  + PyFormat.fixed(s.consistency(), 3)));
    }
    SubtestStats first = ranked.get(0);
    SubtestStats second = ranked.get(1);
    double margin = first.medianScore() - second.medianScore();
    if (margin < TIE_THRESHOLD) {
      long t1 = first.tokenStats().total();
      long t2 = second.tokenStats().total();
      SubtestStats winner = t1 <= t2 ? first : second;
      String reasoning =
          "Tie broken by token usage: "
              + Math.min(t1, t2)
              + " tokens ("
              + first.subtest()
              + "="
              + t1
              + ", "
              + second.subtest()
              + "="
              + t2
              + "). Lower is better.";
      BestSubtest.Vote tb =
          new BestSubtest.Vote(winner.subtest(), winner.medianScore(), 1.0, reasoning);
      return new BestSubtest(
          winner.subtest(), winner.medianScore(), votes, margin, true, tb, reasoning);
    }
    return new BestSubtest(
        first.subtest(),
        first.medianScore(),
        votes,
        margin,
        false,
        null,
        highest(first.medianScore()));
  }

  private static String highest(double median) {
    return "Highest median score (" + PyFormat.fixed(median, 3) + ")";
  }
}
