package dev.scylla.pipeline;

import dev.scylla.model.ScyllaException;
import dev.scylla.process.Cancellation;
import dev.scylla.process.Captured;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.process.ProcessStartException;
import dev.scylla.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the build pipeline in a workspace, the way the reference does (see the package docs), with
 * these differences: whether a tool exists is decided by looking it up on {@code PATH} before
 * running it, and a missing tool makes its step N/A, never a pass; Python byte code, ruff's cache
 * and pytest's cache are kept out of the workspace; a {@code pre-commit} step without a {@code
 * .pre-commit-config.yaml} is N/A without running; the Mojo format step is a real check (files the
 * formatter changed are restored and the step fails); a language other than Python or Mojo has
 * every step N/A; and the scripts under {@code commands/} replay exactly what ran.
 *
 * <p>Thread-safe: one instance may run pipelines in several workspaces at once.
 */
public final class BuildPipeline {
  /** The file under {@code commands/} that holds the whole result as JSON (our addition). */
  public static final String RESULT_FILE = "pipeline_result.json";

  private static final String PRECOMMIT_CONFIG = ".pre-commit-config.yaml";

  private final ProcessLauncher launcher;
  private final PipelineOptions options;

  public BuildPipeline(ProcessLauncher launcher, PipelineOptions options) {
    this.launcher = launcher;
    this.options = options;
  }

  public BuildPipeline(ProcessLauncher launcher) {
    this(launcher, PipelineOptions.defaults());
  }

  public PipelineOptions options() {
    return options;
  }

  /**
   * Runs the pipeline for {@code language} in {@code workspace}. When {@code commandsDir} is not
   * null, the replay scripts, each step's output log (when not empty) and {@code
   * pipeline_result.json} are written there.
   *
   * @throws ScyllaException BAD_INPUT when the workspace does not exist; INTERRUPTED when cancelled
   */
  public PipelineResult run(Path workspace, String language, Path commandsDir, Cancellation c)
      throws IOException {
    if (workspace == null || !Files.isDirectory(workspace)) {
      throw ScyllaException.badInput(
          workspace + ": workspace does not exist; the build pipeline cannot run");
    }
    Path ws = workspace.toAbsolutePath().normalize();
    String lang = language == null ? "python" : language.trim().toLowerCase(Locale.ROOT);
    Run run = new Run(ws, commandsDir, c);
    PipelineResult r =
        switch (lang) {
          case "python" -> run.python();
          case "mojo" -> run.mojo();
          default -> run.unsupported(lang);
        };
    if (commandsDir != null) {
      PipelineJson.write(commandsDir.resolve(RESULT_FILE), r);
    }
    return r;
  }

  /** Whether {@code name} is an executable on the pipeline's PATH (or a path to one). */
  public boolean installed(String name) {
    return find(name) != null;
  }

  private Path find(String name) {
    try {
      return LocalProcessLauncher.resolveExecutable(name, options.path());
    } catch (ProcessStartException e) {
      return null;
    }
  }

  private static String now() {
    return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx")
        .format(Instant.now().atOffset(ZoneOffset.UTC));
  }

  /** One pipeline run in one workspace. */
  private final class Run {
    private final Path ws;
    private final Path commands;
    private final Cancellation cancel;

    Run(Path ws, Path commands, Cancellation cancel) {
      this.ws = ws;
      this.commands = commands;
      this.cancel = cancel;
    }

    // ---------------------------------------------------------------- Python

