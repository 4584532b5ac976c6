package dev.scylla.cli;

import dev.scylla.run.RunControl;
import dev.scylla.service.DemoRequest;
import dev.scylla.service.RunReport;
import dev.scylla.service.StatusRequest;
import dev.scylla.status.Selection;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scylla demo}: the whole job, offline, on the bundled simulator. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a small experiment offline: the bundled simulator of the Claude Code CLI plays agent and",
      "judges (no network, no API key), 2 tiers x 2 subtests x 2 runs x 3 judges, with a few",
      "injected failures (a crash, a rate limit, a malformed verdict) that are retried and recover.",
      "The last line printed is the experiment directory."
    })
public final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      description = "Where the experiment is created (default: ${DEFAULT-VALUE}).")
  Path resultsDir = Paths.get("results");

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Runs at a time (default: ${DEFAULT-VALUE}).")
  int concurrency = 4;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The simulator's seed (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Mixin EngineOptions engine;

  @Mixin GlobalOptions global;

  @Override
  public Integer call() throws Exception {
    var scylla = global.scylla(spec);
    RunControl control = new RunControl();
    RunReport report;
    try (AutoCloseable c = engine.apply(scylla, control, spec.commandLine().getErr())) {
      report = scylla.demo(new DemoRequest(resultsDir, concurrency, seed), control);
    }
    var out = spec.commandLine().getOut();
    RunPrinter.plan(report.plan(), out, true);
    RunPrinter.result(report, out);
    out.println();
    StatusPrinter.printTable(
        scylla.status(new StatusRequest(report.experimentDir(), Selection.ALL)), out);
    out.println();
    out.println(
        "Try: scylla status, scylla analyze --out <dir>, scylla rerun-judges --dry-run on it.");
    out.println("Experiment directory:");
    out.println(report.experimentDir());
    out.flush();
    return engine.exitCode(report, control);
  }
}
