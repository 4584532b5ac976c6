package dev.scylla.workspace;

import dev.scylla.event.EventSink;
import dev.scylla.model.Catalogue;
import dev.scylla.model.RunKey;
import dev.scylla.model.ScyllaException;
import dev.scylla.model.SubtestDefinition;
import dev.scylla.model.SubtestResources;
import dev.scylla.model.ThinkingMode;
import dev.scylla.process.Cancellation;
import dev.scylla.process.Captured;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.process.Shell;
import dev.scylla.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Git workspaces for runs (scylla-execution.md §1.6): one shared clone of the task repository per
 * experiment, one {@code git worktree} per run on its own branch at the test's commit, the
 * subtest's configuration applied and committed with an explicit identity, and reliable removal.
 *
 * <p>Thread-safe: operations that change a shared clone (clone, fetch, worktree add/remove, prune,
 * branch deletion) are serialised per clone; work inside different worktrees runs in parallel.
 * Every git call has a timeout and is cancellable.
 */
public final class Workspaces {
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  private static final Pattern TRANSIENT =
      Pattern.compile(
          "connection reset|connection refused|network is unreachable|temporary failure"
              + "|could not resolve host|curl 56|timed out|early eof|recv failure|broken pipe"
              + "|ssl handshake|\\b50[23]\\b|the remote end hung up",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern SCP_LIKE = Pattern.compile("[^/:]+@[^/:]+:.*");

  /** Commit message of the configuration commit (the reference's). */
  public static final String CONFIG_COMMIT_MESSAGE = "[scylla] Initialize test configuration";

  /** Commit message of the agent's changes (the reference's). */
  public static final String AGENT_COMMIT_MESSAGE = "[scylla] Agent changes";

  private final Git git;
  private final EventSink events;
  private final GitIdentity identity;
  private final Duration fetchTimeout;
  private final Duration gitTimeout;

  public Workspaces(ProcessLauncher launcher, EventSink events) {
    this(
        new Git(launcher),
        events,
        GitIdentity.DEFAULT,
        Duration.ofMinutes(30),
        Duration.ofSeconds(120));
  }

  /**
   * @param fetchTimeout limit for a clone or a fetch
   * @param gitTimeout limit for every other git call
   */
  public Workspaces(
      Git git, EventSink events, GitIdentity identity, Duration fetchTimeout, Duration gitTimeout) {
    this.git = git;
    this.events = events;
    this.identity = identity;
    this.fetchTimeout = fetchTimeout;
    this.gitTimeout = gitTimeout;
  }

  /** The reference's branch name of a run: {@code <experiment id[:8]>_<T>_<NN>_run_<RR>}. */
  public static String branchName(String experimentId, RunKey key) {
    String prefix = experimentId.length() > 8 ? experimentId.substring(0, 8) : experimentId;
    String name = String.format("%s_%s_%s_run_%02d", prefix, key.tier(), key.subtest(), key.run());
    return name.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  /**
   * The resources a run of {@code subtest} gets, as declared (fixing the reference's overlay
   * defects): the inherited resources of a T5 subtest ({@code inherit_best_from}) or, for a subtest
   * that extends the previous tier, that tier's baseline; then the subtest's own on top.
   *
   * @param baseline the previous tier's best configuration, or null
   * @param inherited the merged resources of the tiers named by {@code inherit_best_from}, or null
   */
  public static SubtestResources effectiveResources(
      SubtestDefinition subtest, SubtestResources baseline, SubtestResources inherited) {
    if (subtest.bareWorkspace()) {
      return subtest.resources();
    }
    if (!subtest.inheritBestFrom().isEmpty() && inherited != null) {
      return inherited.merge(subtest.resources());
    }
    if (subtest.extendsPrevious() && baseline != null) {
      return baseline.merge(subtest.resources());
    }
    return subtest.resources();
  }

  // ------------------------------------------------------------------ base repository

  /**
   * Makes sure {@code repoDir} is a clone of {@code url} that holds {@code commit}: clones it
   * (shallow) when absent, fetches the commit when missing. A local path is cloned through a {@code
   * file://} URL so the clone can be shallow. Transient network errors are retried (3 attempts).
   *
   * @throws ScyllaException BAD_INPUT when git is missing, the repository cannot be cloned, or the
   *     commit does not exist in it; INTERRUPTED when cancelled
   */
  public BaseRepository prepareBase(Path repoDir, String url, String commit, Cancellation cancel)
      throws IOException {
    Path dir = repoDir.toAbsolutePath().normalize();
    ReentrantLock lock = lockFor(dir);
    lock.lock();
    try {
      if (!Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
        if (Files.exists(dir) && !isEmptyDir(dir)) {
          throw ScyllaException.badInput(
              dir + ": exists and is not a git clone; move it away or choose another directory");
        }
        Files.createDirectories(dir.getParent());
        events.info("cloning " + url + " into " + dir);
        Captured c =
            withRetries(
                List.of(
                    "clone",
                    "--quiet",
                    "--no-checkout",
                    "--depth=1",
                    cloneUrl(url),
                    dir.toString()),
                null,
                cancel);
        if (!c.ok()) {
          throw ScyllaException.badInput("cannot clone " + url + ": " + Git.message(c));
        }
      } else {
        Captured check =
            git.run(dir, gitTimeout, cancel, List.of("rev-parse", "--is-inside-work-tree"));
        if (!check.ok()) {
          throw ScyllaException.badInput(dir + ": not a usable git clone: " + Git.message(check));
        }
      }
      if (!hasCommit(dir, commit, cancel)) {
        events.info("fetching commit " + commit + " from " + url);
        Captured f =
            withRetries(List.of("fetch", "--quiet", "--depth=1", "origin", commit), dir, cancel);
        if (!hasCommit(dir, commit, cancel)) {
          String why = f.ok() ? "fetched, but the commit is still absent" : Git.message(f);
          throw ScyllaException.badInput(
              "commit " + commit + " not found in " + url + " (" + why + ")");
        }
      }
      return new BaseRepository(dir, url, commit);
    } finally {
      lock.unlock();
    }
  }

  private boolean hasCommit(Path dir, String commit, Cancellation cancel) throws IOException {
    return git.run(dir, gitTimeout, cancel, List.of("cat-file", "-e", commit + "^{commit}")).ok();
  }

  private Captured withRetries(List<String> args, Path cwd, Cancellation cancel)
      throws IOException {
    Captured c = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      c = git.run(cwd, fetchTimeout, cancel, args);
      if (c.ok() || !TRANSIENT.matcher(c.stderr()).find()) {
        return c;
      }
      if (args.get(0).equals("clone")) {
        Path target = Path.of(args.get(args.size() - 1));
        if (Files.exists(target) && !isEmptyDir(target)) {
          // a failed clone normally cleans up after itself; never delete what we did not create
          return c;
        }
      }
      if (attempt == 2) {
        break;
      }
      long millis =
          (long) (1000 * Math.pow(2, attempt) * (0.5 + ThreadLocalRandom.current().nextDouble()));
      events.warn(
          "git " + args.get(0) + " failed (" + Git.message(c) + "); retrying in " + millis + " ms");
      sleep(millis, cancel);
    }
    return c;
  }

  static String cloneUrl(String url) {
    if (url.contains("://") || SCP_LIKE.matcher(url).matches()) {
      return url;
    }
    Path p = Path.of(url);
    if (Files.isDirectory(p)) {
      return p.toAbsolutePath().normalize().toUri().toString();
    }
    return url;
  }

  // ------------------------------------------------------------------ worktrees

  /**
   * Creates the worktree of a run: {@code git worktree add -b <branch> <workspace> <commit>}, after
   * pruning stale entries and deleting a leftover branch of the same name. A leftover worktree at
   * {@code workspace} that belongs to this clone is removed first; any other existing, non-empty
   * directory is refused (never deleted).
   *
   * @param logDir where to write {@code worktree_create.sh} and the git output ({@code
   *     cmd_0000_stdout.log}, {@code cmd_0000_stderr.log}) as the reference does; null for none
   */
  public Worktree addWorktree(
      BaseRepository base, Path workspace, String branch, Path logDir, Cancellation cancel)
      throws IOException {
    Path ws = workspace.toAbsolutePath().normalize();
    ReentrantLock lock = lockFor(base.dir());
    lock.lock();
    try {
      git.run(base.dir(), gitTimeout, cancel, List.of("worktree", "prune"));
      if (Files.exists(ws, LinkOption.NOFOLLOW_LINKS)) {
        if (isEmptyDir(ws)) {
          Files.delete(ws);
        } else if (belongsTo(base.dir(), ws, cancel)) {
          events.warn("removing a leftover worktree at " + ws);
          removeLocked(base.dir(), ws, null, cancel);
        } else {
          throw new ScyllaException(
              ScyllaException.Kind.FAILED,
              ws + ": exists and is not a worktree of " + base.dir() + "; refusing to replace it");
        }
      }
      git.run(base.dir(), gitTimeout, cancel, List.of("branch", "-D", branch));
      Files.createDirectories(ws.getParent());
      List<String> args = List.of("worktree", "add", "-b", branch, ws.toString(), base.commit());
      Captured c = git.run(base.dir(), gitTimeout, cancel, args);
      if (logDir != null) {
        writeCreateLog(logDir, base, ws, branch, c);
      }
      if (!c.ok()) {
        throw new ScyllaException(
            ScyllaException.Kind.FAILED,
            "cannot create worktree "
                + ws
                + " at "
                + base.commit()
                + " of "
                + base.url()
                + ": "
                + Git.message(c));
      }
      return new Worktree(base.dir(), ws, branch, base.commit());
    } finally {
      lock.unlock();
    }
  }

  private void writeCreateLog(Path logDir, BaseRepository base, Path ws, String branch, Captured c)
      throws IOException {
    String script =
        "#!/bin/bash\n"
            + "# Worktree: "
            + branch
            + " @ "
            + ws
            + "\n"
            + Shell.join(
                List.of(
                    "git",
                    "-C",
                    base.dir().toString(),
                    "worktree",
                    "add",
                    "-b",
                    branch,
                    ws.toString(),
                    base.commit()))
            + "\n";
    Path sh = logDir.resolve("worktree_create.sh");
    AtomicFiles.writeString(sh, script);
    sh.toFile().setExecutable(true, false);
    AtomicFiles.writeString(logDir.resolve("cmd_0000_stdout.log"), c.stdout());
    AtomicFiles.writeString(logDir.resolve("cmd_0000_stderr.log"), c.stderr());
  }

  /**
   * Applies the subtest's configuration to the worktree and commits it ("[scylla] Initialize test
   * configuration") with the explicit identity. Returns what was written and the resulting commit.
   *
   * @param effective the resources to apply ({@link #effectiveResources})
   */
  public ComposedWorkspace configure(
      Worktree wt,
      Catalogue catalogue,
      SubtestDefinition subtest,
      SubtestResources effective,
      ThinkingMode thinking,
      Cancellation cancel)
      throws IOException {
    return configure(wt, catalogue, subtest, effective, thinking, ConfigForm.CLAUDE_CODE, cancel);
  }

  /** {@link #configure} in the form {@code form}'s agent reads ({@link ConfigForm}). */
  public ComposedWorkspace configure(
      Worktree wt,
      Catalogue catalogue,
      SubtestDefinition subtest,
      SubtestResources effective,
      ThinkingMode thinking,
      ConfigForm form,
      Cancellation cancel)
      throws IOException {
    ComposedWorkspace composed =
        WorkspaceComposer.compose(wt.path(), catalogue, subtest, effective, thinking, form);
    for (String p : form.paths()) {
      if (Files.exists(wt.path().resolve(p), LinkOption.NOFOLLOW_LINKS)) {
        git.ok(wt.path(), gitTimeout, cancel, List.of("add", "-A", "-f", "--", p));
      } else if (git.run(
              wt.path(), gitTimeout, cancel, List.of("ls-files", "--error-unmatch", "--", p))
          .ok()) {
        git.ok(wt.path(), gitTimeout, cancel, List.of("add", "-A", "--", p));
      }
    }
    commitStaged(wt.path(), CONFIG_COMMIT_MESSAGE, false, cancel);
    return composed.withCommit(head(wt.path(), cancel));
  }

  /**
   * Commits everything {@code git add -A} stages in the worktree (ignored files stay out) as
   * "[scylla] Agent changes", allowing an empty commit, and returns the new HEAD. The judge should
   * diff against {@link Worktree#commit()} or the configuration commit, not against {@code HEAD~1}.
   */
  public String commitAgentChanges(Worktree wt, Cancellation cancel) throws IOException {
    git.ok(wt.path(), gitTimeout, cancel, List.of("add", "-A"));
    commitStaged(wt.path(), AGENT_COMMIT_MESSAGE, true, cancel);
    return head(wt.path(), cancel);
  }

  private void commitStaged(Path ws, String message, boolean allowEmpty, Cancellation cancel)
      throws IOException {
    if (!allowEmpty
        && git.run(ws, gitTimeout, cancel, List.of("diff", "--cached", "--quiet")).ok()) {
      return;
    }
    List<String> args = new ArrayList<>(identity.configArgs());
    args.addAll(List.of("commit", "--quiet", "--no-verify", "-m", message));
    if (allowEmpty) {
      args.add("--allow-empty");
    }
    git.ok(ws, gitTimeout, cancel, args);
  }

  /** The worktree's HEAD commit. */
  public String head(Path worktree, Cancellation cancel) throws IOException {
    return git.ok(worktree, gitTimeout, cancel, List.of("rev-parse", "HEAD")).stdout().strip();
  }

  // ------------------------------------------------------------------ removal

  /**
   * Removes a run's worktree and (when {@code branch} is not null) its branch, then prunes. Never
   * deletes anything that is not a worktree of {@code baseDir}: a registered worktree is removed
   * with {@code git worktree remove --force}; a directory that git no longer tracks (moved or
   * damaged) is deleted only if its {@code .git} file points into {@code baseDir}. A workspace that
   * is already gone is fine. Idempotent.
   *
   * @throws ScyllaException FAILED when {@code workspace} is not a worktree of {@code baseDir}
   */
  public void remove(Path baseDir, Path workspace, String branch, Cancellation cancel)
      throws IOException {
    Path base = baseDir.toAbsolutePath().normalize();
    ReentrantLock lock = lockFor(base);
    lock.lock();
    try {
      removeLocked(base, workspace.toAbsolutePath().normalize(), branch, cancel);
    } finally {
      lock.unlock();
    }
  }

  /** Removes {@code wt} and its branch. */
  public void remove(Worktree wt, Cancellation cancel) throws IOException {
    remove(wt.baseDir(), wt.path(), wt.branch(), cancel);
  }

  private void removeLocked(Path base, Path ws, String branch, Cancellation cancel)
      throws IOException {
    if (Files.exists(ws, LinkOption.NOFOLLOW_LINKS)) {
      if (!belongsTo(base, ws, cancel)) {
        throw new ScyllaException(
            ScyllaException.Kind.FAILED,
            "refusing to remove " + ws + ": it is not a worktree of " + base);
      }
      boolean removed = false;
      if (registered(base, ws, cancel)) {
        Captured c =
            git.run(
                base,
                gitTimeout,
                cancel,
                List.of("worktree", "remove", "--force", "--force", ws.toString()));
        removed = c.ok() && !Files.exists(ws, LinkOption.NOFOLLOW_LINKS);
        if (!c.ok()) {
          events.warn(
              "git worktree remove " + ws + " failed (" + Git.message(c) + "); deleting it");
        }
      }
      if (!removed) {
        WorkspaceComposer.deleteTree(ws);
      }
    }
    git.run(base, gitTimeout, cancel, List.of("worktree", "prune"));
    if (branch != null) {
      git.run(base, gitTimeout, cancel, List.of("branch", "-D", branch));
    }
  }

  /** The worktrees git knows for {@code base} (absolute paths as git records them). */
  public List<Path> listWorktrees(Path base, Cancellation cancel) throws IOException {
    Captured c = git.ok(base, gitTimeout, cancel, List.of("worktree", "list", "--porcelain"));
    List<Path> out = new ArrayList<>();
    for (String line : c.stdout().split("\n")) {
      if (line.startsWith("worktree ")) {
        out.add(Path.of(line.substring("worktree ".length())));
      }
    }
    return out;
  }

  private boolean registered(Path base, Path ws, Cancellation cancel) throws IOException {
    Path real = ws.toRealPath();
    for (Path p : listWorktrees(base, cancel)) {
      if (p.equals(ws) || (Files.exists(p) && p.toRealPath().equals(real))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code ws} is a linked worktree of {@code base}: its {@code .git} is a file whose
   * {@code gitdir:} points into {@code base}'s {@code .git/worktrees/}.
   */
  private boolean belongsTo(Path base, Path ws, Cancellation cancel) throws IOException {
    Path dotGit = ws.resolve(".git");
    if (!Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
    if (!text.startsWith("gitdir:")) {
      return false;
    }
    Path gitdir = Path.of(text.substring("gitdir:".length()).strip());
    if (!gitdir.isAbsolute()) {
      gitdir = ws.resolve(gitdir);
    }
    Path worktrees = base.resolve(".git").resolve("worktrees");
    Path realWorktrees = Files.exists(worktrees) ? worktrees.toRealPath() : worktrees;
    Path g = gitdir.normalize();
    Path parent = g.getParent();
    if (parent == null) {
      return false;
    }
    Path realParent = Files.exists(parent) ? parent.toRealPath() : parent;
    return realParent.equals(realWorktrees) || parent.equals(worktrees);
  }

  private static ReentrantLock lockFor(Path dir) {
    return LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new ReentrantLock());
  }

  private static boolean isEmptyDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static void sleep(long millis, Cancellation cancel) {
    long end = System.currentTimeMillis() + millis;
    while (!cancel.isCancelled()) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(left, 100));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new ScyllaException(
        ScyllaException.Kind.INTERRUPTED, "cancelled while waiting to retry git");
  }
}
