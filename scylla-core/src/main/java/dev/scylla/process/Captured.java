package dev.scylla.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A short command whose output is wanted in memory (git, version probes). */
public record Captured(ProcessOutcome outcome, String stdout, String stderr) {

  public int exitCode() {
    return outcome.exitCode();
  }

  public boolean ok() {
    return outcome.succeeded();
  }

  /** Runs a command with its output captured through temporary files, which are then deleted. */
  public static Captured run(
      ProcessLauncher launcher,
      List<String> command,
      Path cwd,
      Map<String, String> env,
      Duration timeout)
      throws IOException {
    return run(launcher, command, cwd, env, timeout, Cancellation.never());
  }

  /** As {@link #run(ProcessLauncher, List, Path, Map, Duration)}, stopped by a cancellation. */
  public static Captured run(
      ProcessLauncher launcher,
      List<String> command,
      Path cwd,
      Map<String, String> env,
      Duration timeout,
      Cancellation cancellation)
      throws IOException {
    Path out = Files.createTempFile("scylla-cmd-", ".out");
    Path err = Files.createTempFile("scylla-cmd-", ".err");
    try {
      ProcessOutcome o =
          launcher.run(new ProcessSpec(command, cwd, env, null, out, err, timeout), cancellation);
      return new Captured(
          o,
          new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
          new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
