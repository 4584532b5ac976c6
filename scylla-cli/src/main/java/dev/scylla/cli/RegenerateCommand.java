package dev.scylla.cli;

import dev.scylla.results.ConsensusPolicy;
import dev.scylla.results.ReasoningRule;
import dev.scylla.service.RegenerateReport;
import dev.scylla.service.RegenerateRequest;
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

/** {@code scylla regenerate EXP}: rebuild every result file from its parts. */
@Command(
    name = "regenerate",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild every result file of an experiment from its parts: agent/result.json",
      "from the agent logs, judge/result.json from the judge slots, run_result.json",
      "from both, and every subtest, tier and experiment summary. Writes only what is",
      "missing, corrupt or out of date, backs up every file it replaces (*.backup),",
      "and ends with a fresh scan (before -> after). Runs whose agent did not finish",
      "are not touched (they need a rerun); a run with a corrupt part is reported and",
      "left as it was."
    })
public final class RegenerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "EXP", description = "The experiment directory.")
  Path experiment;

  @Mixin SelectionOptions selection;

  @Option(
      names = "--status",
      paramLabel = "S",
      split = ",",
      description = "Rebuild only runs in these states (e.g. results). Repeatable.")
  List<String> statuses = new ArrayList<>();

  @Option(names = "--dry-run", description = "Say what would be written; write nothing.")
  boolean dryRun;

  @Option(
      names = "--reasoning",
      paramLabel = "RULE",
      description =
          "Whose reasoning stands for the consensus: first (the lowest counted judge, as the"
              + " recorded experiment did) or closest (the judge closest to the mean score)."
              + " Default: ${DEFAULT-VALUE}.",
      defaultValue = "first")
  String reasoning = "first";

  @Option(
      names = "--quorum",
      paramLabel = "N",
      description = "Valid judges needed for a valid consensus. Default: ${DEFAULT-VALUE}.",
      defaultValue = "1")
  int quorum = 1;

  @Option(names = "--json", description = "Print the outcome as JSON.")
  boolean json;

  @Option(
      names = "--rejudge",
      description =
          "First re-judge the missing, partial and failed judge slots (as rerun-judges does), then"
              + " regenerate.")
  boolean rejudge;

  @Option(
      names = "--judge-model",
      paramLabel = "M",
      description = "With --rejudge: judge with this model (recorded in each slot).")
  String judgeModel;

  @Mixin ClaudeOptions executable;

  @Mixin GlobalOptions global;

  @Override
  public Integer call() {
    Set<RunStatus> wanted = EnumSet.noneOf(RunStatus.class);
    statuses.forEach(s -> wanted.add(RunStatus.parse(s)));
    Selection sel =
        new Selection(
            selection.tiers(), selection.subtests(), selection.runs(), wanted, Set.of(), Set.of());
    ConsensusPolicy policy = new ConsensusPolicy(ReasoningRule.parse(reasoning), quorum);
    var out = spec.commandLine().getOut();
    var scylla = global.scylla(spec, executable);
    RegenerateRequest request = new RegenerateRequest(experiment, sel, policy, dryRun);
    RegenerateReport report;
    int rejudged = ExitCodes.OK;
    if (rejudge) {
      if (!statuses.isEmpty()) {
        throw dev.scylla.model.ScyllaException.badInput(
            "--status selects runs to rebuild; --rejudge always takes missing, partial and failed"
                + " judge slots: use rerun-judges to choose others");
      }
      var control = new dev.scylla.run.RunControl();
      if (!dryRun) {
        Interrupts.install(control, spec.commandLine().getErr());
      }
      Selection judgeSel =
          new Selection(
              selection.tiers(),
              selection.subtests(),
              selection.runs(),
              Set.of(),
              Set.of(),
              Set.of());
      var both =
          scylla.rejudgeAndRegenerate(
              new dev.scylla.service.RerunJudgesRequest(
                  experiment,
                  judgeSel,
                  judgeModel == null ? null : dev.scylla.model.ModelIds.normalize(judgeModel),
                  dryRun,
                  true,
                  Runtime.getRuntime().availableProcessors(),
                  false),
              request,
              control);
      if (!json) {
        RerunPrinter.print(both.rejudged(), true, out);
      }
      rejudged = RerunPrinter.exitCode(both.rejudged());
      report = both.regenerated();
    } else if (judgeModel != null || executable.given()) {
      throw dev.scylla.model.ScyllaException.badInput(
          "--judge-model, --claude and --simulator need --rejudge");
    } else {
      report = scylla.regenerate(request);
    }
    if (json) {
      out.print(Json.write(RegeneratePrinter.toJson(report)));
    } else {
      RegeneratePrinter.print(report, out);
    }
    out.flush();
    return report.ok() && rejudged == ExitCodes.OK ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