    PipelineResult python() throws IOException {
      String py = find("python") != null ? "python" : find("python3") != null ? "python3" : null;
      Map<String, String> pyEnv = new LinkedHashMap<>();
      pyEnv.put("PYTHONPYCACHEPREFIX", options.cacheDir().resolve("pycache").toString());
      Map<String, String> ruffEnv = Map.of("RUFF_CACHE_DIR", cacheDir("ruff"));
      List<String> scripts = rootScripts();
      String pyName = py == null ? "python" : py;
      List<String> compile = List.of(pyName, "-m", "compileall", "-q", ".");
      List<String> ruff = List.of("ruff", "check", ".");
      List<String> pytest = List.of("pytest", "-v", "-p", "no:cacheprovider");
      List<String> precommit = List.of("pre-commit", "run", "--all-files");

      StringBuilder check = new StringBuilder(script(ws, pyEnv, compile, py == null));
      if (!scripts.isEmpty()) {
        check.append("echo '## Script Execution Results'\n");
        for (String s : scripts) {
          check
              .append("echo ")
              .append(quote("### Running: python " + s))
              .append('\n')
              .append("timeout ")
              .append(options.scriptTimeout().toSeconds())
              .append(' ')
              .append(pyName)
              .append(' ')
              .append(quote(s))
              .append(" || echo \"Exit code: $?\"\n");
        }
      }
      writeScripts(
          "python",
          Map.of(
              "python_check.sh", check.toString(),
              "python_format.sh", script(ws, ruffEnv, ruff, find("ruff") == null),
              "python_test.sh", script(ws, pyEnv, pytest, find("pytest") == null),
              "precommit.sh", script(ws, pyEnv, precommit, find("pre-commit") == null)));

      BuildStepResult build;
      if (py == null) {
        build =
            BuildStepResult.na(
                StepKind.BUILD,
                "python not installed (neither python nor python3 on PATH)",
                "python not available, skipping build check");
      } else {
        Exec e = exec(compile, ws, pyEnv, options.buildTimeout());
        if (e.missing != null) {
          build = BuildStepResult.na(StepKind.BUILD, e.missing, "python not available");
        } else if (e.timedOut || e.exitCode != 0) {
          build = e.failed(StepKind.BUILD, e.output(), options.buildTimeout());
        } else {
          String out = "Python syntax check passed" + scriptResults(pyName, scripts, pyEnv);
          build = e.result(StepKind.BUILD, StepStatus.PASSED, out, null);
        }
      }
      log("python_build_output.log", build);

      BuildStepResult format;
      Exec f = execIfInstalled("ruff", ruff, ws, ruffEnv, options.formatTimeout());
      if (f.missing != null) {
        format =
            BuildStepResult.na(
                StepKind.FORMAT, f.missing, "ruff not available, skipping format check");
      } else {
        format = f.byExitCode(StepKind.FORMAT, options.formatTimeout());
      }
      log("python_format_output.log", format);

      BuildStepResult test;
      Exec t = execIfInstalled("pytest", pytest, ws, pyEnv, options.testTimeout());
      if (t.missing != null) {
        test = BuildStepResult.na(StepKind.TEST, t.missing, "pytest not available, skipping");
      } else if (!t.timedOut && t.exitCode == 5) {
        test = t.result(StepKind.TEST, StepStatus.NA, t.output(), "no tests collected (exit 5)");
      } else {
        test = t.byExitCode(StepKind.TEST, options.testTimeout());
      }
      log("python_test_output.log", test);

      BuildStepResult pre = precommit(precommit, pyEnv);
      log("precommit_output.log", pre);
      return new PipelineResult("python", build, format, test, pre, now());
    }

    private String scriptResults(String py, List<String> scripts, Map<String, String> env)
        throws IOException {
      StringBuilder sb = new StringBuilder("\n\n## Script Execution Results\n\n");
      if (scripts.isEmpty()) {
        sb.append("(no Python scripts in the workspace root)\n");
      }
      for (String s : scripts) {
        sb.append("\n### Running: python ").append(s).append('\n');
        Exec e = exec(List.of(py, s), ws, env, options.scriptTimeout());
        if (e.missing != null) {
          sb.append("Could not run: ").append(e.missing).append('\n');
        } else if (e.timedOut) {
          sb.append("Execution timed out (")
              .append(options.scriptTimeout().toSeconds())
              .append("s)\n");
        } else {
          sb.append("Exit code: ").append(e.exitCode).append('\n');
          if (!e.stdout.isEmpty()) {
            sb.append("Output:\n")
                .append(cap(e.stdout, options.scriptOutputCap()).stripTrailing())
                .append('\n');
          }
          if (!e.stderr.isEmpty()) {
            sb.append("Stderr:\n")
                .append(cap(e.stderr, options.scriptOutputCap()).stripTrailing())
                .append('\n');
          }
        }
      }
      return sb.toString();
    }

