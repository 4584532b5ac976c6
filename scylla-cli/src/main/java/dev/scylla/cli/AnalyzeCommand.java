package dev.scylla.cli;

import dev.scylla.analysis.AnalysisParameters;
import dev.scylla.analysis.AnalysisRenderer;
import dev.scylla.analysis.AnalysisRenderers;
import dev.scylla.analysis.AnalyzeReport;
import dev.scylla.analysis.AnalyzeRequest;
import dev.scylla.analysis.Analyzer;
import dev.scylla.analysis.PassRateRow;
import dev.scylla.analysis.Pipeline;
import dev.scylla.analysis.Summary;
import dev.scylla.model.ScyllaException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scylla analyze EXP... --out DIR}: export, statistics, tables and figures. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Export one or more experiments into DIR/data/ (runs, judges, criteria and subtests CSV,",
      "summary.json, statistical_results.json, and both pass-rate denominators), then write",
      "tables into DIR/tables/ and figures into DIR/figures/. Reads the experiments only.",
      "EXP is an experiment directory (flat or phased layout) or a directory holding experiments;",
      "--data-dir reads the reference's <data-dir>/<experiment>/<timestamp>/ layout instead.",
      "Follows the reference's current (HEAD) pipeline; --compat committed reproduces the older",
      "pipeline behind its committed analysis data byte for byte."
    })
public final class AnalyzeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "EXP",
      description = "Experiment directories (or give --data-dir).")
  List<Path> experiments = new ArrayList<>();

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = {
        "Read every experiment folder of DIR (the reference's discovery: folders in name order,",
        "the latest timestamp directory of each, runs under completed/ or flat)."
      })
  Path dataDir;

  @Option(
      names = "--compat",
      paramLabel = "PIPELINE",
      description = {
        "head (default): the reference's current pipeline; committed: the older one that made",
        "its committed analysis data (display names, no HEAD columns, keys or tests)."
      },
      defaultValue = "head")
  String compat;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory (created; files in it are replaced, none deleted).")
  Path out;

  @Option(names = "--no-figures", description = "Write the data and tables, no figures.")
  boolean noFigures;

  @Option(
      names = "--exclude",
      paramLabel = "PATTERN",
      description = {
        "Leave out experiments (NAME), tiers (T3), subtests (T3/01) or both scoped to an",
        "experiment (NAME/T3, NAME/T3/01); globs * and ? allowed. Repeatable."
      })
  List<String> excludes = new ArrayList<>();

  @Option(
      names = "--resamples",
      paramLabel = "N",
      description = "Bootstrap resamples of every interval. Default: ${DEFAULT-VALUE}.",
      defaultValue = "10000")
  int resamples;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the bootstrap generator. Default: ${DEFAULT-VALUE}.",
      defaultValue = "42")
  long seed;

  @Mixin GlobalOptions global;

  @Override
  public Integer call() {
    if (resamples < 1) {
      throw ScyllaException.badInput("--resamples " + resamples + ": expected at least 1");
    }
    Pipeline pipeline = Pipeline.parse(compat);
    if (pipeline == null) {
      throw ScyllaException.badInput("--compat " + compat + ": expected head or committed");
    }
    if (dataDir == null && experiments.isEmpty()) {
      throw ScyllaException.badInput("give experiment directories (EXP...) or --data-dir DIR");
    }
    if (dataDir != null && !experiments.isEmpty()) {
      throw ScyllaException.badInput("give either experiment directories or --data-dir, not both");
    }
    AnalysisParameters defaults = AnalysisParameters.DEFAULTS;
    AnalysisParameters params =
        new AnalysisParameters(defaults.alpha(), resamples, seed, defaults.confidenceLevel())
            .with(pipeline);
    AnalyzeRequest request =
        new AnalyzeRequest(experiments, out, excludes, renderers(noFigures), params, dataDir);
    AnalyzeReport report = new Analyzer(global.events(spec)).run(request);
    print(report, spec.commandLine().getOut());
    return report.renderFailures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /**
   * The renderers of tables and figures, found on the class path (see {@link
   * AnalysisRenderers#discover()}); without any, {@code analyze} writes {@code DIR/data/} only.
   */
  static List<AnalysisRenderer> renderers(boolean noFigures) {
    return AnalysisRenderers.discover(noFigures);
  }

  private static void print(AnalyzeReport r, PrintWriter out) {
    var a = r.analysis();
    Summary s = a.summary();
    long expected = a.data().outcomes().size();
    out.printf(
        "Analysed %d experiment%s: %d runs with results of %d expected, %d judge evaluations%n",
        s.totalExperiments(),
        s.totalExperiments() == 1 ? "" : "s",
        s.totalRuns(),
        expected,
        s.totalJudgeEvaluations());
    for (PassRateRow p : a.passRates()) {
      if (!p.scope().equals(PassRateRow.SCOPE_MODEL)) {
        continue;
      }
      out.printf(
          "  %s: pass rate %s strict (%d/%d attempted), %s excluding %d infrastructure"
              + " failures (%d/%d); %d not run%n",
          p.agentModel(),
          percent(p.passRateStrict()),
          p.passed(),
          p.attempted(),
          percent(p.passRateExclInfra()),
          p.infraFailures(),
          p.passed(),
          p.exclInfraDenominator(),
          p.notRun());
    }
    var ks = dev.scylla.analysis.PassAtK.of(a.data().runs());
    var perSubtest =
        ks.stream().filter(k -> !k.subtest().isEmpty()).mapToInt(k -> k.n()).summaryStatistics();
    if (perSubtest.getCount() > 0) {
      out.printf(
          "  pass@k and pass^k for k = 1..n, n = %s runs per subtest (data/pass_at_k.csv); the pass"
              + " rates above are pass@1%n",
          perSubtest.getMin() == perSubtest.getMax()
              ? String.valueOf(perSubtest.getMax())
              : perSubtest.getMin() + "–" + perSubtest.getMax());
    }
    for (var n : dev.scylla.analysis.JudgeNoise.of(a.data().repeats())) {
      out.printf(
          java.util.Locale.ROOT,
          "  judge noise of %s: %d repeat(s) of %d slot(s), mean SD of score %s, %s of the"
              + " repeats flip pass/fail (data/judge_noise.csv)%n",
          n.judgeModel(),
          n.repeats(),
          n.slotsWithRepeats(),
          Double.isNaN(n.meanSdScore())
              ? "n/a"
              : String.format(java.util.Locale.ROOT, "%.3f", n.meanSdScore()),
          percent(n.flipShare()));
    }
    out.printf("Wrote %d files to %s%n", r.files().size(), r.out());
    for (String f : r.renderFailures()) {
      out.println("  failed: " + f);
    }
    out.flush();
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "n/a" : String.format("%.1f%%", 100 * v);
  }
}
