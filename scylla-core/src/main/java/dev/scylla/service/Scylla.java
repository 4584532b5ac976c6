package dev.scylla.service;

import dev.scylla.agent.AgentAdapter;
import dev.scylla.agent.AgentAdapters;
import dev.scylla.event.EventSink;
import dev.scylla.judge.DefaultJudgeClients;
import dev.scylla.judge.JudgeClients;
import dev.scylla.judge.JudgeContext;
import dev.scylla.judge.JudgeService;
import dev.scylla.model.Catalogue;
import dev.scylla.pipeline.BuildPipeline;
import dev.scylla.process.LocalProcessLauncher;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.run.Executor;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.Ports;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunSettings;
import dev.scylla.status.StatusReport;
import dev.scylla.store.Catalogues;
import dev.scylla.store.ExperimentStore;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The composition root and facade of the library. Every collaborator is built by an overridable
 * {@code create...} method, so tests and embedders replace what they need (a fake judge client, a
 * process launcher) without a DI framework.
 */
public class Scylla {
  private final EventSink events;
  private final java.util.Map<String, String> environment;
  private final Clock clock;
  private volatile String claudeOverride;

  /**
   * A hermetic facade: an empty environment (no API keys, no {@code SCYLLA_CLAUDE}, no simulator
   * settings are read) and the system clock. What a command line wants is {@link
   * #ofProcess(EventSink)}.
   */
  public Scylla(EventSink events) {
    this(events, java.util.Map.of());
  }

  /**
   * @param environment the environment agents and judges see and read their settings from ({@code
   *     SCYLLA_CLAUDE}, API keys, {@code SCYLLA_SIM_*})
   */
  public Scylla(EventSink events, java.util.Map<String, String> environment) {
    this(events, environment, Clock.systemUTC());
  }

  /**
   * @param clock the one clock of every timestamp, duration and rate-limit wait
   */
  public Scylla(EventSink events, java.util.Map<String, String> environment, Clock clock) {
    this.events = events;
    this.environment = java.util.Map.copyOf(environment);
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  /** The facade of a command-line process: this process's environment and the system clock. */
  public static Scylla ofProcess(EventSink events) {
    return new Scylla(events, System.getenv());
  }

  /**
   * Agents and judges use the Claude Code executable {@code claude} instead of the one the
   * experiment names (the command line's {@code --claude} and {@code --simulator}); returns this
   * facade.
   */
  public Scylla withClaude(java.nio.file.Path claude) {
    this.claudeOverride = claude.toString();
    return this;
  }

  public EventSink events() {
    return events;
  }

  private volatile java.util.function.UnaryOperator<RunSettings> runSettings = s -> s;

  /**
   * Adjusts the run settings of the commands that launch work ({@code run}, {@code resume}, the
   * reruns) on top of {@link #createRunSettings()}, e.g. {@code --max-wait}; returns this facade.
   */
  public Scylla configureRuns(java.util.function.UnaryOperator<RunSettings> adjust) {
    java.util.function.UnaryOperator<RunSettings> before = runSettings;
    runSettings = s -> adjust.apply(before.apply(s));
    return this;
  }

  private RunSettings runSettings() {
    return runSettings.apply(createRunSettings());
  }

  private volatile java.util.function.Function<Orchestrator.Wiring, Executor> executors;

  /**
   * Executes the runs of {@code run}, {@code resume} and the demo with {@code executors} instead of
   * this machine's {@link Orchestrator} (e.g. on the workers of a Temporal cluster); returns this
   * facade.
   */
  public Scylla executeWith(java.util.function.Function<Orchestrator.Wiring, Executor> executors) {
    this.executors = executors;
    return this;
  }

  /** The executor for an experiment's ports: the one given to {@link #executeWith}, or local. */
  private Executor executor(Orchestrator.Wiring w) {
    var e = executors;
    return e != null ? e.apply(w) : new Orchestrator(w, events, clock());
  }

  /**
   * The ports of an experiment as this facade builds them for its own sessions: what a worker of a
   * distributed executor drives a run with.
   */
  public Orchestrator.Wiring wiring(ExperimentStore store) {
    return createWiring(store);
  }

  /**
   * Re-runs the agents of failed, partial and missing runs (archiving their directories first),
   * rebuilds {@code results} runs from their parts, regenerates the summaries, and classifies
   * again. A dry run classifies and estimates only.
   */
  public RerunReport rerunAgents(RerunAgentsRequest request, RunControl control) {
    return reruns().agents(request, control);
  }

  /** Re-judges the selected judge slots and rebuilds what depends on them. */
  public RerunReport rerunJudges(RerunJudgesRequest request, RunControl control) {
    return reruns().judges(request, control);
  }

  private Reruns reruns() {
    return new Reruns(
        events,
        (store, catalogue) ->
            catalogue == null ? createWiring(store) : createWiring(store, catalogue),
        runSettings(),
        clock());
  }

  /** The defaults of run settings (retry budget, rate-limit wait...). */
  protected RunSettings createRunSettings() {
    return RunSettings.defaults();
  }

  /** The ports the orchestrator uses for an experiment: git worktrees, agents, judges, results. */
  protected Orchestrator.Wiring createWiring(ExperimentStore store) {
    return createWiring(store, null);
  }

  /**
   * The ports for an experiment, composing workspaces from {@code catalogue} (null: the
   * experiment's copy of its catalogue).
   */
  protected Orchestrator.Wiring createWiring(ExperimentStore store, java.nio.file.Path catalogue) {
    ExperimentOptions opts = ExperimentOptions.of(store.config(), store.root());
    ProcessLauncher launcher = createLauncher();
    Wirings.Claude claude = Wirings.claude(store, opts, environment, claudeOverride);
    BuildPipeline pipeline = createPipeline(launcher);
    JudgeService judges =
        new JudgeService(
            launcher, createJudgeClients(launcher, claude.judgeEnv()), pipeline, events, clock());
    LocalJudging judging =
        new LocalJudging(store, JudgeContext.load(store), judges, pipeline, events);
    Path catalogueDir = catalogue != null ? catalogue : store.layout().catalogueDir();
    Catalogue loaded = Files.isDirectory(catalogueDir) ? Catalogues.load(catalogueDir) : null;
    if (loaded == null) {
      String why =
          "the experiment has no copy of its tier/subtest catalogue ("
              + store.layout().relative(catalogueDir)
              + "); pass --catalogue DIR to rerun agents";
      return new Orchestrator.Wiring(
          new Wirings.Unavailable(why),
          new Wirings.NoAgent(why, store.config().agentModel()),
          judging.pipelinePort(),
          judging.judgePort(),
          createResults(store));
    }
    LocalWorkspace ws = new LocalWorkspace(store, loaded, launcher, events);
    AgentAdapter adapter = createAgentAdapter(opts.agent(), launcher, claude.executable());
    return new Orchestrator.Wiring(
        Wirings.workspace(ws, judging),
        new LocalAgent(adapter, ws, Wirings.agentEnv(opts, environment)),
        judging.pipelinePort(),
        judging.judgePort(),
        createResults(store));
  }

  /** The build pipeline runs (build, lint, tests) judges are shown. */
  protected BuildPipeline createPipeline(ProcessLauncher launcher) {
    return new BuildPipeline(launcher);
  }

  /** The judge backends (claude CLI, HTTP APIs), reading their settings from {@code env}. */
  protected JudgeClients createJudgeClients(
      ProcessLauncher launcher, java.util.Map<String, String> env) {
    return new DefaultJudgeClients(launcher, env, clock(), createHttpClient());
  }

  /** The HTTP client of the judges' API backends. */
  protected HttpClient createHttpClient() {
    return HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(30)).build();
  }

