package dev.scylla.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The plumbing of the fake API servers ({@link FakeMessagesApi}, {@link FakeResponsesApi}): the
 * JDK's HTTP server on a free port of 127.0.0.1, each request read whole (headers lower-cased, the
 * body parsed as JSON when it is JSON) before the fake's handler answers it, server-sent events,
 * and hangs that end when the server is closed.
 */
final class LoopbackServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One request as received: the URI with its query, lower-cased headers, the JSON body or null.
   */
  record Received(String method, String uri, Map<String, String> headers, JsonNode body) {}

  /** Answers one request; the exchange is closed afterwards. */
  interface Handler {
    void handle(HttpExchange ex, Received r) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch closed = new CountDownLatch(1);

  private LoopbackServer(HttpServer server) {
    this.server = server;
  }

  static LoopbackServer start(Handler handler) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LoopbackServer l = new LoopbackServer(s);
    s.createContext(
        "/",
        ex -> {
          try (ex) {
            handler.handle(ex, read(ex));
          }
        });
    s.setExecutor(l.pool);
    s.start();
    return l;
  }

  private static Received read(HttpExchange ex) throws IOException {
    byte[] raw = ex.getRequestBody().readAllBytes();
    JsonNode body = null;
    if (raw.length > 0) {
      try {
        body = JSON.readTree(raw);
      } catch (IOException e) {
        body = null;
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
    return new Received(
        ex.getRequestMethod(), ex.getRequestURI().toString(), Map.copyOf(headers), body);
  }

  /** {@code http://127.0.0.1:PORT}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Blocks the calling handler until the server is closed (a hung API). */
  void hangUntilClosed() {
    try {
      closed.await(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes one server-sent event and flushes it. */
  static void event(OutputStream os, String name, JsonNode data) throws IOException {
    os.write(
        ("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    os.flush();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
