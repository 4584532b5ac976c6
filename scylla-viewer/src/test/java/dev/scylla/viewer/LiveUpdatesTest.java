package dev.scylla.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scylla.testing.SyntheticExperiment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-sent events from file changes, numbered, replayed after a reconnect. */
class LiveUpdatesTest {
  /** How long a test waits for an event before it fails (a deadline, not a speed assertion). */
  static final long WAIT_SECONDS = 30;

  @TempDir Path tmp;
  Path exp;
  Viewer viewer;
  final List<Thread> readers = new ArrayList<>();

  @BeforeEach
  void start() {
    exp =
        SyntheticExperiment.builder().tier("T0", "00").runs(3).withPlan().writeTo(tmp.resolve("e"));
    viewer = Viewer.start(new ViewOptions(List.of(exp), "127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    viewer.close();
    readers.forEach(Thread::interrupt);
  }

  /** One parsed event. */
  record Sse(String id, String event, String data) {}

  BlockingQueue<Sse> listen(String lastEventId) throws Exception {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(viewer.uri().resolve("/events"))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      req.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> r =
        HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.headers().firstValue("content-type")).contains("text/event-stream; charset=utf-8");
    BlockingQueue<Sse> q = new LinkedBlockingQueue<>();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String event = "message";
                StringBuilder data = new StringBuilder();
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.isEmpty()) {
                    if (data.length() > 0) {
                      q.add(new Sse(id, event, data.toString()));
                    }
                    id = null;
                    event = "message";
                    data.setLength(0);
                  } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                  } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                  } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                  }
                }
              } catch (IOException e) {
                // closed
              }
            });
    t.setDaemon(true);
    t.start();
    readers.add(t);
    return q;
  }

  static Sse next(BlockingQueue<Sse> q, String event) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < until) {
      Sse s = q.poll(200, TimeUnit.MILLISECONDS);
      if (s != null && s.event().equals(event)) {
        return s;
      }
    }
    throw new AssertionError("no '" + event + "' event within " + WAIT_SECONDS + " s");
  }

  /** Waits until the change feed has settled after startup (the first full re-read). */
  void settle(BlockingQueue<Sse> q) throws InterruptedException {
    next(q, "hello");
  }

  @Test
  void aRunWhoseResultDisappearsIsAnnouncedWithItsNewState() throws Exception {
    BlockingQueue<Sse> q = listen(null);
    settle(q);
    Files.delete(exp.resolve("T0/00/run_02/run_result.json"));
    Sse change = waitFor(q, "\"run\":\"T0/00/run_02\"");
    assertThat(change.data()).contains("\"status\":\"results\"");
    assertThat(change.id()).matches("\\d+");
    assertThat(RawHttp.get(viewer.uri(), "/e/0/").body())
        .contains("data-run=\"T0/00/run_02\" data-state=\"results\"");
  }

  @Test
  void aRunDirectoryThatAppearsIsWatchedAndItsFilesAreSeen() throws Exception {
    BlockingQueue<Sse> q = listen(null);
    settle(q);
    Path run = exp.resolve("T0/00/run_03");
    Path aside = tmp.resolve("aside");
    Files.move(run, aside);
    assertThat(waitFor(q, "\"run\":\"T0/00/run_03\"").data()).contains("\"status\":\"missing\"");
    Files.createDirectories(run.resolve("agent"));
    Files.writeString(run.resolve("agent/stdout.log"), "{}\n");
    waitFor(q, "\"status\":\"partial\"");
    // the agent directory was created after its parent appeared: its files are watched too
    try (var files = Files.list(aside.resolve("agent"))) {
      for (Path f : files.toList()) {
        Files.copy(
            f,
            run.resolve("agent").resolve(f.getFileName().toString()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    waitFor(q, "\"status\":\"results\"");
  }

  @Test
  void aBrowserThatReconnectsWithLastEventIdGetsWhatItMissed() throws Exception {
    BlockingQueue<Sse> first = listen(null);
    settle(first);
    Files.delete(exp.resolve("T0/00/run_01/run_result.json"));
    Sse seen = waitFor(first, "\"run\":\"T0/00/run_01\"");
    // the browser is away while two more runs change
    Files.delete(exp.resolve("T0/00/run_02/run_result.json"));
    waitFor(first, "\"run\":\"T0/00/run_02\"");
    Files.delete(exp.resolve("T0/00/run_03/run_result.json"));
    Sse last = waitFor(first, "\"run\":\"T0/00/run_03\"");
    BlockingQueue<Sse> again = listen(seen.id());
    List<Sse> replayed = new ArrayList<>();
    do {
      replayed.add(next(again, "change"));
    } while (!replayed.get(replayed.size() - 1).id().equals(last.id()));
    // every event after the one seen, in order, none twice, ending with the last one sent
    for (int i = 0; i < replayed.size(); i++) {
      assertThat(Long.parseLong(replayed.get(i).id())).isEqualTo(Long.parseLong(seen.id()) + 1 + i);
    }
    assertThat(replayed.get(0).data()).contains("T0/00/run_02");
    assertThat(replayed).anySatisfy(s -> assertThat(s.data()).contains("T0/00/run_03"));
  }

  static Sse waitFor(BlockingQueue<Sse> q, String fragment) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < until) {
      Sse s = q.poll(200, TimeUnit.MILLISECONDS);
      if (s != null && s.event().equals("change") && s.data().contains(fragment)) {
        return s;
      }
    }
    throw new AssertionError("no change event with " + fragment + " within " + WAIT_SECONDS + " s");
  }
}
