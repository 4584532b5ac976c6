package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.store.Json;
import dev.scylla.testing.EndToEnd;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster with real processes: Temporal's test server (real time, on loopback), {@code scylla
 * worker} child JVMs, and the demo started with {@code --engine temporal}.
 */
@EndToEnd
class TemporalClusterTest {
  @TempDir Path tmp;
  private TestServer.PortBoundTestServer server;
  private String address;
  private final List<Process> workers = Collections.synchronizedList(new ArrayList<>());
  private final List<Path> workerLogs = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void cluster() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    server = TestServer.createPortBoundServer(port, false);
    address = "127.0.0.1:" + port;
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : workers) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    server.close();
  }

  private Process worker(int i) throws IOException {
    List<String> cmd =
        List.of(
            Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.scylla.cli.Main",
            "worker",
            "--temporal",
            address,
            "--concurrency",
            "2",
            "--progress",
            "never");
    Path log = tmp.resolve("worker-" + i + ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    workers.add(p);
    workerLogs.add(log);
    return p;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private int cli(StringWriter out, String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
  }

  private static String lastLine(String s) {
    String[] lines = s.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES) // a workflow stuck on the dead worker hangs
  void aWorkerKilledWhileItRunsAnAgentIsReplacedAndNoFinishedStepRunsAgain() throws Exception {
    // the victim starts alone, so it surely takes runs (and the workflow's first tasks); once it
    // runs an agent it is killed and the other two start, to take its runs over
    Process victim = worker(1);
    Path results = tmp.resolve("results");
    List<Throwable> killerFailed = Collections.synchronizedList(new ArrayList<>());
    Thread killer =
        new Thread(
            () -> {
              long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
              try {
                while (System.nanoTime() < deadline
                    && !read(workerLogs.get(0)).contains("agent attempt")) {
                  Thread.sleep(50);
                }
                victim.destroyForcibly(); // SIGKILL
                worker(2);
                worker(3);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (IOException | RuntimeException e) {
                killerFailed.add(e);
              }
            });
    killer.start();
    StringWriter out = new StringWriter();

    int code =
        cli(
            out,
            "demo",
            "--engine",
            "temporal",
            "--temporal",
            address,
            "--results-dir",
            results.toString(),
            "--concurrency",
            "6",
            "--progress",
            "never");
    killer.join();

    assertThat(killerFailed).isEmpty();
    assertThat(read(workerLogs.get(0))).contains("agent attempt");
    assertThat(code).as(out.toString()).isZero();
    assertThat(victim.isAlive()).isFalse();
    Path exp = Paths.get(lastLine(out.toString()));
    assertThat(out.toString()).contains("completed     8");
    assertThat(cli(new StringWriter(), "status", exp.toString(), "--progress", "never")).isZero();
    // the victim's runs were taken over by the other workers
    assertThat(read(workerLogs.get(1)) + read(workerLogs.get(2)))
        .contains("attempt 2 of its activity");
    // no agent that finished was launched again: one finished attempt per run, and it is the last
    List<Path> journals;
    try (Stream<Path> s = Files.walk(exp.resolve(".scylla/journal"))) {
      journals = s.filter(f -> f.toString().endsWith(".json")).toList();
    }
    assertThat(journals).hasSize(8);
    for (Path j : journals) {
      JsonNode attempts = Json.mapper().readTree(j.toFile()).get("attempts");
      int finished = 0;
      for (int i = 0; i < attempts.size(); i++) {
        if (attempts.get(i).get("outcome").asText().equals("finished")) {
          finished++;
          assertThat(i)
              .as(j + ": an attempt after the finished one")
              .isEqualTo(attempts.size() - 1);
        }
      }
      assertThat(finished).as(j.toString()).isEqualTo(1);
    }
    // nor was a judge slot judged again once it had a valid verdict
    List<Path> slots;
    try (Stream<Path> s = Files.walk(exp)) {
      slots =
          s.filter(f -> f.getFileName().toString().equals("attempts.json"))
              .filter(f -> !f.toString().contains("/.failed/"))
              .toList();
    }
    assertThat(slots).hasSize(24);
    for (Path a : slots) {
      JsonNode attempts = Json.mapper().readTree(a.toFile()).get("attempts");
      for (int i = 0; i < attempts.size(); i++) {
        if (attempts.get(i).get("outcome").asText().equals("complete")) {
          assertThat(i)
              .as(a + ": an attempt after the complete one")
              .isEqualTo(attempts.size() - 1);
        }
      }
    }
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void theWorkflowOutlivesItsStarterAndASecondStarterAttachesToIt() throws Exception {
    worker(1);
    worker(2);
    Path results = tmp.resolve("results");
    StringWriter first = new StringWriter();
    int detached =
        cli(
            first,
            "demo",
            "--engine",
            "temporal",
            "--temporal",
            address,
            "--detach",
            "--results-dir",
            results.toString(),
            "--progress",
            "never");
    assertThat(detached).as(first.toString()).isZero();
    Path exp = Paths.get(lastLine(first.toString()));

    StringWriter second = new StringWriter();
    int code =
        cli(
            second,
            "run",
            exp.toString(),
            "--engine",
            "temporal",
            "--temporal",
            address,
            "--progress",
            "never");

    assertThat(code).as(second.toString()).isZero();
    assertThat(second.toString()).contains("runs 8/8 completed");
    assertThat(cli(new StringWriter(), "status", exp.toString(), "--progress", "never")).isZero();
  }
}
