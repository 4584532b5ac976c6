package dev.scylla.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.run.RunFinal;
import dev.scylla.service.RerunReport;
import dev.scylla.status.Counts;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import dev.scylla.status.StatusJson;
import dev.scylla.store.Json;
import java.io.PrintWriter;

/** Renders a rerun: the dry-run views, or what was done with the counts before and after. */
final class RerunPrinter {
  private static final String RULE = "=".repeat(70);

  private RerunPrinter() {}

  static void print(RerunReport r, boolean judges, PrintWriter out) {
    if (r.dryRun()) {
      out.printf("%n%s%nDRY RUN - nothing will be changed%n%s%n", RULE, RULE);
      if (judges) {
        StatusPrinter.printSlotsView(r.before(), out);
      } else {
        StatusPrinter.printRunsView(r.before(), out);
      }
      estimate(r, out);
      notes(r, out);
      out.flush();
      return;
    }
    out.printf(
        "%n%s%n%s%n%s%n",
        RULE,
        judges ? "JUDGE SLOTS: BEFORE -> AFTER (fresh scan)" : "RUNS: BEFORE -> AFTER (fresh scan)",
        RULE);
    Counts b = r.before().counts();
    Counts a = r.after().counts();
    if (!judges) {
      for (RunStatus s : RunStatus.values()) {
        out.printf("  %-14s %6d -> %d%n", s.jsonName(), b.runs(s), a.runs(s));
      }
    }
    out.println(judges ? "" : "  judge slots:");
    for (SlotStatus s : SlotStatus.values()) {
      out.printf("  %-14s %6d -> %d%n", s.jsonName(), b.slots(s), a.slots(s));
    }
    out.printf("%nWORK%n");
    long completed = r.work().count(RunFinal.Kind.COMPLETED);
    out.printf("  runs acted on:        %d%n", r.targets().size());
    out.printf("  completed:            %d%n", completed);
    out.printf("  agent launches:       %d%n", r.work().agentLaunches());
    out.printf("  judge calls:          %d%n", r.work().judgeCalls());
    out.printf(
        "  spend:                %s%n",
        SpendText.of(
            r.work().agentSpentUsd(),
            r.work().judgeSpend(),
            SpendText.simulated(r.before().experimentDir())));
    out.printf("  elapsed:              %.1f s%n", r.work().elapsed().toMillis() / 1000.0);
    if (r.work().stopReason() != null) {
      out.printf("  stopped early:        %s%n", r.work().stopReason());
    }
    for (RunFinal f : r.work().runs()) {
      if (f.kind() != RunFinal.Kind.COMPLETED) {
        out.printf(
            "  %-16s %-13s %s%n",
            f.key().label(), f.kind().name().toLowerCase(java.util.Locale.ROOT), f.reason());
      }
    }
    int still = 0;
    for (RunView v : r.after().items()) {
      if (!r.targets().contains(v.key())) {
        continue;
      }
      boolean open = v.status() != RunStatus.COMPLETED;
      for (SlotView s : v.slots()) {
        open |= !s.status().terminal();
      }
      if (open) {
        if (still++ == 0) {
          out.printf("%nSTILL NOT DONE%n");
        }
        out.printf("  %-16s %-10s %s%n", v.key().label(), v.status().jsonName(), v.reason());
        for (SlotView s : v.slots()) {
          if (!s.status().terminal() && s.status() != SlotStatus.AGENT_FAILED) {
            out.printf(
                "      judge_%02d (%s) %s: %s%n",
                s.slot(), s.model(), s.status().jsonName(), s.reason());
          }
        }
      }
    }
    notes(r, out);
    out.flush();
  }

  private static void estimate(RerunReport r, PrintWriter out) {
    dev.scylla.run.CostEstimate e = r.estimate();
    out.printf(
        "%nWould do: %d agent run(s), %d result rebuild(s), %d judge call(s); estimated cost"
            + " $%.4f%s%n  (%s)%n",
        e.agentRuns(),
        e.rebuilds(),
        e.judgeCalls(),
        e.usd(),
        SpendText.label(SpendText.simulated(r.before().experimentDir())),
        e.basis());
  }

  private static void notes(RerunReport r, PrintWriter out) {
    if (!r.notes().isEmpty()) {
      out.printf("%nNOTES%n");
      r.notes().forEach(n -> out.println("  " + n));
    }
  }

  /** The JSON form: a dry run prints the status JSON; a real run both scans and the work. */
  static ObjectNode json(RerunReport r) {
    if (r.dryRun()) {
      ObjectNode o = StatusJson.toJson(r.before());
      o.set("estimate", estimateJson(r));
      ArrayNode notes = o.putArray("notes");
      r.notes().forEach(notes::add);
      return o;
    }
    ObjectNode o = Json.object();
    o.set("before", StatusJson.toJson(r.before()));
    o.set("after", StatusJson.toJson(r.after()));
    ObjectNode w = o.putObject("work");
    w.put("agent_launches", r.work().agentLaunches());
    w.put("judge_calls", r.work().judgeCalls());
    w.put("spent_usd", r.work().spentUsd());
    w.put("agent_spent_usd", r.work().agentSpentUsd());
    w.put("judge_spent_usd", r.work().judgeSpend().costUsd());
    w.put("simulated", SpendText.simulated(r.before().experimentDir()));
    w.put("judge_calls_unknown_cost", r.work().judgeSpend().unpricedCalls());
    w.put("elapsed_seconds", r.work().elapsed().toMillis() / 1000.0);
    w.put("stop_reason", r.work().stopReason());
    ArrayNode runs = w.putArray("runs");
    for (RunFinal f : r.work().runs()) {
      ObjectNode e = runs.addObject();
      e.put("run", f.key().label());
      e.put("outcome", f.kind().name().toLowerCase(java.util.Locale.ROOT));
      e.put("reason", f.reason());
      if (f.passed() != null) {
        e.put("passed", f.passed());
      }
    }
    o.set("estimate", estimateJson(r));
    ArrayNode notes = o.putArray("notes");
    r.notes().forEach(notes::add);
    return o;
  }

  private static ObjectNode estimateJson(RerunReport r) {
    ObjectNode e = Json.object();
    e.put("agent_runs", r.estimate().agentRuns());
    e.put("rebuilds", r.estimate().rebuilds());
    e.put("judge_calls", r.estimate().judgeCalls());
    e.put("usd", r.estimate().usd());
    e.put("basis", r.estimate().basis());
    return e;
  }

  /** 0 when every acted-on run ended completed with terminal slots, else 1. */
  static int exitCode(RerunReport r) {
    if (r.dryRun()) {
      return ExitCodes.OK;
    }
    for (RunView v : r.after().items()) {
      if (!r.targets().contains(v.key())) {
        continue;
      }
      if (v.status() != RunStatus.COMPLETED) {
        return ExitCodes.FAILED;
      }
      for (SlotView s : v.slots()) {
        if (!s.status().terminal()) {
          return ExitCodes.FAILED;
        }
      }
    }
    return r.work().stopReason() != null ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
