package dev.scylla.judge;

import dev.scylla.event.EventSink;
import dev.scylla.model.Loaded;
import dev.scylla.pipeline.BuildPipeline;
import dev.scylla.pipeline.PipelineJson;
import dev.scylla.pipeline.PipelineResult;
import dev.scylla.pipeline.StepKind;
import dev.scylla.process.Cancellation;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.store.FileReads;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a run's prompt inputs from what is stored and, when it still exists, from its workspace.
 * A missing workspace is not an error: the prompt is built from the stored files (agent output,
 * recorded pipeline results) with a note in the workspace section, and a warning is emitted.
 *
 * <p>The post-agent pipeline comes from, in order: {@code commands/pipeline_result.json} (stored by
 * our pipeline), a new pipeline run when the workspace exists and a pipeline is configured, the
 * reference's {@code commands/*_output.log} files (statuses unknown), or nothing. The baseline from
 * {@code <exp>/pipeline_baseline.json}, else the subtest's.
 */
public final class PromptAssembler {
  private final WorkspaceEvidence workspace;
  private final BuildPipeline pipeline;
  private final EventSink events;

  /**
   * @param pipeline the build pipeline to run when no result is stored, or null to never run it
   */
  public PromptAssembler(ProcessLauncher launcher, BuildPipeline pipeline, EventSink events) {
    this.workspace = new WorkspaceEvidence(launcher);
    this.pipeline = pipeline;
    this.events = events;
  }

  public PromptInputs collect(PromptSpec spec, Cancellation c) throws IOException {
    RunFiles files = new RunFiles(spec.experimentRoot(), spec.runDir());
    String rubric = text(files.rubric());
    String task = text(files.taskPrompt());
    if (task == null) {
      task = text(files.experimentPrompt());
    }
    String output = text(files.agentOutput());
    if (output == null || output.isBlank()) {
      output = text(files.agentStdout());
    }
    Path ws = spec.workspaceDir();
    boolean present = Files.isDirectory(ws);
    String listing;
    String patch = null;
    List<String> deleted = List.of();
    if (present) {
      WorkspaceEvidence.State st = workspace.collect(ws, spec.baseRef(), c);
      listing = st.listing();
      patch = st.patch();
      deleted = st.deleted();
    } else {
      listing =
          "(workspace not available: the run's workspace no longer exists, so its files could"
              + " not be listed and no diff could be taken; judge from the agent's output and the"
              + " recorded pipeline results)";
      events.warn(
          spec.runLabel()
              + ": the workspace is gone; the judge prompt is built from the stored files only");
    }
    PipelineEvidence after = afterAgent(files, spec, ws, present, c);
    PipelineEvidence baseline = stored(files.pipelineBaseline());
    if (baseline == null) {
      baseline = stored(files.subtestPipelineBaseline());
    }
    return new PromptInputs(rubric, task, output, listing, patch, deleted, null, baseline, after);
  }

  private PipelineEvidence afterAgent(
      RunFiles files, PromptSpec spec, Path ws, boolean present, Cancellation c)
      throws IOException {
    Path stored = files.commandsDir().resolve(BuildPipeline.RESULT_FILE);
    Loaded<PipelineResult> r = PipelineJson.read(stored);
    if (r instanceof Loaded.Present<PipelineResult> p) {
      return new PipelineEvidence.Ran(p.value());
    }
    if (r instanceof Loaded.Corrupt<PipelineResult> bad) {
      events.warn(
          spec.runLabel()
              + ": commands/"
              + BuildPipeline.RESULT_FILE
              + " is corrupt ("
              + bad.reason()
              + "); not used");
    }
    if (present && pipeline != null) {
      return new PipelineEvidence.Ran(pipeline.run(ws, spec.language(), files.commandsDir(), c));
    }
    String lang = spec.language().toLowerCase(java.util.Locale.ROOT);
    Map<StepKind, String> logs = new EnumMap<>(StepKind.class);
    for (StepKind k : StepKind.values()) {
      String name =
          k == StepKind.PRECOMMIT
              ? "precommit_output.log"
              : lang + "_" + k.jsonName() + "_output.log";
      String t = text(files.commandsDir().resolve(name));
      if (t != null) {
        logs.put(k, t);
      }
    }
    if (!logs.isEmpty()) {
      return new PipelineEvidence.Logs(lang, logs);
    }
    return new PipelineEvidence.Unavailable(
        present
            ? "no pipeline result was recorded for this run"
            : "the workspace is gone and no pipeline result was recorded");
  }

  private static PipelineEvidence stored(Path file) {
    Loaded<PipelineResult> r = PipelineJson.read(file);
    return r instanceof Loaded.Present<PipelineResult> p
        ? new PipelineEvidence.Ran(p.value())
        : null;
  }

  /** A text file's content, or null when absent or unreadable. */
  static String text(Path file) {
    Loaded<byte[]> b = FileReads.readBytes(file);
    return b instanceof Loaded.Present<byte[]> p
        ? new String(p.value(), StandardCharsets.UTF_8)
        : null;
  }
}
