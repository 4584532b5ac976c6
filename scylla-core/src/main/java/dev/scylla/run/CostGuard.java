package dev.scylla.run;

/**
 * Stops launching paid work once the spend of this invocation (agents and judges) reaches the
 * limit. An agent attempt is not launched when the spend plus the expected cost of it (and of the
 * attempts in flight) would exceed the limit; the expected cost is the mean of the agent attempts
 * so far, or the estimate given up front (from completed runs or the price table) before any
 * finished. A judge call is not made when the spend plus the mean cost of the judge calls so far
 * would exceed it. Calls of unknown cost add nothing.
 */
final class CostGuard {
  private final Double limit;
  private final double estimate;
  private double agentSpent;
  private double judgeSpent;
  private int finished;
  private int inFlight;
  private int judgeCallsPriced;

  CostGuard(Double limit, double estimatePerRun) {
    this.limit = limit;
    this.estimate = estimatePerRun;
  }

  synchronized boolean mayLaunch() {
    if (limit == null) {
      inFlight++;
      return true;
    }
    double perRun = finished > 0 ? agentSpent / finished : estimate;
    if (total() + perRun * (inFlight + 1) > limit) {
      return false;
    }
    inFlight++;
    return true;
  }

  /** An attempt that {@link #mayLaunch()} allowed has ended, having cost {@code usd}. */
  synchronized void ended(double usd) {
    agentSpent += usd;
    if (usd > 0) {
      finished++;
    }
    inFlight = Math.max(0, inFlight - 1);
  }

  /** Whether one more judge call keeps the spend within the limit. */
  synchronized boolean mayJudge() {
    if (limit == null) {
      return true;
    }
    double perCall = judgeCallsPriced > 0 ? judgeSpent / judgeCallsPriced : 0.0;
    return total() + perCall <= limit && total() < limit;
  }

  /** Judge calls have ended: {@code calls} of them priced, costing {@code usd} together. */
  synchronized void judged(int pricedCalls, double usd) {
    judgeSpent += usd;
    judgeCallsPriced += pricedCalls;
  }

  synchronized double total() {
    return agentSpent + judgeSpent;
  }

  synchronized String describe() {
    return describe("attempt");
  }

  synchronized String describeJudge() {
    return describe("judge call");
  }

  private String describe(String what) {
    return String.format(
        "cost limit: $%.4f spent of $%.4f (agents $%.4f, judges $%.4f); the next %s would exceed"
            + " it",
        total(), limit, agentSpent, judgeSpent, what);
  }
}
