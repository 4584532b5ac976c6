package dev.scylla.store;

import dev.scylla.model.Tiers;
import java.nio.file.Path;

/**
 * The files of one run directory that building a judge prompt and judging read and write, and the
 * experiment-level files they need. Keeps every name in the store package.
 */
public record RunFiles(Path experimentRoot, Path runDir) {
  /**
   * The files of a run alone; the experiment-level methods need the experiment root and are not
   * available on such a value.
   */
  public RunFiles(Path runDir) {
    this(null, runDir);
  }

  // ------------------------------------------------------------ experiment level

  public Path rubric() {
    return experimentRoot.resolve("rubric.yaml");
  }

  /** The task prompt copied into the experiment. */
  public Path experimentPrompt() {
    return experimentRoot.resolve("prompt.md");
  }

  /** The build pipeline's result on the unchanged task repository. */
  public Path pipelineBaseline() {
    return new ExperimentLayout(experimentRoot, ExperimentLayout.Kind.FLAT).pipelineBaseline();
  }

  /** The baseline's fallback location beside the subtest's runs. */
  public Path subtestPipelineBaseline() {
    return runDir.getParent().resolve("pipeline_baseline.json");
  }

  /** Content-addressed copies of judge system prompts, so the CLI can read one from a file. */
  public Path systemPromptCopy(String sha256) {
    return experimentRoot.resolve(".scylla").resolve("judge_system_prompt-" + sha256 + ".md");
  }

  // ------------------------------------------------------------ run level

  public Path judgePrompt() {
    return runDir.resolve("judge_prompt.md");
  }

  /** The run's own {@code report.json}: its headline numbers. */
  public Path report() {
    return runDir.resolve("report.json");
  }

  /** The run's own {@code report.md}. */
  public Path reportMarkdown() {
    return runDir.resolve("report.md");
  }

  /** The task prompt as the run received it. */
  public Path taskPrompt() {
    return runDir.resolve("task_prompt.md");
  }

  public Path agentOutput() {
    return agent().output();
  }

  public Path agentStdout() {
    return agent().stdout();
  }

  /**
   * {@code agent_configuration.json} (ours): what the subtest's configuration gave this run's
   * agent, in its form (docs/format.md).
   */
  public Path agentConfiguration() {
    return runDir.resolve("agent_configuration.json");
  }

  public Path workspace() {
    return runDir.resolve("workspace");
  }

  public Path commandsDir() {
    return runDir.resolve("commands");
  }

  public Path judgeDir() {
    return runDir.resolve("judge");
  }

  public Path slotDir(int slot) {
    return judgeDir().resolve(Tiers.slotDirName(slot));
  }

  // ------------------------------------------------------------ slot level

  /** Names of the files in a judge slot directory {@code judge/judge_NN/}. */
  public static final class Slot {
    public static final String JUDGMENT = "judgment.json";
    public static final String RESPONSE = "response.txt";
    public static final String STDOUT = "stdout.log";
    public static final String STDERR = "stderr.log";
    public static final String MODEL = "MODEL.md";
    public static final String TIMING = "timing.json";
    public static final String ERROR_LOG = "error.log";
    public static final String FAILURE = "failure.json";
    public static final String ATTEMPTS = "attempts.json";
    public static final String HTTP_REQUEST = "http_request.json";
    public static final String HTTP_RESPONSE = "http_response.body";
    public static final String HTTP_RESPONSE_HEADERS = "http_response_headers.txt";

    /** Where earlier attempts' files are moved before a new attempt. */
    public static final String ARCHIVE = ".archive";

    /**
     * Where {@code rerun-judges --repeat} keeps the extra verdicts of the slot's judge on the same
     * prompt: {@code .repeats/repeat_K/}, each a slot directory of its own (our addition).
     */
    public static final String REPEATS = ".repeats";

    private Slot() {}
  }

  /** The names of the files under {@code agent/}. */
  public AgentFiles agent() {
    return new AgentFiles(agentDir());
  }

  public Path agentDir() {
    return runDir.resolve("agent");
  }

  public Path agentResult() {
    return agent().result();
  }

  public Path agentTiming() {
    return agent().timing();
  }

  public Path commandLog() {
    return agent().commandLog();
  }

  public Path agentStderr() {
    return agent().stderr();
  }

  public Path agentModel() {
    return agent().model();
  }

  /** {@code judge/result.json}: the consensus. */
  public Path consensus() {
    return judgeDir().resolve("result.json");
  }

  /** {@code judge/timing.json}: the wall time of all judges of the run. */
  public Path judgeTiming() {
    return judgeDir().resolve("timing.json");
  }

  public Path slotJudgment(int slot) {
    return slotDir(slot).resolve("judgment.json");
  }

  public Path slotModel(int slot) {
    return slotDir(slot).resolve("MODEL.md");
  }

  public Path slotTiming(int slot) {
    return slotDir(slot).resolve("timing.json");
  }

  public Path runResult() {
    return runDir.resolve("run_result.json");
  }

  /** A path relative to the run directory, for messages ({@code judge/judge_01/MODEL.md}). */
  public String relative(Path p) {
    return runDir.relativize(p).toString().replace('\\', '/');
  }
}
