package dev.scylla.cli;

import dev.scylla.model.Unexpected;
import dev.scylla.status.Counts;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import dev.scylla.status.StatusReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Human-readable renderings of a classification. */
final class StatusPrinter {
  private static final String RULE = "=".repeat(70);
  private static final int LIST_LIMIT = 50;

  private StatusPrinter() {}

  /** What was made under inputs other than the current ones ({@code Drift:} lines). */
  static void printDrift(StatusReport r, PrintWriter out) {
    var d = r.drift();
    if (d == null) {
      return;
    }
    if (!d.hasDrift()) {
      out.printf(
          "Drift:      none (every run and judged slot was made under the current inputs)%n");
    } else {
      out.printf("Drift:      %s%n", d.changes().get(0).describe());
      for (int i = 1; i < d.changes().size(); i++) {
        out.printf("            %s%n", d.changes().get(i).describe());
      }
      for (var ch : d.changes()) {
        List<String> items = ch.items();
        out.printf(
            "            %s: %s%s%n",
            dev.scylla.model.Fingerprint.describe(ch.part()),
            String.join(", ", items.subList(0, Math.min(5, items.size()))),
            items.size() > 5 ? ", ... (" + (items.size() - 5) + " more; --json lists all)" : "");
      }
      if (d.accepted() != null) {
        out.printf("            accepted by %s at %s%n", d.accepted().command(), d.accepted().at());
      } else if (d.staleSlotCount() > 0) {
        out.printf(
            "            %d slot(s) to re-judge: scylla rerun-judges EXP --stale%n",
            d.staleSlotCount());
      }
    }
    if (d.unrecordedNote() != null) {
      out.printf("            %s%n", d.unrecordedNote());
    }
  }

  /** The {@code status} table: counters side by side, then what is not complete. */
  static void printTable(StatusReport r, PrintWriter out) {
    printTable(r, out, null, SpendText.simulated(r.experimentDir()));
  }

