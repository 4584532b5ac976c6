package dev.scylla.bench;

import dev.scylla.event.EventSink;
import dev.scylla.run.CostEstimate;
import dev.scylla.run.OrchestrationReport;
import dev.scylla.run.Orchestrator;
import dev.scylla.run.RunControl;
import dev.scylla.run.RunFinal;
import dev.scylla.run.RunSettings;
import dev.scylla.run.Session;
import dev.scylla.run.Work;
import dev.scylla.status.Selection;
import dev.scylla.temporal.TemporalExecutor;
import dev.scylla.temporal.TemporalTarget;
import dev.scylla.temporal.TemporalWorker;
import io.temporal.testserver.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Temporal executor's scaling: N runs whose agent takes a fixed latency (the fake ports of
 * {@link ConcurrencyBench}: journals, classification, judge slots, consensus, run results and
 * summaries are real) on 1, 2, 4 workers of C runs each, against the ideal {@code N × latency /
 * (workers × C)} and against the local orchestrator at the same total concurrency, both measured
 * here. Each worker has its own connection to Temporal's test server (real time, on loopback), as
 * separate machines would; they share this JVM and this machine's cores.
 *
 * <pre>
 *   java -cp scylla-bench/target/benchmarks.jar dev.scylla.bench.TemporalScalingBench \
 *       [--runs 48] [--latency-ms 1000] [--per-worker 4] [--workers 1,2,4] [--work DIR]
 * </pre>
 */
public final class TemporalScalingBench {
  private TemporalScalingBench() {}

  public static void main(String[] args) throws Exception {
    int runs = 48;
    long latency = 1000;
    int perWorker = 4;
    List<Integer> levels = List.of(1, 2, 4);
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "scylla-bench-temporal");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--latency-ms" -> latency = Long.parseLong(args[++i]);
        case "--per-worker" -> perWorker = Integer.parseInt(args[++i]);
        case "--workers" -> {
          List<Integer> l = new ArrayList<>();
          for (String s : args[++i].split(",")) {
            l.add(Integer.parseInt(s.trim()));
          }
          levels = l;
        }
        case "--work" -> work = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int port = TemporalTestServer.freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, false)) {
      TemporalTarget target = new TemporalTarget("127.0.0.1:" + port, "default", "bench");
      // warm-up: the JIT and the server see every code path once
      measure(target, work.resolve("warmup"), 8, 50, 2, 2);
      System.out.printf(
          "%d runs, agent latency %d ms, %d runs at a time per worker%n%n",
          runs, latency, perWorker);
      System.out.printf(
          "%-8s %12s %10s %10s %8s %10s %8s%n",
          "workers", "concurrency", "wall (s)", "ideal (s)", "ratio", "local (s)", "vs local");
      for (int w : levels) {
        int c = w * perWorker;
        double wall = measure(target, work.resolve("w" + w), runs, latency, w, perWorker);
        double local = ConcurrencyBench.measure(work.resolve("local" + w), runs, latency, 3, c);
        double ideal = runs * latency / 1000.0 / c;
        System.out.printf(
            "%-8d %12d %10.2f %10.2f %8.2f %10.2f %8.2f%n",
            w, c, wall, ideal, wall / ideal, local, wall / local);
      }
    }
  }

  static double measure(
      TemporalTarget target, Path dir, int runs, long latencyMs, int workers, int perWorker)
      throws Exception {
    ConcurrencyBench.deleteTree(dir);
    Path exp = ConcurrencyBench.experiment(dir, runs, 3);
    Orchestrator.Wiring ports = ConcurrencyBench.wiring(latencyMs);
    List<TemporalTarget.Connection> connections = new ArrayList<>();
    List<TemporalWorker> started = new ArrayList<>();
    try {
      for (int i = 0; i < workers; i++) {
        TemporalTarget.Connection c = target.connect(Map.of());
        connections.add(c);
        started.add(
            TemporalWorker.start(
                c.client(),
                target.taskQueue(),
                perWorker,
                st -> ports,
                EventSink.NONE,
                Clock.systemUTC(),
                Duration.ofSeconds(1)));
      }
      TemporalTarget.Connection starter = target.connect(Map.of());
      connections.add(starter);
      TemporalExecutor executor =
          new TemporalExecutor(
              starter.client(),
              target.taskQueue(),
              false,
              TemporalExecutor.HEARTBEAT_TIMEOUT,
              EventSink.NONE);
      Session session = new Session(EventSink.NONE, st -> ports, w -> executor);
      Session.Request req =
          new Session.Request(
              exp,
              "bench",
              Selection.ALL,
              false,
              workers * perWorker,
              RunSettings.defaults(),
              new RunControl());
      long t0 = System.nanoTime();
      OrchestrationReport r =
          session
              .run(
                  req,
                  (st, before, w) ->
                      Session.Plan.of(
                          before.matrix().runs().stream().map(Work::drive).toList(),
                          CostEstimate.NONE,
                          0,
                          List.of()))
              .work();
      double wall = (System.nanoTime() - t0) / 1e9;
      if (r.count(RunFinal.Kind.COMPLETED) != runs) {
        throw new IllegalStateException("not every run completed: " + r.runs());
      }
      return wall;
    } finally {
      started.forEach(TemporalWorker::close);
      connections.forEach(TemporalTarget.Connection::close);
    }
  }
}
