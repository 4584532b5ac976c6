package dev.scylla.service;

import dev.scylla.agent.AgentAdapter;
import dev.scylla.agent.AgentAdapters;
import dev.scylla.event.EventSink;
import dev.scylla.judge.DefaultJudgeClients;
import dev.scylla.judge.JudgeContext;
import dev.scylla.judge.JudgeService;
import dev.scylla.model.Catalogue;
import dev.scylla.pipeline.BuildPipeline;
import dev.scylla.process.Cancellation;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.Ports;
import dev.scylla.run.RunContext;
import dev.scylla.simulator.SimulatorLauncher;
import dev.scylla.store.Catalogues;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the real ports for an experiment: git worktrees, the configured agent adapter, the build
 * pipeline, the judges (claude CLI or HTTP backends per the {@code judging} config) and the results
 * builders. Experiments made by the reference have no copy of their catalogue; agents can run for
 * them only when a catalogue is given.
 */
final class Wirings {
  /**
   * In the environment given to {@link Scylla}: a Claude Code executable that wins over the one the
   * experiment names (the command line's {@code --claude} and {@code --simulator}).
   */
  static final String CLAUDE_OVERRIDE = "SCYLLA_CLAUDE_OVERRIDE";

  private Wirings() {}

  static Orchestrator.Wiring create(
      ExperimentStore store,
      ProcessLauncher launcher,
      EventSink events,
      Clock clock,
      Path catalogueOverride,
      Map<String, String> environment) {
    ExperimentOptions opts = ExperimentOptions.of(store.config(), store.root());
    String claude = opts.claudeExecutable();
    if (opts.simulator()) {
      try {
        claude = SimulatorLauncher.install(ExperimentOptions.simulatorBin(store.root())).toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (environment.containsKey(CLAUDE_OVERRIDE)) {
      claude = environment.get(CLAUDE_OVERRIDE);
    }
    Map<String, String> env = new HashMap<>(environment);
    env.remove(CLAUDE_OVERRIDE);
    env.putAll(opts.env());
    if (claude == null && environment.containsKey(DefaultJudgeClients.CLAUDE_ENV)) {
      claude = environment.get(DefaultJudgeClients.CLAUDE_ENV);
    }
    if (claude != null) {
      env.put(DefaultJudgeClients.CLAUDE_ENV, claude);
    }
    Path catalogueDir =
        catalogueOverride != null ? catalogueOverride : store.layout().catalogueDir();
    Catalogue catalogue = Files.isDirectory(catalogueDir) ? Catalogues.load(catalogueDir) : null;
    BuildPipeline pipeline = new BuildPipeline(launcher);
    JudgeService judges =
        new JudgeService(
            launcher,
            new DefaultJudgeClients(
                launcher,
                env,
                clock,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build()),
            pipeline,
            events,
            clock);
    LocalJudging judging =
        new LocalJudging(store, JudgeContext.load(store), judges, pipeline, events);
    Ports.Workspace workspace;
    Ports.Agent agent;
    if (catalogue == null) {
      String why =
          "the experiment has no copy of its tier/subtest catalogue ("
              + store.layout().relative(catalogueDir)
              + "); pass --catalogue DIR to rerun agents";
      workspace = new Unavailable(why);
      agent = new NoAgent(why, store.config().agentModel());
    } else {
      LocalWorkspace ws = new LocalWorkspace(store, catalogue, launcher, events);
      workspace =
          new Ports.Workspace() {
            @Override
            public void prepare(RunContext ctx, Cancellation c) throws IOException {
              ws.prepare(ctx, c);
              judging.baselineOnce(ctx.workspace(), c);
            }

            @Override
            public void remove(RunContext ctx) throws IOException {
              ws.remove(ctx);
            }

            @Override
            public void prune(RunContext ctx) throws IOException {
              ws.prune(ctx);
            }

            @Override
            public String unavailable(ExperimentStore s) {
              return ws.unavailable(s);
            }
          };
      AgentAdapter adapter = AgentAdapters.create(opts.agent(), launcher, events, claude, null);
      Map<String, String> agentEnv = new HashMap<>(opts.env());
      environment.forEach(
          (k, v) -> {
            if (k.startsWith("SCYLLA_SIM_") && !agentEnv.containsKey(k)) {
              agentEnv.put(k, v);
            }
          });
      agent = new LocalAgent(adapter, ws, agentEnv);
    }
    return new Orchestrator.Wiring(
        workspace,
        agent,
        judging.pipelinePort(),
        judging.judgePort(),
        new LocalResults(LocalResults.policy(store), clock));
  }

  /** A workspace port for experiments whose agents cannot run. */
  private record Unavailable(String why) implements Ports.Workspace {
    @Override
    public void prepare(RunContext ctx, Cancellation c) {
      throw dev.scylla.model.ScyllaException.badInput(why);
    }

    @Override
    public void remove(RunContext ctx) {}

    @Override
    public void prune(RunContext ctx) {}

    @Override
    public String unavailable(ExperimentStore store) {
      return why;
    }
  }

  private record NoAgent(String why, String model) implements Ports.Agent {
    @Override
    public dev.scylla.run.StepOutcome run(RunContext ctx, Cancellation c) {
      throw dev.scylla.model.ScyllaException.badInput(why);
    }

    @Override
    public String model(RunContext ctx) {
      return model;
    }
  }
}
