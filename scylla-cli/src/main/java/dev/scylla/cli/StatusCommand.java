package dev.scylla.cli;

import dev.scylla.service.StatusRequest;
import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusJson;
import dev.scylla.status.StatusReport;
import dev.scylla.store.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scylla status EXP}: classify every run and judge slot; reads only. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Classify every expected run (completed, results, failed, partial, missing) and every judge",
      "slot (complete, fallback, missing, partial, failed, agent_failed) of an experiment.",
      "Reads only; never modifies the experiment."
    })
public final class StatusCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "EXP", description = "The experiment directory.")
  Path experiment;

  @Mixin SelectionOptions selection;

  @Option(
      names = "--status",
      paramLabel = "S",
      split = ",",
      description = "List only runs in these states (counters still count every run). Repeatable.")
  List<String> statuses = new ArrayList<>();

  @Option(names = "--json", description = "Print the classification as JSON.")
  boolean json;

  @Mixin GlobalOptions global;

  @Override
  public Integer call() {
    Set<RunStatus> wanted = EnumSet.noneOf(RunStatus.class);
    statuses.forEach(s -> wanted.add(RunStatus.parse(s)));
    Selection sel =
        new Selection(
            selection.tiers(), selection.subtests(), selection.runs(), wanted, Set.of(), Set.of());
    var scylla = global.scylla(spec);
    StatusRequest request = new StatusRequest(experiment, sel);
    StatusReport report = scylla.status(request);
    var archived = scylla.archivedSpend(request);
    boolean simulated = SpendText.simulated(report.experimentDir());
    var out = spec.commandLine().getOut();
    if (json) {
      var o = StatusJson.toJson(report);
      var spend = (com.fasterxml.jackson.databind.node.ObjectNode) o.get("spend");
      spend.put("simulated", simulated);
      spend.put("archived_agent_attempts", archived.agentAttempts());
      spend.put("archived_agents_usd", archived.agentUsd());
      spend.put("archived_judges_usd", archived.judges().costUsd());
      spend.put("archived_judge_calls", archived.judges().calls());
      spend.put("archived_judge_calls_unknown_cost", archived.judges().unpricedCalls());
      spend.put("all_usd", report.counts().totalCostUsd() + archived.totalUsd());
      out.print(Json.write(o));
    } else {
      StatusPrinter.printTable(report, out, archived, simulated);
    }
    out.flush();
    // the README's exit codes: 1 when work remains (a run not completed, a slot not terminal)
    return report.allDone() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
