package dev.scylla.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code scylla} command. */
@Command(
    name = "scylla",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run, judge, recover and analyse evaluation experiments of AI coding agents.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      StatusCommand.class,
      RegenerateCommand.class,
      RerunAgentsCommand.class,
      RerunJudgesCommand.class,
      AnalyzeCommand.class,
      ViewCommand.class,
      WorkerCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 some work failed, 2 bad input, 3 experiment locked,",
      "130 interrupted."
    })
public final class ScyllaCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static boolean stacktrace(CommandLine.ParseResult pr) {
    CommandLine.ParseResult p = pr;
    while (p != null) {
      if (p.hasMatchedOption("--stacktrace")) {
        return true;
      }
      p = p.subcommand();
    }
    return false;
  }
}