    private List<String> rootScripts() throws IOException {
      try (Stream<Path> s = Files.list(ws)) {
        return s.filter(p -> p.getFileName().toString().endsWith(".py"))
            .filter(Files::isRegularFile)
            .map(p -> p.getFileName().toString())
            .sorted()
            .toList();
      }
    }

    // ---------------------------------------------------------------- Mojo

    PipelineResult mojo() throws IOException {
      boolean modular =
          Files.isRegularFile(ws.resolve("bazelw")) && Files.isDirectory(ws.resolve("mojo"));
      Path mojoDir = ws.resolve("mojo");
      // the launcher resolves a path with a slash against its own directory: use the absolute one
      String bazelw = ws.resolve("bazelw").toString();
      List<String> buildCmd =
          modular
              ? List.of(bazelw, "build", "//mojo/...")
              : List.of("pixi", "run", "mojo", "build", ".");
      Duration buildTimeout = modular ? options.modularBuildTimeout() : options.buildTimeout();
      List<String> formatCmd =
          modular
              ? List.of(bazelw, "run", "format")
              : List.of("pixi", "run", "mojo", "format", ".");
      Path formatDir = modular || !Files.isDirectory(mojoDir) ? ws : mojoDir;
      List<String> testCmd =
          modular ? List.of("pixi", "run", "tests") : List.of("pixi", "run", "mojo", "test");
      Path testDir = modular ? mojoDir : ws;
      List<String> precommit = List.of("pre-commit", "run", "--all-files");
      String tool = modular ? bazelw : "pixi";
      boolean toolMissing = find(tool) == null;
      writeScripts(
          "mojo",
          Map.of(
              "mojo_build.sh", script(ws, Map.of(), buildCmd, toolMissing),
              "mojo_format.sh", script(formatDir, Map.of(), formatCmd, toolMissing),
              "mojo_test.sh", script(testDir, Map.of(), testCmd, find("pixi") == null),
              "precommit.sh", script(ws, Map.of(), precommit, find("pre-commit") == null)));

      BuildStepResult build;
      Exec b = execIfInstalled(tool, buildCmd, ws, Map.of(), buildTimeout);
      if (b.missing != null) {
        build = BuildStepResult.na(StepKind.BUILD, b.missing, "Build tool not found: " + tool);
      } else if (b.timedOut) {
        build =
            b.result(
                StepKind.BUILD,
                StepStatus.FAILED,
                b.output() + "\nBuild timed out after " + buildTimeout.toSeconds() + " seconds",
                "timed out after " + buildTimeout.toSeconds() + " s");
      } else {
        build = b.byExitCode(StepKind.BUILD, buildTimeout);
      }
      log("mojo_build_output.log", build);

      BuildStepResult format;
      Map<Path, byte[]> before = mojoSources(formatDir);
      Exec f = execIfInstalled(tool, formatCmd, formatDir, Map.of(), options.formatTimeout());
      if (f.missing != null) {
        format = BuildStepResult.na(StepKind.FORMAT, f.missing, "Format tool not found: " + tool);
      } else {
        List<String> changed = restoreChanged(formatDir, before);
        if (!changed.isEmpty() && !f.timedOut) {
          format =
              f.result(
                  StepKind.FORMAT,
                  StepStatus.FAILED,
                  f.output()
                      + "\nThe formatter changed "
                      + changed.size()
                      + " file(s); they were restored: "
                      + String.join(", ", changed),
                  "the formatter would change " + changed.size() + " file(s)");
        } else {
          format = f.byExitCode(StepKind.FORMAT, options.formatTimeout());
        }
      }
      log("mojo_format_output.log", format);

      BuildStepResult test;
      Exec t =
          Files.isDirectory(testDir)
              ? execIfInstalled("pixi", testCmd, testDir, Map.of(), options.testTimeout())
              : Exec.missing(testDir + " does not exist");
      if (t.missing != null) {
        test = BuildStepResult.na(StepKind.TEST, t.missing, "mojo test not available, skipping");
      } else if (!t.timedOut && (t.exitCode == 5 || t.output().contains("No tests found"))) {
        test = t.result(StepKind.TEST, StepStatus.NA, t.output(), "no tests found");
      } else {
        test = t.byExitCode(StepKind.TEST, options.testTimeout());
      }
      log("mojo_test_output.log", test);

      BuildStepResult pre = precommit(precommit, Map.of());
      log("precommit_output.log", pre);
      return new PipelineResult("mojo", build, format, test, pre, now());
    }

