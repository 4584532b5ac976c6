package dev.scylla.viewer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scylla.model.RunKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The routes, on the JDK's {@code com.sun.net.httpserver}:
 *
 * <ul>
 *   <li>{@code /} the served experiments (the experiment page when only one is served)
 *   <li>{@code /e/N/} an experiment, {@code ?fragment=1} its content only (live updates)
 *   <li>{@code /e/N/run/T/S/run_NN} a run
 *   <li>{@code /e/N/file/PATH} a file of the experiment, as text
 *   <li>{@code /compare?a=N[:T]&b=N[:T]} two experiments or two tiers
 *   <li>{@code /events} server-sent events: one numbered event per changed run
 *   <li>{@code /static/...} the stylesheet and the script
 * </ul>
 *
 * Every response carries a content type, {@code nosniff} and a content security policy that allows
 * only our own script; anything else is 404.
 */
final class ViewerServer {
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  static final long HEARTBEAT_SECONDS = 15;

  private final List<ServedExperiment> experiments;
  private final ChangeFeed feed;
  private final HttpServer http;
  private final ExecutorService pool;
  private final boolean loopback;
  private final String host;

  ViewerServer(
      List<ServedExperiment> experiments,
      ChangeFeed feed,
      InetSocketAddress address,
      String host,
      boolean loopback)
      throws IOException {
    this.host = host;
    this.experiments = experiments;
    this.feed = feed;
    this.loopback = loopback;
    this.http = HttpServer.create(address, 64);
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "scylla-view-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(pool);
    http.createContext("/", this::handle);
  }

  void start() {
    http.start();
  }

  void stop() {
    http.stop(0);
    pool.shutdownNow();
  }

