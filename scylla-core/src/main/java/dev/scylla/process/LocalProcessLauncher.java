package dev.scylla.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs processes on this machine. Each one starts in a new session (through {@code setsid} where it
 * exists), so killing it kills its whole process group, including grandchildren that left the
 * parent. Output goes straight to files, so no pipe can fill up and block. Processes still alive
 * when the JVM exits (Ctrl+C) are killed by a shutdown hook.
 */
public final class LocalProcessLauncher implements ProcessLauncher {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final Path SETSID = findSetsid();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> LIVE.forEach(p -> killTree(p, Duration.ZERO)), "scylla-kill-children"));
  }

  private final Duration grace;

  public LocalProcessLauncher() {
    this(Duration.ofSeconds(3));
  }

  /**
   * @param grace how long a process may take to exit after SIGTERM before SIGKILL
   */
  public LocalProcessLauncher(Duration grace) {
    this.grace = grace;
  }

  @Override
  public ProcessOutcome run(ProcessSpec spec, Cancellation cancellation) throws IOException {
    if (cancellation.isCancelled()) {
      Instant now = Instant.now();
      return new ProcessOutcome(130, false, true, now, now);
    }
    List<String> command = new ArrayList<>(spec.command());
    String pathVar =
        spec.env().containsKey("PATH") ? spec.env().get("PATH") : System.getenv("PATH");
    command.set(0, resolveExecutable(command.get(0), pathVar).toString());
    if (spec.cwd() != null && !Files.isDirectory(spec.cwd())) {
      throw new ProcessStartException(
          "cannot run "
              + spec.command().get(0)
              + ": working directory "
              + spec.cwd()
              + " does not exist");
    }
    Files.createDirectories(spec.stdout().toAbsolutePath().getParent());
    Files.createDirectories(spec.stderr().toAbsolutePath().getParent());
    List<String> full = new ArrayList<>();
    if (SETSID != null) {
      full.add(SETSID.toString());
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full);
    if (spec.cwd() != null) {
      pb.directory(spec.cwd().toFile());
    }
    Map<String, String> env = pb.environment();
    spec.env()
        .forEach(
            (k, v) -> {
              if (v == null) {
                env.remove(k);
              } else {
                env.put(k, v);
              }
            });
    pb.redirectOutput(spec.stdout().toFile());
    pb.redirectError(spec.stderr().toFile());
    if (spec.stdin() == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Instant started = Instant.now();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ProcessStartException(
          "cannot run " + spec.command().get(0) + ": " + e.getMessage(), e);
    }
    LIVE.add(p);
    Runnable unregister = cancellation.onCancel(() -> killTree(p, grace));
    boolean timedOut = false;
    boolean interrupted = false;
    try {
      if (spec.stdin() != null) {
        feed(p, spec.stdin());
      }
      if (spec.timeout() == null) {
        p.waitFor();
      } else if (!awaitWithin(p, spec.timeout(), spec.credit())) {
        timedOut = true;
        killTree(p, grace);
      }
    } catch (InterruptedException e) {
      interrupted = true;
      killTree(p, grace);
    } finally {
      unregister.run();
    }
    try {
      while (true) {
        try {
          p.waitFor();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      LIVE.remove(p);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    boolean cancelled = !timedOut && (cancellation.isCancelled() || interrupted);
    return new ProcessOutcome(p.exitValue(), timedOut, cancelled, started, Instant.now());
  }

  /** How often a deadline with a credit is looked at again. */
  private static final long CREDIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /**
   * Waits for the process until its timeout, extended by whatever {@code credit} grants meanwhile;
   * false when the deadline passed with the process still running.
   */
  private static boolean awaitWithin(Process p, Duration timeout, TimeoutCredit credit)
      throws InterruptedException {
    long start = System.nanoTime();
    long limit = timeout.toNanos();
    if (credit == null) {
      return p.waitFor(limit, TimeUnit.NANOSECONDS);
    }
    while (true) {
      long remaining = start + limit + credit.credited().toNanos() - System.nanoTime();
      if (remaining <= 0) {
        return !p.isAlive();
      }
      if (p.waitFor(Math.min(remaining, CREDIT_POLL_NANOS), TimeUnit.NANOSECONDS)) {
        return true;
      }
    }
  }

  private static void feed(Process p, byte[] bytes) {
    Thread t =
        new Thread(
            () -> {
              try (OutputStream os = p.getOutputStream()) {
                os.write(bytes);
              } catch (IOException e) {
                // the process closed its input early; that is its business
              }
            },
            "scylla-stdin");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Finds an executable: a name with a slash is used as it is, a bare name is looked up on {@code
   * path}.
   */
  public static Path resolveExecutable(String name, String path) throws ProcessStartException {
    if (name.contains("/")) {
      Path p = Paths.get(name);
      if (!Files.isRegularFile(p)) {
        throw new ProcessStartException("cannot run " + name + ": no such file");
      }
      if (!Files.isExecutable(p)) {
        throw new ProcessStartException("cannot run " + name + ": not executable");
      }
      return p;
    }
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path p = Paths.get(dir, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p;
        }
      }
    }
    throw new ProcessStartException("cannot run " + name + ": not found on PATH");
  }

  /** Kills a process and everything it started: SIGTERM to the group, then SIGKILL after grace. */
  static void killTree(Process p, Duration grace) {
    List<ProcessHandle> descendants = new ArrayList<>();
    p.descendants().forEach(descendants::add);
    signalGroup(p.pid(), "TERM");
    descendants.forEach(ProcessHandle::destroy);
    p.destroy();
    try {
      if (!grace.isZero()) {
        p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    signalGroup(p.pid(), "KILL");
    descendants.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static void signalGroup(long pid, String signal) {
    if (SETSID == null) {
      return;
    }
    try {
      Process k =
          new ProcessBuilder("kill", "-s", signal, "--", "-" + pid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      k.waitFor(2, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no kill binary: the descendants are still destroyed one by one
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path findSetsid() {
    for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Paths.get(p))) {
        return Paths.get(p);
      }
    }
    return null;
  }
}
