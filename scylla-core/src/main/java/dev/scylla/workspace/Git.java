package dev.scylla.workspace;

import dev.scylla.model.ScyllaException;
import dev.scylla.process.Cancellation;
import dev.scylla.process.Captured;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.process.ProcessStartException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code git} CLI through the process launcher: its own process group, a timeout, output
 * captured. Git never prompts (no terminal, no credential helper questions) and speaks English, so
 * its messages can be quoted. Never relies on an ambient identity: commits pass one explicitly.
 */
public final class Git {
  private final ProcessLauncher launcher;
  private final String executable;

  public Git(ProcessLauncher launcher) {
    this(launcher, "git");
  }

  /**
   * @param executable the git program (a bare name is looked up on PATH)
   */
  public Git(ProcessLauncher launcher, String executable) {
    this.launcher = launcher;
    this.executable = executable;
  }

  /** The environment every git call gets on top of this process's. */
  static Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_ASKPASS", "true");
    env.put("SSH_ASKPASS", "true");
    env.put("GIT_EDITOR", "true");
    env.put("LC_ALL", "C");
    env.put("LANGUAGE", "C");
    return env;
  }

  /**
   * Runs {@code git args...} in {@code cwd} (null: the current directory) and returns what it
   * printed, whatever its exit code.
   *
   * @throws ScyllaException BAD_INPUT when git is not installed, INTERRUPTED when cancelled, FAILED
   *     when it timed out
   */
  public Captured run(Path cwd, Duration timeout, Cancellation cancel, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>(args.size() + 1);
    command.add(executable);
    command.addAll(args);
    Captured c;
    try {
      c = Captured.run(launcher, command, cwd, env(), timeout, cancel);
    } catch (ProcessStartException e) {
      throw new ScyllaException(
          ScyllaException.Kind.BAD_INPUT,
          "git is not available (" + e.getMessage() + "); install git and try again",
          e);
    }
    if (c.outcome().cancelled()) {
      throw new ScyllaException(
          ScyllaException.Kind.INTERRUPTED, "cancelled: git " + String.join(" ", args));
    }
    if (c.outcome().timedOut()) {
      throw new ScyllaException(
          ScyllaException.Kind.FAILED,
          "git " + describe(args) + " timed out after " + timeout.toSeconds() + " s");
    }
    return c;
  }

  /** Like {@link #run} but a non-zero exit is a FAILED exception quoting git's message. */
  public Captured ok(Path cwd, Duration timeout, Cancellation cancel, List<String> args)
      throws IOException {
    Captured c = run(cwd, timeout, cancel, args);
    if (!c.ok()) {
      throw new ScyllaException(
          ScyllaException.Kind.FAILED, "git " + describe(args) + " failed: " + message(c));
    }
    return c;
  }

  /** The most telling line of a failed git call: its first fatal/error line, else the last one. */
  public static String message(Captured c) {
    String err = c.stderr().strip();
    for (String line : err.split("\n")) {
      String l = line.strip();
      if (l.startsWith("fatal:") || l.startsWith("error:")) {
        return l;
      }
    }
    String[] lines = err.isEmpty() ? c.stdout().strip().split("\n") : err.split("\n");
    String last = lines[lines.length - 1].strip();
    return last.isEmpty() ? "exit code " + c.exitCode() : last;
  }

  private static String describe(List<String> args) {
    List<String> shown = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-c")) {
        continue;
      }
      if (a.startsWith("user.") || a.startsWith("commit.") || a.startsWith("gc.")) {
        continue;
      }
      shown.add(a);
      if (shown.size() == 2) {
        break;
      }
    }
    return String.join(" ", shown);
  }
}
