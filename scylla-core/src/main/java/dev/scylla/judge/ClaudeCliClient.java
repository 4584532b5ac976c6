package dev.scylla.judge;

import dev.scylla.model.CallSpend;
import dev.scylla.model.RateLimit;
import dev.scylla.process.Cancellation;
import dev.scylla.process.Captured;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.process.ProcessOutcome;
import dev.scylla.process.ProcessSpec;
import dev.scylla.process.ProcessStartException;
import dev.scylla.store.ClaudeOutput;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges with the {@code claude} CLI as the reference does, but with no tool offered at all ({@code
 * --tools ""}) and no session transcript kept ({@code --no-session-persistence}): print mode, the
 * system prompt from a file, the user prompt on stdin, the parent's environment without {@code
 * CLAUDECODE}. Its stdout and stderr stream straight into the slot's {@code stdout.log} and {@code
 * stderr.log}. The working directory is the slot directory, never the workspace (which may be
 * gone). A timeout kills the whole process tree.
 */
public final class ClaudeCliClient implements JudgeClient {
  private final ProcessLauncher launcher;
  private final String executable;
  private final String outputFormat;
  private final Map<String, String> env;
  private final Clock clock;
  private volatile String version;

  /**
   * @param executable the resolved executable (a path, or a name on {@code env}'s PATH)
   * @param env variables set on top of this process's environment (null values remove)
   */
  public ClaudeCliClient(
      ProcessLauncher launcher,
      String executable,
      String outputFormat,
      Map<String, String> env,
      Clock clock) {
    this.launcher = launcher;
    this.executable = executable;
    this.outputFormat = outputFormat == null ? "stream-json" : outputFormat;
    Map<String, String> e = new LinkedHashMap<>(env);
    e.put("CLAUDECODE", null);
    this.env = java.util.Collections.unmodifiableMap(e);
    this.clock = clock;
  }

  @Override
  public String backend() {
    return ClientSettings.Backend.CLAUDE_CLI.jsonName();
  }

  public String executable() {
    return executable;
  }

  /** The command line of one call (the prompt goes on stdin). */
  public List<String> command(JudgeCall call) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable);
    cmd.add("--model");
    cmd.add(call.model());
    cmd.add("--print");
    cmd.add("--output-format");
    cmd.add(outputFormat);
    if (outputFormat.equals("stream-json")) {
      cmd.add("--verbose");
    }
    cmd.add("--dangerously-skip-permissions");
    // "--tools ''" offers the model no tool at all; the real CLI still offers all of its tools
    // with "--allowedTools ''" (claude-cli/README.md). No transcript is left under ~/.claude.
    cmd.add("--tools");
    cmd.add("");
    cmd.add("--no-session-persistence");
    cmd.add("--system-prompt-file");
    cmd.add(call.systemPromptFile().toString());
    return cmd;
  }

  @Override
  public List<String> rawFiles() {
    return List.of(RunFiles.Slot.STDOUT, RunFiles.Slot.STDERR);
  }

  @Override
  public ClientReply call(JudgeCall call, Cancellation cancellation) throws IOException {
    Path out = call.outputDir().resolve(RunFiles.Slot.STDOUT);
    Path err = call.outputDir().resolve(RunFiles.Slot.STDERR);
    ProcessSpec spec =
        new ProcessSpec(
            command(call),
            call.outputDir(),
            env,
            call.userPrompt().getBytes(StandardCharsets.UTF_8),
            out,
            err,
            call.timeout());
    ProcessOutcome o;
    try {
      o = launcher.run(spec, cancellation);
    } catch (ProcessStartException e) {
      return new ClientReply.Failed(e.getMessage(), false, true);
    }
    if (o.cancelled()) {
      return new ClientReply.Cancelled();
    }
    String stdout = read(out);
    String stderr = read(err);
    if (o.timedOut()) {
      return new ClientReply.Failed(
          "judge timed out after " + seconds(call.timeout()) + " s (process tree killed)",
          true,
          false);
    }
    Optional<RateLimit> limit =
        RateLimit.detect(stdout, stderr, o.exitCode() != 0, clock.instant());
    if (limit.isPresent()) {
      return new ClientReply.Limited(limit.get());
    }
    CallSpend spend = spend(call.model(), stdout);
    if (o.exitCode() != 0) {
      String msg =
          ClaudeOutput.errorEvent(stdout)
              .map(ClaudeOutput::errorText)
              .filter(s -> !s.isBlank())
              .orElse(stderr.strip());
      if (msg.isEmpty()) {
        msg = "No error message";
      }
      return new ClientReply.Failed(
          "Claude CLI failed (exit " + o.exitCode() + "): " + firstLine(msg), false, false, spend);
    }
    Optional<String> error = ClaudeOutput.errorEvent(stdout).map(ClaudeOutput::errorText);
    if (error.isPresent()) {
      return new ClientReply.Failed(
          "Claude CLI reported an error: " + firstLine(error.get()), false, false, spend);
    }
    return new ClientReply.Answered(ClaudeOutput.responseText(stdout), spend);
  }

  /**
   * The tokens and cost of one call from the CLI's result ({@code usage}, {@code total_cost_usd});
   * the price table prices the tokens when the CLI gave no cost; unknown without a result (plain
   * {@code text} output).
   */
  static CallSpend spend(String model, String stdout) {
    Optional<ClaudeOutput> result = ClaudeOutput.parse(stdout);
    if (result.isEmpty()) {
      return CallSpend.UNKNOWN;
    }
    ClaudeOutput r = result.get();
    return r.totalCostUsd() != null
        ? new CallSpend(r.usage(), r.totalCostUsd())
        : CallSpend.priced(model, r.usage());
  }

  @Override
  public String version() {
    String v = version;
    if (v == null) {
      v = "unknown";
      try {
        Captured c =
            Captured.run(
                launcher,
                List.of(executable, "--version"),
                null,
                env,
                Duration.ofSeconds(10),
                Cancellation.never());
        if (c.ok() && !c.stdout().isBlank()) {
          v = c.stdout().strip();
        }
      } catch (IOException e) {
        // keep "unknown"
      }
      version = v;
    }
    return v;
  }

  private static String read(Path p) throws IOException {
    return Files.isRegularFile(p) ? new String(Files.readAllBytes(p), StandardCharsets.UTF_8) : "";
  }

  static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    String line = nl < 0 ? t : t.substring(0, nl).strip();
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format("%.1f", ms / 1000.0);
  }
}
