package dev.scylla.cli;

import dev.scylla.model.JudgeSpend;
import java.util.Locale;

/** How spend is written in the command output: agents and judges apart, unknown costs named. */
final class SpendText {
  private SpendText() {}

  /** {@code $T (agents $A, judges $J[; N judge call(s) of unknown cost])}. */
  static String of(double agentsUsd, JudgeSpend judges) {
    return of(agentsUsd, judges, false);
  }

  /**
   * As {@link #of(double, JudgeSpend)}, labelled {@code simulated} when the simulator played agent
   * and judges: its figures are what the runs would have cost, not money spent.
   */
  static String of(double agentsUsd, JudgeSpend judges, boolean simulated) {
    return String.format(
        Locale.ROOT,
        "$%.4f%s (agents $%.4f, judges $%.4f%s)",
        agentsUsd + judges.costUsd(),
        simulated ? " simulated" : "",
        agentsUsd,
        judges.costUsd(),
        unknown(judges));
  }

  /** {@code " simulated"} for an experiment the simulator plays, else empty. */
  static String label(boolean simulated) {
    return simulated ? " simulated" : "";
  }

  /**
   * Whether the experiment's config says the bundled simulator plays agent and judges ({@code
   * scylla.simulator}); false when it cannot be read.
   */
  static boolean simulated(java.nio.file.Path exp) {
    if (exp == null) {
      return false;
    }
    try {
      var raw = dev.scylla.store.ExperimentStore.open(exp).config().raw();
      return raw != null && raw.path("scylla").path("simulator").asBoolean(false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String unknown(JudgeSpend judges) {
    int n = judges.unpricedCalls();
    return n == 0
        ? ""
        : String.format(Locale.ROOT, "; %d judge call%s of unknown cost", n, n == 1 ? "" : "s");
  }
}