  /** The agent adapter an experiment names ({@code claude-code}, {@code codex}, a command). */
  protected AgentAdapter createAgentAdapter(
      String spec, ProcessLauncher launcher, String claudeExecutable) {
    return AgentAdapters.create(spec, launcher, events, claudeExecutable, null);
  }

  /** Consensus, run results and summaries, under the experiment's consensus policy. */
  protected Ports.Results createResults(ExperimentStore store) {
    return new LocalResults(LocalResults.policy(store), clock());
  }

  /** How external programs are started. */
  protected ProcessLauncher createLauncher() {
    return new LocalProcessLauncher();
  }

  /** Creates an experiment from a test definition and runs it (or prints its plan). */
  public RunReport run(RunRequest request, RunControl control) {
    return runs().run(request, control);
  }

  /** Continues an experiment: every run resumes at its first unfinished step. */
  public RunReport resume(ResumeRequest request, RunControl control) {
    return runs().resume(request, control, null);
  }

  /** Runs the bundled offline demo. */
  public RunReport demo(DemoRequest request, RunControl control) {
    return runs().demo(request, control);
  }

  private Runs runs() {
    return new Runs(
        events, this::createWiring, this::executor, runSettings(), createLauncher(), clock());
  }

  /** Classifies every run and judge slot of an experiment; reads only, never writes. */
  public StatusReport status(StatusRequest request) {
    ExperimentStore store = ExperimentStore.open(request.experimentDir());
    return dev.scylla.run.DriftScan.scan(store, request.selection(), events);
  }

  /**
   * What the archived attempts of the enumerated runs cost, as recorded where they happened: the
   * agents' {@code cost_usd} under {@code .failed/} and the judge calls of the slot journals in
   * those archives and set aside under {@code judge_NN/.archive/} (the spend {@link #status} counts
   * is the runs' and slots' current attempts). Reads only.
   */
  public dev.scylla.store.AnalysisReads.ArchivedSpend archivedSpend(StatusRequest request) {
    ExperimentStore store = ExperimentStore.open(request.experimentDir());
    var total = dev.scylla.store.AnalysisReads.ArchivedSpend.ZERO;
    for (var key : store.matrix(new java.util.ArrayList<>()).runs()) {
      if (request.selection().enumerates(key)) {
        total = total.plus(dev.scylla.store.AnalysisReads.archivedSpend(store, key));
      }
    }
    return total;
  }

  /**
   * Rebuilds every result file of an experiment from its parts (agent result from the logs,
   * consensus from the judge slots, run results, and every subtest, tier and experiment summary),
   * writing only what changed and backing up what it replaces; then scans again for the before and
   * after counts.
   */
  public RegenerateReport regenerate(RegenerateRequest request) {
    if (request.dryRun()) {
      return Regeneration.run(request, events, clock());
    }
    ExperimentStore store = ExperimentStore.open(request.experimentDir());
    try (var lock =
        dev.scylla.store.ExperimentLock.acquire(
            store.layout(), "scylla regenerate", java.time.Duration.ZERO)) {
      return Regeneration.run(request, events, clock());
    }
  }

  /**
   * {@code regenerate --rejudge}: re-judges the selected runs' missing, partial and failed slots
   * (one session), then rebuilds everything derived from them.
   */
  public RejudgeReport rejudgeAndRegenerate(
      RerunJudgesRequest rejudge, RegenerateRequest regenerate, RunControl control) {
    RerunReport rj = rerunJudges(rejudge, control);
    return new RejudgeReport(rj, regenerate(regenerate));
  }

  /** The clock of generated timestamps, durations and waits; tests replace it. */
  protected Clock clock() {
    return clock;
  }
}
