package dev.scylla.cli;

import dev.scylla.viewer.ViewOptions;
import dev.scylla.viewer.Viewer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scylla view EXP...}: a live, read-only web viewer of experiments. */
@Command(
    name = "view",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a live web viewer of one or more experiments: the tier x subtest matrix coloured by",
      "state (the classification of `scylla status`), runs with their judges side by side, and a",
      "comparison of two experiments or tiers. Pages update within 2 s as files change, also while",
      "`scylla run` writes the experiment. Reads only; never writes into an experiment.",
      "Prints the address on its own line and serves until Ctrl+C."
    })
public final class ViewCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "EXP", description = "Experiment directories.")
  List<Path> experiments = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "The port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port = 0;

  @Option(
      names = "--host",
      paramLabel = "H",
      description =
          "The address to listen on (default: ${DEFAULT-VALUE}). Anything but loopback makes the"
              + " experiments readable by whoever reaches it, and prints a warning.")
  String host = ViewOptions.LOOPBACK;

  @Option(names = "--open", description = "Open the address in the default browser.")
  boolean open;

  @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
  boolean stacktrace;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    Viewer viewer = Viewer.start(new ViewOptions(experiments, host, port));
    Thread hook = new Thread(viewer::close, "scylla-view-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (!viewer.loopback()) {
        err.println(
            "scylla: warning: listening on "
                + host
                + ", not loopback: anyone who can reach this address can read these experiments"
                + " (no authentication)");
      }
      for (Path p : viewer.polled()) {
        err.println(
            "scylla: warning: cannot watch every directory of " + p + "; re-reading it every 2 s");
      }
      out.println(viewer.uri());
      out.flush();
      err.println(
          "scylla: serving " + experiments.size() + " experiment(s), read-only; Ctrl+C stops");
      err.flush();
      if (open) {
        browse(viewer.uri(), err);
      }
      viewer.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      viewer.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down already
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Opens the address with the desktop's browser (AWT's {@code Desktop}; the launcher starts the
   * JVM headless, which is lifted here when a display is there).
   */
  private static void browse(java.net.URI uri, java.io.PrintWriter err) {
    boolean display =
        System.getenv("DISPLAY") != null
            || System.getenv("WAYLAND_DISPLAY") != null
            || System.getProperty("os.name", "").startsWith("Mac")
            || System.getProperty("os.name", "").startsWith("Windows");
    if (display) {
      System.setProperty("java.awt.headless", "false");
    }
    try {
      if (!java.awt.GraphicsEnvironment.isHeadless()
          && java.awt.Desktop.isDesktopSupported()
          && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
        java.awt.Desktop.getDesktop().browse(uri);
        return;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // fall through to the message
    }
    err.println("scylla: cannot open a browser here; open " + uri + " yourself");
    err.flush();
  }
}
