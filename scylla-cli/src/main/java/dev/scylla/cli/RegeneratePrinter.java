package dev.scylla.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.results.RunPlan;
import dev.scylla.results.WrittenFile;
import dev.scylla.service.RegenerateReport;
import dev.scylla.service.RegeneratedRun;
import dev.scylla.status.Counts;
import dev.scylla.status.RunStatus;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.StatusJson;
import dev.scylla.store.Json;
import java.io.PrintWriter;

/** Renders a {@link RegenerateReport}. */
final class RegeneratePrinter {
  private static final int LIST_LIMIT = 50;

  private RegeneratePrinter() {}

  static void print(RegenerateReport r, PrintWriter out) {
    out.printf(
        "Experiment: %s (%s layout)%s%n",
        r.experimentDir(), r.before().layout(), r.dryRun() ? "  DRY RUN: nothing is written" : "");
    out.printf(
        "Consensus:  reasoning from the %s judge, quorum %d%n%n",
        r.policy().rule().jsonName(), r.policy().quorum());
    String verb = r.dryRun() ? "would write" : "wrote";
    int shown = 0;
    for (RegeneratedRun o : r.runs()) {
      if (o.outcome() == RunPlan.Outcome.SKIPPED) {
        continue;
      }
      if (shown++ == LIST_LIMIT) {
        out.printf("  ... (use --json for every run)%n");
        break;
      }
      if (o.outcome() == RunPlan.Outcome.FAILED) {
        out.printf("  %-16s left as it was: %s%n", o.key().label(), o.reason());
        continue;
      }
      for (WrittenFile f : o.files()) {
        out.printf(
            "  %-16s %s %s (%s%s)%n",
            o.key().label(),
            verb,
            f.label().startsWith(o.location() + "/")
                ? f.label().substring(o.location().length() + 1)
                : f.label(),
            f.replaced() ? "replaced: " : "",
            f.reason());
      }
    }
    long skipped = r.count(RunPlan.Outcome.SKIPPED);
    out.printf(
        "%nRuns: %d rebuilt, %d unchanged, %d left as they were (bad parts), %d not finished"
            + " (need a rerun), %d not selected%n",
        r.count(RunPlan.Outcome.REBUILT),
        r.runsUnchanged(),
        r.count(RunPlan.Outcome.FAILED),
        skipped,
        r.runsNotSelected());
    out.printf(
        "Summaries: %d %s, %d unchanged%n", r.summaries().size(), verb, r.summariesUnchanged());
    int listed = 0;
    for (WrittenFile f : r.summaries()) {
      if (listed++ == LIST_LIMIT) {
        out.printf("  ... and %d more%n", r.summaries().size() - LIST_LIMIT);
        break;
      }
      out.printf("  %s %s (%s%s)%n", verb, f.label(), f.replaced() ? "replaced: " : "", f.reason());
    }
    for (String n : r.notes()) {
      out.println("  note: " + n);
    }
    for (String e : r.errors()) {
      out.println("error: " + e);
    }
    out.println();
    Counts b = r.before().counts();
    if (r.after() == null) {
      out.println("RUNS (now)      count");
      for (RunStatus s : RunStatus.values()) {
        out.printf("  %-12s %6d%n", s.jsonName(), b.runs(s));
      }
    } else {
      Counts a = r.after().counts();
      out.println("RUNS           before -> after    JUDGE SLOTS    before -> after");
      RunStatus[] rs = RunStatus.values();
      SlotStatus[] ss = SlotStatus.values();
      for (int i = 0; i < Math.max(rs.length, ss.length); i++) {
        String left =
            i < rs.length
                ? String.format(
                    "  %-12s %6d -> %-6d", rs[i].jsonName(), b.runs(rs[i]), a.runs(rs[i]))
                : "";
        String right =
            i < ss.length
                ? String.format(
                    "  %-12s %6d -> %-6d", ss[i].jsonName(), b.slots(ss[i]), a.slots(ss[i]))
                : "";
        out.printf("%-33s%s%n", left, right);
      }
    }
    if (r.runs().stream().anyMatch(o -> o.outcome() == RunPlan.Outcome.SKIPPED)) {
      out.println();
      out.println(
          "Runs whose agent did not finish are not regenerate's work: rerun them (scylla status"
              + " lists them).");
    }
    out.flush();
  }

  static ObjectNode toJson(RegenerateReport r) {
    ObjectNode o = Json.object();
    o.put("experiment_dir", r.experimentDir().toString());
    o.put("dry_run", r.dryRun());
    o.put("reasoning_rule", r.policy().rule().jsonName());
    o.put("quorum", r.policy().quorum());
    o.put("ok", r.ok());
    ObjectNode counts = o.putObject("runs");
    for (RunPlan.Outcome out : RunPlan.Outcome.values()) {
      counts.put(out.jsonName(), r.count(out));
    }
    counts.put("not_selected", r.runsNotSelected());
    ArrayNode items = o.putArray("items");
    for (RegeneratedRun ro : r.runs()) {
      ObjectNode e = items.addObject();
      e.put("tier", ro.key().tier());
      e.put("subtest", ro.key().subtest());
      e.put("run", ro.key().run());
      e.put("location", ro.location());
      e.put("status_before", ro.before().jsonName());
      e.put("outcome", ro.outcome().jsonName());
      e.put("reason", ro.reason());
      e.set("files", files(ro.files()));
    }
    ObjectNode sum = o.putObject("summaries");
    sum.set("written", files(r.summaries()));
    sum.put("unchanged", r.summariesUnchanged());
    ArrayNode notes = sum.putArray("notes");
    r.notes().forEach(notes::add);
    ArrayNode errors = o.putArray("errors");
    r.errors().forEach(errors::add);
    o.set("before", StatusJson.toJson(r.before()));
    if (r.after() == null) {
      o.putNull("after");
    } else {
      o.set("after", StatusJson.toJson(r.after()));
    }
    return o;
  }

  private static ArrayNode files(java.util.List<WrittenFile> files) {
    ArrayNode a = Json.nodes().arrayNode();
    for (WrittenFile f : files) {
      ObjectNode e = a.addObject();
      e.put("file", f.label());
      e.put("replaced", f.replaced());
      e.put("backup", f.backup() == null ? null : f.backup().getFileName().toString());
      e.put("reason", f.reason());
    }
    return a;
  }
}
