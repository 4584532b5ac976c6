package dev.scylla.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.model.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimitDetectorTest {
  // 2026-01-20 12:00 UTC = 04:00 in Los Angeles
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-20T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void anErrorEventNamingALimitIsALimitWithItsResetTime() {
    String out =
        "{\"type\":\"result\",\"is_error\":true,\"result\":\"You've hit your limit \u00b7 resets 4pm"
            + " (America/Los_Angeles)\"}";
    RateLimit l = RateLimitDetector.detect(out, "", 1, CLOCK).orElseThrow();
    assertThat(l.resetAt()).isEqualTo(Instant.parse("2026-01-21T00:00:00Z"));
    assertThat(l.retryAfter()).isEqualTo(Duration.ofHours(12));
    assertThat(l.hardLimit()).isTrue();
  }

  @Test
  void aResetTimeAlreadyPastIsTomorrowAndTheZoneDefaultsToLosAngeles() {
    RateLimit l = RateLimitDetector.of("limit resets 3am", CLOCK);
    assertThat(l.resetAt()).isEqualTo(Instant.parse("2026-01-21T11:00:00Z"));
    RateLimit m = RateLimitDetector.of("resets 11:30pm (Europe/Berlin)", CLOCK);
    assertThat(m.resetAt()).isEqualTo(Instant.parse("2026-01-20T22:30:00Z"));
  }

  @Test
  void stderrIsScannedOnlyWhenTheProcessFailed() {
    String err = "API Error: 429 Too Many Requests. Retry-After: 120";
    RateLimit l = RateLimitDetector.detect("", err, 1, CLOCK).orElseThrow();
    assertThat(l.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    assertThat(l.hardLimit()).isFalse();
    // a judge that succeeded and mentions rate limits in its text is not limited
    assertThat(RateLimitDetector.detect("The code handles rate limit resets.", err, 0, CLOCK))
        .isEmpty();
    assertThat(RateLimitDetector.detect("", "Error: something else", 1, CLOCK)).isEmpty();
    assertThat(RateLimitDetector.detect("", "HTTP 4290 bytes", 1, CLOCK)).isPresent();
  }

  @Test
  void anErrorEventWithoutLimitWordsIsNotALimit() {
    String out = "{\"type\":\"result\",\"is_error\":true,\"result\":\"Invalid model\"}";
    assertThat(RateLimitDetector.detect(out, "", 1, CLOCK)).isEmpty();
  }

  @Test
  void httpRetryAfterInSecondsOrAsADateOrTheResetHeader() {
    RateLimit s = RateLimitDetector.ofHttp(429, "30", null, "{}", CLOCK);
    assertThat(s.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    RateLimit d = RateLimitDetector.ofHttp(429, "Tue, 20 Jan 2026 12:05:00 GMT", null, "{}", CLOCK);
    assertThat(d.resetAt()).isEqualTo(Instant.parse("2026-01-20T12:05:00Z"));
    RateLimit h = RateLimitDetector.ofHttp(529, null, "2026-01-20T13:00:00Z", "overloaded", CLOCK);
    assertThat(h.retryAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(h.message()).contains("529 (overloaded)");
    RateLimit none = RateLimitDetector.ofHttp(429, "soon", "later", "", CLOCK);
    assertThat(none.resetAt()).isNull();
  }
}