  /**
   * The table, with the spend of archived attempts when {@code archived} is given and the money
   * labelled simulated when the simulator played agent and judges.
   */
  static void printTable(
      StatusReport r,
      PrintWriter out,
      dev.scylla.store.AnalysisReads.ArchivedSpend archived,
      boolean simulated) {
    Counts c = r.counts();
    out.printf("Experiment: %s (%s layout)%n", r.experimentDir(), r.layout());
    int subtests = r.matrix().subtests().values().stream().mapToInt(List::size).sum();
    out.printf(
        "Expected:   %d tiers, %d subtests, %d runs each, %d judges per run (subtests from %s)%n%n",
        r.matrix().subtests().size(),
        subtests,
        r.matrix().runsPerSubtest(),
        r.matrix().judgeCount(),
        r.matrix().source());
    List<String> left = new ArrayList<>();
    left.add("RUNS");
    for (RunStatus s : RunStatus.values()) {
      left.add(String.format("  %-14s %6d", s.jsonName(), c.runs(s)));
    }
    left.add(String.format("  %-14s %6d", "skipped", c.runsSkippedByFilter()));
    if (c.turnLimited() > 0) {
      left.add(String.format("  %-14s %6d", "(turn limit)", c.turnLimited()));
    }
    left.add(String.format("  %-14s %6d", "total", c.totalRuns()));
    List<String> right = new ArrayList<>();
    right.add("JUDGE SLOTS");
    for (SlotStatus s : SlotStatus.values()) {
      right.add(String.format("  %-14s %6d", s.jsonName(), c.slots(s)));
    }
    right.add(String.format("  %-14s %6d", "skipped", c.slotsSkippedByFilter()));
    right.add(String.format("  %-14s %6d", "total", c.totalSlots()));
    for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
      String l = i < left.size() ? left.get(i) : "";
      String rr = i < right.size() ? right.get(i) : "";
      out.printf("%-28s %s%n", l, rr).flush();
    }
    out.printf(
        "%nSpend:      %s, %d judge call(s) recorded%n",
        SpendText.of(c.agentCostUsd(), c.judgeSpend(), simulated), c.judgeSpend().calls());
    if (archived != null && (archived.agentAttempts() > 0 || archived.judges().calls() > 0)) {
      out.printf(
          "Archived:   %s in %d archived agent attempt(s) and %d archived or repeat judge call(s); with"
              + " them $%.4f in all%n",
          SpendText.of(archived.agentUsd(), archived.judges(), simulated),
          archived.agentAttempts(),
          archived.judges().calls(),
          c.totalCostUsd() + archived.totalUsd());
    }
    printDrift(r, out);
    List<RunView> open = new ArrayList<>();
    for (RunView v : r.items()) {
      if (v.status() != RunStatus.COMPLETED || !v.attention().isEmpty()) {
        open.add(v);
      }
    }
    if (open.isEmpty()) {
      out.println();
      out.println(
          r.items().isEmpty() && c.totalRuns() > 0
              ? "No run matches the status filter."
              : "Nothing to do: every listed run is completed and every judge slot complete.");
    } else {
      out.println();
      out.printf("Needing attention (%d):%n", open.size());
      int shown = 0;
      for (RunView v : open) {
        if (shown++ == LIST_LIMIT) {
          out.printf("  ... and %d more (use --json for all)%n", open.size() - LIST_LIMIT);
          break;
        }
        out.printf("  %-16s %-10s %s%n", v.key().label(), v.status().jsonName(), v.reason());
        for (String a : v.attention()) {
          out.printf("  %-16s %-10s %s%n", "", "", "judges: " + a);
        }
        if (!v.status().agentUnfinished()) {
          for (SlotView s : v.slots()) {
            if (s.status() != SlotStatus.COMPLETE) {
              out.printf(
                  "      judge_%02d (%s) %s: %s%n",
                  s.slot(), s.model(), s.status().jsonName(), s.reason());
            }
          }
        }
      }
    }
    printUnexpected(r, out);
    out.flush();
  }

  static void printUnexpected(StatusReport r, PrintWriter out) {
    if (!r.unexpected().isEmpty()) {
      out.println();
      out.printf("Found on disk but not expected (%d, not counted):%n", r.unexpected().size());
      for (Unexpected u : r.unexpected()) {
        out.printf("  %s: %s%n", u.location(), u.reason());
      }
    }
    if (!r.warnings().isEmpty()) {
      out.println();
      for (String w : r.warnings()) {
        out.println("warning: " + w);
      }
    }
  }

  /** The seed's run view: runs grouped by status, then the counters. */
  static void printRunsView(StatusReport r, PrintWriter out) {
    Counts c = r.counts();
    Map<RunStatus, List<RunView>> by = new java.util.EnumMap<>(RunStatus.class);
    for (RunView v : r.items()) {
      by.computeIfAbsent(v.status(), k -> new ArrayList<>()).add(v);
    }
    for (RunStatus s : RunStatus.values()) {
      List<RunView> vs = by.get(s);
      if (vs == null || vs.isEmpty()) {
        continue;
      }
      out.printf("%n%s (%d items):%n", s.jsonName().toUpperCase(java.util.Locale.ROOT), vs.size());
      for (int i = 0; i < vs.size() && i < 10; i++) {
        RunView v = vs.get(i);
        String extra =
            v.attention().isEmpty() ? "" : " [judges: " + String.join("; ", v.attention()) + "]";
        out.printf("  - %s: %s%s%n", v.key().label(), v.reason(), extra);
      }
      if (vs.size() > 10) {
        out.printf("  ... and %d more%n", vs.size() - 10);
      }
    }
    out.printf("%n%s%nRUN STATUS CLASSIFICATION%n%s%n", RULE, RULE);
    out.printf("Total expected runs:     %d%n", c.totalRuns());
    out.printf("  completed:             %d%n", c.runs(RunStatus.COMPLETED));
    out.printf("  results:               %d%n", c.runs(RunStatus.RESULTS));
    out.printf("  failed:                %d%n", c.runs(RunStatus.FAILED));
    out.printf("  partial:               %d%n", c.runs(RunStatus.PARTIAL));
    out.printf("  missing:               %d%n", c.runs(RunStatus.MISSING));
    out.printf("  skipped (filter):      %d%n", c.runsSkippedByFilter());
    printUnexpected(r, out);
    out.flush();
  }

  /** The seed's judge view: slots grouped by status, then per-slot counters. */
  static void printSlotsView(StatusReport r, PrintWriter out) {
    Map<SlotStatus, List<String>> by = new java.util.EnumMap<>(SlotStatus.class);
    int slots = r.matrix().judgeCount();
    int[][] perSlot = new int[slots + 1][SlotStatus.values().length];
    for (RunView v : r.items()) {
      for (SlotView s : v.slots()) {
        if (r.counts() != null) {
          if (s.slot() <= slots) {
            perSlot[s.slot()][s.status().ordinal()]++;
          }
        }
        by.computeIfAbsent(s.status(), k -> new ArrayList<>())
            .add(
                String.format(
                    "%s judge_%02d (%s): %s", v.key().label(), s.slot(), s.model(), s.reason()));
      }
    }
    for (SlotStatus s : SlotStatus.values()) {
      List<String> vs = by.get(s);
      if (vs == null || vs.isEmpty()) {
        continue;
      }
      out.printf(
          "%n%s (%d items):%n",
          s.jsonName().toUpperCase(java.util.Locale.ROOT).replace('_', ' '), vs.size());
      for (int i = 0; i < vs.size() && i < 10; i++) {
        out.printf("  - %s%n", vs.get(i));
      }
      if (vs.size() > 10) {
        out.printf("  ... and %d more%n", vs.size() - 10);
      }
    }
    Counts c = r.counts();
    out.printf("%n%s%nJUDGE SLOT CLASSIFICATION%n%s%n", RULE, RULE);
    out.printf("Total expected judge slots: %d%n", c.totalSlots());
    for (SlotStatus s : SlotStatus.values()) {
      out.printf("  %-14s %6d%n", s.jsonName() + ":", c.slots(s));
    }
    out.printf("  %-14s %6d%n", "skipped:", c.slotsSkippedByFilter());
    out.printf("%n  Per-slot breakdown (listed runs):%n");
    for (int n = 1; n <= slots; n++) {
      out.printf("    judge_%02d (%s):%n     ", n, r.matrix().judgeModel(n));
      for (SlotStatus s : SlotStatus.values()) {
        out.printf(" %s %d", s.jsonName() + ":", perSlot[n][s.ordinal()]);
      }
      out.println();
    }
    printUnexpected(r, out);
    out.flush();
  }
}
