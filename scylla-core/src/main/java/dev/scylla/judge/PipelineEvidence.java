package dev.scylla.judge;

import dev.scylla.pipeline.PipelineResult;
import dev.scylla.pipeline.StepKind;
import java.util.Map;

/** What the judge prompt can say about a build pipeline. */
public sealed interface PipelineEvidence {

  /** A pipeline result: run now, or stored by an earlier run. */
  record Ran(PipelineResult result) implements PipelineEvidence {}

  /**
   * Only the step outputs the reference logged under {@code commands/}: their pass or fail status
   * was not recorded.
   */
  record Logs(String language, Map<StepKind, String> outputs) implements PipelineEvidence {}

  /** Nothing is known, and why. */
  record Unavailable(String reason) implements PipelineEvidence {}
}
