package dev.scylla.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises changes to an experiment's shared clone ({@code git clone}, {@code worktree add},
 * {@code worktree remove}, {@code prune}): between the threads of this process, and between
 * processes — the workers of a cluster on a shared filesystem — by an OS lock on {@code
 * <exp>/.scylla/git.lock}. Git's own bookkeeping under {@code .git/worktrees/} is not safe for two
 * such changes at once.
 */
public final class GitLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> THREADS = new ConcurrentHashMap<>();

  private final ReentrantLock threads;
  private final FileChannel channel;
  private final FileLock lock;

  private GitLock(ReentrantLock threads, FileChannel channel, FileLock lock) {
    this.threads = threads;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits for the lock of the experiment's clone. */
  public static GitLock acquire(ExperimentLayout layout) throws IOException {
    Path file = layout.scyllaDir().resolve("git.lock").toAbsolutePath().normalize();
    ReentrantLock t = THREADS.computeIfAbsent(file, k -> new ReentrantLock());
    t.lock();
    FileChannel ch = null;
    try {
      Files.createDirectories(file.getParent());
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new GitLock(t, ch, ch.lock());
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        ch.close();
      }
      t.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      threads.unlock();
    }
  }
}
