package dev.scylla.cli;

import dev.scylla.model.JudgeSpend;
import java.util.Locale;

/** How spend is written in the command output: agents and judges apart, unknown costs named. */
final class SpendText {
  private SpendText() {}

  /** {@code $T (agents $A, judges $J[; N judge call(s) of unknown cost])}. */
  static String of(double agentsUsd, JudgeSpend judges) {
    return String.format(
        Locale.ROOT,
        "$%.4f (agents $%.4f, judges $%.4f%s)",
        agentsUsd + judges.costUsd(),
        agentsUsd,
        judges.costUsd(),
        unknown(judges));
  }

  private static String unknown(JudgeSpend judges) {
    int n = judges.unpricedCalls();
    return n == 0
        ? ""
        : String.format(Locale.ROOT, "; %d judge call%s of unknown cost", n, n == 1 ? "" : "s");
  }
}
