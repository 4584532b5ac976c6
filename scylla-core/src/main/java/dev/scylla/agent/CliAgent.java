package dev.scylla.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.event.Event;
import dev.scylla.event.EventSink;
import dev.scylla.model.AgentResult;
import dev.scylla.model.AgentTiming;
import dev.scylla.model.CommandLog;
import dev.scylla.model.RateLimit;
import dev.scylla.model.Timestamps;
import dev.scylla.model.TokenStats;
import dev.scylla.process.Cancellation;
import dev.scylla.process.Captured;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.process.ProcessOutcome;
import dev.scylla.process.ProcessSpec;
import dev.scylla.process.ProcessStartException;
import dev.scylla.store.AgentFiles;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.ClaudeOutput;
import dev.scylla.store.Json;
import dev.scylla.store.ModelJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The common life of a command-line agent run: write the prompt, the command log and {@code
 * replay.sh}; run {@code bash replay.sh} in the workspace (own process group, timeout, tree kill on
 * timeout or cancellation) with stdout and stderr streaming into {@code agent/stdout.log} and
 * {@code agent/stderr.log}; then parse the output and write the command log update, {@code
 * timing.json}, {@code output.txt}, {@code result.json} and {@code MODEL.md}. Running the replay
 * script itself means it is an exact record of what ran.
 */
