package dev.scylla.run;

/**
 * The expected cost of a session's work, before anything is spent.
 *
 * @param agentRuns runs whose agent is to run (again)
 * @param rebuilds runs rebuilt from their parts, with no launch
 * @param judgeCalls judge calls expected (one per slot to judge)
 * @param basis how it was estimated, for the user
 */
public record CostEstimate(int agentRuns, int rebuilds, int judgeCalls, double usd, String basis) {

  public static final CostEstimate NONE = new CostEstimate(0, 0, 0, 0.0, "nothing to do");
}
