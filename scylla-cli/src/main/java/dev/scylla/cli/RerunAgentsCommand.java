package dev.scylla.cli;

import dev.scylla.run.RunControl;
import dev.scylla.service.RerunAgentsRequest;
import dev.scylla.service.RerunReport;
import dev.scylla.status.RunStatus;
import dev.scylla.status.Selection;
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

/** {@code scylla rerun-agents EXP}. */
@Command(
    name = "rerun-agents",
    mixinStandardHelpOptions = true,
    description = {
      "Re-run the agents of failed, partial and missing runs (their directories are archived to",
      "<subtest>/.failed/run_NN_attempt_K first) and rebuild 'results' runs from their parts, then",
      "regenerate the summaries and print the classification before -> after (a fresh scan)."
    })
public final class RerunAgentsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "EXP", description = "The experiment directory.")
  Path experiment;

  @Mixin SelectionOptions selection;

  @Option(
      names = "--status",
      paramLabel = "S",
      split = ",",
      description =
          "Act on runs in these states (default: failed, partial, missing, results). Repeatable.")
  List<String> statuses = new ArrayList<>();

  @Option(names = "--dry-run", description = "Classify and estimate the cost; change nothing.")
  boolean dryRun;

  @Option(
      names = "--skip-regenerate",
      description = "Do not rewrite the subtest, tier and experiment summaries.")
  boolean skipRegenerate;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Runs at a time (default: the number of processors, ${DEFAULT-VALUE}).")
  int concurrency = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--max-cost",
      paramLabel = "USD",
      description = "Stop launching new agents once the spend would exceed this.")
  Double maxCost;

  @Option(names = "--retry-exhausted", description = "Also retry runs whose retry budget is spent.")
  boolean retryExhausted;

  @Option(
      names = "--accept-drift",
      description =
          "Go on although runs or judge slots were made under inputs that differ from the"
              + " experiment's current ones (recorded in the experiment).")
  boolean acceptDrift;

  @Option(
      names = "--catalogue",
      paramLabel = "DIR",
      description =
          "The tier/subtest catalogue, for experiments that hold no copy of theirs (the"
              + " reference's): a checkout's tests/claude-code/shared.")
  java.nio.file.Path catalogue;

  @Option(names = "--json", description = "Print JSON (a dry run prints the same JSON as status).")
  boolean json;

  @Mixin ClaudeOptions executable;

  @Mixin WaitOptions waits;

  @Mixin GlobalOptions global;

  @Override
  public Integer call() {
    Set<RunStatus> wanted = EnumSet.noneOf(RunStatus.class);
    statuses.forEach(s -> wanted.add(RunStatus.parse(s)));
    if (concurrency < 1) {
      throw dev.scylla.model.ScyllaException.badInput("--concurrency must be at least 1");
    }
    Selection sel =
        new Selection(
            selection.tiers(), selection.subtests(), selection.runs(), wanted, Set.of(), Set.of());
    RunControl control = new RunControl();
    if (!dryRun) {
      Interrupts.install(control, spec.commandLine().getErr());
    }
    var scylla = waits.apply(global.scylla(spec, executable));
    if (acceptDrift) {
      scylla.configureRuns(s -> s.withDrift(dev.scylla.run.RunSettings.DriftPolicy.ACCEPT));
    }
    RerunReport report =
        scylla.rerunAgents(
            new RerunAgentsRequest(
                experiment,
                sel,
                dryRun,
                skipRegenerate,
                concurrency,
                maxCost,
                retryExhausted,
                catalogue),
            control);
    var out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(RerunPrinter.json(report)));
    } else {
      RerunPrinter.print(report, false, out);
    }
    out.flush();
    return RerunPrinter.exitCode(report);
  }
}
