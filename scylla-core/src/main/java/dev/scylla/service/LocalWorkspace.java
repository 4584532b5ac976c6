package dev.scylla.service;

import dev.scylla.event.EventSink;
import dev.scylla.model.Catalogue;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SubtestResources;
import dev.scylla.model.ThinkingMode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.Captured;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.results.TierBaselines;
import dev.scylla.run.Ports;
import dev.scylla.run.RunContext;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.ResourcesJson;
import dev.scylla.workspace.BaseRepository;
import dev.scylla.workspace.ComposedWorkspace;
import dev.scylla.workspace.Workspaces;
import dev.scylla.workspace.Worktree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The workspace port on git worktrees: the experiment's shared clone in {@code <exp>/repo}, one
 * worktree per run in {@code <run>/workspace} at the task commit, with the subtest's configuration
 * (and the previous tier's best configuration, for subtests that extend it) committed.
 */
final class LocalWorkspace implements Ports.Workspace {
  private final ExperimentStore store;
  private final Catalogue catalogue;
  private final Workspaces workspaces;
  private final ProcessLauncher launcher;
  private final EventSink events;
  private volatile BaseRepository base;

  LocalWorkspace(
      ExperimentStore store, Catalogue catalogue, ProcessLauncher launcher, EventSink events) {
    this.store = store;
    this.catalogue = catalogue;
    this.launcher = launcher;
    this.events = events;
    this.workspaces = new Workspaces(launcher, events);
  }

  private BaseRepository base(Cancellation c) throws IOException {
    BaseRepository b = base;
    if (b == null) {
      synchronized (this) {
        if (base == null) {
          String repo = store.config().taskRepo();
          String commit = store.config().taskCommit();
          if (repo == null || commit == null) {
            throw ScyllaException.badInput(
                store.layout().configFile()
                    + ": task_repo and task_commit are needed to run agents");
          }
          try (var lock = dev.scylla.store.GitLock.acquire(store.layout())) {
            base = workspaces.prepareBase(store.layout().repoDir(), repo, commit, c);
          }
        }
        b = base;
      }
    }
    return b;
  }

  @Override
  public void prepare(RunContext ctx, Cancellation c) throws IOException {
    SubtestDefinition subtest = subtest(ctx);
    BaseRepository b = base(c);
    Files.createDirectories(ctx.runDir());
    Worktree wt;
    try (var lock = dev.scylla.store.GitLock.acquire(store.layout())) {
      wt =
          workspaces.addWorktree(
              b,
              ctx.workspace(),
              Workspaces.branchName(store.config().experimentId(), ctx.key()),
              ctx.runDir(),
              c);
    }
    SubtestResources baseline = baseline(ctx.key().tier());
    SubtestResources inherited = inherited(subtest);
    SubtestResources effective = Workspaces.effectiveResources(subtest, baseline, inherited);
    dev.scylla.workspace.ConfigForm form =
        dev.scylla.workspace.ConfigForm.forAgent(
            store.config().raw().path("scylla").path("agent").asText("claude-code"));
    ComposedWorkspace composed =
        workspaces.configure(wt, catalogue, subtest, effective, thinking(), form, c);
    AtomicFiles.writeJson(
        new dev.scylla.store.RunFiles(ctx.runDir()).agentConfiguration(), given(composed));
    Path manifest =
        store
            .layout()
            .subtestDir(ctx.key().tier(), ctx.key().subtest())
            .resolve("config_manifest.json");
    if (!Files.exists(manifest)) {
      String fixture =
          subtest.file() == null
              ? null
              : catalogue.root().relativize(subtest.file()).toString().replace('\\', '/');
      AtomicFiles.writeJson(
          manifest,
          ResourcesJson.configManifest(
              subtest,
              fixture,
              subtest.resources(),
              inherited != null ? inherited : (subtest.extendsPrevious() ? baseline : null),
              composed.claudeMdSha256(),
              java.time.Instant.now()));
    }
  }

  /** {@code agent_configuration.json}: what the agent was given, in its form (docs/format.md). */
  static com.fasterxml.jackson.databind.node.ObjectNode given(ComposedWorkspace c) {
    var o = dev.scylla.store.Json.object();
    o.put("agent", c.form().jsonName());
    if (c.claudeMd() == null) {
      o.putNull("instructions_file");
      o.putNull("instructions_sha256");
    } else {
      o.put("instructions_file", c.form().instructionsFile());
      o.put("instructions_sha256", c.claudeMdSha256());
    }
    var agents = o.putArray("sub_agents");
    c.agents().forEach(agents::add);
    var skills = o.putArray("skills");
    c.skills().forEach(skills::add);
    var paths = o.putArray("paths");
    for (String p : c.form().paths()) {
      if (Files.exists(c.workspace().resolve(p))) {
        paths.add(p);
      }
    }
    var not = o.putArray("not_given");
    c.notGiven().forEach(not::add);
    if (c.commit() == null) {
      o.putNull("config_commit");
    } else {
      o.put("config_commit", c.commit());
    }
    return o;
  }

  private ThinkingMode thinking() {
    try {
      return ThinkingMode.parse(store.config().thinkingMode());
    } catch (RuntimeException e) {
      return ThinkingMode.NONE;
    }
  }

  SubtestDefinition subtest(RunContext ctx) {
    return catalogue
        .subtest(ctx.key().tier(), ctx.key().subtest())
        .orElseThrow(
            () ->
                ScyllaException.badInput(
                    catalogue.root()
                        + ": subtest "
                        + ctx.key().tier()
                        + "/"
                        + ctx.key().subtest()
                        + " is not in the experiment's catalogue"));
  }

  /**
   * The previous tier's best configuration: the own resources of the best subtest of the nearest
   * earlier tier of this experiment that has one; null when none has.
   */
  private SubtestResources baseline(String tier) {
    List<String> tiers = store.config().tiersToRun();
    int i = tiers.indexOf(tier);
    for (int k = i - 1; k >= 0; k--) {
      SubtestResources r = bestResources(tiers.get(k));
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private SubtestResources inherited(SubtestDefinition subtest) {
    SubtestResources merged = null;
    for (String t : subtest.inheritBestFrom()) {
      SubtestResources r = bestResources(t);
      if (r != null) {
        merged = merged == null ? r : merged.merge(r);
      }
    }
    return merged;
  }

  /**
   * The own resources of a tier's best subtest, as its files record it (the same reading the tier
   * results' {@code inherited_from} is built from, {@link TierBaselines#bestSubtestOnDisk}).
   */
  private SubtestResources bestResources(String tier) {
    String best = TierBaselines.bestSubtestOnDisk(store, tier);
    if (best == null) {
      return null;
    }
    return catalogue.subtest(tier, best).map(SubtestDefinition::resources).orElse(null);
  }

  @Override
  public void remove(RunContext ctx) throws IOException {
    BaseRepository b = base;
    Path baseDir = b != null ? b.dir() : store.layout().repoDir();
    try (var lock = dev.scylla.store.GitLock.acquire(store.layout())) {
      workspaces.remove(
          baseDir,
          ctx.workspace(),
          Workspaces.branchName(store.config().experimentId(), ctx.key()),
          Cancellation.never());
    }
  }

  @Override
  public void prune(RunContext ctx) throws IOException {
    Path repo = store.layout().repoDir();
    if (Files.isDirectory(repo.resolve(".git"))) {
      try (var lock = dev.scylla.store.GitLock.acquire(store.layout())) {
        Captured.run(
            launcher,
            List.of("git", "-C", repo.toString(), "worktree", "prune"),
            null,
            Map.of(),
            Duration.ofSeconds(60));
      }
    }
  }

  @Override
  public String unavailable(ExperimentStore s) {
    Path repo = s.layout().repoDir();
    if (Files.isDirectory(repo.resolve(".git"))) {
      return null;
    }
    String url = s.config().taskRepo();
    if (url == null || s.config().taskCommit() == null) {
      return "config/experiment.json names no task_repo/task_commit";
    }
    if (!url.contains("://") && !url.startsWith("git@")) {
      return Files.isDirectory(Path.of(url))
          ? null
          : "the base repository " + repo + " is gone and " + url + " does not exist";
    }
    try {
      Captured c =
          Captured.run(
              launcher,
              List.of("git", "ls-remote", "--exit-code", url, "HEAD"),
              null,
              Map.of("GIT_TERMINAL_PROMPT", "0"),
              Duration.ofSeconds(20));
      return c.ok()
          ? null
          : "the base repository " + repo + " is gone and " + url + " cannot be reached";
    } catch (IOException e) {
      return "the base repository " + repo + " is gone and git cannot run: " + e.getMessage();
    }
  }

  void note(String s) {
    events.info(s);
  }
}
