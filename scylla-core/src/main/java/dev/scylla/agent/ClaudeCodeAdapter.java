package dev.scylla.agent;

import dev.scylla.event.EventSink;
import dev.scylla.model.Pricing;
import dev.scylla.model.RateLimit;
import dev.scylla.model.SystemPromptMode;
import dev.scylla.model.TokenStats;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.store.ClaudeOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Claude Code CLI with the reference's flags (scylla-execution.md §4.2) but its event stream
 * instead of one JSON document: {@code claude --model M --print --output-format stream-json
 * --verbose --dangerously-skip-permissions [--system-prompt ""] [--max-turns N]}, {@code
 * CLAUDECODE} removed from the environment. The stream goes to {@code agent/stream.jsonl}; {@code
 * stdout.log} and {@code output.txt} get its result event, the document the reference's {@code
 * --output-format json} prints, so the reference still reads the run. The stream's {@code
 * api_retry} events (the CLI retrying 429/529/5xx itself) are credited against the timeout ({@link
 * ApiRetryWatch}). The prompt goes on stdin by default (the reference passes the prompt file's
 * path; {@link PromptMode#FILE_PATH} does that). The result gives the tokens ({@code usage}), the
 * cost ({@code total_cost_usd}; the price table when it is 0 and tokens were used) and {@code
 * api_calls} ({@code num_turns}).
 *
 * <p>The executable is {@code claude} on PATH unless {@link #ENV_EXECUTABLE} or the constructor
 * names another (e.g. the bundled simulator's launcher).
 */
public final class ClaudeCodeAdapter extends CliAgent {
  /** Environment variable naming the Claude Code executable to use instead of {@code claude}. */
  public static final String ENV_EXECUTABLE = "SCYLLA_CLAUDE";

  private final String executable;
  private final PromptMode promptMode;
  private final Duration maxRetryWait;

  public ClaudeCodeAdapter(ProcessLauncher launcher, EventSink events) {
    this(launcher, events, defaultExecutable(), PromptMode.STDIN);
  }

  public ClaudeCodeAdapter(
      ProcessLauncher launcher, EventSink events, String executable, PromptMode promptMode) {
    this(launcher, events, executable, promptMode, ApiRetryWatch.MAX_CREDIT);
  }

  /**
   * @param maxRetryWait the most time the CLI's own retry waits may add to a run's timeout
   */
  ClaudeCodeAdapter(
      ProcessLauncher launcher,
      EventSink events,
      String executable,
      PromptMode promptMode,
      Duration maxRetryWait) {
    super(launcher, events);
    this.executable = executable;
    this.promptMode = promptMode;
    this.maxRetryWait = maxRetryWait;
  }

  /** {@code $SCYLLA_CLAUDE}, else {@code claude}. */
  public static String defaultExecutable() {
    String e = System.getenv(ENV_EXECUTABLE);
    return e == null || e.isBlank() ? "claude" : e;
  }

  public String executable() {
    return executable;
  }

  @Override
  public String name() {
    return "claude-code";
  }

  @Override
  String agentPrompt(AgentInvocation inv) {
    return inv.thinking().applyTo(inv.prompt());
  }

  @Override
  Command command(AgentInvocation inv, Path promptFile, String prompt) {
    List<String> argv = new ArrayList<>();
    argv.add(executable);
    argv.addAll(
        List.of(
            "--model",
            inv.model(),
            "--print",
            "--output-format",
            "stream-json",
            "--verbose",
            "--dangerously-skip-permissions"));
    if (inv.systemPromptMode() == SystemPromptMode.NONE) {
      argv.add("--system-prompt");
      argv.add("");
    }
    if (inv.maxTurns() != null) {
      argv.add("--max-turns");
      argv.add(Integer.toString(inv.maxTurns()));
    }
    switch (promptMode) {
      case ARGUMENT -> argv.add(prompt);
      case FILE_PATH -> argv.add(promptFile.toString());
      case STDIN -> {}
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CLAUDECODE", null);
    return new Command(argv, promptMode == PromptMode.STDIN, env);
  }

  /** The CLI's event stream, kept apart: {@code stdout.log} gets its result event alone. */
  static final String STREAM_FILE = dev.scylla.store.AgentFiles.CLAUDE_STREAM;

  @Override
  String streamFile() {
    return STREAM_FILE;
  }

  /**
   * The stream's result event as printed, which is exactly what {@code --output-format json} would
   * have printed (the reference's {@code stdout.log}); the whole stream when it has none (a crash).
   */
  @Override
  String stdoutFromStream(String stream) {
    return ClaudeOutput.resultLine(stream).map(l -> l + "\n").orElse(stream);
  }

  @Override
  ApiRetryWatch retryWatch(Path stream) {
    return new ApiRetryWatch(stream, maxRetryWait);
  }

  /** What the real CLI prints (stderr) when it refuses to skip permissions as root. */
  static final String ROOT_REFUSAL = "cannot be used with root/sudo privileges";

  @Override
  Parsed parse(AgentInvocation inv, String stdout, String stderr, int exitCode) {
    Optional<ClaudeOutput> out = ClaudeOutput.parse(stdout);
    Instant now = Instant.now();
    if (out.isPresent()) {
      ClaudeOutput o = out.get();
      TokenStats t = o.usage();
      double cost = o.totalCostUsd() == null ? 0.0 : o.totalCostUsd();
      if (cost == 0.0 && (t.inputTokens() > 0 || t.outputTokens() > 0)) {
        cost = Pricing.fallbackCost(inv.model(), t);
      }
      Integer turns =
          o.numTurns() != null && o.numTurns() > 0
              ? o.numTurns()
              : OutputHeuristics.apiCalls(stdout);
      RateLimit rl =
          o.isError() || exitCode != 0
              ? RateLimit.detect(stdout, stderr, exitCode != 0, now).orElse(null)
              : null;
      Integer status = o.isError() ? o.apiErrorStatus() : null;
      if (rl == null && status != null && (status == 429 || status == 529)) {
        rl = new RateLimit(o.text(), null, false);
      }
      if (rl == null && status != null) {
        // the real CLI reports an API failure as subtype "success" with is_error true,
        // api_error_status and zero usage: the agent never worked, so this is never a result to
        // judge
        return new Parsed(false, true, t, cost, turns, apiFailure(status, o.text()), null);
      }
      boolean turnLimit = rl == null && o.turnLimitReached();
      return new Parsed(true, o.isError(), t, cost, turns, null, rl, null, null, turnLimit);
    }
    if (exitCode != 0 && (stderr.contains(ROOT_REFUSAL) || stdout.contains(ROOT_REFUSAL))) {
      return new Parsed(
          false,
          true,
          TokenStats.ZERO,
          0.0,
          0,
          AgentOutcome.SETUP_PROBLEM
              + "claude refuses --dangerously-skip-permissions as root; run scylla as a normal"
              + " user, or set IS_SANDBOX=1 when this machine is a sandbox",
          null);
    }
    RateLimit rl = RateLimit.detect(stdout, stderr, true, now).orElse(null);
    String failure;
    if (exitCode != 0) {
      String last = lastLine(stderr);
      failure =
          "claude exited with code "
              + exitCode
              + (last.isEmpty() ? " and printed no result" : ": " + abbreviate(last, 160));
    } else if (stdout.isBlank()) {
      failure = "claude printed nothing (no JSON result)";
    } else {
      failure = "claude's output is not a JSON result: " + abbreviate(stdout, 80);
    }
    TokenStats t = OutputHeuristics.tokens(stdout + "\n" + stderr);
    double cost = t.isZero() ? 0.0 : Pricing.fallbackCost(inv.model(), t);
    return new Parsed(false, true, t, cost, OutputHeuristics.apiCalls(stdout), failure, rl);
  }

  /**
   * Why a run whose API call failed with {@code status} did not finish: rejected credentials are a
   * setup problem (every run would fail the same way); any other status is an infrastructure
   * failure, re-run within the run's budget.
   */
  private static String apiFailure(int status, String text) {
    if (status == 401 || status == 403) {
      return AgentOutcome.SETUP_PROBLEM
          + "the API rejected claude's credentials ("
          + status
          + "): check ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL";
    }
    return "claude reported API error "
        + status
        + ": "
        + abbreviate(text.isBlank() ? "(no message)" : text, 160);
  }

  @Override
  List<String> versionCommand(Command c) {
    return List.of(executable, "--version");
  }

  @Override
  String modelMd(AgentInvocation inv, Command c, String version, String timestamp) {
    return "# Agent Model Information\n\n"
        + "**Model**: "
        + inv.model()
        + "\n**Claude Code Version**: "
        + version
        + "\n**Timestamp**: "
        + timestamp
        + "\n\n## Configuration\n\n"
        + "- Model ID: "
        + inv.model()
        + "\n- Output Format: stream-json (events in agent/stream.jsonl)\n"
        + "- Permissions: dangerously-skip-permissions (for testing)\n"
        + "- Prompt: "
        + switch (promptMode) {
          case STDIN -> "on stdin (agent/prompt.md)";
          case ARGUMENT -> "as an argument";
          case FILE_PATH -> "the path of agent/prompt.md";
        }
        + "\n\n## Environment\n\n- Generated by scylla (claude-code adapter)\n";
  }
}
