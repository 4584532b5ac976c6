package dev.scylla.results;

import dev.scylla.model.Grades;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Combines the judgments of a run's judge slots into its consensus. Pure: no IO.
 *
 * <ul>
 *   <li>Counted judges: the real verdicts (not a fallback, not {@code is_valid: false}, score in
 *       [0, 1]). Fallback verdicts never count while any real verdict exists; when none does, the
 *       fallbacks are counted and the consensus is invalid.
 *   <li>score: the arithmetic mean of the counted scores, summed in slot order from 0.
 *   <li>passed: a strict majority of the counted judges' own {@code passed} votes (a tie fails).
 *   <li>grade: from the score (S only at exactly 1.0; A from 0.80, B 0.60, C 0.40, D 0.20, else F).
 *   <li>reasoning and criteria: from the representative judge of the {@link ReasoningRule}.
 *   <li>is_valid: at least {@code quorum} real verdicts were counted.
 * </ul>
 *
 * When nothing can be counted (only judgments marked invalid), the consensus is the reference's
 * "all judges failed" value: score 0.0, not passed, grade F, invalid.
 */
public final class ConsensusBuilder {
  /** The reasoning of a consensus no judge could support. */
  public static final String ALL_FAILED = "All judges failed to produce valid results";

  /** The reasoning of a turn-limited run scored as a failure without judging. */
  public static final String NOT_JUDGED =
      "Not judged: the agent used up its turns, and this experiment scores such runs as failures"
          + " (scylla.turn_limited: fail)";

  private ConsensusBuilder() {}

  /**
   * The consensus of a run the experiment does not judge because its agent used up its turns: score
   * 0.0, not passed, grade F, valid (the run counts in every summary, as a failure), no judge.
   */
  public static ConsensusResult notJudged(ConsensusPolicy p) {
    return new ConsensusResult(
        0.0,
        false,
        "F",
        NOT_JUDGED,
        true,
        null,
        0,
        0,
        0,
        p.rule(),
        p.quorum(),
        false,
        null,
        ConsensusResult.TURN_LIMIT_REACHED);
  }

  /**
   * The consensus of the given slot judgments (any order; slots without a judgment are simply
   * absent), or empty when there is no judgment at all.
   */
  public static Optional<ConsensusResult> build(List<SlotVerdict> verdicts, ConsensusPolicy p) {
    if (verdicts.isEmpty()) {
      return Optional.empty();
    }
    List<SlotVerdict> sorted = new ArrayList<>(verdicts);
    sorted.sort(Comparator.comparingInt(SlotVerdict::slot));
    List<SlotVerdict> counted = new ArrayList<>();
    for (SlotVerdict v : sorted) {
      if (v.real()) {
        counted.add(v);
      }
    }
    boolean fromFallbacks = false;
    if (counted.isEmpty()) {
      for (SlotVerdict v : sorted) {
        if (v.judgment().fallback() && v.inRange()) {
          counted.add(v);
        }
      }
      fromFallbacks = !counted.isEmpty();
    }
    if (counted.isEmpty()) {
      return Optional.of(
          new ConsensusResult(
              0.0,
              false,
              "F",
              ALL_FAILED,
              false,
              null,
              0,
              0,
              0,
              p.rule(),
              p.quorum(),
              false,
              null));
    }
    double sum = 0.0;
    int votes = 0;
    double[] scores = new double[counted.size()];
    for (int i = 0; i < counted.size(); i++) {
      SlotVerdict v = counted.get(i);
      scores[i] = v.judgment().score();
      sum += scores[i];
      votes += v.judgment().passed() ? 1 : 0;
    }
    int n = counted.size();
    double score = sum / n;
    boolean passed = votes * 2 > n;
    SlotVerdict rep = representative(counted, score, p.rule());
    int valid = fromFallbacks ? 0 : n;
    double min = scores[0];
    double max = scores[0];
    for (double s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    Agreement agreement =
        new Agreement(
            min,
            max,
            max - min,
            Stats.populationStdDev(scores),
            votes,
            n - votes,
            votes == 0 || votes == n);
    return Optional.of(
        new ConsensusResult(
            score,
            passed,
            Grades.letter(score),
            rep.judgment().reasoning() == null ? "" : rep.judgment().reasoning(),
            !fromFallbacks && valid >= p.quorum(),
            rep.judgment().criteriaScores(),
            valid,
            n,
            rep.slot(),
            p.rule(),
            p.quorum(),
            fromFallbacks,
            agreement));
  }

  private static SlotVerdict representative(
      List<SlotVerdict> counted, double score, ReasoningRule r) {
    if (r == ReasoningRule.FIRST) {
      return counted.get(0);
    }
    SlotVerdict best = counted.get(0);
    double bestDistance = Math.abs(best.judgment().score() - score);
    for (SlotVerdict v : counted) {
      double d = Math.abs(v.judgment().score() - score);
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
      }
    }
    return best;
  }
}
