package dev.scylla.cli;

import dev.scylla.model.ModelIds;
import dev.scylla.model.ScyllaException;
import dev.scylla.run.RunControl;
import dev.scylla.service.ResumeRequest;
import dev.scylla.service.RunReport;
import dev.scylla.service.RunRequest;
import dev.scylla.service.Scylla;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scylla run TEST_DIR} and {@code scylla run --resume EXP}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run an experiment: every tier x subtest x run of a test, judged by every judge model, into",
      "<results-dir>/<UTC timestamp>-<test id>/. With --resume EXP (or an experiment directory as",
      "the argument) continue an experiment: every run resumes at its first unfinished step."
    })
public final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TEST_DIR",
      description =
          "The test directory (test.yaml, prompt.md, expected/), or an experiment to resume.")
  Path testDir;

  @Option(names = "--resume", paramLabel = "EXP", description = "Continue this experiment.")
  Path resume;

  @Option(
      names = "--catalogue",
      paramLabel = "DIR",
      description =
          "The tier/subtest catalogue (a reference checkout's tests/claude-code/shared, or the checkout itself). Default: found above the test directory.")
  Path catalogue;

  @Option(
      names = "--tiers",
      paramLabel = "T",
      split = ",",
      description =
          "Tiers to run (default: the test's, else every tier of the catalogue). Repeatable.")
  List<String> tiers = new ArrayList<>();

  @Option(
      names = "--subtests",
      paramLabel = "S",
      split = ",",
      description = "Subtest ids to run (default: all). Repeatable.")
  List<String> subtests = new ArrayList<>();

  @Option(
      names = "--runs",
      paramLabel = "N",
      description = "Runs per subtest (default: ${DEFAULT-VALUE}).")
  int runs = 10;

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "The agent model (default: ${DEFAULT-VALUE}).")
  String model = "claude-sonnet-4-6";

  @Option(
      names = "--judge-models",
      paramLabel = "M",
      split = ",",
      description = "Judge models, one slot each (default: claude-opus-4-6). Repeatable.")
  List<String> judgeModels = new ArrayList<>();

  @Option(
      names = "--agent",
      paramLabel = "A",
      description = "claude-code, codex or command:<shell command> (default: ${DEFAULT-VALUE}).")
  String agent = "claude-code";

  @Option(
      names = "--claude",
      paramLabel = "PATH",
      description =
          "The Claude Code executable for agents and judges (default: claude on PATH, or $SCYLLA_CLAUDE).")
  String claude;

  @Option(
      names = "--simulator",
      description =
          "Use the bundled offline simulator of the Claude Code CLI as agent and judges (no network,"
              + " no API key; SCYLLA_SIM_* variables tune it).")
  boolean simulator;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      description = "Where experiments are created (default: ${DEFAULT-VALUE}).")
  Path resultsDir = Paths.get("results");

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Runs at a time (default: the number of processors, ${DEFAULT-VALUE}).")
  int concurrency = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "The agent's timeout (default: the test's).")
  Integer timeout;

  @Option(
      names = "--max-turns",
      paramLabel = "N",
      description = "The agent's turn limit (the CLI's --max-turns; default: none).")
  Integer maxTurns;

  @Option(
      names = "--turn-limited",
      paramLabel = "judge|fail",
      description =
          "Runs whose agent used up its turns: judge them like the others (default), or score"
              + " them as failures without paying judges. Counted apart either way.")
  String turnLimited = "judge";

  @Option(
      names = "--max-subtests",
      paramLabel = "N",
      description = "Keep the first N subtests of each tier.")
  Integer maxSubtests;

  @Option(
      names = "--thinking",
      paramLabel = "MODE",
      description = "None, Low, High or UltraThink (default: ${DEFAULT-VALUE}).")
  String thinking = "None";

  @Option(
      names = "--max-cost",
      paramLabel = "USD",
      description = "Stop launching agents once the spend would exceed this.")
  Double maxCost;

  @Option(names = "--keep-workspaces", description = "Keep each run's git worktree after judging.")
  boolean keepWorkspaces;

  @Option(
      names = "--retry-exhausted",
      description = "With --resume: also retry runs whose retry budget is spent.")
  boolean retryExhausted;

  @Option(names = "--dry-run", description = "Print the plan and a cost estimate; create nothing.")
  boolean dryRun;

  @Option(
      names = "--accept-drift",
      description =
          "With --resume: go on although runs or judge slots were made under inputs that differ"
              + " from the experiment's current ones (recorded in the experiment).")
  boolean acceptDrift;

  @Mixin WaitOptions waits;

  @Mixin EngineOptions engine;

  @Mixin GlobalOptions global;

  @Override
  public Integer call() throws Exception {
    if (concurrency < 1) {
      throw ScyllaException.badInput("--concurrency must be at least 1");
    }
    if (!dev.scylla.model.ExperimentConfig.TURN_LIMITED_RULES.contains(turnLimited)) {
      throw ScyllaException.badInput(
          "--turn-limited must be judge or fail, was '" + turnLimited + "'");
    }
    if (maxTurns != null && maxTurns < 1) {
      throw ScyllaException.badInput("--max-turns must be at least 1, was " + maxTurns);
    }
    Path exp = resume;
    if (exp == null && testDir != null && dev.scylla.store.ExperimentLayout.isExperiment(testDir)) {
      exp = testDir;
    }
    if (exp == null && testDir == null) {
      throw ScyllaException.badInput("give a test directory, or --resume EXP");
    }
    Scylla scylla = waits.apply(global.scylla(spec));
    if (acceptDrift) {
      scylla.configureRuns(s -> s.withDrift(dev.scylla.run.RunSettings.DriftPolicy.ACCEPT));
    }
    RunControl control = new RunControl();
    var out = spec.commandLine().getOut();
    RunReport report;
    AutoCloseable connection = () -> {};
    if (exp != null) {
      connection = engine.apply(scylla, control, spec.commandLine().getErr());
      try (AutoCloseable c = connection) {
        report =
            scylla.resume(
                new ResumeRequest(exp, concurrency, maxCost, keepWorkspaces, retryExhausted),
                control);
      }
    } else {
      Path cat = catalogue != null ? catalogue : findCatalogue(testDir);
      List<String> judges = judgeModels.isEmpty() ? List.of("claude-opus-4-6") : judgeModels;
      RunRequest req =
          new RunRequest(
              testDir,
              cat,
              resultsDir,
              tiers,
              subtests,
              runs,
              ModelIds.normalize(model),
              judges.stream().map(ModelIds::normalize).toList(),
              agent,
              claude,
              Map.of(),
              simulator,
              timeout,
              maxSubtests,
              thinking,
              concurrency,
              maxCost,
              keepWorkspaces,
              dryRun,
              maxTurns,
              "judge".equals(turnLimited));
      if (!dryRun) {
        connection = engine.apply(scylla, control, spec.commandLine().getErr());
      }
      try (AutoCloseable c = connection) {
        report = scylla.run(req, control);
      }
    }
    RunPrinter.plan(
        report.plan(),
        out,
        report.experimentDir() != null ? SpendText.simulated(report.experimentDir()) : simulator);
    if (report.work() != null) {
      RunPrinter.result(report, out);
      out.println("Experiment directory:");
      out.println(report.experimentDir());
    }
    out.flush();
    return engine.exitCode(report, control);
  }

  /** A catalogue above the test directory: a reference checkout's tests/claude-code/shared. */
  static Path findCatalogue(Path testDir) {
    Path p = testDir.toAbsolutePath().normalize();
    for (int i = 0; i < 6 && p != null; i++, p = p.getParent()) {
      Path shared = p.resolve("tests").resolve("claude-code").resolve("shared");
      if (Files.isDirectory(shared.resolve("subtests"))) {
        return shared;
      }
      if (Files.isDirectory(p.resolve("catalogue").resolve("subtests"))) {
        return p.resolve("catalogue");
      }
    }
    throw ScyllaException.badInput(
        testDir + ": no tier/subtest catalogue found above it; pass --catalogue DIR");
  }
}
