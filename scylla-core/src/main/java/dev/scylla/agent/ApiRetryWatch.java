package dev.scylla.agent;

import dev.scylla.process.TimeoutCredit;
import dev.scylla.store.ClaudeOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Follows the Claude Code CLI's {@code stream-json} output while it runs and credits the waits it
 * announces in {@code api_retry} events (rate limits, overloads and server errors it retries
 * itself, honouring {@code retry-after}) against the run's timeout: a limit the CLI waits out is
 * never a timeout. The credit is bounded (an hour by default, {@link #MAX_CREDIT}), so a run can
 * never wait forever.
 */
final class ApiRetryWatch implements TimeoutCredit {
  /** The most waiting credited to one run. */
  static final Duration MAX_CREDIT = Duration.ofHours(1);

  private final Path stream;
  private long position;

  /** Longer lines are cut: only short {@code system} events matter here. */
  private static final int MAX_LINE = 1 << 20;

  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private int retries;
  private Duration waited = Duration.ZERO;
  private ClaudeOutput.ApiRetry pending;
  private ClaudeOutput.ApiRetry last;
  private final Duration maxCredit;

  ApiRetryWatch(Path stream, Duration maxCredit) {
    this.stream = stream;
    this.maxCredit = maxCredit;
  }

  @Override
  public synchronized Duration credited() {
    readNew();
    return waited.compareTo(maxCredit) > 0 ? maxCredit : waited;
  }

  /** Retries announced so far (read to the end of the stream first). */
  synchronized int retries() {
    readNew();
    return retries;
  }

  /** The announced waits, summed. */
  synchronized Duration waited() {
    readNew();
    return waited;
  }

  /**
   * The last retry, when nothing followed it: the CLI was waiting or re-sending its request when
   * the stream ended.
   */
  synchronized ClaudeOutput.ApiRetry pending() {
    readNew();
    if (partial.size() > 0) {
      line(partial.toString(StandardCharsets.UTF_8));
      partial.reset();
    }
    return pending;
  }

  /** The last retry announced, whatever followed it, or null. */
  synchronized ClaudeOutput.ApiRetry last() {
    readNew();
    return last;
  }

  private void readNew() {
    try (RandomAccessFile f = new RandomAccessFile(stream.toFile(), "r")) {
      long length = f.length();
      if (length < position) {
        position = 0; // truncated and rewritten: start over
        partial.reset();
      }
      byte[] chunk = new byte[64 * 1024];
      f.seek(position);
      while (position < length) {
        int n = f.read(chunk, 0, (int) Math.min(chunk.length, length - position));
        if (n <= 0) {
          break;
        }
        position += n;
        for (int i = 0; i < n; i++) {
          // a newline byte never occurs inside a multi-byte UTF-8 sequence
          if (chunk[i] == '\n') {
            line(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
          } else if (partial.size() < MAX_LINE) {
            partial.write(chunk[i]);
          }
        }
      }
    } catch (IOException e) {
      // not written yet
    }
  }

  private void line(String line) {
    if (line.isBlank()) {
      return;
    }
    if (!line.contains("api_retry")) {
      pending = null;
      return;
    }
    ClaudeOutput.apiRetry(line)
        .ifPresentOrElse(
            r -> {
              retries++;
              waited = waited.plus(r.delay());
              pending = r;
              last = r;
            },
            () -> pending = null);
  }
}
