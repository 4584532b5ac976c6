package dev.scylla.agent;

import dev.scylla.model.AgentResult;
import java.time.Duration;
import java.time.Instant;

/**
 * How an agent run ended. Every outcome leaves the run's {@code agent/} directory in a state that
 * {@code dev.scylla.status.Classifier} reads correctly:
 *
 * <ul>
 *   <li>{@link Finished} and {@link TurnLimited}: all files written, {@code output.txt} holds the
 *       agent's output; the run is judged (the store classifies it {@code results} until a run
 *       result exists);
 *   <li>{@link Failed} and {@link RateLimited}: all files written as the CLI left them ({@code
 *       stdout.log}, {@code result.json} with the real exit code), but {@code output.txt} is empty,
 *       so a later scan classifies the run {@code failed} (archive and re-run), never as finished;
 *       a run that could not start records the reference's infrastructure failure (exit code -1, no
 *       tokens);
 *   <li>{@link TimedOut}: the process tree was killed; {@code result.json} records exit code -1 and
 *       no tokens (the reference's infrastructure failure): {@code failed};
 *   <li>{@link Cancelled}: the process tree was killed; only the prompt, replay script, streams and
 *       command log (with the exit code) are on disk, no result: {@code failed} or {@code partial}.
 * </ul>
 */
public sealed interface AgentOutcome {

  /** How a {@link Failed} reason starts when the agent's executable cannot be found or run. */
  String MISSING_BINARY = "agent binary not available: ";

  /**
   * How a {@link Failed} reason starts when the agent cannot run in this environment at all (e.g.
   * the Claude Code CLI refusing to run as root): every run would fail the same way, so launching
   * stops and no attempt budget is spent.
   */
  String SETUP_PROBLEM = "setup problem: ";

  /** What kind of ending. */
  enum Kind {
    FINISHED,
    TURN_LIMITED,
    FAILED,
    RATE_LIMITED,
    TIMED_OUT,
    CANCELLED
  }

  Kind kind();

  /** Wall time from spawn to the end of parsing, in seconds. */
  double durationSeconds();

  /** The result written to {@code agent/result.json}, or null when none was written. */
  AgentResult result();

  /**
   * The agent ran and printed its result.
   *
   * @param isError the CLI's own {@code is_error} (e.g. a turn limit or an API error): the run is
   *     still judged, as the reference does
   */
  record Finished(AgentResult result, boolean isError, double durationSeconds)
      implements AgentOutcome {
    @Override
    public Kind kind() {
      return Kind.FINISHED;
    }
  }

  /**
   * The agent worked but used up its turns ({@code --max-turns}; the CLI's {@code
   * error_max_turns}): a model outcome, not an infrastructure failure. All files are written as for
   * {@link Finished} and the run is judged; {@code agent/result.json} says {@code
   * turn_limit_reached}, so status and the summaries count such runs apart.
   */
  record TurnLimited(AgentResult result, double durationSeconds) implements AgentOutcome {
    @Override
    public Kind kind() {
      return Kind.TURN_LIMITED;
    }
  }

  /** The agent could not run or produced no usable result. */
  record Failed(String reason, AgentResult result, double durationSeconds) implements AgentOutcome {
    @Override
    public Kind kind() {
      return Kind.FAILED;
    }
  }

  /**
   * The CLI reported a rate or usage limit.
   *
   * @param retryAfter how long to wait (1.1 safety factor included), or null when not said
   * @param resetsAt when the limit lifts, or null when not said
   */
  record RateLimited(
      String message,
      Duration retryAfter,
      Instant resetsAt,
      boolean hardLimit,
      AgentResult result,
      double durationSeconds)
      implements AgentOutcome {
    @Override
    public Kind kind() {
      return Kind.RATE_LIMITED;
    }
  }

  /** The timeout expired and the process tree was killed. */
  record TimedOut(Duration timeout, AgentResult result, double durationSeconds)
      implements AgentOutcome {
    @Override
    public Kind kind() {
      return Kind.TIMED_OUT;
    }
  }

  /** The caller cancelled (Ctrl+C) and the process tree was killed. */
  record Cancelled(double durationSeconds) implements AgentOutcome {
    @Override
    public Kind kind() {
      return Kind.CANCELLED;
    }

    @Override
    public AgentResult result() {
      return null;
    }
  }
}
