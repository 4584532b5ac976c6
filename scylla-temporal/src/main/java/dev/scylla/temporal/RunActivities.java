package dev.scylla.temporal;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What a worker does for the workflow. */
@ActivityInterface
public interface RunActivities {

  /**
   * Drives one run's state machine to its end (agent, pipeline, judges, run result), heartbeating;
   * a retry (after this worker died) resumes the run from its journal and files.
   */
  @ActivityMethod(name = "ScyllaDriveRun")
  Wire.RunEnd drive(Wire.RunTask task);

  /** Rewrites the summaries of these subtests, their tiers and the experiment. */
  @ActivityMethod(name = "ScyllaWriteSummaries")
  void writeSummaries(String experimentDir, List<Wire.Subtest> subtests);
}
