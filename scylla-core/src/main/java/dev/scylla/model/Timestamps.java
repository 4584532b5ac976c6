package dev.scylla.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as the reference writes them: Python's {@code datetime.isoformat()} in UTC. */
public final class Timestamps {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** {@code 2026-01-20T06:13:53.410655+00:00} (microseconds, explicit offset). */
  public static String iso(Instant t) {
    return ISO.format(t.truncatedTo(ChronoUnit.MICROS));
  }

  public static String isoNow() {
    return iso(Instant.now());
  }
}
