package dev.scylla.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fake Messages API sends a 429 the way the real API does (the headers the CLI reads). */
class FakeMessagesApiTest {
  @Test
  void aRateLimitCarriesRetryAfterAndTheRateLimitResetHeaders() throws Exception {
    Instant now = Instant.parse("2026-01-01T12:00:00Z");
    try (FakeMessagesApi api = FakeMessagesApi.start()) {
      api.otherwise(FakeMessagesApi.Failure.rateLimited(7, now));
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/messages"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-6\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("retry-after")).hasValue("7");
      assertThat(r.headers().firstValue("anthropic-ratelimit-requests-reset"))
          .hasValue("2026-01-01T12:00:07Z");
      assertThat(r.headers().firstValue("anthropic-ratelimit-tokens-reset"))
          .hasValue("2026-01-01T12:00:07Z");
      assertThat(r.headers().firstValue("anthropic-ratelimit-requests-remaining")).hasValue("0");
      assertThat(r.body()).contains("\"rate_limit_error\"").contains("exceed the rate limit");
    }
  }
}