  URI uri() {
    InetSocketAddress a = http.getAddress();
    String h = host;
    if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return URI.create("http://" + h + ":" + a.getPort() + "/");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      if (loopback && !hostAllowed(ex.getRequestHeaders().getFirst("Host"))) {
        // a page elsewhere that resolves its own name to 127.0.0.1 (DNS rebinding) gets nothing
        send(ex, 403, "text/plain; charset=utf-8", "unexpected Host header\n");
        return;
      }
      route(ex);
    } catch (RuntimeException e) {
      try {
        send(ex, 500, "text/plain; charset=utf-8", "internal error\n");
      } catch (IOException | RuntimeException ignored) {
        // the response was already under way
      }
    }
  }

  boolean hostAllowed(String host) {
    if (host == null) {
      return false;
    }
    int port = http.getAddress().getPort();
    return host.equals("127.0.0.1:" + port)
        || host.equals("localhost:" + port)
        || host.equals("[::1]:" + port);
  }

  private void route(HttpExchange ex) throws IOException {
    String raw = ex.getRequestURI().getRawPath();
    Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
    boolean fragment = "1".equals(first(query, "fragment"));
    if (raw == null || raw.isEmpty() || raw.equals("/")) {
      if (experiments.size() == 1) {
        redirect(ex, "/e/0/");
      } else {
        String body = IndexPage.render(experiments);
        html(ex, fragment ? body : Html.page("scylla view", nav(null), body, "*"));
      }
      return;
    }
    if (raw.equals("/events")) {
      events(ex);
      return;
    }
    if (raw.equals("/static/viewer.css") || raw.equals("/static/viewer.js")) {
      resource(ex, raw.substring("/static/".length()));
      return;
    }
    if (raw.equals("/compare")) {
      String body = ComparePage.render(experiments, query);
      html(ex, fragment ? body : Html.page("compare · scylla view", nav(null), body, "*"));
      return;
    }
    if (!raw.startsWith("/e/")) {
      notFound(ex);
      return;
    }
    String rest = raw.substring(3);
    int slash = rest.indexOf('/');
    if (slash < 0) {
      notFound(ex);
      return;
    }
    ServedExperiment e = experiment(rest.substring(0, slash));
    if (e == null) {
      notFound(ex);
      return;
    }
    String path = rest.substring(slash + 1);
    if (path.isEmpty()) {
      String body = ExperimentPage.render(e, RunQuery.parse(query), Instant.now());
      if (fragment) {
        html(ex, body);
      } else {
        html(ex, Html.page(e.name() + " · scylla view", nav(e), body, "e" + e.id()));
      }
      return;
    }
    if (path.startsWith("run/")) {
      Optional<List<String>> seg = SafePaths.segments(path.substring(4));
      RunKey key = seg.isPresent() && seg.get().size() == 3 ? runKey(e, seg.get()) : null;
      if (key == null) {
        notFound(ex);
        return;
      }
      String body = RunPage.render(e, key);
      if (fragment) {
        html(ex, body);
      } else {
        html(
            ex,
            Html.page(
                key.label() + " · " + e.name(), nav(e), body, "e" + e.id() + ":" + key.label()));
      }
      return;
    }
    if (path.equals("figures")) {
      String body = FiguresPage.render(e, FiguresPage.figures(e));
      html(ex, fragment ? body : Html.page("figures · " + e.name(), nav(e), body, "*"));
      return;
    }
    if (path.startsWith("figure/") && path.endsWith(".svg")) {
      String name = path.substring("figure/".length(), path.length() - ".svg".length());
      Optional<byte[]> svg =
          name.matches("[A-Za-z0-9_]+") ? FiguresPage.svg(e, name) : Optional.empty();
      if (svg.isEmpty()) {
        notFound(ex);
        return;
      }
      send(ex, 200, "image/svg+xml", svg.get());
      return;
    }
    if (path.startsWith("file/")) {
      Optional<List<String>> seg = SafePaths.segments(path.substring(5));
      Optional<Path> file = seg.flatMap(s -> SafePaths.file(e.realRoot(), s));
      if (file.isEmpty()) {
        notFound(ex);
        return;
      }
      file(ex, file.get());
      return;
    }
    notFound(ex);
  }

  private static RunKey runKey(ServedExperiment e, List<String> seg) {
    String name = seg.get(2);
    if (!name.matches("run_\\d{2,6}")) {
      return null;
    }
    RunKey key = new RunKey(seg.get(0), seg.get(1), Integer.parseInt(name.substring(4)));
    return e.row(key) == null ? null : key;
  }

  private ServedExperiment experiment(String id) {
    if (!id.matches("\\d{1,4}")) {
      return null;
    }
    int n = Integer.parseInt(id);
    return n < experiments.size() ? experiments.get(n) : null;
  }

  private String nav(ServedExperiment current) {
    StringBuilder b = new StringBuilder();
    for (ServedExperiment e : experiments) {
      b.append("<a href=\"/e/")
          .append(e.id())
          .append("/\"")
          .append(e == current ? " class=\"current\"" : "")
          .append('>')
          .append(Html.esc(e.name()))
          .append("</a> ");
      if (e == current) {
        b.append("<a href=\"/e/").append(e.id()).append("/figures\">figures</a> ");
      }
    }
    b.append("<a href=\"/compare\">compare</a>");
    return b.toString();
  }

  // ------------------------------------------------------------ server-sent events

  private void events(HttpExchange ex) throws IOException {
    long last = -1;
    String header = ex.getRequestHeaders().getFirst("Last-Event-ID");
    if (header == null) {
      header =
          first(
              ex.getRequestURI().getRawQuery() == null
                  ? Map.of()
                  : query(ex.getRequestURI().getRawQuery()),
              "since");
    }
    if (header != null && !header.isEmpty()) {
      try {
        last = Long.parseLong(header.trim());
      } catch (NumberFormatException e) {
        last = -1;
      }
    }
    headers(ex, "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    BlockingQueue<ChangeFeed.Change> q = ChangeFeed.queue();
    boolean complete = feed.subscribe(last, q);
    OutputStream out = ex.getResponseBody();
    try {
      long now = feed.last();
      StringBuilder hello = new StringBuilder("retry: 1000\n");
      if (!complete) {
        hello.append("event: reset\ndata: {\"seq\":").append(now).append("}\n\n");
      }
      hello.append("event: hello\ndata: {\"seq\":").append(now).append("}\n\n");
      write(out, hello.toString());
      while (true) {
        ChangeFeed.Change c = q.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        if (c == null) {
          write(out, ": keep-alive\n\n");
          continue;
        }
        StringBuilder sb = new StringBuilder();
        do {
          sb.append("id: ")
              .append(c.seq())
              .append("\nevent: change\ndata: ")
              .append(c.json())
              .append("\n\n");
          c = q.poll();
        } while (c != null);
        write(out, sb.toString());
      }
    } catch (IOException | InterruptedException e) {
      // the browser went away, or the server is stopping
    } finally {
      feed.unsubscribe(q);
    }
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  // ------------------------------------------------------------ responses

  private static void headers(HttpExchange ex, String type) {
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Content-Security-Policy", CSP);
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
  }

  static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    headers(ex, type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }

  private static void html(HttpExchange ex, String body) throws IOException {
    send(ex, 200, "text/html; charset=utf-8", body);
  }

  private static void notFound(HttpExchange ex) throws IOException {
    send(ex, 404, "text/plain; charset=utf-8", "not found\n");
  }

  private static void redirect(HttpExchange ex, String to) throws IOException {
    ex.getResponseHeaders().set("Location", to);
    send(ex, 302, "text/plain; charset=utf-8", "see " + to + "\n");
  }

  private static void resource(HttpExchange ex, String name) throws IOException {
    try (InputStream in = ViewerServer.class.getResourceAsStream(name)) {
      if (in == null) {
        notFound(ex);
        return;
      }
      String type =
          name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
      send(ex, 200, type, in.readAllBytes());
    }
  }

  /** A file of the experiment: text as UTF-8 plain text, anything else as bytes to download. */
  private static void file(HttpExchange ex, Path f) throws IOException {
    byte[] bytes = Files.readAllBytes(f);
    boolean text = SafePaths.decodeUtf8(bytes);
    if (text) {
      send(ex, 200, "text/plain; charset=utf-8", bytes);
    } else {
      ex.getResponseHeaders().set("Content-Disposition", "attachment");
      send(ex, 200, "application/octet-stream", bytes);
    }
  }

  // ------------------------------------------------------------ queries

  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        k = java.net.URLDecoder.decode(k, StandardCharsets.UTF_8);
        v = java.net.URLDecoder.decode(v, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        continue;
      }
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  static String first(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
