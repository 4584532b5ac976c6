package dev.scylla.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private static final Instant NOW = Instant.parse("2026-03-10T20:00:00Z");

  @Test
  void structuredErrorResultWithLimitTextIsARateLimit() {
    String stdout =
        "{\"type\":\"result\",\"is_error\":true,\"result\":\"API Error: Rate limit reached."
            + " Retry-After: 10\"}";
    RateLimit rl = RateLimit.detect(stdout, "", false, NOW).orElseThrow();
    assertThat(rl.message()).contains("Rate limit reached");
    assertThat(rl.retryAfter()).isEqualTo(Duration.ofSeconds(11));
    assertThat(rl.hardLimit()).isFalse();
  }

  @Test
  void aSuccessfulResultMentioningLimitsIsNot() {
    String stdout =
        "{\"type\":\"result\",\"is_error\":false,\"result\":\"I fixed the rate limit bug (429)\"}";
    assertThat(RateLimit.detect(stdout, "rate limit", false, NOW)).isEmpty();
  }

  @Test
  void streamJsonLinesAreScannedOneByOne() {
    String stdout =
        "{\"type\":\"system\"}\nnot json\n"
            + "{\"type\":\"result\",\"is_error\":true,\"error\":\"Overloaded\"}\n";
    assertThat(RateLimit.detect(stdout, "", false, NOW)).isPresent();
  }

  @Test
  void stderrIsScannedOnlyWhenAskedAndIn429CaseSensitively() {
    assertThat(RateLimit.detect("", "HTTP 429 Too Many Requests", false, NOW)).isEmpty();
    assertThat(RateLimit.detect("", "HTTP 429 Too Many Requests", true, NOW)).isPresent();
    assertThat(RateLimit.detect("", "Weekly Usage Limit reached", true, NOW).orElseThrow())
        .satisfies(r -> assertThat(r.hardLimit()).isTrue());
    assertThat(RateLimit.detect("", "segmentation fault", true, NOW)).isEmpty();
  }

  @Test
  void resetsAtAWallClockTimeInTheNamedZone() {
    // 20:00 UTC is 13:00 in Los Angeles (PDT since March 8, 2026): 4pm is 3 hours away
    RateLimit rl =
        RateLimit.detect("", "You've hit your limit · resets 4pm (America/Los_Angeles)", true, NOW)
            .orElseThrow();
    assertThat(rl.retryAfter()).isEqualTo(Duration.ofMillis(Math.round(3 * 3600 * 1000 * 1.1)));
    assertThat(rl.hardLimit()).isTrue();
  }

  @Test
  void aResetTimeAlreadyPassedMeansTomorrow() {
    Duration d = RateLimit.retryAfter("resets 11:30am (UTC)", NOW);
    ZonedDateTime next = ZonedDateTime.of(2026, 3, 11, 11, 30, 0, 0, ZoneId.of("UTC"));
    long expected = Math.round(Duration.between(NOW, next.toInstant()).toMillis() * 1.1);
    assertThat(d).isEqualTo(Duration.ofMillis(expected));
  }

  @Test
  void defaultZoneIsLosAngelesAndUnknownWaitsAreNull() {
    assertThat(RateLimit.retryAfter("resets 2pm", NOW))
        .isEqualTo(Duration.ofMillis(Math.round(3600 * 1000 * 1.1)));
    assertThat(RateLimit.retryAfter("please slow down", NOW)).isNull();
    assertThat(RateLimit.retryAfter("resets 13pm", NOW)).isNull();
  }

  @Test
  void epochResetOfTheOlderCliMessage() {
    long epoch = NOW.getEpochSecond() + 100;
    assertThat(RateLimit.retryAfter("Claude AI usage limit reached|" + epoch, NOW))
        .isEqualTo(Duration.ofSeconds(110));
  }
}
