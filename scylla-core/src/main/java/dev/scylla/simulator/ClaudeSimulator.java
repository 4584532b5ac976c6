package dev.scylla.simulator;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An offline stand-in for the {@code claude} CLI, for the demo and for tests: it accepts the flags
 * the agent adapter and the judge client use and prints what the real CLI prints. See {@link
 * Simulation} for what it does and {@link SimConfig} for how to configure it.
 *
 * <p>This class is a program, not library code: printing to stdout and stderr is its job.
 */
public final class ClaudeSimulator {
  /**
   * What {@code claude --version} prints: the real CLI's shape ({@code 2.1.197 (Claude Code)}) for
   * the version whose output the simulator reproduces, marked as the simulator's.
   */
  public static final String VERSION = CliOutput.CLI_VERSION + " (Claude Code; scylla simulator)";

  private static final Set<String> WITH_VALUE =
      Set.of(
          "--model",
          "--output-format",
          "--input-format",
          "--system-prompt",
          "--system-prompt-file",
          "--append-system-prompt",
          "--max-turns",
          "--allowedTools",
          "--allowed-tools",
          "--disallowedTools",
          "--disallowed-tools",
          "--tools",
          "--agent",
          "--permission-mode",
          "--session-id",
          "--resume",
          "-r",
          "--settings",
          "--add-dir",
          "--mcp-config",
          "--fallback-model");
  private static final Set<String> FLAGS =
      Set.of(
          "--print",
          "-p",
          "--verbose",
          "--dangerously-skip-permissions",
          "--version",
          "-v",
          "--debug",
          "-d",
          "--continue",
          "-c",
          "--include-partial-messages",
          "--strict-mcp-config",
          "--no-session-persistence",
          "--replay-user-messages");

  private ClaudeSimulator() {}

  /** The parsed command line. */
  record Args(
      String model,
      boolean print,
      boolean version,
      boolean verbose,
      String outputFormat,
      String systemPrompt,
      String systemPromptFile,
      Integer maxTurns,
      String tools,
      String prompt) {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, System.getenv(), Path.of("").toAbsolutePath(), System.in, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one simulated CLI call; returns the exit code. */
  public static int run(
      String[] argv,
      Map<String, String> env,
      Path cwd,
      InputStream stdin,
      PrintStream out,
      PrintStream err) {
    Args args;
    try {
      args = parse(argv);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    if (args.version()) {
      out.println(VERSION);
      return 0;
    }
    return new Simulation(env, cwd, stdin, out, err).run(args);
  }

  static Args parse(String[] argv) {
    String model = "claude-sonnet-4-6";
    boolean print = false;
    boolean version = false;
    boolean verbose = false;
    String format = "text";
    String systemPrompt = null;
    String systemPromptFile = null;
    Integer maxTurns = null;
    String tools = null;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      String value = null;
      String name = a;
      if (a.startsWith("--") && a.contains("=")) {
        name = a.substring(0, a.indexOf('='));
        value = a.substring(a.indexOf('=') + 1);
      }
      if (WITH_VALUE.contains(name)) {
        if (value == null) {
          if (i + 1 >= argv.length) {
            throw new IllegalArgumentException("option '" + name + "' argument missing");
          }
          value = argv[++i];
        }
        switch (name) {
          case "--model" -> model = value;
          case "--output-format" -> {
            if (!Set.of("text", "json", "stream-json").contains(value)) {
              throw new IllegalArgumentException(
                  "option '--output-format' argument '"
                      + value
                      + "' is invalid. Allowed choices are text, json, stream-json.");
            }
            format = value;
          }
          case "--system-prompt" -> systemPrompt = value;
          case "--system-prompt-file" -> systemPromptFile = value;
          case "--max-turns" -> {
            try {
              maxTurns = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("option '--max-turns' needs a number");
            }
          }
          case "--tools" -> tools = value;
          default -> {
            // accepted and ignored, as the simulator has no tools, sessions or settings
          }
        }
      } else if (FLAGS.contains(a)) {
        switch (a) {
          case "--print", "-p" -> print = true;
          case "--version", "-v" -> version = true;
          case "--verbose" -> verbose = true;
          default -> {
            // accepted and ignored
          }
        }
      } else if (a.startsWith("-") && a.length() > 1) {
        throw new IllegalArgumentException("unknown option '" + a + "'");
      } else {
        positional.add(a);
      }
    }
    return new Args(
        model,
        print,
        version,
        verbose,
        format,
        systemPrompt,
        systemPromptFile,
        maxTurns,
        tools,
        positional.isEmpty() ? null : String.join(" ", positional));
  }
}
