package dev.scylla.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the conformance tests find the real agent CLIs: the folder named by {@value #ENV_DIR}, else
 * {@code ~/.cache/scylla-clis/node_modules/.bin}, where {@code .ci/run} installs the pinned
 * versions from the npm registry. A test that needs a CLI that is not there is skipped, saying how
 * to install it.
 */
public final class RealClis {
  /** Environment variable naming a folder that holds the {@code claude} and {@code codex} CLIs. */
  public static final String ENV_DIR = "SCYLLA_REAL_CLIS";

  /** The Claude Code version the conformance suite pins (and {@code .ci/run} installs). */
  public static final String CLAUDE_VERSION = "2.1.197";

  /** The Codex version the conformance suite pins (and {@code .ci/run} installs). */
  public static final String CODEX_VERSION = "0.171.0";

  /**
   * Environment variable that turns a missing CLI into a test failure instead of a skip: {@code
   * .ci/run} sets it, so CI cannot pass without running the conformance suite.
   */
  public static final String ENV_REQUIRE = "SCYLLA_REQUIRE_REAL_CLIS";

  private RealClis() {}

  public static Path dir() {
    String d = System.getenv(ENV_DIR);
    if (d != null && !d.isBlank()) {
      return Path.of(d);
    }
    return Path.of(
        System.getProperty("user.home"), ".cache", "scylla-clis", "node_modules", ".bin");
  }

  /** The real {@code claude} executable; skips the test when it is not installed. */
  public static Path claude() {
    return require("claude", "@anthropic-ai/claude-code@" + CLAUDE_VERSION);
  }

  /** The real {@code codex} executable; skips the test when it is not installed. */
  public static Path codex() {
    return require("codex", "@openai/codex@" + CODEX_VERSION);
  }

  private static Path require(String name, String pkg) {
    Path exe = dir().resolve(name);
    if (!Files.isExecutable(exe) && "1".equals(System.getenv(ENV_REQUIRE))) {
      throw new AssertionError(
          "the real " + name + " CLI is not installed at " + exe + " but " + ENV_REQUIRE + "=1");
    }
    Assumptions.assumeTrue(
        Files.isExecutable(exe),
        "the real "
            + name
            + " CLI is not installed at "
            + exe
            + " (set "
            + ENV_DIR
            + ", or run: npm install --prefix ~/.cache/scylla-clis "
            + pkg
            + "); .ci/run installs it, so CI always runs this test");
    return exe;
  }

  /** Whether this process runs as root (where claude refuses to skip permissions). */
  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
