package dev.scylla.viewer;

import dev.scylla.model.RunKey;
import dev.scylla.model.ScyllaException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * A running viewer: the served experiments, their watcher and the HTTP server. {@link #start} reads
 * every experiment once (BAD_INPUT when one is not an experiment directory), binds, and returns;
 * {@link #close} stops everything.
 */
public final class Viewer implements AutoCloseable {
  private final List<ServedExperiment> experiments;
  private final ChangeFeed feed = new ChangeFeed(10_000);
  private final ViewerServer server;
  private final TreeWatcher watcher;
  private final boolean loopback;
  private final CountDownLatch closed = new CountDownLatch(1);

  private Viewer(ViewOptions options) throws IOException {
    List<ServedExperiment> list = new ArrayList<>();
    for (Path p : options.experiments()) {
      list.add(new ServedExperiment(list.size(), p));
    }
    this.experiments = List.copyOf(list);
    InetAddress address;
    try {
      address = InetAddress.getByName(options.host());
    } catch (UnknownHostException e) {
      throw ScyllaException.badInput("view: --host " + options.host() + ": unknown host");
    }
    this.loopback = address.isLoopbackAddress();
    this.server =
        new ViewerServer(
            experiments,
            feed,
            new InetSocketAddress(address, options.port()),
            options.host(),
            loopback);
    this.watcher = new TreeWatcher(experiments, this::apply);
  }

  /** Reads the experiments, binds the server and starts watching. */
  public static Viewer start(ViewOptions options) {
    try {
      Viewer v = new Viewer(options);
      v.server.start();
      v.watcher.start();
      return v;
    } catch (java.net.BindException e) {
      throw ScyllaException.badInput(
          "view: cannot listen on "
              + options.host()
              + ":"
              + options.port()
              + ": "
              + e.getMessage());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The address to open: {@code http://HOST:PORT/}. */
  public URI uri() {
    return server.uri();
  }

  /** Whether the server listens on a loopback address only. */
  public boolean loopback() {
    return loopback;
  }

  /** Experiments whose directories could not all be watched: they are re-read every 2 s. */
  public List<Path> polled() {
    List<Path> out = new ArrayList<>();
    for (ServedExperiment e : watcher.unwatched()) {
      out.add(e.dir());
    }
    return out;
  }

  /** Blocks until {@link #close} is called (or the thread is interrupted). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Applies a batch of changed paths: re-reads the runs they belong to and publishes changes. */
  private void apply(Set<TreeWatcher.Changed> batch) {
    Map<ServedExperiment, Set<RunKey>> runs = new LinkedHashMap<>();
    Set<ServedExperiment> whole = new java.util.LinkedHashSet<>();
    for (TreeWatcher.Changed c : batch) {
      if (c.rel() == null || ServedExperiment.changesMatrix(c.rel())) {
        whole.add(c.experiment());
        continue;
      }
      RunKey key = c.experiment().runOf(c.rel());
      if (key != null) {
        runs.computeIfAbsent(c.experiment(), x -> new java.util.LinkedHashSet<>()).add(key);
      }
    }
    for (ServedExperiment e : whole) {
      Map<RunKey, RunRow> before = new java.util.HashMap<>();
      e.rows().forEach(r -> before.put(r.key(), r));
      e.scanAll();
      for (RunRow r : e.rows()) {
        RunRow old = before.get(r.key());
        if (!r.equals(old)) {
          feed.publish(e.id(), r.label(), r.view().status().jsonName());
        }
      }
      runs.remove(e);
    }
    runs.forEach(
        (e, keys) -> {
          for (RunKey k : keys) {
            RunRow old = e.row(k);
            RunRow r = e.refresh(k);
            if (r != null && !r.equals(old)) {
              feed.publish(e.id(), r.label(), r.view().status().jsonName());
            }
          }
        });
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException e) {
      // closing anyway
    }
    server.stop();
    closed.countDown();
  }
}
