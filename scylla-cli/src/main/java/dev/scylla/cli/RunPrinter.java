package dev.scylla.cli;

import dev.scylla.run.RunFinal;
import dev.scylla.service.RunReport;
import dev.scylla.status.RunStatus;
import dev.scylla.status.SlotStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Renders a run's plan and result. */
final class RunPrinter {
  private RunPrinter() {}

  static void plan(RunReport.Plan p, PrintWriter out) {
    plan(p, out, false);
  }

  static void plan(RunReport.Plan p, PrintWriter out, boolean simulated) {
    out.printf("Plan for %s%n", p.experimentId());
    p.subtests().forEach((t, ids) -> out.printf("  %s: subtests %s%n", t, String.join(", ", ids)));
    out.printf(
        "  %d runs per subtest, %d runs in all; agent model %s; %d judge(s): %s%n",
        p.runsPerSubtest(),
        p.totalRuns(),
        p.model(),
        p.judgeModels().size(),
        String.join(", ", p.judgeModels()));
    if (!Double.isNaN(p.estimateUsd())) {
      out.printf(
          "  estimated cost: $%.2f%s (%s)%n",
          p.estimateUsd(), SpendText.label(simulated), p.estimateBasis());
    }
  }

  static void result(RunReport r, PrintWriter out) {
    var w = r.work();
    out.println();
    out.printf(
        "Done in %.1f s: %d agent launch(es), %d judge call(s), spend %s%n",
        w.elapsed().toMillis() / 1000.0,
        w.agentLaunches(),
        w.judgeCalls(),
        SpendText.of(w.agentSpentUsd(), w.judgeSpend(), SpendText.simulated(r.experimentDir())));
    for (RunFinal.Kind k : RunFinal.Kind.values()) {
      long n = w.count(k);
      if (n > 0) {
        out.printf("  %-13s %d%n", k.name().toLowerCase(Locale.ROOT), n);
      }
    }
    for (RunFinal f : w.runs()) {
      if (f.kind() != RunFinal.Kind.COMPLETED) {
        out.printf(
            "  %-16s %-13s %s%n",
            f.key().label(), f.kind().name().toLowerCase(Locale.ROOT), f.reason());
      }
    }
    if (w.stopReason() != null) {
      out.printf(
          "Stopped early: %s. Continue with: scylla run --resume %s%n",
          w.stopReason(), r.experimentDir());
    }
    var c = r.after().counts();
    out.printf(
        "Status now: runs %d/%d completed (results %d, failed %d, partial %d, missing %d); judge slots"
            + " %d complete, %d fallback of %d%n",
        c.runs(RunStatus.COMPLETED),
        c.totalRuns(),
        c.runs(RunStatus.RESULTS),
        c.runs(RunStatus.FAILED),
        c.runs(RunStatus.PARTIAL),
        c.runs(RunStatus.MISSING),
        c.slots(SlotStatus.COMPLETE),
        c.slots(SlotStatus.FALLBACK),
        c.totalSlots());
    out.flush();
  }

  /** 0 when every run completed and every judge slot is terminal. */
  static int exitCode(RunReport r) {
    if (r.work() == null) {
      return ExitCodes.OK;
    }
    if (r.work().count(RunFinal.Kind.INTERRUPTED) > 0
        && r.work().stopReason() != null
        && r.work().stopReason().contains("Ctrl+C")) {
      return ExitCodes.INTERRUPTED;
    }
    return r.after().allDone() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  static List<String> none() {
    return List.of();
  }
}
