package dev.scylla.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate or usage limit reported by an agent or judge CLI, detected the way the reference does
 * (scylla-execution.md §3.9): first a structured JSON result with {@code is_error: true} whose text
 * names a limit, then (optionally) known phrases on stderr.
 *
 * @param message the text that matched
 *     <p>One type for agents and judges alike: the CLI adapters, the judge clients (the {@code
 *     claude} CLI, HTTP APIs) and the orchestrator's rate-limit gates all speak it.
 * @param message the text that matched (the backend's own words)
 * @param retryAfter how long to wait (the reference's 1.1 safety factor applied to CLI texts), or
 *     null when the backend did not say
 * @param resetAt when the limit lifts, when the backend named a time (or a wait, read at the time
 *     of the answer), else null
 * @param hardLimit a weekly or plan usage limit (hours away, or an exhausted quota) rather than a
 *     short burst limit
 */
public record RateLimit(String message, Duration retryAfter, Instant resetAt, boolean hardLimit) {

  /** A limit whose reset is known only as a wait from now (or not at all). */
  public RateLimit(String message, Duration retryAfter, boolean hardLimit) {
    this(message, retryAfter, null, hardLimit);
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final List<String> STRUCTURED =
      List.of(
          "rate limit",
          "rate_limit",
          "ratelimit",
          "overloaded",
          "429",
          "hit your limit",
          "resets",
          "weekly usage limit",
          "upgrade to continue",
          "failed to configure provider");

  /** Stderr phrases in the reference's priority order; "429" only as a number of its own. */
  private static final List<String> STDERR =
      List.of(
          "weekly usage limit",
          "upgrade to continue",
          "failed to configure provider",
          "429",
          "rate limit",
          "ratelimit",
          "hit your limit",
          "overloaded",
          "resets ");

  private static final Pattern RETRY_AFTER =
      Pattern.compile("retry-after:?\\s*(\\d+(?:\\.\\d+)?)", Pattern.CASE_INSENSITIVE);
  private static final Pattern RESETS =
      Pattern.compile(
          "resets\\s+(?:at\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)(?:\\s*\\(([A-Za-z_]+(?:/[A-Za-z_+\\-]+)*)\\))?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern EPOCH = Pattern.compile("limit reached\\|(\\d{9,11})");
  private static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Los_Angeles");

  /**
   * Whether the text of an error result ({@code is_error: true}) names a rate or usage limit, by
   * the reference's list of phrases (case-insensitive).
   */
  public static boolean namesLimit(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String p : STRUCTURED) {
      if (p.equals("429") ? names429(text) : lower.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * "429" as a number of its own ("API Error: 429", "(429)", "HTTP 429"), not inside a longer
   * token: the reference matches the substring, so an error whose request id or UUID happens to
   * contain 429 (about one in 150 random ids) would be taken for a rate limit.
   */
  private static final Pattern STATUS_429 = Pattern.compile("(?<![\\w.-])429(?![\\w.-])");

  static boolean names429(String text) {
    return STATUS_429.matcher(text).find();
  }

  /** Phrases of an exhausted quota or billing limit (OpenAI's {@code insufficient_quota}). */
  private static final List<String> QUOTA =
      List.of(
          "quota exceeded",
          "insufficient_quota",
          "exceeded your current quota",
          "check your plan and billing",
          // Anthropic's 400 when the account has no credit; the Claude Code CLI prints "Credit
          // balance is too low" and does not retry
          "credit balance is too low");

  /**
   * Whether the text names an exhausted quota ("Quota exceeded. Check your plan and billing
   * details.", {@code insufficient_quota}, "Credit balance is too low"): a hard usage limit that no
   * retry lifts, unlike a burst rate limit.
   */
  public static boolean namesQuota(String text) {
    String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
    for (String p : QUOTA) {
      if (lower.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /** The hard limit of an exhausted quota: no wait is known, no retry lifts it. */
  public static RateLimit quota(String message) {
    return new RateLimit(message.strip(), null, true);
  }

  /** Whether stderr text names a limit: the reference's phrases, "429" as a number of its own. */
  public static boolean stderrNamesLimit(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String p : STDERR) {
      if (p.equals("429") ? names429(text) : lower.contains(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text of the first error result of a CLI's JSON output (one document, or stream-json lines)
   * that names a limit, or null.
   */
  public static String limitInResult(String stdout) {
    return stdout == null ? null : structured(stdout);
  }

  /**
   * Looks for a limit in a CLI's output.
   *
   * @param checkStderr also scan stderr for the known phrases (the reference does this for a
   *     non-zero exit; for a clean exit only the structured result counts, because the judged text
   *     may mention limits)
   * @param now the current time, for "resets 4pm"-style messages
   */
  public static Optional<RateLimit> detect(
      String stdout, String stderr, boolean checkStderr, Instant now) {
    String hit = structured(stdout == null ? "" : stdout);
    if (hit == null && checkStderr && stderr != null) {
      String lower = stderr.toLowerCase(Locale.ROOT);
      for (String p : STDERR) {
        boolean found = p.equals("429") ? names429(stderr) : lower.contains(p);
        if (found) {
          hit = firstLineContaining(stderr, p);
          break;
        }
      }
    }
    if (hit == null) {
      return Optional.empty();
    }
    String all = (stdout == null ? "" : stdout) + "\n" + (stderr == null ? "" : stderr);
    Instant at = resetTime(hit, now);
    if (at == null) {
      at = resetTime(all, now);
    }
    Duration wait = at == null ? null : withFactor(now, at);
    String lower = hit.toLowerCase(Locale.ROOT);
    boolean hard =
        (wait != null && wait.getSeconds() > 3600)
            || lower.contains("weekly")
            || lower.contains("hit your limit")
            || lower.contains("upgrade")
            || lower.contains("resets")
            || namesQuota(hit);
    return Optional.of(new RateLimit(hit.strip(), wait, at, hard));
  }

  /** The wait a message asks for, with the reference's 1.1 factor; null when it names none. */
  public static Duration retryAfter(String text, Instant now) {
    Instant at = resetTime(text, now);
    return at == null ? null : withFactor(now, at);
  }

  /** The wait until {@code at} with the reference's 1.1 safety factor (never negative). */
  private static Duration withFactor(Instant now, Instant at) {
    long millis = Math.max(0, Duration.between(now, at).toMillis());
    return Duration.ofMillis(Math.round(millis * 1.1));
  }

  /**
   * When a message says the limit lifts: {@code Retry-After: N} seconds from now, a {@code limit
   * reached|EPOCH} time, or "resets [at] 4pm (Area/City)" (the next such wall time, in Los Angeles
   * when no zone is named, as the CLI does); null when it names none.
   */
  public static Instant resetTime(String text, Instant now) {
    Matcher m = RETRY_AFTER.matcher(text);
    if (m.find()) {
      return now.plusMillis(Math.round(Double.parseDouble(m.group(1)) * 1000));
    }
    Matcher e = EPOCH.matcher(text);
    if (e.find()) {
      return Instant.ofEpochSecond(Long.parseLong(e.group(1)));
    }
    Matcher r = RESETS.matcher(text);
    if (r.find()) {
      int hour = Integer.parseInt(r.group(1));
      int minute = r.group(2) == null ? 0 : Integer.parseInt(r.group(2));
      if (hour < 1 || hour > 12 || minute > 59) {
        return null;
      }
      boolean pm = r.group(3).equalsIgnoreCase("pm");
      int h24 = hour % 12 + (pm ? 12 : 0);
      ZoneId zone = DEFAULT_ZONE;
      if (r.group(4) != null) {
        try {
          zone = ZoneId.of(r.group(4));
        } catch (RuntimeException ex) {
          zone = DEFAULT_ZONE;
        }
      }
      ZonedDateTime local = now.atZone(zone);
      LocalDate day = local.toLocalDate();
      ZonedDateTime at = ZonedDateTime.of(day, LocalTime.of(h24, minute), zone);
      if (!at.isAfter(local)) {
        at = at.plusDays(1);
      }
      return at.toInstant();
    }
    return null;
  }

  /**
   * A limit from an HTTP answer (429, 529, or 400 naming an exhausted credit balance): {@code
   * Retry-After} in seconds or as a date, else the API's reset header (an ISO instant), if given.
   * An exhausted quota, or a wait of more than an hour, is a hard limit.
   */
  public static RateLimit ofHttp(
      int status, String retryAfterHeader, String resetHeader, String body, Instant now) {
    Duration retry = null;
    Instant reset = null;
    if (retryAfterHeader != null && !retryAfterHeader.isBlank()) {
      String v = retryAfterHeader.strip();
      try {
        retry = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        reset = now.plus(retry);
      } catch (NumberFormatException ex) {
        try {
          reset =
              ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                  .toInstant();
          retry = Duration.between(now, reset);
        } catch (java.time.DateTimeException ignored) {
          // unknown form: no reset time
        }
      }
    }
    if (reset == null && resetHeader != null && !resetHeader.isBlank()) {
      try {
        reset = Instant.parse(resetHeader.strip());
        retry = Duration.between(now, reset);
      } catch (java.time.DateTimeException ignored) {
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
    boolean hard = (retry != null && retry.compareTo(Duration.ofHours(1)) > 0) || namesQuota(body);
    return new RateLimit(message, retry, reset, hard);
  }

  /** When the limit lifts, if known: its reset time, else {@code now} plus the wait. */
  public Instant resetsAt(Instant now) {
    if (resetAt != null) {
      return resetAt;
    }
    return retryAfter == null ? null : now.plus(retryAfter);
  }

  private static final Pattern IS_ERROR_TRUE = Pattern.compile("\"is_error\"\\s*:\\s*true");

  private static String structured(String stdout) {
    String trimmed = stdout.strip();
    // only an error result can name a limit: skip parsing long outputs that have none
    if (trimmed.isEmpty() || !IS_ERROR_TRUE.matcher(trimmed).find()) {
      return null;
    }
    List<JsonNode> objects = new ArrayList<>();
    JsonNode whole = tryParse(trimmed);
    if (whole != null && whole.isObject()) {
      objects.add(whole);
    } else {
      for (String line : trimmed.split("\n")) {
        JsonNode n = tryParse(line.strip());
        if (n != null && n.isObject()) {
          objects.add(n);
        }
      }
    }
    for (JsonNode o : objects) {
      JsonNode err = o.get("is_error");
      if (err == null || !err.isBoolean() || !err.booleanValue()) {
        continue;
      }
      String text = text(o.get("result"));
      if (text == null || text.isEmpty()) {
        text = text(o.get("error"));
      }
      if (text == null) {
        continue;
      }
      String lower = text.toLowerCase(Locale.ROOT);
      if (namesLimit(text) || namesQuota(text)) {
        return text;
      }
    }
    return null;
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    return n.isTextual() ? n.textValue() : n.toString();
  }

  private static JsonNode tryParse(String s) {
    if (s.isEmpty() || s.charAt(0) != '{') {
      return null;
    }
    try {
      return MAPPER.readTree(s);
    } catch (Exception e) {
      return null;
    }
  }

  private static String firstLineContaining(String text, String needle) {
    String lowerNeedle = needle.toLowerCase(Locale.ROOT);
    for (String line : text.split("\n")) {
      boolean found =
          needle.equals("429")
              ? names429(line)
              : line.toLowerCase(Locale.ROOT).contains(lowerNeedle);
      if (found) {
        return line;
      }
    }
    return text;
  }
}
