package dev.scylla.temporal;

import io.temporal.workflow.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The workflow's deterministic time as a {@link Clock}, for code shared with the local path. */
final class WorkflowClock extends Clock {
  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