    private Map<Path, byte[]> mojoSources(Path dir) throws IOException {
      Map<Path, byte[]> out = new LinkedHashMap<>();
      if (!Files.isDirectory(dir)) {
        return out;
      }
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
              String n = d.getFileName() == null ? "" : d.getFileName().toString();
              boolean skip =
                  !d.equals(dir)
                      && (n.equals(".git")
                          || n.equals(".pixi")
                          || n.equals("node_modules")
                          || n.startsWith("bazel-"));
              return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
              String n = f.getFileName().toString();
              if (a.isRegularFile()
                  && (n.endsWith(".mojo") || n.endsWith(".\ud83d\udd25"))
                  && a.size() < 5_000_000) {
                out.put(f, Files.readAllBytes(f));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
      return out;
    }

    /** Puts back every source the formatter changed; returns their paths relative to dir. */
    private List<String> restoreChanged(Path dir, Map<Path, byte[]> before) throws IOException {
      List<String> changed = new ArrayList<>();
      for (var e : before.entrySet()) {
        byte[] now = Files.isRegularFile(e.getKey()) ? Files.readAllBytes(e.getKey()) : null;
        if (now == null || !Arrays.equals(now, e.getValue())) {
          AtomicFiles.write(e.getKey(), e.getValue());
          changed.add(dir.relativize(e.getKey()).toString());
        }
      }
      changed.sort(null);
      return changed;
    }

    // ---------------------------------------------------------------- shared

    private BuildStepResult precommit(List<String> cmd, Map<String, String> env)
        throws IOException {
      if (!Files.isRegularFile(ws.resolve(PRECOMMIT_CONFIG))) {
        return BuildStepResult.na(
            StepKind.PRECOMMIT,
            "no " + PRECOMMIT_CONFIG + " in the workspace",
            "pre-commit skipped: the workspace has no " + PRECOMMIT_CONFIG);
      }
      Exec p = execIfInstalled("pre-commit", cmd, ws, env, options.precommitTimeout());
      if (p.missing != null) {
        return BuildStepResult.na(
            StepKind.PRECOMMIT, p.missing, "pre-commit not available, skipping");
      }
      if (!p.timedOut && p.output().contains(PRECOMMIT_CONFIG + " is not a file")) {
        return p.result(
            StepKind.PRECOMMIT, StepStatus.NA, p.output(), "no " + PRECOMMIT_CONFIG + " file");
      }
      return p.byExitCode(StepKind.PRECOMMIT, options.precommitTimeout());
    }

    PipelineResult unsupported(String lang) throws IOException {
      String why = "no build pipeline for language '" + lang + "'";
      BuildStepResult[] s = new BuildStepResult[4];
      for (StepKind k : StepKind.values()) {
        s[k.ordinal()] = BuildStepResult.na(k, why, why);
      }
      return new PipelineResult(lang, s[0], s[1], s[2], s[3], now());
    }

    private Exec execIfInstalled(
        String tool, List<String> cmd, Path cwd, Map<String, String> env, Duration timeout)
        throws IOException {
      if (find(tool) == null) {
        return Exec.missing(
            (tool.contains("/") ? tool + " is not an executable file" : tool + " not installed")
                + " (not found on PATH)");
      }
      return exec(cmd, cwd, env, timeout);
    }

    private Exec exec(List<String> cmd, Path cwd, Map<String, String> env, Duration timeout)
        throws IOException {
      if (cancel.isCancelled()) {
        throw interrupted();
      }
      Map<String, String> all = new LinkedHashMap<>(options.env());
      all.putAll(env);
      Captured cap;
      try {
        cap = Captured.run(launcher, cmd, cwd, all, timeout, cancel);
      } catch (ProcessStartException e) {
        return Exec.missing(e.getMessage());
      }
      if (cap.outcome().cancelled()) {
        throw interrupted();
      }
      return new Exec(
          null,
          cap.exitCode(),
          cap.outcome().timedOut(),
          cap.stdout(),
          cap.stderr(),
          cap.outcome().elapsedSeconds(),
          String.join(" ", cmd));
    }

    private ScyllaException interrupted() {
      return new ScyllaException(
          ScyllaException.Kind.INTERRUPTED, "build pipeline in " + ws + " cancelled");
    }

    private String cacheDir(String name) {
      return options.cacheDir().resolve(name).toString();
    }

    private void writeScripts(String lang, Map<String, String> scripts) throws IOException {
      if (commands == null) {
        return;
      }
      List<String> order =
          lang.equals("python")
              ? List.of("python_check.sh", "python_format.sh", "python_test.sh", "precommit.sh")
              : List.of("mojo_build.sh", "mojo_format.sh", "mojo_test.sh", "precommit.sh");
      for (String name : order) {
        writeExecutable(commands.resolve(name), scripts.get(name));
      }
      StringBuilder all =
          new StringBuilder(
              "#!/usr/bin/env bash\n"
                  + "# Generated by scylla: runs every step of the build pipeline in order.\n"
                  + "set -uo pipefail\n"
                  + "DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\n");
      for (String name : order) {
        all.append("echo '=== Running ").append(name).append(" ==='\n");
        all.append("bash \"$DIR/").append(name).append("\"\n");
      }
      all.append("echo '=== All checks completed ==='\n");
      writeExecutable(commands.resolve("run_all.sh"), all.toString());
    }

    private void log(String name, BuildStepResult s) throws IOException {
      if (commands != null && !s.output().isEmpty()) {
        AtomicFiles.writeString(commands.resolve(name), s.output());
      }
    }
  }

