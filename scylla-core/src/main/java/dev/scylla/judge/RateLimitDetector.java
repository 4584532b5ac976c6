package dev.scylla.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.RateLimit;
import dev.scylla.store.ClaudeOutput;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the {@code claude} CLI's rate and usage limit reports, as the reference does: an
 * {@code is_error} event on stdout whose text names a limit; and, only when the process failed,
 * limit phrases on stderr (the phrases are {@link dev.scylla.model.RateLimit}'s) (a successful
 * judge's text may mention "rate limit" or "resets" without being limited). The reset time comes
 * from {@code Retry-After: N} or "resets 4pm (Area/City)".
 */
public final class RateLimitDetector {
  private static final Pattern RETRY_AFTER =
      Pattern.compile("retry-after:?\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern RESETS =
      Pattern.compile(
          "resets\\s+(?:at\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)\\b(?:\\s*\\(([^)]+)\\))?",
          Pattern.CASE_INSENSITIVE);

  /** The zone a reset time without one is read in (the CLI's own default). */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Los_Angeles");

  private RateLimitDetector() {}

  /** A limit reported by one CLI call, or empty. */
  public static Optional<RateLimit> detect(
      String stdout, String stderr, int exitCode, Clock clock) {
    Optional<ObjectNode> event = ClaudeOutput.errorEvent(stdout);
    if (event.isPresent()) {
      String text = ClaudeOutput.errorText(event.get());
      if (RateLimit.namesLimit(text)) {
        return Optional.of(of(text, clock));
      }
    }
    if (exitCode == 0) {
      return Optional.empty();
    }
    String err = stderr == null ? "" : stderr;
    if (matchesStderr(err)) {
      return Optional.of(of(firstMatchingLine(err), clock));
    }
    return Optional.empty();
  }

  static boolean matchesStderr(String text) {
    return RateLimit.stderrNamesLimit(text);
  }

  private static String firstMatchingLine(String text) {
    for (String line : text.split("\n")) {
      if (matchesStderr(line)) {
        return line.strip();
      }
    }
    return text.strip();
  }

  /** A limit with the reset time read from its message. */
  public static RateLimit of(String message, Clock clock) {
    Duration retry = null;
    Instant reset = null;
    Matcher ra = RETRY_AFTER.matcher(message);
    Matcher rs = RESETS.matcher(message);
    if (ra.find()) {
      retry = Duration.ofSeconds(Long.parseLong(ra.group(1)));
      reset = clock.instant().plus(retry);
    } else if (rs.find()) {
      reset = nextWallTime(rs, clock);
      retry = Duration.between(clock.instant(), reset);
    }
    String lower = message.toLowerCase(Locale.ROOT);
    boolean usage =
        (retry != null && retry.compareTo(Duration.ofHours(1)) > 0)
            || lower.contains("weekly")
            || lower.contains("hit your limit")
            || lower.contains("upgrade to continue")
            || RateLimit.namesQuota(message);
    return new RateLimit(message.strip(), retry, reset, usage);
  }

  /** A limit from an HTTP answer (429, 529): Retry-After in seconds or as a date, if given. */
  public static RateLimit ofHttp(
      int status, String retryAfterHeader, String resetHeader, String body, Clock clock) {
    Duration retry = null;
    Instant reset = null;
    if (retryAfterHeader != null && !retryAfterHeader.isBlank()) {
      String v = retryAfterHeader.strip();
      try {
        retry = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        reset = clock.instant().plus(retry);
      } catch (NumberFormatException e) {
        try {
          reset =
              ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                  .toInstant();
          retry = Duration.between(clock.instant(), reset);
        } catch (DateTimeException ignored) {
          // unknown form: no reset time
        }
      }
    }
    if (reset == null && resetHeader != null && !resetHeader.isBlank()) {
      try {
        reset = Instant.parse(resetHeader.strip());
        retry = Duration.between(clock.instant(), reset);
      } catch (DateTimeException ignored) {
        // unknown form
      }
    }
    String snippet = body == null ? "" : body.strip();
    if (snippet.length() > 300) {
      snippet = snippet.substring(0, 300) + "...";
    }
    String message =
        "HTTP "
            + status
            + (status == 529
                ? " (overloaded)"
                : status == 400 ? " (usage limit)" : " (rate limited)")
            + ": "
            + snippet;
    // an exhausted quota (OpenAI's insufficient_quota, Anthropic's credit balance) is hard
    boolean usage =
        (retry != null && retry.compareTo(Duration.ofHours(1)) > 0) || RateLimit.namesQuota(body);
    return new RateLimit(message, retry, reset, usage);
  }

  private static Instant nextWallTime(Matcher m, Clock clock) {
    int hour = Integer.parseInt(m.group(1)) % 12;
    int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    if (m.group(3).equalsIgnoreCase("pm")) {
      hour += 12;
    }
    ZoneId zone = DEFAULT_ZONE;
    if (m.group(4) != null) {
      try {
        zone = ZoneId.of(m.group(4).strip());
      } catch (DateTimeException e) {
        zone = DEFAULT_ZONE;
      }
    }
    if (minute > 59) {
      minute = 0;
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    ZonedDateTime at = now.with(LocalTime.of(hour, minute));
    if (!at.isAfter(now)) {
      at = at.plusDays(1);
    }
    return at.toInstant();
  }
}
