package dev.scylla.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch over a growing stream-json file (lines as the real CLI 2.1.197 prints them). */
class ApiRetryWatchTest {
  @TempDir Path tmp;

  private static final String INIT = "{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"/w\"}\n";

  private static String retry(int attempt, double delayMs, int status) {
    return "{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":"
        + attempt
        + ",\"max_retries\":3,\"retry_delay_ms\":"
        + delayMs
        + ",\"error_status\":"
        + status
        + ",\"error\":\"rate_limit\",\"session_id\":\"s\",\"uuid\":\"u\"}\n";
  }

  private void append(Path f, String s) throws Exception {
    Files.writeString(
        f, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void creditsEachAnnouncedWaitOnceAsTheStreamGrows_EvenWhenALineArrivesInPieces()
      throws Exception {
    Path f = tmp.resolve("stream.jsonl");
    ApiRetryWatch w = new ApiRetryWatch(f, Duration.ofHours(1));
    assertThat(w.credited()).isZero(); // not written yet

    append(f, INIT);
    String r1 = retry(1, 1000, 429);
    append(f, r1.substring(0, 40));
    assertThat(w.credited()).isZero();
    append(f, r1.substring(40));
    assertThat(w.credited()).isEqualTo(Duration.ofSeconds(1));
    assertThat(w.credited()).isEqualTo(Duration.ofSeconds(1));
    append(f, retry(2, 1193.142610287481, 429));
    assertThat(w.credited().toMillis()).isEqualTo(2193);
    assertThat(w.retries()).isEqualTo(2);
    assertThat(w.pending().attempt()).isEqualTo(2);
    assertThat(w.pending().isRateLimit()).isTrue();

    // the request went through: nothing is pending any more, the waits stay credited
    append(
        f,
        "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"é\"}]}}\n");
    assertThat(w.pending()).isNull();
    assertThat(w.last().attempt()).isEqualTo(2);
    assertThat(w.waited().toMillis()).isEqualTo(2193);
  }

  @Test
  void theCreditIsBoundedAndServerErrorsAreRetriesButNotRateLimits() throws Exception {
    Path f = tmp.resolve("stream.jsonl");
    Files.writeString(f, INIT + retry(1, 40_000, 500) + retry(2, 40_000, 529));
    ApiRetryWatch w = new ApiRetryWatch(f, Duration.ofMinutes(1));
    assertThat(w.credited()).isEqualTo(Duration.ofMinutes(1));
    assertThat(w.waited()).isEqualTo(Duration.ofSeconds(80));
    assertThat(w.pending().errorStatus()).isEqualTo(529);
    assertThat(w.pending().isRateLimit()).isTrue();
    Files.writeString(f, INIT + retry(1, 500, 500));
    ApiRetryWatch w2 = new ApiRetryWatch(f, Duration.ofMinutes(1));
    assertThat(w2.pending().isRateLimit()).isFalse();
  }

  @Test
  void aFinalLineWithoutItsNewlineStillCounts() throws Exception {
    Path f = tmp.resolve("stream.jsonl");
    String r = retry(1, 2000, 429);
    Files.writeString(f, INIT + r.strip());
    ApiRetryWatch w = new ApiRetryWatch(f, Duration.ofHours(1));
    assertThat(w.pending()).isNotNull();
    assertThat(w.retries()).isEqualTo(1);
  }
}
