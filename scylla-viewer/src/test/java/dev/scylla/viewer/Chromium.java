package dev.scylla.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.store.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, driven two ways: {@code --dump-dom} (the DOM after the page loaded
 * and ran its script) and the DevTools protocol over a WebSocket (evaluate JavaScript in a page
 * that stays open, to see it change without a reload). Each browser gets a fresh profile.
 */
final class Chromium implements AutoCloseable {
  /** Set to 1 (CI does) to fail instead of skipping when Chromium is not installed. */
  static final String ENV_REQUIRE = "SCYLLA_REQUIRE_CHROMIUM";

  static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-dev-shm-usage");

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  /** The Chromium executable; skips the test (or fails it under {@link #ENV_REQUIRE}) if none. */
  static Path executable() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    if ("1".equals(System.getenv(ENV_REQUIRE))) {
      throw new AssertionError("chromium is not installed but " + ENV_REQUIRE + "=1");
    }
    Assumptions.assumeTrue(
        false, "chromium is not installed (apt-get install chromium); browser tests skipped");
    return null;
  }

  /** The DOM of a page after it loaded, as {@code chromium --dump-dom} prints it. */
  static String dumpDom(Path tmp, String url) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(tmp, "chromium-");
    List<String> cmd = new ArrayList<>();
    cmd.add(executable().toString());
    cmd.addAll(FLAGS);
    cmd.add("--user-data-dir=" + profile);
    cmd.add("--dump-dom");
    cmd.add(url);
    Path out = tmp.resolve("dom-" + System.nanoTime() + ".html");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(tmp.resolve("chromium-stderr.log").toFile())
            .start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new AssertionError("chromium --dump-dom " + url + " did not finish in 120 s");
      }
    } finally {
      kill(p);
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** A browser with one page open at {@code url}, controlled over the DevTools protocol. */
  static Chromium open(Path tmp, String url) throws Exception {
    return new Chromium(tmp, url);
  }

  private Chromium(Path tmp, String url) throws Exception {
    profile = Files.createTempDirectory(tmp, "chromium-");
    List<String> cmd = new ArrayList<>();
    cmd.add(executable().toString());
    cmd.addAll(FLAGS);
    cmd.add("--user-data-dir=" + profile);
    cmd.add("--remote-debugging-port=0");
    cmd.add(url);
    process =
        new ProcessBuilder(cmd)
            .redirectOutput(tmp.resolve("chromium-cdp-stdout.log").toFile())
            .redirectError(tmp.resolve("chromium-cdp-stderr.log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
      if (System.nanoTime() > until || !process.isAlive()) {
        kill(process);
        throw new AssertionError("chromium did not open its DevTools port");
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    String wsUrl = null;
    while (wsUrl == null) {
      String list =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      for (JsonNode t : Json.parse(list)) {
        if (t.path("type").asText().equals("page")) {
          wsUrl = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (wsUrl == null) {
        if (System.nanoTime() > until) {
          throw new AssertionError("chromium opened no page");
        }
        Thread.sleep(50);
      }
    }
    socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(wsUrl), new Listener())
            .get(30, TimeUnit.SECONDS);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode msg = Json.parse(text.toString());
          JsonNode id = msg.get("id");
          if (id != null) {
            CompletableFuture<JsonNode> f = pending.remove(id.asInt());
            if (f != null) {
              f.complete(msg);
            }
          }
        } catch (Exception e) {
          // not for us
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  /** Evaluates a JavaScript expression in the page; its value as a string (null for undefined). */
  String evaluate(String expression) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = Json.object();
    msg.put("id", id);
    msg.put("method", "Runtime.evaluate");
    msg.putObject("params").put("expression", expression).put("returnByValue", true);
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    socket.sendText(Json.writeCompact(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode reply = f.get(30, TimeUnit.SECONDS);
    JsonNode value = reply.path("result").path("result").get("value");
    return value == null || value.isNull()
        ? null
        : value.isTextual() ? value.textValue() : value.toString();
  }

  /** Evaluates until the expression gives {@code expected}, for at most {@code seconds}. */
  String await(String expression, String expected, int seconds) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String last = null;
    while (System.nanoTime() < until) {
      last = evaluate(expression);
      if (expected.equals(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        expression + " stayed " + last + ", expected " + expected + " within " + seconds + " s");
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      socket.abort();
    } finally {
      kill(process);
    }
  }
}
