package dev.scylla.bench;

import dev.scylla.event.EventSink;
import dev.scylla.service.Scylla;
import dev.scylla.service.StatusRequest;
import dev.scylla.status.Selection;
import dev.scylla.status.StatusJson;
import dev.scylla.store.Json;
import dev.scylla.viewer.ViewOptions;
import dev.scylla.viewer.Viewer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The viewer's figures ({@code bench/view}) on generated experiments of N runs x 3 judges, each
 * against {@code status --json} on the same tree, measured in the same run:
 *
 * <ul>
 *   <li>warm, in one JVM (best of {@code --iterations}): {@code status --json}'s work (scan, JSON,
 *       writing it), the viewer's start (reading and classifying every run into its index) plus the
 *       first experiment page served, then the experiment page alone, a text search, a later page
 *       of the run list;
 *   <li>cold, as a user meets it (median of 3 processes, JVM start included): {@code scylla status
 *       --json} until it exits; {@code scylla view} from launch until the experiment page's HTML
 *       has arrived; and headless Chromium's {@code --dump-dom} of the page (browser start
 *       included) against the same browser on a tiny page of the same server;
 *   <li>live: a file changed on disk until its server-sent event arrives (median of 5).
 * </ul>
 *
 * {@code [--runs 2000,10000] [--iterations 5] [--work DIR] [--cli scylla.jar] [--chromium PATH]}.
 */
