package dev.scylla.results;

import java.util.List;

/**
 * The selection of a tier's best subtest ({@code best_subtest.json}).
 *
 * @param votes one per subtest, best first
 * @param margin the median of the first minus that of the second (1.0 with one subtest)
 * @param tiebreaker the tie-break decision when the margin was under the threshold, else null
 * @param reason why the winner won: "Highest median score (0.973)" or the tie-break reasoning
 */
public record BestSubtest(
    String winner,
    double winningScore,
    List<Vote> votes,
    double margin,
    boolean tiebreakerNeeded,
    Vote tiebreaker,
    String reason) {

  public BestSubtest {
    votes = List.copyOf(votes);
  }

  /** One subtest's standing. */
  public record Vote(String subtestId, double score, double confidence, String reasoning) {}
}
