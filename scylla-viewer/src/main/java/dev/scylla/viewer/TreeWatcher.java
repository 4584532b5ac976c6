package dev.scylla.viewer;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the directories of served experiments that hold run state (run, agent, judge and slot
 * directories, archives, attempt journals; never the task repository or workspaces) and reports
 * changed paths in batches, at most every {@link #BATCH_MS} ms. New directories are registered as
 * they appear. When the watch cannot be kept (the system's watch limit, an overflow) the batch says
 * so and the owner reads the whole experiment again.
 */
final class TreeWatcher implements Closeable {
  static final long BATCH_MS = 200;

  /** A change: the experiment and the path relative to it, or {@code rel == null}: read it all. */
  record Changed(ServedExperiment experiment, String rel) {}

  private record Watched(ServedExperiment experiment, Path dir) {}

  private final WatchService service;
  private final List<ServedExperiment> experiments;
  private final Consumer<Set<Changed>> sink;
  private final Map<WatchKey, Watched> keys = new ConcurrentHashMap<>();
  private final Set<ServedExperiment> failed = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean closed;

  TreeWatcher(List<ServedExperiment> experiments, Consumer<Set<Changed>> sink) throws IOException {
    this.service = FileSystems.getDefault().newWatchService();
    this.experiments = experiments;
    this.sink = sink;
    this.thread = new Thread(this::loop, "scylla-view-watch");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The experiments whose directories could not all be watched (they are polled instead). */
  Set<ServedExperiment> unwatched() {
    return Set.copyOf(failed);
  }

  int watchedDirectories() {
    return keys.size();
  }

  /** Whether a directory (relative to its experiment, forward slashes) holds run state. */
  static boolean watches(String rel) {
    if (rel.isEmpty()) {
      return true;
    }
    String[] p = rel.split("/");
    String last = p[p.length - 1];
    if (last.equals("workspace") || last.equals("repo") || last.equals(".git")) {
      return false;
    }
    if (p[0].equals(".scylla")) {
      return p.length == 1 || p[1].equals("journal");
    }
    if (p[0].equals("config")) {
      return p.length == 1;
    }
    // archives arrive whole (a rename) and do not change: watch .failed and .archive, not inside
    for (int i = 0; i < p.length - 1; i++) {
      if (p[i].equals(".failed") || p[i].equals(".archive")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Registers every watched directory under {@code start} and adds to {@code changed} those
   * modified at or after {@code sinceMillis}: what changed while the experiment was being read and
   * before its directories were watched (files are written by rename, which touches their
   * directory).
   */
  private void registerTree(
      ServedExperiment e, Path start, Set<Changed> changed, long sinceMillis) {
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              if (closed) {
                return FileVisitResult.TERMINATE;
              }
              if (!watches(e.layout().relative(dir))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              WatchKey k = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
              keys.put(k, new Watched(e, dir));
              if (attrs.lastModifiedTime().toMillis() >= sinceMillis) {
                changed.add(new Changed(e, e.layout().relative(dir)));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (ClosedWatchServiceException ex) {
      // closing
    } catch (IOException ex) {
      // most likely the system's limit of watches: fall back to reading the experiment again
      failed.add(e);
    }
  }

  private void loop() {
    // what changed since each experiment was read (2 s of slack for coarse timestamps)
    Set<Changed> initial = new LinkedHashSet<>();
    for (ServedExperiment e : experiments) {
      registerTree(e, e.dir(), initial, e.scannedAtMillis() - 2000);
    }
    for (ServedExperiment e : failed) {
      initial.add(new Changed(e, null));
    }
    deliver(initial);
    long nextPoll = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (!closed) {
      Set<Changed> batch = new LinkedHashSet<>();
      try {
        WatchKey k = service.poll(1, TimeUnit.SECONDS);
        if (k != null) {
          long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BATCH_MS);
          while (k != null) {
            drain(k, batch);
            long left = until - System.nanoTime();
            k = left > 0 ? service.poll(left, TimeUnit.NANOSECONDS) : service.poll();
            if (left <= 0 && k != null) {
              drain(k, batch);
              break;
            }
          }
        }
      } catch (InterruptedException | ClosedWatchServiceException ex) {
        return;
      }
      if (!failed.isEmpty() && System.nanoTime() >= nextPoll) {
        for (ServedExperiment e : failed) {
          batch.add(new Changed(e, null));
        }
        nextPoll = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      }
      if (!batch.isEmpty()) {
        deliver(batch);
      }
    }
  }

  private void deliver(Set<Changed> batch) {
    if (closed) {
      return;
    }
    try {
      sink.accept(batch);
    } catch (RuntimeException ex) {
      // an experiment that cannot be read now (moved away, half written) keeps its last index and
      // is read again with its next change
    }
  }

  private void drain(WatchKey k, Set<Changed> batch) {
    Watched w = keys.get(k);
    if (w == null) {
      k.cancel();
      return;
    }
    for (WatchEvent<?> ev : k.pollEvents()) {
      if (ev.kind() == OVERFLOW) {
        batch.add(new Changed(w.experiment(), null));
        continue;
      }
      Path child = w.dir().resolve((Path) ev.context());
      String rel = w.experiment().layout().relative(child);
      if (ev.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        // its files may have been written before it was watched: every directory in it counts
        registerTree(w.experiment(), child, batch, Long.MIN_VALUE);
      }
      batch.add(new Changed(w.experiment(), rel));
    }
    if (!k.reset()) {
      keys.remove(k);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    service.close();
    thread.interrupt();
  }
}
