package dev.scylla.cli;

import dev.scylla.model.ScyllaException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code scylla} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = commandLine(out, err);
    return cmd.execute(args);
  }

  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new ScyllaCommand());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("scylla: " + ex.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more.");
          return ExitCodes.BAD_INPUT;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          PrintWriter e = c.getErr();
          if (ex instanceof ScyllaException se) {
            e.println("scylla: " + se.getMessage());
            if (ScyllaCommand.stacktrace(parseResult)) {
              se.printStackTrace(e);
            }
            return se.kind().exitCode();
          }
          e.println("scylla: internal error: " + ex);
          ex.printStackTrace(e);
          return ExitCodes.INTERNAL;
        });
    return cmd;
  }
}
