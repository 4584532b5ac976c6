package dev.scylla.service;

import dev.scylla.judge.DefaultJudgeClients;
import dev.scylla.process.Cancellation;
import dev.scylla.run.Ports;
import dev.scylla.run.RunContext;
import dev.scylla.simulator.SimulatorLauncher;
import dev.scylla.store.ExperimentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The small pieces {@link Scylla}'s composition root assembles an experiment's ports from: which
 * Claude Code executable agents and judges use, the agent's environment, and the ports of an
 * experiment whose agents cannot run. Experiments made by the reference have no copy of their
 * catalogue; agents can run for them only when a catalogue is given.
 */
final class Wirings {
  private Wirings() {}

  /**
   * The Claude Code executable of an experiment's agents and judges, and the environment its judges
   * read their settings from.
   */
  record Claude(String executable, Map<String, String> judgeEnv) {}

  /**
   * The override (the command line's {@code --claude} / {@code --simulator}) wins; else the
   * simulator's launcher when the experiment was made with it; else the executable the experiment
   * names; else {@code SCYLLA_CLAUDE} of the environment; else {@code claude} on the PATH.
   */
  static Claude claude(
      ExperimentStore store,
      ExperimentOptions opts,
      Map<String, String> environment,
      String override) {
    String claude = opts.claudeExecutable();
    if (opts.simulator()) {
      try {
        claude = SimulatorLauncher.install(ExperimentOptions.simulatorBin(store.root())).toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (override != null) {
      claude = override;
    }
    if (claude == null) {
      claude = environment.get(DefaultJudgeClients.CLAUDE_ENV);
    }
    if (claude == null || claude.isBlank()) {
      claude = "claude";
    }
    Map<String, String> env = new HashMap<>(environment);
    env.putAll(opts.env());
    env.put(DefaultJudgeClients.CLAUDE_ENV, claude);
    return new Claude(claude, Map.copyOf(env));
  }

  /**
   * The agent's own environment: the experiment's settings, plus the simulator's {@code
   * SCYLLA_SIM_*} of the environment.
   */
  static Map<String, String> agentEnv(ExperimentOptions opts, Map<String, String> environment) {
    Map<String, String> agentEnv = new HashMap<>(opts.env());
    environment.forEach(
        (k, v) -> {
          if (k.startsWith("SCYLLA_SIM_") && !agentEnv.containsKey(k)) {
            agentEnv.put(k, v);
          }
        });
    return agentEnv;
  }

  /** Worktrees from {@code ws}; the judges' baseline taken once, right after the first one. */
  static Ports.Workspace workspace(LocalWorkspace ws, LocalJudging judging) {
    return new Ports.Workspace() {
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
  }

  /** A workspace port for experiments whose agents cannot run. */
  record Unavailable(String why) implements Ports.Workspace {
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

  record NoAgent(String why, String model) implements Ports.Agent {
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
