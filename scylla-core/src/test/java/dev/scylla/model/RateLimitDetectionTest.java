package dev.scylla.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Limits as the agent's and the judge's CLI and the HTTP judges report them: one routine each. */
class RateLimitDetectionTest {
  // 2026-01-20 12:00 UTC = 04:00 in Los Angeles
  private static final Instant NOW = Instant.parse("2026-01-20T12:00:00Z");

  @Test
  void anErrorEventNamingALimitIsALimitWithItsResetTime() {
    String out =
        "{\"type\":\"result\",\"is_error\":true,\"result\":\"You've hit your limit \u00b7 resets 4pm"
            + " (America/Los_Angeles)\"}";
    RateLimit l = RateLimit.detect(out, "", true, NOW).orElseThrow();
    // the reset time as the CLI names it; the wait with the reference's 1.1 safety factor
    assertThat(l.resetAt()).isEqualTo(Instant.parse("2026-01-21T00:00:00Z"));
    assertThat(l.retryAfter()).isEqualTo(Duration.ofMinutes(12 * 66));
    assertThat(l.hardLimit()).isTrue();
  }

  @Test
  void aResetTimeAlreadyPastIsTomorrowAndTheZoneDefaultsToLosAngeles() {
    assertThat(RateLimit.resetTime("limit resets 3am", NOW))
        .isEqualTo(Instant.parse("2026-01-21T11:00:00Z"));
    assertThat(RateLimit.resetTime("resets at 11:30pm (Europe/Berlin)", NOW))
        .isEqualTo(Instant.parse("2026-01-20T22:30:00Z"));
  }

  @Test
  void stderrIsScannedOnlyWhenTheProcessFailed() {
    String err = "API Error: 429 Too Many Requests. Retry-After: 120";
    RateLimit l = RateLimit.detect("", err, true, NOW).orElseThrow();
    assertThat(l.resetAt()).isEqualTo(NOW.plusSeconds(120));
    assertThat(l.retryAfter()).isEqualTo(Duration.ofSeconds(132));
    assertThat(l.hardLimit()).isFalse();
    // a judge that succeeded and mentions rate limits in its text is not limited
    assertThat(RateLimit.detect("The code handles rate limit resets.", err, false, NOW)).isEmpty();
    assertThat(RateLimit.detect("", "Error: something else", true, NOW)).isEmpty();
    // 429 counts as a number of its own, not inside another number or an id (the reference
    // matches the substring)
    assertThat(RateLimit.detect("", "HTTP 4290 bytes", true, NOW)).isEmpty();
    assertThat(RateLimit.detect("", "Error (429): slow down", true, NOW)).isPresent();
  }

  @Test
  void anApiErrorWhoseRequestIdContains429IsNotALimit() {
    String out =
        "{\"type\":\"result\",\"is_error\":true,\"result\":\"API Error: 500"
            + " {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"api_error\\\","
            + "\\\"message\\\":\\\"Internal server error\\\"},"
            + "\\\"request_id\\\":\\\"req_011CV4297xQm\\\"}\"}";
    assertThat(RateLimit.detect(out, "", true, NOW)).isEmpty();
    assertThat(
            RateLimit.detect(
                "", "request 5f0e4291-b429-4c2a-9429-0d4429a7c1e2 failed: 500", true, NOW))
        .isEmpty();
    String limited =
        "{\"type\":\"result\",\"is_error\":true,\"result\":\"API Error: 429"
            + " {\\\"request_id\\\":\\\"req_011CV4297xQm\\\"}\"}";
    assertThat(RateLimit.detect(limited, "", true, NOW)).isPresent();
  }

  @Test
  void anErrorEventWithoutLimitWordsIsNotALimit() {
    String out = "{\"type\":\"result\",\"is_error\":true,\"result\":\"Invalid model\"}";
    assertThat(RateLimit.detect(out, "", true, NOW)).isEmpty();
  }

  @Test
  void anExhaustedCreditBalanceInAnErrorResultIsAHardLimit() {
    String out =
        "{\"type\":\"result\",\"is_error\":true,\"api_error_status\":400,"
            + "\"result\":\"Credit balance is too low\"}";
    RateLimit l = RateLimit.detect(out, "", true, NOW).orElseThrow();
    assertThat(l.hardLimit()).isTrue();
    assertThat(l.resetAt()).as("no wait lifts it").isNull();
  }

  @Test
  void httpRetryAfterInSecondsOrAsADateOrTheResetHeader() {
    RateLimit s = RateLimit.ofHttp(429, "30", null, "{}", NOW);
    assertThat(s.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    RateLimit d = RateLimit.ofHttp(429, "Tue, 20 Jan 2026 12:05:00 GMT", null, "{}", NOW);
    assertThat(d.resetAt()).isEqualTo(Instant.parse("2026-01-20T12:05:00Z"));
    RateLimit h = RateLimit.ofHttp(529, null, "2026-01-20T13:00:00Z", "overloaded", NOW);
    assertThat(h.retryAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(h.message()).contains("529 (overloaded)");
    RateLimit none = RateLimit.ofHttp(429, "soon", "later", "", NOW);
    assertThat(none.resetAt()).isNull();
  }
}
