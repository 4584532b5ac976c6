package dev.scylla.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Grades;
import dev.scylla.model.Pricing;
import dev.scylla.model.TokenStats;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.Json;
import dev.scylla.store.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one simulated {@code claude} call does.
 *
 * <p><b>Agent mode</b> (the default): reads the prompt (the positional argument, the file it names,
 * or stdin), finds the file the task asks for (the first backticked file name, e.g. {@code
 * `hello.py`}) and the text it must print, and writes that file into the working directory. Which
 * version it writes is drawn from the seed and the run's identity: a minimal correct script, a
 * verbose but correct one, or a flawed one that prints the wrong text; a CLAUDE.md makes the flawed
 * one rarer, installed skills or agents the verbose one. It then prints the CLI's result (token use
 * from the configuration, varied by the same draw). Without a task it answers "OK" (model checks).
 *
 * <p><b>Judge mode</b> ({@code --system-prompt-file} given, or a prompt with the reference's {@code
 * ## Rubric (Evaluation Criteria)} section): reads the rubric, the task, the workspace state and
 * the diff from the prompt, checks whether the expected file exists and prints the expected text,
 * scores every rubric item from that evidence, and answers a verdict JSON ({@code score}, {@code
 * passed}, {@code grade}, {@code reasoning}, {@code categories}) in a ```json fence.
 *
 * <p><b>Output</b> ({@link CliOutput}): the real CLI's {@code result} for {@code --output-format
 * json}; for {@code stream-json --verbose} its {@code system/init} event, then per turn an {@code
 * assistant} event (the first turn a Write tool use of the file, the next ones a Bash run of it,
 * each followed by a {@code user} event with the tool's result, the last one the answer), then the
 * {@code result}. {@code --max-turns N} below the drawn turns ends after N turns with the real
 * {@code error_max_turns} result (exit 1).
 *
 * <p><b>Failures</b> ({@link FailureRule}) are played before any work.
 */
final class Simulation {
  private static final Pattern TARGET =
      Pattern.compile("`(?:\\./)?([A-Za-z0-9_][A-Za-z0-9_.-]*\\.[A-Za-z0-9]{1,5})`");
  private static final Pattern EXACT =
      Pattern.compile("print(?:s)?\\s+exactly:?\\s*`([^`]+)`", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTED =
      Pattern.compile("prints?\\s+\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
  private static final String RUBRIC_HEADER = "## Rubric (Evaluation Criteria)";

  private final Map<String, String> env;
  private final Path cwd;
  private final InputStream stdin;
  private final PrintStream out;
  private final PrintStream err;

  Simulation(
      Map<String, String> env, Path cwd, InputStream stdin, PrintStream out, PrintStream err) {
    this.env = env;
    this.cwd = cwd;
    this.stdin = stdin;
    this.out = out;
    this.err = err;
  }

  int run(ClaudeSimulator.Args args) {
    SimConfig config;
    try {
      config = SimConfig.load(env);
    } catch (IllegalArgumentException e) {
      err.println("scylla simulator: bad configuration: " + e.getMessage());
      return 2;
    }
    if (args.outputFormat().equals("stream-json") && !args.verbose()) {
      err.println("Error: When using --print, --output-format=stream-json requires --verbose");
      return 1;
    }
    String prompt;
    try {
      prompt = prompt(args);
    } catch (IOException e) {
      err.println("Error: cannot read the prompt: " + e.getMessage());
      return 1;
    }
    if (prompt.isBlank()) {
      err.println(
          "Error: Input must be provided either through stdin or as a prompt argument when using"
              + " --print");
      return 1;
    }
    boolean judge = args.systemPromptFile() != null || prompt.contains(RUBRIC_HEADER);
    String mode = judge ? "judge" : "agent";
    String run = env.get("SCYLLA_SIM_RUN");
    String identity =
        judge
            ? "judge:"
                + args.model()
                + ":"
                + hex(sha256(judgeEvidence(prompt))).substring(0, 16)
                + (run == null ? "" : ":" + run)
            : "agent:" + args.model() + ":" + (run != null ? run : cwd.toString());
    int call;
    try {
      call = CallCounter.next(config.stateDir(), identity);
    } catch (IOException e) {
      err.println("scylla simulator: cannot count calls in " + config.stateDir() + ": " + e);
      return 2;
    }
    FailureRule.Kind failure = failure(config, mode, identity, call);
    long seed = config.seed() ^ mix(identity);
    CliOutput cli = new CliOutput(identity + "#" + call + "#" + config.seed(), args.model());
    List<ObjectNode> preamble = new ArrayList<>();
    if (failure == FailureRule.Kind.RATE_LIMIT_RECOVERED) {
      // a 429 the CLI waits out itself: stream-json shows the retry, then the call goes on
      preamble.add(cli.apiRetry(1, maxRetries(), retryDelay(429, 1, config, seed), 429));
    } else if (failure != null) {
      return playFailure(failure, config, args, cli, seed);
    }
    try {
      return judge
          ? judge(args, config, prompt, seed, cli, preamble)
          : agent(args, config, prompt, seed, call, cli, preamble);
    } catch (IOException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The run-specific part of a judge prompt (agent output, workspace state, diff), so a retry of
   * the same slot with a reminder appended is the same call key; the whole prompt when it has none
   * of these sections.
   */
  static String judgeEvidence(String prompt) {
    Map<String, String> s = sections(prompt);
    String evidence =
        s.getOrDefault("Agent's Output", "")
            + s.getOrDefault("Workspace State After Agent Execution", "")
            + s.getOrDefault("Git Diff (Patchfile)", "");
    return evidence.isBlank() ? prompt : evidence;
  }

  private String prompt(ClaudeSimulator.Args args) throws IOException {
    if (args.prompt() != null) {
      Path p = cwd.resolve(args.prompt().strip());
      if (args.prompt().length() < 4096
          && !args.prompt().contains("\n")
          && Files.isRegularFile(p)) {
        return Files.readString(p, StandardCharsets.UTF_8);
      }
      return args.prompt();
    }
    return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ failures

  static FailureRule.Kind failure(SimConfig config, String mode, String key, int call) {
    for (int i = 0; i < config.failures().size(); i++) {
      FailureRule r = config.failures().get(i);
      if (!r.concerns(mode, key)) {
        continue;
      }
      if (r.firstCalls() != null) {
        if (call >= r.firstCalls()) {
          continue;
        }
        double draw = new SplittableRandom(config.seed() ^ mix(key + "#rule" + i)).nextDouble();
        if (draw < r.probability()) {
          return r.kind();
        }
      } else {
        double draw =
            new SplittableRandom(config.seed() ^ mix(key + "#rule" + i + "#call" + call))
                .nextDouble();
        if (draw < r.probability()) {
          return r.kind();
        }
      }
    }
    return null;
  }

  private int playFailure(
      FailureRule.Kind kind,
      SimConfig config,
      ClaudeSimulator.Args args,
      CliOutput cli,
      long seed) {
    switch (kind) {
      case CRASH -> {
        err.println("Error: simulated crash (scylla simulator)");
        err.println("    at main (file:///usr/lib/node_modules/claude-code/cli.js:1:1)");
        return 1;
      }
      case HANG -> {
        sleep(config.hangSeconds() * 1000);
        return 0;
      }
      case EMPTY -> {
        return 0;
      }
      case MALFORMED -> {
        out.print("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_tur");
        out.flush();
        return 0;
      }
      case RATE_LIMIT, SERVER_ERROR, OVERLOADED, AUTH_ERROR -> {
        int status = status(kind);
        String text;
        int retries = maxRetries();
        if (kind == FailureRule.Kind.RATE_LIMIT && config.rateLimitStyle().equals("usage_limit")) {
          // a subscription's usage limit, which names its reset time and is not retried
          ZonedDateTime at =
              Instant.now().plusSeconds(config.retryAfterSeconds() + 59).atZone(ZoneOffset.UTC);
          text =
              "You've hit your limit \u00b7 resets "
                  + at.format(DateTimeFormatter.ofPattern("h:mma", Locale.ROOT))
                      .toLowerCase(Locale.ROOT)
                  + " (UTC)";
          retries = 0;
        } else {
          text = CliOutput.apiErrorText(status, gatewayHost());
        }
        // the CLI retries the call itself (printing nothing about it in json mode), then gives up
        List<ObjectNode> events = new ArrayList<>();
        double waited = 0;
        for (int n = 1; n <= retries; n++) {
          double delay = retryDelay(status, n, config, seed);
          waited += delay;
          events.add(cli.apiRetry(n, retries, delay, status));
        }
        events.add(cli.syntheticError(status, text));
        emit(args, cli, events, cli.apiError(status, text, Math.round(waited) + 120), text);
        return 1;
      }
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  /** The HTTP status an API failure kind stands for. */
  static int status(FailureRule.Kind kind) {
    return switch (kind) {
      case RATE_LIMIT, RATE_LIMIT_RECOVERED -> 429;
      case OVERLOADED -> 529;
      case AUTH_ERROR -> 401;
      default -> 500;
    };
  }

  /** How often the CLI retries a failed API call: {@code CLAUDE_CODE_MAX_RETRIES}, else 10. */
  int maxRetries() {
    String v = env.get("CLAUDE_CODE_MAX_RETRIES");
    if (v != null) {
      try {
        return Math.max(0, Integer.parseInt(v.strip()));
      } catch (NumberFormatException e) {
        return 10;
      }
    }
    return 10;
  }

  /**
   * The wait before retry {@code attempt}, as the real CLI reports it: its backoff (500 ms ×
   * 2^(attempt−1), at most 32 s, plus up to 25% jitter, a fraction), or for a 429 the API's {@code
   * retry-after} ({@code retry_after_seconds}, a whole number of ms) when that is longer.
   */
  static double retryDelay(int status, int attempt, SimConfig config, long seed) {
    double base = Math.min(32_000, 500 * Math.pow(2, Math.min(attempt - 1, 16)));
    double backoff = base * (1 + 0.25 * new SplittableRandom(seed ^ attempt).nextDouble());
    if (status == 429) {
      long retryAfter = config.retryAfterSeconds() * 1000;
      if (retryAfter >= backoff) {
        return retryAfter;
      }
    }
    return backoff;
  }

  /** The host:port the CLI names in its 5xx errors: the base URL's, else the public API's. */
  private String gatewayHost() {
    String base = env.get("ANTHROPIC_BASE_URL");
    if (base != null && !base.isBlank()) {
      try {
        java.net.URI u = java.net.URI.create(base.strip());
        if (u.getHost() != null) {
          return u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        }
      } catch (IllegalArgumentException e) {
        // fall through to the public API
      }
    }
    return "api.anthropic.com";
  }

  // ------------------------------------------------------------------ agent

  private int agent(
      ClaudeSimulator.Args args,
      SimConfig config,
      String prompt,
      long seed,
      int call,
      CliOutput cli,
      List<ObjectNode> preamble)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    Matcher tm = TARGET.matcher(prompt);
    String target = tm.find() ? tm.group(1) : null;
    String expected = expectedOutput(prompt);
    boolean claudeMd = Files.isRegularFile(cwd.resolve("CLAUDE.md"));
    long configChars = claudeMd ? Files.size(cwd.resolve("CLAUDE.md")) : 0;
    boolean skills = nonEmptyDir(cwd.resolve(".claude/skills"));
    boolean agents = nonEmptyDir(cwd.resolve(".claude/agents"));
    configChars += treeSize(cwd.resolve(".claude"));
    double pFlawed = claudeMd ? 0.08 : 0.18;
    double pVerbose = skills || agents ? 0.15 : 0.30;
    double u = rnd.nextDouble();
    String variant = u < pFlawed ? "flawed" : u < pFlawed + pVerbose ? "verbose" : "minimal";
    double scale = 0.8 + 0.4 * rnd.nextDouble();
    TokenStats base = config.tokens();
    double outScale = scale * (variant.equals("verbose") ? 1.5 : 1.0);
    String lower = prompt.stripLeading().toLowerCase(Locale.ROOT);
    if (lower.startsWith("think") || lower.startsWith("ultrathink")) {
      outScale *= 1.3;
    }
    int turns = 3 + rnd.nextInt(5);
    sleep(config.agentLatencyMs());
    String text;
    String printed = null;
    String written = null;
    if (target == null) {
      text = "OK";
      turns = 1;
    } else {
      Path file = cwd.resolve(target).normalize();
      if (!file.startsWith(cwd)) {
        err.println("Error: refusing to write outside the working directory: " + target);
        return 1;
      }
      printed = variant.equals("flawed") ? expected.replace(",", "") : expected;
      written = content(target, printed, variant);
      AtomicFiles.writeString(file, written);
      text =
          "Created `"
              + target
              + "` in the current working directory.\n\nAbsolute path: `"
              + file
              + "`\n\nRunning it prints `"
              + printed
              + "` and exits with code 0.";
    }
    TokenStats tokens =
        new TokenStats(
            Math.round(base.inputTokens() * scale),
            Math.round(base.outputTokens() * outScale),
            Math.round(base.cacheCreationTokens() * scale) + configChars / 4,
            Math.round(base.cacheReadTokens() * scale * turns / 5.0));
    double cost = round(Pricing.estimate(args.model(), tokens), 7);
    long durationMs = config.agentLatencyMs() + 1000L * turns + rnd.nextInt(1000);
    List<ObjectNode> events = new ArrayList<>(preamble);
    if (target == null) {
      events.add(cli.assistant(CliOutput.textBlock(text), tokens));
      emit(args, cli, events, cli.success(text, turns, tokens, cost, durationMs), text);
      return 0;
    }
    // the turns the CLI shows: Write the file, run it (Bash) until the last turn, answer
    Path file = cwd.resolve(target).normalize();
    int limit = args.maxTurns() == null ? turns : Math.max(1, args.maxTurns());
    int played = Math.min(turns, limit);
    TokenStats used = TokenStats.ZERO;
    for (int i = 0; i < played; i++) {
      TokenStats share = share(tokens, turns, i);
      used = used.plus(share);
      if (i == turns - 1) {
        events.add(cli.assistant(CliOutput.textBlock(text), share));
      } else if (i == 0) {
        ObjectNode input = Json.object();
        input.put("file_path", file.toString());
        input.put("content", written);
        ObjectNode use = cli.toolUseBlock("Write", input);
        events.add(cli.assistant(use, share));
        events.add(
            cli.toolResult(
                use.get("id").asText(),
                CliOutput.writeText(file),
                null,
                CliOutput.writeResult(file, written)));
      } else {
        ObjectNode input = Json.object();
        input.put("command", runCommand(target));
        input.put("description", "Run " + target);
        ObjectNode use = cli.toolUseBlock("Bash", input);
        events.add(cli.assistant(use, share));
        String stdout = runCommand(target).startsWith("cat ") ? written.strip() : printed;
        events.add(
            cli.toolResult(use.get("id").asText(), stdout, false, CliOutput.bashResult(stdout)));
      }
    }
    if (played < turns) {
      // --max-turns reached: the CLI stops after the tool turns it was allowed, exit 1
      double usedCost = round(Pricing.estimate(args.model(), used), 7);
      emit(
          args,
          cli,
          events,
          cli.maxTurns(limit, used, usedCost, durationMs * played / turns),
          "Error: Reached max turns (" + limit + ")");
      return 1;
    }
    emit(args, cli, events, cli.success(text, turns, tokens, cost, durationMs), text);
    return 0;
  }

  /** Turn {@code i}'s share of {@code n} turns' tokens (the shares add up to the total). */
  static TokenStats share(TokenStats t, int n, int i) {
    return new TokenStats(
        part(t.inputTokens(), n, i),
        part(t.outputTokens(), n, i),
        part(t.cacheCreationTokens(), n, i),
        part(t.cacheReadTokens(), n, i));
  }

  private static long part(long total, int n, int i) {
    return total / n + (i < total % n ? 1 : 0);
  }

  /** The command the simulated agent runs its file with. */
  static String runCommand(String target) {
    if (target.endsWith(".py")) {
      return "python3 " + target;
    }
    if (target.endsWith(".sh")) {
      return "sh " + target;
    }
    if (target.endsWith(".mojo")) {
      return "mojo run " + target;
    }
    return "cat " + target;
  }

  static String expectedOutput(String prompt) {
    Matcher m = EXACT.matcher(prompt);
    if (m.find()) {
      return m.group(1);
    }
    m = QUOTED.matcher(prompt);
    return m.find() ? m.group(1) : "Hello, World!";
  }

  private static String content(String target, String printed, String variant) {
    String escaped = printed.replace("\\", "\\\\").replace("\"", "\\\"");
    if (target.endsWith(".py")) {
      return variant.equals("verbose")
          ? "#!/usr/bin/env python3\n\"\"\"Print a greeting.\"\"\"\n\n\ndef main():\n"
              + "    print(\""
              + escaped
              + "\")\n\n\nif __name__ == \"__main__\":\n    main()\n"
          : "print(\"" + escaped + "\")\n";
    }
    if (target.endsWith(".sh")) {
      return "#!/bin/sh\necho \"" + escaped + "\"\n";
    }
    if (target.endsWith(".mojo")) {
      return "fn main():\n    print(\"" + escaped + "\")\n";
    }
    return printed + "\n";
  }

  // ------------------------------------------------------------------ judge

  private int judge(
      ClaudeSimulator.Args args,
      SimConfig config,
      String prompt,
      long seed,
      CliOutput cli,
      List<ObjectNode> preamble) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, String> sections = sections(prompt);
    String task = sections.getOrDefault("Task Given to Agent", "");
    Matcher tm = TARGET.matcher(task);
    String target = tm.find() ? tm.group(1) : null;
    String expected = expectedOutput(task);
    String workspace = sections.getOrDefault("Workspace State After Agent Execution", "");
    String diff = sections.getOrDefault("Git Diff (Patchfile)", "");
    String pipeline =
        sections.getOrDefault(
            "Build/Lint/Test Pipeline Results (After Agent)",
            sections.getOrDefault("Build/Lint/Test Pipeline Results", ""));
    List<String> added = addedLines(diff, target);
    boolean exists =
        target != null
            && (workspace.contains("`" + target + "`")
                || workspace.contains(" " + target)
                || !added.isEmpty()
                || diff.contains("b/" + target));
    Boolean correct;
    if (!added.isEmpty()) {
      correct = added.stream().anyMatch(l -> l.contains(expected));
    } else if (pipeline.contains(expected)) {
      correct = true;
    } else {
      correct = null;
    }
    int lines = added.isEmpty() ? -1 : (int) added.stream().filter(l -> !l.isBlank()).count();
    JsonNode rubric = rubric(sections.getOrDefault("Rubric (Evaluation Criteria)", ""));
    double threshold = rubric.path("grading").path("pass_threshold").asDouble(0.60);

    ObjectNode categories = Json.object();
    double weighted = 0;
    double weights = 0;
    List<Category> cats = categories(rubric);
    for (Category c : cats) {
      ObjectNode co = categories.putObject(c.name);
      ObjectNode items = Json.object();
      double achieved = 0;
      double max = 0;
      for (Item it : c.items) {
        String check = it.check.toLowerCase(Locale.ROOT);
        double frac;
        String reason;
        if (!exists) {
          frac = 0;
          reason = target == null ? "No deliverable identified." : target + " was not created.";
        } else if ((check.contains("output")
                || check.contains("print")
                || check.contains("exactly"))
            && Boolean.FALSE.equals(correct)) {
          frac = 0;
          reason = "The script does not print the expected text '" + expected + "'.";
        } else if ((check.contains("output") || check.contains("print")) && correct == null) {
          frac = 0.5;
          reason = "The output cannot be verified from the evidence shown.";
        } else if (check.contains("lines") && lines > 3) {
          frac = 0.5;
          reason = "The file has " + lines + " lines; more than the task needs.";
        } else if (c.subjective) {
          frac =
              Math.min(1.0, Math.max(0.0, 0.75 + 0.25 * rnd.nextDouble() - (lines > 3 ? 0.2 : 0)));
          frac = Math.round(frac * 20) / 20.0;
          reason = "Overall judgement of scope and clarity.";
        } else if (rnd.nextDouble() < 0.1) {
          frac = 0.75;
          reason = "Met, with a minor reservation.";
        } else {
          frac = 1.0;
          reason = "Met: evidence in the workspace state and diff.";
        }
        if (exists && Boolean.FALSE.equals(correct) && frac > 0) {
          // a program that does the wrong thing fails its functional requirements, and its
          // other qualities count for less
          String cat = c.name.toLowerCase(Locale.ROOT);
          if (cat.contains("function") || cat.contains("requirement")) {
            frac = 0;
            reason = "The script does not do what the task asks.";
          } else {
            frac = frac / 2;
            reason = reason + " (halved: the script prints the wrong text)";
          }
        }
        double a = round(it.points * frac, 4);
        achieved += a;
        max += it.points;
        ObjectNode io = items.putObject(it.id);
        io.put("achieved", a);
        io.put("max", it.points);
        io.put("reason", reason);
      }
      double score = max > 0 ? achieved / max : 0;
      co.put("achieved", round(achieved, 4));
      co.put("max", round(max, 4));
      co.put("score", round(score, 4));
      co.set("items", items);
      if (max > 0) {
        weighted += c.weight * score;
        weights += c.weight;
      }
    }
    double score = weights > 0 ? round(weighted / weights, 4) : 0.0;
    boolean passed = score >= threshold;
    ObjectNode verdict = Json.object();
    verdict.put("score", score);
    verdict.put("passed", passed);
    verdict.put("grade", Grades.letter(score));
    verdict.put(
        "reasoning",
        !exists
            ? "The expected deliverable is missing, so no requirement is met."
            : Boolean.FALSE.equals(correct)
                ? "The file exists but prints the wrong text; the core requirement fails."
                : "The deliverable exists and meets the requirements"
                    + (lines > 3 ? ", though it is longer than needed." : "."));
    verdict.set("categories", categories);
    String response =
        "I evaluated the workspace against the rubric.\n\n```json\n"
            + Json.write(verdict)
            + "```\n";
    TokenStats tokens = new TokenStats(prompt.length() / 4L, response.length() / 4L, 0, 0);
    sleep(config.judgeLatencyMs());
    double cost = round(Pricing.estimate(args.model(), tokens), 7);
    List<ObjectNode> events = new ArrayList<>(preamble);
    events.add(cli.assistant(CliOutput.textBlock(response), tokens));
    emit(
        args,
        cli,
        events,
        cli.success(response, 1, tokens, cost, config.judgeLatencyMs() + 500),
        response);
    return 0;
  }

  private record Item(String id, String check, double points) {}

  private record Category(String name, double weight, boolean subjective, List<Item> items) {}

  private static List<Category> categories(JsonNode rubric) {
    List<Category> out = new ArrayList<>();
    JsonNode cats = rubric.path("categories");
    if (cats.isObject()) {
      cats.fields()
          .forEachRemaining(
              e -> {
                List<Item> items = new ArrayList<>();
                for (JsonNode i : e.getValue().path("items")) {
                  items.add(
                      new Item(
                          i.path("id").asText("?"),
                          i.path("check").asText(""),
                          i.path("points").asDouble(1.0)));
                }
                out.add(
                    new Category(
                        e.getKey(),
                        e.getValue().path("weight").asDouble(1.0),
                        "subjective".equals(e.getValue().path("scoring_type").asText()),
                        items));
              });
    }
    JsonNode reqs = rubric.path("requirements");
    if (reqs.isArray() && !reqs.isEmpty()) {
      List<Item> items = new ArrayList<>();
      for (JsonNode r : reqs) {
        items.add(
            new Item(
                r.path("id").asText("R?"),
                r.path("description").asText(""),
                r.path("weight").asDouble(1.0)));
      }
      out.add(new Category("requirements", 1.0, false, items));
    }
    if (out.isEmpty()) {
      out.add(
          new Category("overall", 1.0, false, List.of(new Item("O1", "The task is done", 1.0))));
    }
    return out;
  }

  private static JsonNode rubric(String section) {
    int start = section.indexOf("```");
    String yaml = section;
    if (start >= 0) {
      int nl = section.indexOf('\n', start);
      int end = section.indexOf("```", nl + 1);
      yaml = nl < 0 ? "" : section.substring(nl + 1, end < 0 ? section.length() : end);
    }
    try {
      return Yaml.parseMapping(Path.of("rubric.yaml"), yaml);
    } catch (RuntimeException e) {
      return Json.object();
    }
  }

  /** The prompt's {@code ## } sections by title; headings inside code fences are content. */
  static Map<String, String> sections(String prompt) {
    Map<String, String> out = new LinkedHashMap<>();
    String title = "";
    StringBuilder body = new StringBuilder();
    boolean fence = false;
    for (String line : prompt.split("\n", -1)) {
      if (line.startsWith("```")) {
        fence = !fence;
      }
      if (!fence && line.startsWith("## ")) {
        out.merge(title, body.toString(), String::concat);
        title = line.substring(3).strip();
        body = new StringBuilder();
      } else {
        body.append(line).append('\n');
      }
    }
    out.merge(title, body.toString(), String::concat);
    return out;
  }

  /** Lines the diff adds to {@code target} (all added lines when the file is not named). */
  static List<String> addedLines(String diff, String target) {
    List<String> out = new ArrayList<>();
    boolean inTarget = false;
    for (String line : diff.split("\n")) {
      if (line.startsWith("diff --git ") || line.startsWith("+++ ")) {
        if (line.startsWith("+++ ")) {
          inTarget = target != null && line.endsWith("/" + target);
        }
        continue;
      }
      if (inTarget && line.startsWith("+")) {
        out.add(line.substring(1));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ output

  /**
   * Prints one call's output: the result alone for {@code json}; for {@code stream-json} the {@code
   * system/init} event, {@code events} (retries, turns) and the result; the text for {@code text}.
   */
  private void emit(
      ClaudeSimulator.Args args,
      CliOutput cli,
      List<ObjectNode> events,
      ObjectNode result,
      String text) {
    switch (args.outputFormat()) {
      case "json" -> out.println(compact(result));
      case "stream-json" -> {
        out.println(compact(cli.init(cwd, tools(args), env)));
        for (ObjectNode e : events) {
          out.println(compact(e));
        }
        out.println(compact(result));
      }
      default -> out.println(text);
    }
    out.flush();
  }

  /** The tools the CLI offers: {@code --tools ""} none, {@code --tools A,B} those, else all. */
  static List<String> tools(ClaudeSimulator.Args args) {
    if (args.tools() == null) {
      return CliOutput.AGENT_TOOLS;
    }
    List<String> out = new ArrayList<>();
    for (String t : args.tools().split("[,\\s]+")) {
      if (!t.isBlank()) {
        out.add(t.strip());
      }
    }
    return out;
  }

  private static String compact(JsonNode n) {
    try {
      return Json.mapper().writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static boolean nonEmptyDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isPresent();
    }
  }

  private static long treeSize(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  static long mix(String s) {
    byte[] h = sha256(s);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (h[i] & 0xff);
    }
    return v;
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