abstract class CliAgent implements AgentAdapter {
  /** Variables recorded in the command log (when set), as the reference does. */
  private static final List<String> LOGGED_ENV =
      List.of("PATH", "HOME", "USER", "SHELL", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV");

  protected final ProcessLauncher launcher;
  protected final EventSink events;
  private final Map<String, String> versions = new ConcurrentHashMap<>();

  CliAgent(ProcessLauncher launcher, EventSink events) {
    this.launcher = launcher;
    this.events = events;
  }

  /**
   * The command to run.
   *
   * @param argv the program and its arguments (the prompt, if passed as an argument, is last)
   * @param promptOnStdin whether {@code agent/prompt.md} is fed on standard input
   * @param env variables for the agent on top of the invocation's (null removes one)
   */
  record Command(List<String> argv, boolean promptOnStdin, Map<String, String> env) {}

  /**
   * What the adapter read from the output.
   *
   * @param hasResult the output holds the agent's result (for CLIs with structured output)
   * @param failure why the run failed when it has no result
   * @param rateLimit a limit the CLI reported, or null
   * @param output what {@code output.txt} holds for a usable result, or null for stdout
   * @param extraResultFields fields added to {@code result.json} after the reference's, or null
   * @param turnLimitReached the agent used up its turns (a result, judged, counted apart)
   */
  record Parsed(
      boolean hasResult,
      boolean isError,
      TokenStats tokens,
      double costUsd,
      Integer apiCalls,
      String failure,
      RateLimit rateLimit,
      String output,
      ObjectNode extraResultFields,
      boolean turnLimitReached) {
    Parsed(
        boolean hasResult,
        boolean isError,
        TokenStats tokens,
        double costUsd,
        Integer apiCalls,
        String failure,
        RateLimit rateLimit) {
      this(hasResult, isError, tokens, costUsd, apiCalls, failure, rateLimit, null, null, false);
    }
  }

  /** The prompt as written to {@code agent/prompt.md} and given to the agent. */
  abstract String agentPrompt(AgentInvocation inv);

  abstract Command command(AgentInvocation inv, Path promptFile, String prompt) throws IOException;

  abstract Parsed parse(AgentInvocation inv, String stdout, String stderr, int exitCode);

  /** The command that prints the CLI's version, or null when there is none. */
  abstract List<String> versionCommand(Command c);

  abstract String modelMd(AgentInvocation inv, Command c, String version, String timestamp);

  /**
   * The file under {@code agent/} the CLI's standard output streams into: {@code stdout.log},
   * unless the adapter keeps an event stream apart and derives {@code stdout.log} from it.
   */
  String streamFile() {
    return AgentFiles.STDOUT;
  }

  /** What {@code stdout.log} holds, made from the stream (the stream itself by default). */
  String stdoutFromStream(String stream) {
    return stream;
  }

  /** A watch crediting the waits the CLI announces in its stream against the timeout, or null. */
  ApiRetryWatch retryWatch(Path stream) {
    return null;
  }

  @Override
  public final AgentOutcome run(AgentInvocation inv, Cancellation cancel) throws IOException {
    if (cancel.isCancelled()) {
      return new AgentOutcome.Cancelled(0.0);
    }
    Path agentDir = inv.agentDir().toAbsolutePath().normalize();
    Files.createDirectories(agentDir);
    AgentFiles files = new AgentFiles(agentDir);
    Path promptFile = files.prompt();
    String prompt = agentPrompt(inv);
    AtomicFiles.writeString(promptFile, prompt);
    Command cmd = command(inv, promptFile, prompt);
    Map<String, String> env = new LinkedHashMap<>(cmd.env());
    env.putAll(inv.env());
    Secrets secrets = new Secrets(System.getenv(), inv.env());

    CommandLog.Entry entry =
        new CommandLog.Entry(
            Timestamps.isoNow(),
            cmd.argv(),
            inv.workspace().toAbsolutePath().normalize().toString(),
            loggedEnv(env),
            null,
            AgentFiles.STDOUT,
            AgentFiles.STDERR,
            null);
    writeCommandLog(agentDir, entry, cmd, secrets);
    Path replay = files.replay();
    AtomicFiles.writeString(
        replay,
        secrets.scrub(
            ReplayScript.render(
                name(),
                inv.label(),
                Timestamps.isoNow(),
                agentDir,
                inv.workspace().toAbsolutePath().normalize(),
                promptFile,
                cmd,
                env)));
    replay.toFile().setExecutable(true, false);

    Path out = files.stdout();
    Path err = files.stderr();
    Path streamed = files.file(streamFile());
    ApiRetryWatch watch = retryWatch(streamed);
    String pathVar = env.containsKey("PATH") ? env.get("PATH") : System.getenv("PATH");
    String missing = null;
    try {
      LocalProcessLauncher.resolveExecutable(cmd.argv().get(0), pathVar);
    } catch (ProcessStartException e) {
      missing = AgentOutcome.MISSING_BINARY + e.getMessage();
    }
    Instant spawned = Instant.now();
    ProcessOutcome po = null;
    if (missing == null) {
      events.accept(
          new Event.Message(Event.Level.DEBUG, inv.label() + ": starting " + name() + " agent"));
      ProcessSpec spec =
          new ProcessSpec(
              List.of("bash", replay.toString()),
              inv.workspace(),
              env,
              null,
              streamed,
              err,
              inv.timeout(),
              watch);
      try {
        po = launcher.run(spec, cancel);
      } catch (ProcessStartException e) {
        missing = "cannot start the agent: " + e.getMessage();
      }
    }
    if (missing != null) {
      AtomicFiles.writeString(out, "");
      AtomicFiles.writeString(err, missing + "\n");
      AgentResult r = new AgentResult(-1, "", missing + "\n", TokenStats.ZERO, 0.0, 0);
      double d = seconds(spawned);
      finish(agentDir, inv, cmd, env, entry, secrets, -1, d, "", r, null);
      return new AgentOutcome.Failed(missing, r, d);
    }
    String stream = read(streamed);
    String stdout = stream;
    if (!streamed.equals(out)) {
      stdout = stdoutFromStream(stream);
      AtomicFiles.writeString(out, stdout);
    }
    String stderr = read(err);
    if (po.cancelled()) {
      double d = seconds(spawned);
      writeCommandLog(agentDir, finished(entry, po.exitCode(), d), cmd, secrets);
      return new AgentOutcome.Cancelled(d);
    }
    ClaudeOutput.ApiRetry waiting = watch == null ? null : watch.pending();
    if (po.timedOut() && waiting != null && waiting.isRateLimit()) {
      // killed while the CLI was waiting out a rate limit (its waits are credited up to a bound):
      // a rate limit, not a timeout, so it spends no budget
      String msg =
          "scylla: the agent was still waiting out API error "
              + waiting.errorStatus()
              + " ("
              + waiting.error()
              + ") after "
              + watch.retries()
              + " retries and "
              + watch.waited().toSeconds()
              + " s of waiting; its process tree was killed";
      AgentResult r = killed(stdout, stderr, msg);
      double d = seconds(spawned);
      finish(agentDir, inv, cmd, env, entry, secrets, -1, d, "", r, retryParsed(null, watch));
      return new AgentOutcome.RateLimited(
          msg, waiting.delay(), Instant.now().plus(waiting.delay()), false, r, d);
    }
    if (po.timedOut()) {
      String msg =
          "scylla: the agent timed out after "
              + inv.timeout().toSeconds()
              + " s; its process tree was killed";
      AgentResult r = killed("", stderr, msg);
      double d = seconds(spawned);
      finish(agentDir, inv, cmd, env, entry, secrets, -1, d, "", r, retryParsed(null, watch));
      return new AgentOutcome.TimedOut(inv.timeout(), r, d);
    }
    Parsed p = retryParsed(parse(inv, stream, stderr, po.exitCode()), watch);
    AgentResult r =
        new AgentResult(
            po.exitCode(),
            stdout,
            stderr,
            p.tokens(),
            p.costUsd(),
            p.apiCalls(),
            p.hasResult() && p.turnLimitReached());
    double d = seconds(spawned);
    // output.txt holds the agent's output only when it is a usable result: a failed or
    // rate-limited run leaves it empty, so a later scan classifies the run as failed (re-run)
    // rather than as finished (judge); the raw output stays in stdout.log and result.json
    boolean usable = p.rateLimit() == null && p.hasResult();
    String output = !usable ? "" : p.output() != null ? p.output() : stdout;
    finish(agentDir, inv, cmd, env, entry, secrets, po.exitCode(), d, output, r, p);
    if (p.rateLimit() != null) {
      RateLimit rl = p.rateLimit();
      Instant now = Instant.now();
      return new AgentOutcome.RateLimited(
          rl.message(), rl.retryAfter(), rl.resetsAt(now), rl.hardLimit(), r, d);
    }
    if (p.hasResult() && p.turnLimitReached()) {
      return new AgentOutcome.TurnLimited(r, d);
    }
    if (p.hasResult()) {
      return new AgentOutcome.Finished(r, p.isError(), d);
    }
    return new AgentOutcome.Failed(p.failure(), r, d);
  }

  /**
   * The reference's infrastructure failure of a process scylla killed: exit code -1, no tokens,
   * {@code why} appended to the agent's stderr.
   */
  private static AgentResult killed(String stdout, String stderr, String why) {
    String stderrText = stderr.isEmpty() || stderr.endsWith("\n") ? stderr : stderr + "\n";
    return new AgentResult(-1, stdout, stderrText + why + "\n", TokenStats.ZERO, 0.0, 0);
  }

  /**
   * {@code parsed} with what the watch saw: {@code api_retries} and {@code api_retry_wait_seconds}
   * added to {@code result.json} when the CLI retried, and a rate limit's wait taken from the CLI's
   * last announced delay when the limit named none. {@code parsed} may be null (no result).
   */
  private static Parsed retryParsed(Parsed parsed, ApiRetryWatch watch) {
    if (watch == null || watch.retries() == 0) {
      return parsed;
    }
    ObjectNode extra = Json.object();
    if (parsed != null && parsed.extraResultFields() != null) {
      extra.setAll(parsed.extraResultFields());
    }
    extra.put("api_retries", watch.retries());
    extra.put("api_retry_wait_seconds", watch.waited().toMillis() / 1000.0);
    if (parsed == null) {
      return new Parsed(false, true, TokenStats.ZERO, 0.0, 0, null, null, null, extra, false);
    }
    RateLimit rl = parsed.rateLimit();
    ClaudeOutput.ApiRetry last = watch.last();
    if (rl != null && rl.retryAfter() == null && last != null && !last.delay().isZero()) {
      rl = new RateLimit(rl.message(), last.delay(), rl.hardLimit());
    }
    return new Parsed(
        parsed.hasResult(),
        parsed.isError(),
        parsed.tokens(),
        parsed.costUsd(),
        parsed.apiCalls(),
        parsed.failure(),
        rl,
        parsed.output(),
        extra,
        parsed.turnLimitReached());
  }

  /** The files written after the process: command log update, timing, output, result, MODEL.md. */
  private void finish(
      Path agentDir,
      AgentInvocation inv,
      Command cmd,
      Map<String, String> env,
      CommandLog.Entry entry,
      Secrets secrets,
      int exitCode,
      double duration,
      String output,
      AgentResult result,
      Parsed parsed)
      throws IOException {
    AgentFiles files = new AgentFiles(agentDir);
    writeCommandLog(agentDir, finished(entry, exitCode, duration), cmd, secrets);
    AtomicFiles.writeJson(
        files.timing(), ModelJson.toJson(new AgentTiming(duration, Timestamps.isoNow())));
    AtomicFiles.writeString(files.output(), output);
    ObjectNode resultJson = ModelJson.toJson(result);
    if (parsed != null && parsed.extraResultFields() != null) {
      resultJson.setAll(parsed.extraResultFields());
    }
    AtomicFiles.writeJson(files.result(), resultJson);
    AtomicFiles.writeString(
        files.model(), modelMd(inv, cmd, version(cmd, env), Timestamps.isoNow()));
  }

  private static CommandLog.Entry finished(CommandLog.Entry e, int exitCode, double duration) {
    return new CommandLog.Entry(
        Timestamps.isoNow(),
        e.command(),
        e.cwd(),
        e.envVars(),
        exitCode,
        e.stdoutFile(),
        e.stderrFile(),
        duration);
  }

  private static void writeCommandLog(
      Path agentDir, CommandLog.Entry entry, Command cmd, Secrets secrets) throws IOException {
    ObjectNode log = ModelJson.toJson(new CommandLog(Timestamps.isoNow(), 1, List.of(entry)));
    if (cmd.promptOnStdin()) {
      ((ObjectNode) log.get("commands").get(0)).put("stdin_file", AgentFiles.PROMPT);
    }
    AtomicFiles.writeString(new AgentFiles(agentDir).commandLog(), secrets.scrub(Json.write(log)));
  }

  private static Map<String, String> loggedEnv(Map<String, String> extra) {
    Map<String, String> effective = new HashMap<>(System.getenv());
    extra.forEach(
        (k, v) -> {
          if (v == null) {
            effective.remove(k);
          } else {
            effective.put(k, v);
          }
        });
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : LOGGED_ENV) {
      if (effective.containsKey(k)) {
        out.put(k, effective.get(k));
      }
    }
    for (String k : List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY")) {
      if (effective.containsKey(k)) {
        out.put(k, Secrets.REDACTED);
      }
    }
    extra.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, Secrets.isSecretName(k) ? Secrets.REDACTED : v);
          }
        });
    return out;
  }

  /** The CLI's version (cached per resolved command), or "unknown". */
  String version(Command cmd, Map<String, String> env) {
    List<String> vc = versionCommand(cmd);
    if (vc == null) {
      return "unknown";
    }
    String pathVar = env.containsKey("PATH") ? env.get("PATH") : System.getenv("PATH");
    String exe;
    try {
      exe = LocalProcessLauncher.resolveExecutable(vc.get(0), pathVar).toString();
    } catch (ProcessStartException e) {
      return "unknown";
    }
    List<String> resolved = new ArrayList<>(vc);
    resolved.set(0, exe);
    return versions.computeIfAbsent(
        String.join("\u0000", resolved),
        k -> {
          try {
            Captured c = Captured.run(launcher, resolved, null, env, Duration.ofSeconds(10));
            String v = c.stdout().strip();
            return c.ok() && !v.isEmpty() ? v.lines().findFirst().orElse(v) : "unknown";
          } catch (IOException | RuntimeException e) {
            return "unknown";
          }
        });
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
  }

  private static double seconds(Instant from) {
    return Duration.between(from, Instant.now()).toNanos() / 1e9;
  }

  /**
   * The most telling line of an error output, for failure messages: the first line that mentions an
   * error, else the last non-blank line.
   */
  static String lastLine(String text) {
    List<String> lines = new ArrayList<>();
    for (String l : text.strip().split("\n")) {
      if (!l.isBlank()) {
        lines.add(l.strip());
      }
    }
    for (String l : lines) {
      String lower = l.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("error") || lower.contains("error:") || lower.startsWith("fatal")) {
        return l;
      }
    }
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  static String abbreviate(String s, int max) {
    String one = s.strip().replace('\n', ' ');
    return one.length() <= max ? one : one.substring(0, max - 3) + "...";
  }
}
