package dev.scylla.cli;

import dev.scylla.model.ModelIds;
import dev.scylla.run.RunControl;
import dev.scylla.service.RerunJudgesRequest;
import dev.scylla.service.RerunReport;
import dev.scylla.status.Selection;
import dev.scylla.status.SlotStatus;
import dev.scylla.store.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scylla rerun-judges EXP}. */
@Command(
    name = "rerun-judges",
    mixinStandardHelpOptions = true,
    description = {
      "Re-judge the selected judge slots (default: missing, partial, failed), keep the others,",
      "rebuild judge/result.json and run_result.json of each touched run, regenerate the",
      "summaries and print the classification before -> after (a fresh scan). Fallback slots are",
      "re-judged only with --status fallback. --repeat R judges slots again beside their",
      "verdicts instead (judge noise)."
    })
public final class RerunJudgesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "EXP", description = "The experiment directory.")
  Path experiment;

  @Mixin SelectionOptions selection;

  @Option(
      names = "--status",
      paramLabel = "S",
      split = ",",
      description =
          "Re-judge slots in these states (default: missing, partial, failed). Repeatable.")
  List<String> statuses = new ArrayList<>();

  @Option(
      names = "--judge-slot",
      paramLabel = "N",
      split = ",",
      description = "Only these judge slots (1-based). Repeatable.")
  List<Integer> slots = new ArrayList<>();

  @Option(
      names = "--judge-model",
      paramLabel = "M",
      description = "Judge the selected slots with this model (recorded in each slot).")
  String judgeModel;

  @Option(names = "--dry-run", description = "Classify and estimate the cost; change nothing.")
  boolean dryRun;

  @Option(
      names = "--skip-regenerate",
      description = "Do not rewrite the subtest, tier and experiment summaries.")
  boolean skipRegenerate;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Runs at a time (default: ${DEFAULT-VALUE}).")
  int concurrency = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--retry-exhausted",
      description = "Also re-judge slots whose retry budget is spent.")
  boolean retryExhausted;

  @Option(
      names = "--max-cost",
      paramLabel = "USD",
      description =
          "Make no judge call once the spend of this invocation plus the mean cost of its judge"
              + " calls so far would exceed this.")
  Double maxCost;

  @Option(
      names = "--stale",
      description =
          "Re-judge exactly the slots judged under another rubric, judge prompt template, judge"
              + " model or backend than the experiment's current ones (--status does not apply).")
  boolean stale;

  @Option(
      names = "--repeat",
      paramLabel = "R",
      description =
          "Judge noise: judge each selected slot R more times on its stored prompt into"
              + " judge_NN/.repeats/repeat_K/ (default selection: slots with a valid verdict);"
              + " the slot's verdict, the consensus and run_result.json stay as they are. analyze"
              + " reports each judge's own variance (data/judge_noise.csv).")
  Integer repeat;

  @Option(names = "--json", description = "Print JSON (a dry run prints the same JSON as status).")
  boolean json;

  @Mixin ClaudeOptions executable;

  @Mixin WaitOptions waits;

  @Mixin GlobalOptions global;

  @Override
  public Integer call() {
    Set<SlotStatus> wanted = EnumSet.noneOf(SlotStatus.class);
    statuses.forEach(s -> wanted.add(SlotStatus.parse(s)));
    Set<Integer> slotSet = new LinkedHashSet<>();
    for (int s : slots) {
      if (s < 1) {
        throw dev.scylla.model.ScyllaException.badInput("--judge-slot " + s + ": slots start at 1");
      }
      slotSet.add(s);
    }
    if (repeat != null && repeat < 1) {
      throw dev.scylla.model.ScyllaException.badInput(
          "--repeat " + repeat + ": must be at least 1");
    }
    if (concurrency < 1) {
      throw dev.scylla.model.ScyllaException.badInput("--concurrency must be at least 1");
    }
    Selection sel =
        new Selection(
            selection.tiers(), selection.subtests(), selection.runs(), Set.of(), slotSet, wanted);
    RunControl control = new RunControl();
    if (!dryRun) {
      Interrupts.install(control, spec.commandLine().getErr());
    }
    if (maxCost != null && maxCost < 0) {
      throw dev.scylla.model.ScyllaException.badInput("--max-cost must not be negative");
    }
    var scylla = waits.apply(global.scylla(spec, executable));
    if (maxCost != null) {
      scylla.configureRuns(s -> s.withMaxCost(maxCost));
    }
    RerunReport report =
        scylla.rerunJudges(
            new RerunJudgesRequest(
                experiment,
                sel,
                judgeModel == null ? null : ModelIds.normalize(judgeModel),
                dryRun,
                skipRegenerate,
                concurrency,
                retryExhausted,
                stale,
                repeat == null ? 0 : repeat),
            control);
    var out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.write(RerunPrinter.json(report)));
    } else {
      RerunPrinter.print(report, true, out);
    }
    out.flush();
    return RerunPrinter.exitCode(report);
  }
}
