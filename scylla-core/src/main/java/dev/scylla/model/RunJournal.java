package dev.scylla.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Our attempt journal of one run ({@code .scylla/journal/<T>/<S>/run_NN.json}): every launch of the
 * agent, written before the launch and completed after it, so retry budgets survive restarts.
 */
public record RunJournal(List<Attempt> attempts, Integer budget) {
  public static final RunJournal EMPTY = new RunJournal(List.of(), null);

  /**
   * @param budget the retry budget in force when the journal was last written (attempts that may
   *     fail or time out), or null when unknown
   */
  public RunJournal {
    attempts = List.copyOf(attempts);
  }

  public RunJournal(List<Attempt> attempts) {
    this(attempts, null);
  }

  public RunJournal withBudget(int b) {
    return new RunJournal(attempts, b);
  }

  /** True when the recorded budget is spent. */
  public boolean exhausted() {
    return budget != null && spent() >= budget;
  }

  /** How an attempt ended. */
  public enum Outcome {
    /** Launched; the process that launched it has not recorded an end (yet). */
    RUNNING,
    /** The agent finished and its run is usable. */
    FINISHED,
    /** The agent ran and failed. Counts against the budget. */
    FAILED,
    /** The agent exceeded its timeout. Counts against the budget. */
    TIMED_OUT,
    /** A rate or usage limit stopped it. Does not count against the budget. */
    RATE_LIMITED,
    /** Stopped by the user or by the death of the orchestrating process. Does not count. */
    INTERRUPTED;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    public boolean countsAgainstBudget() {
      return this == FAILED || this == TIMED_OUT;
    }
  }

  /**
   * One launch.
   *
   * @param archivedTo where the run directory of this attempt was moved before the next one, or
   *     null
   * @param fingerprint the inputs the attempt was launched with, or null when not recorded (an
   *     older journal)
   */
  public record Attempt(
      int attempt,
      String startedAt,
      String endedAt,
      Outcome outcome,
      String reason,
      String archivedTo,
      Fingerprint fingerprint) {

    /** An attempt that records no fingerprint. */
    public Attempt(
        int attempt,
        String startedAt,
        String endedAt,
        Outcome outcome,
        String reason,
        String archivedTo) {
      this(attempt, startedAt, endedAt, outcome, reason, archivedTo, null);
    }
  }

  /** Attempts that used up budget (failed or timed out). */
  public int spent() {
    return (int) attempts.stream().filter(a -> a.outcome().countsAgainstBudget()).count();
  }

  public int nextAttemptNumber() {
    return attempts.isEmpty() ? 1 : attempts.get(attempts.size() - 1).attempt() + 1;
  }

  public Attempt last() {
    return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
  }

  public RunJournal with(Attempt a) {
    List<Attempt> out = new ArrayList<>(attempts);
    out.add(a);
    return new RunJournal(out, budget);
  }

  /** Replaces the last attempt. */
  public RunJournal withLast(Attempt a) {
    List<Attempt> out = new ArrayList<>(attempts);
    out.set(out.size() - 1, a);
    return new RunJournal(out, budget);
  }
}