public final class ViewBench {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ViewBench() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(2000, 10000);
    int iterations = 5;
    Path work = Paths.get(System.getProperty("java.io.tmpdir"), "scylla-bench-view");
    Path cli = Paths.get("scylla-cli/target/scylla.jar");
    String chromium = "chromium";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" ->
            sizes =
                Arrays.stream(args[++i].split(","))
                    .map(String::trim)
                    .map(Integer::valueOf)
                    .toList();
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--work" -> work = Paths.get(args[++i]);
        case "--cli" -> cli = Paths.get(args[++i]);
        case "--chromium" -> chromium = args[++i];
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    RunTemplate template = RunTemplate.builtIn();
    System.out.printf(
        "java: %s %s, %d cores%n%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    List<String> warm = new ArrayList<>();
    List<String> cold = new ArrayList<>();
    for (int n : sizes) {
      Path dir = work.resolve("exp-" + n);
      CommandBench.deleteTree(dir);
      long t0 = System.nanoTime();
      int made = new ExperimentGenerator(template, 42, false).writeTo(dir, n);
      System.out.printf(
          "%d runs generated in %s in %.1f s%n", made, dir, (System.nanoTime() - t0) / 1e9);
      warm.add(warm(made, dir, iterations));
      cold.add(cold(made, dir, cli, chromium));
    }
    System.out.println();
    System.out.println(
        "| runs | status --json | view: start + first page | ratio | page | search | page 50 |"
            + " live change → event |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    warm.forEach(System.out::println);
    System.out.println();
    System.out.println(
        "| runs | `scylla status --json` | `scylla view` to first page | ratio |"
            + " Chromium: tiny page | Chromium: experiment page |");
    System.out.println("|---|---|---|---|---|---|");
    cold.forEach(System.out::println);
  }

  private static String warm(int runs, Path dir, int iterations) throws Exception {
    Scylla scylla = Scylla.ofProcess(EventSink.NONE);
    double[] status = new double[iterations];
    double[] start = new double[iterations];
    for (int w = 0; w < 2; w++) {
      statusJson(scylla, dir);
      try (Viewer v = Viewer.start(new ViewOptions(List.of(dir), ViewOptions.LOOPBACK, 0))) {
        get(v.uri().resolve("/e/0/"));
      }
    }
    for (int i = 0; i < iterations; i++) {
      long a = System.nanoTime();
      statusJson(scylla, dir);
      long b = System.nanoTime();
      try (Viewer v = Viewer.start(new ViewOptions(List.of(dir), ViewOptions.LOOPBACK, 0))) {
        get(v.uri().resolve("/e/0/"));
        long c = System.nanoTime();
        status[i] = (b - a) / 1e9;
        start[i] = (c - b) / 1e9;
      }
    }
    double page;
    double search;
    double later;
    double live;
    try (Viewer v = Viewer.start(new ViewOptions(List.of(dir), ViewOptions.LOOPBACK, 0))) {
      URI base = v.uri();
      page = best(iterations, () -> get(base.resolve("/e/0/")));
      search = best(iterations, () -> get(base.resolve("/e/0/?q=requirements&sort=-score")));
      later = best(iterations, () -> get(base.resolve("/e/0/?page=50")));
      live = live(base, dir);
    }
    double s = min(status);
    double st = min(start);
    System.out.printf(
        Locale.ROOT,
        "  warm: status --json %.3f s, view start + first page %.3f s (%.2fx), page %.3f s,"
            + " search %.3f s, page 50 %.3f s, live %.3f s%n",
        s,
        st,
        st / s,
        page,
        search,
        later,
        live);
    return String.format(
        Locale.ROOT,
        "| %,d | %.3f s | %.3f s | %.2f× | %.3f s | %.3f s | %.3f s | %.2f s |",
        runs,
        s,
        st,
        st / s,
        page,
        search,
        later,
        live);
  }

  private static void statusJson(Scylla scylla, Path dir) {
    String json =
        Json.write(StatusJson.toJson(scylla.status(new StatusRequest(dir, Selection.ALL))));
    if (json.isEmpty()) {
      throw new IllegalStateException("empty status");
    }
  }

  /** A file changed on disk until its server-sent event arrives; median of 5. */
  private static double live(URI base, Path dir) throws Exception {
    HttpResponse<java.io.InputStream> r =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve("/events")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) {
                  lines.add(l);
                }
              } catch (java.io.IOException e) {
                // closed
              }
            });
    reader.setDaemon(true);
    reader.start();
    // let the watcher finish registering and its first full re-read
    Thread.sleep(2000);
    Path result = dir.resolve("T0/00/run_01/run_result.json");
    Path aside = dir.resolve("run_result.json.aside");
    double[] took = new double[5];
    for (int i = 0; i < took.length; i++) {
      lines.clear();
      long a = System.nanoTime();
      if (i % 2 == 0) {
        Files.move(result, aside);
      } else {
        Files.move(aside, result);
      }
      String want = i % 2 == 0 ? "\"status\":\"results\"" : "\"status\":\"completed\"";
      while (true) {
        String l = lines.poll(60, TimeUnit.SECONDS);
        if (l == null) {
          throw new IllegalStateException("no event within 60 s");
        }
        if (l.startsWith("data: ") && l.contains("T0/00/run_01") && l.contains(want)) {
          break;
        }
      }
      took[i] = (System.nanoTime() - a) / 1e9;
    }
    if (Files.exists(aside)) {
      Files.move(aside, result);
    }
    reader.interrupt();
    Arrays.sort(took);
    return took[took.length / 2];
  }

  private static String cold(int runs, Path dir, Path cli, String chromium) throws Exception {
    double[] status = new double[3];
    double[] view = new double[3];
    double[] tiny = new double[3];
    double[] browser = new double[3];
    boolean haveChromium = onPath(chromium);
    for (int i = 0; i < 3; i++) {
      long a = System.nanoTime();
      Process p =
          new ProcessBuilder(
                  "java",
                  "-jar",
                  cli.toString(),
                  "status",
                  dir.toString(),
                  "--json",
                  "--progress",
                  "never")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("status failed");
      }
      status[i] = (System.nanoTime() - a) / 1e9;
      long b = System.nanoTime();
      Process v =
          new ProcessBuilder("java", "-jar", cli.toString(), "view", dir.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      try {
        BufferedReader out =
            new BufferedReader(new InputStreamReader(v.getInputStream(), StandardCharsets.UTF_8));
        URI base = URI.create(out.readLine().trim());
        get(base.resolve("/e/0/"));
        view[i] = (System.nanoTime() - b) / 1e9;
        if (haveChromium) {
          tiny[i] = dumpDom(chromium, base.resolve("/static/viewer.css").toString());
          browser[i] = dumpDom(chromium, base.resolve("/e/0/").toString());
        }
      } finally {
        v.descendants().forEach(ProcessHandle::destroyForcibly);
        v.destroyForcibly();
        v.waitFor();
      }
    }
    double s = median(status);
    double w = median(view);
    System.out.printf(
        Locale.ROOT,
        "  cold: scylla status --json %.2f s, scylla view to first page %.2f s, chromium tiny %.2f"
            + " s, chromium page %.2f s%n",
        s,
        w,
        median(tiny),
        median(browser));
    return String.format(
        Locale.ROOT,
        "| %,d | %.2f s | %.2f s | %.2f× | %s | %s |",
        runs,
        s,
        w,
        w / s,
        haveChromium ? String.format(Locale.ROOT, "%.2f s", median(tiny)) : "–",
        haveChromium ? String.format(Locale.ROOT, "%.2f s", median(browser)) : "–");
  }

  private static double dumpDom(String chromium, String url) throws Exception {
    Path profile = Files.createTempDirectory("scylla-bench-chromium-");
    try {
      long a = System.nanoTime();
      Process p =
          new ProcessBuilder(
                  chromium,
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--no-first-run",
                  "--user-data-dir=" + profile,
                  "--dump-dom",
                  url)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("chromium did not finish");
      }
      return (System.nanoTime() - a) / 1e9;
    } finally {
      CommandBench.deleteTree(profile);
    }
  }

  private static boolean onPath(String exe) {
    if (exe.contains("/")) {
      return Files.isExecutable(Paths.get(exe));
    }
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Paths.get(d, exe))) {
        return true;
      }
    }
    return false;
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> r =
        HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(uri + ": HTTP " + r.statusCode());
    }
    return r.body();
  }

  private interface Action {
    Object run() throws Exception;
  }

  private static double best(int n, Action a) throws Exception {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < n + 1; i++) {
      long t = System.nanoTime();
      a.run();
      double s = (System.nanoTime() - t) / 1e9;
      if (i > 0) {
        best = Math.min(best, s);
      }
    }
    return best;
  }

  private static double min(double[] xs) {
    return Arrays.stream(xs).min().orElse(Double.NaN);
  }

  private static double median(double[] xs) {
    double[] c = xs.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
