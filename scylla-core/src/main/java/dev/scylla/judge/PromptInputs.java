package dev.scylla.judge;

import java.util.List;

/**
 * Everything a judge prompt is made of.
 *
 * @param rubricText the rubric file's text, or null when there is none
 * @param patch the git diff, or null to leave the section out
 * @param referencePatch a reference solution's patch, or null (the usual case)
 * @param baseline the pipeline on the unchanged repository, or null to leave the section out
 */
public record PromptInputs(
    String rubricText,
    String taskPrompt,
    String agentOutput,
    String workspaceState,
    String patch,
    List<String> deletedFiles,
    String referencePatch,
    PipelineEvidence baseline,
    PipelineEvidence afterAgent) {

  public PromptInputs {
    deletedFiles = List.copyOf(deletedFiles);
  }
}
