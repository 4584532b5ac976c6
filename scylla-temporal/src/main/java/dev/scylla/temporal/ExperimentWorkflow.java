package dev.scylla.temporal;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One experiment's session on the cluster: its phases in order, each phase's runs as {@link
 * RunActivities#drive} activities, at most {@code concurrency} at a time, then the summaries. The
 * workflow holds the rate-limit gates every worker passes (signals report limits, a query reads a
 * gate) and the stop (a cancelled workflow launches nothing new; running steps finish).
 */
@WorkflowInterface
public interface ExperimentWorkflow {

  @WorkflowMethod(name = "ScyllaExperiment")
  Wire.ExperimentResult run(Wire.ExperimentInput input);

  /** A step hit a limit on {@code model}: close its gate (see {@code RateLimitGates.close}). */
  @SignalMethod
  void limited(String model, Long untilEpochMs, boolean hard, String reason);

  /** A step on {@code model} succeeded after limits: its streak is over. */
  @SignalMethod
  void cleared(String model);

  @QueryMethod
  Wire.GateState gate(String model);

  @QueryMethod
  Wire.Progress progress();

  /**
   * What the workflow did, once it has ended (null before): a cancelled workflow ends as cancelled
   * in Temporal, without a result its starter could fetch.
   */
  @QueryMethod
  Wire.ExperimentResult outcome();
}
