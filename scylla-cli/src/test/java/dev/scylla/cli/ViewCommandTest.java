package dev.scylla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.testing.SyntheticExperiment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scylla view} as a user meets it: the printed address, the warning, bad input. */
class ViewCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs {@code scylla view ...} until it prints its address; returns the thread serving. */
  private Thread serve(AtomicInteger exit, String... args) throws InterruptedException {
    Thread t =
        new Thread(
            () -> exit.set(Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true))));
    t.start();
    long until = System.nanoTime() + 30_000_000_000L;
    while (!out.toString().contains("\n") && t.isAlive() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    return t;
  }

  @Test
  void printsItsAddressOnALineOfItsOwnAndServesTheExperimentUntilStopped() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(2).writeTo(tmp.resolve("e"));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t = serve(exit, "view", exp.toString(), "--port", "0");
    String line = out.toString().lines().findFirst().orElseThrow();
    assertThat(line).matches("http://127\\.0\\.0\\.1:\\d+/");
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(line).resolve("/e/0/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("T0/00/run_01").contains("T0/00/run_02");
    assertThat(err.toString()).doesNotContain("warning");
    t.interrupt();
    t.join(30_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
  }

  @Test
  void anyAddressButLoopbackIsWarnedAbout() throws Exception {
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("e"));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t = serve(exit, "view", exp.toString(), "--host", "0.0.0.0");
    assertThat(out.toString().lines().findFirst().orElseThrow())
        .matches("http://0\\.0\\.0\\.0:\\d+/");
    assertThat(err.toString()).contains("warning: listening on 0.0.0.0, not loopback");
    t.interrupt();
    t.join(30_000);
    assertThat(exit.get()).isZero();
  }

  @Test
  void aMissingExperimentIsOneLineNamingItAndExitCodeTwo() {
    Path nope = tmp.resolve("nope");
    int code =
        Main.run(
            new String[] {"view", nope.toString()},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("scylla: ")
        .doesNotContain("\n")
        .contains(nope.toString());
    assertThat(out.toString()).isEmpty();
    assertThat(
            Main.run(
                new String[] {"view", tmp.toString()},
                new PrintWriter(out, true),
                new PrintWriter(err, true)))
        .isEqualTo(2);
    assertThat(err.toString()).contains("not an experiment directory");
    Path exp = SyntheticExperiment.builder().tier("T0", "00").runs(1).writeTo(tmp.resolve("e"));
    assertThat(
            Main.run(
                new String[] {"view", exp.toString(), "--port", "70000"},
                new PrintWriter(out, true),
                new PrintWriter(err, true)))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--port 70000 is not a port");
    assertThat(out.toString()).isEmpty();
  }
}
