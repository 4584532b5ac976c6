package dev.scylla.cli;

import dev.scylla.model.ScyllaException;
import dev.scylla.run.RunSettings;
import dev.scylla.service.Scylla;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long rate limits may pause a model, for commands that launch agents or judges. */
public final class WaitOptions {
  @Option(
      names = "--max-wait",
      paramLabel = "SECONDS",
      description =
          "The longest a model may stay paused by rate limits in a row (pauses back off from "
              + RunSettings.DEFAULT_PAUSE_SECONDS
              + " s"
              + " and honour the reset times the CLI or API gives); beyond it, or at a hard usage"
              + " limit, scylla stops launching on that model, leaves every run resumable and exits"
              + " 1 (default: "
              + RunSettings.DEFAULT_MAX_WAIT_SECONDS
              + ").")
  Long maxWaitSeconds;

  /** {@code scylla} with the bound applied. */
  Scylla apply(Scylla scylla) {
    if (maxWaitSeconds == null) {
      return scylla;
    }
    if (maxWaitSeconds < 0) {
      throw ScyllaException.badInput("--max-wait must be 0 or more seconds");
    }
    Duration d = Duration.ofSeconds(maxWaitSeconds);
    return scylla.configureRuns(s -> s.withMaxRateLimitWait(d));
  }
}
