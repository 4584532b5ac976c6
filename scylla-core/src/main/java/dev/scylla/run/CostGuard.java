package dev.scylla.run;

/**
 * Stops launching new agent attempts once the spend of this invocation, plus the expected cost of
 * one more attempt, would exceed the limit. The expected cost is the mean of the attempts so far,
 * or the estimate given up front (from completed runs or the price table) before any finished.
 */
final class CostGuard {
  private final Double limit;
  private final double estimate;
  private double spent;
  private int finished;
  private int inFlight;

  CostGuard(Double limit, double estimatePerRun) {
    this.limit = limit;
    this.estimate = estimatePerRun;
  }

  synchronized boolean mayLaunch() {
    if (limit == null) {
      inFlight++;
      return true;
    }
    double perRun = finished > 0 ? spent / finished : estimate;
    if (spent + perRun * (inFlight + 1) > limit) {
      return false;
    }
    inFlight++;
    return true;
  }

  /** An attempt that {@link #mayLaunch()} allowed has ended, having cost {@code usd}. */
  synchronized void ended(double usd) {
    spent += usd;
    if (usd > 0) {
      finished++;
    }
    inFlight = Math.max(0, inFlight - 1);
  }

  synchronized double total() {
    return spent;
  }

  synchronized String describe() {
    return String.format(
        "cost limit: $%.4f spent of $%.4f; the next attempt would exceed it", spent, limit);
  }
}