  /** A replay script: the working directory, the environment and the one command. */
  static String script(Path cwd, Map<String, String> env, List<String> cmd, boolean missing) {
    StringBuilder sb =
        new StringBuilder(
            "#!/usr/bin/env bash\n"
                + "# Generated by scylla: replays one step of the build pipeline.\n"
                + "set -euo pipefail\n");
    if (missing) {
      sb.append("# ")
          .append(cmd.get(0))
          .append(" was not installed when the pipeline ran: the step was N/A.\n");
    }
    sb.append("WORKSPACE=").append(quote(cwd.toString())).append('\n');
    sb.append("cd \"$WORKSPACE\"\n");
    env.forEach((k, v) -> sb.append("export ").append(k).append('=').append(quote(v)).append('\n'));
    List<String> quoted = new ArrayList<>();
    for (String a : cmd) {
      quoted.add(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : quote(a));
    }
    sb.append(String.join(" ", quoted)).append('\n');
    return sb.toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static void writeExecutable(Path file, String text) throws IOException {
    AtomicFiles.writeString(file, text);
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the script is still there, run it with bash
    }
  }

  static String cap(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return s.substring(0, max) + "\n... (truncated, " + (s.length() - max) + " more characters)";
  }

  /** What one process did, or why it could not run. */
  private record Exec(
      String missing,
      int exitCode,
      boolean timedOut,
      String stdout,
      String stderr,
      double seconds,
      String command) {

    static Exec missing(String why) {
      return new Exec(why, -1, false, "", "", 0.0, null);
    }

    String output() {
      return stdout + "\n" + stderr;
    }

    BuildStepResult result(StepKind kind, StepStatus status, String output, String reason) {
      return new BuildStepResult(
          kind, status, output, reason, exitCode, timedOut, seconds, command);
    }

    BuildStepResult failed(StepKind kind, String output, Duration timeout) {
      if (timedOut) {
        return result(
            kind,
            StepStatus.FAILED,
            output + "\nTimed out after " + timeout.toSeconds() + " s",
            "timed out after " + timeout.toSeconds() + " s");
      }
      return result(kind, StepStatus.FAILED, output, "exit code " + exitCode);
    }

    BuildStepResult byExitCode(StepKind kind, Duration timeout) {
      if (timedOut || exitCode != 0) {
        return failed(kind, output(), timeout);
      }
      return result(kind, StepStatus.PASSED, output(), null);
    }
  }
}
