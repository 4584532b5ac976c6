package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunKey;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.ExperimentLayout;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.JsonStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the summary files of subtests, tiers and the experiment, each only when its content
 * changed: JSON files are compared by value ({@code generated_at} and path fields aside), Markdown
 * files after rendering them with their own {@code **Generated**:} time, and the large {@code
 * result.json} files byte by byte first, then by value. Every replaced file is backed up first
 * ({@code name.backup}); nothing is deleted. In a dry run nothing is written and the outcomes say
 * what would be.
 *
 * <p>Files per level (under {@code completed/} in the phased layout): subtest {@code report.json},
 * {@code report.md}; tier {@code result.json}, {@code best_subtest.json}, {@code report.json},
 * {@code report.md}, {@code summary.md}; experiment {@code result.json}, {@code report.json},
 * {@code report.md}, {@code summary.md}, {@code tier_comparison.json}.
 */
public final class SummaryWriter {
  /** Files up to this size are compared by value when their bytes differ. */
  static final long VALUE_COMPARE_LIMIT = 32L << 20;

  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
  private static final Set<String> IGNORED =
      Set.of("generated_at", "workspace_path", "logs_path", "command_log_path");

  private final ExperimentStore store;
  private final ExperimentLayout layout;
  private final Clock clock;
  private final boolean dryRun;
  private final List<Future<WrittenFile>> written = new ArrayList<>();
  private final AtomicInteger unchanged = new AtomicInteger();

  /** Tiers whose result.json holds exactly what this writer renders (written or byte-equal). */
  private final Set<String> canonicalTiers = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private ExecutorService pool;
  private final SummaryJson.Links links;

  public SummaryWriter(ExperimentStore store, Clock clock, boolean dryRun) {
    this.store = store;
    this.layout = store.layout();
    this.clock = clock;
    this.dryRun = dryRun;
    this.links = links(store);
  }

  /** The links between summary files of this experiment's layout. */
  public static SummaryJson.Links links(ExperimentStore store) {
    ExperimentLayout l = store.layout();
    return new SummaryJson.Links() {
      @Override
      public String runReport(RunKey key, String file) {
        return ExperimentLayout.link(
            l.subtestDir(key.tier(), key.subtest()), store.runDir(key).resolve(file));
      }

      @Override
      public String subtestReport(String tier, String subtest, String file) {
        return ExperimentLayout.link(l.tierDir(tier), l.subtestFile(tier, subtest, file));
      }

      @Override
      public String tierReport(String tier, String file) {
        return ExperimentLayout.link(l.root(), l.tierFile(tier, file));
      }

      @Override
      public String subtestFromExperiment(String tier, String subtest, String file) {
        return ExperimentLayout.link(l.root(), l.subtestFile(tier, subtest, file));
      }
    };
  }

  /**
   * Concurrent writers. The summaries are derived files, written without fsync; 4 writers instead
   * of 16 were not faster on 2 cores (bench/run, 2,000 runs, under load from other work), so 16
   * stay.
   */
  static final int WRITERS = 16;

  /**
   * What was written (or would be, in a dry run), in order; waits for writes under way and throws
   * the first write failure.
   */
  public List<WrittenFile> written() throws IOException {
    flush();
    List<WrittenFile> out = new ArrayList<>();
    for (Future<WrittenFile> f : written) {
      WrittenFile w = result(f);
      if (w != null) {
        out.add(w);
      }
    }
    return out;
  }

  /** How many summary files were already up to date (after {@link #flush()}). */
  public int unchanged() {
    return unchanged.get();
  }

  /** Waits until every write handed to the writers is done; throws the first failure. */
  public void flush() throws IOException {
    if (pool == null) {
      return;
    }
    pool.shutdown();
    pool = null;
    for (Future<WrittenFile> f : written) {
      result(f);
    }
  }

  private static WrittenFile result(Future<WrittenFile> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while writing summaries");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private interface Write {
    WrittenFile run() throws IOException;
  }

  /** Runs a write on the writers (in a dry run, or without writers, right here). */
  private void submit(Write w) throws IOException {
    if (dryRun) {
      written.add(CompletableFuture.completedFuture(w.run()));
      return;
    }
    if (pool == null) {
      AtomicInteger n = new AtomicInteger();
      pool =
          Executors.newFixedThreadPool(
              WRITERS,
              r -> {
                Thread t = new Thread(r, "summary-writer-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    written.add(pool.submit(w::run));
  }

  // ------------------------------------------------------------ measurements kept

  /**
   * The tier's measured wall-clock duration and inherited baseline from its earlier {@code
   * result.json} (else the duration from its {@code report.json}); nulls when unknown.
   */
  public Measured measuredTier(String tier) {
    Loaded<ObjectNode> r =
        FileReads.readTopLevel(
            layout.tierFile(tier, "result.json"), Set.of("total_duration", "inherited_from"));
    Double duration = null;
    JsonNode inherited = null;
    if (r.orNull() != null) {
      duration = number(r.orNull().get("total_duration"));
      JsonNode i = r.orNull().get("inherited_from");
      inherited = i == null || i.isNull() ? null : i;
    }
    if (duration == null) {
      Loaded<ObjectNode> rep = FileReads.readJson(layout.tierFile(tier, "report.json"), o -> o);
      if (rep.orNull() != null) {
        duration = number(rep.orNull().path("summary").get("total_duration"));
      }
    }
    return new Measured(duration, inherited, null, null);
  }

  /**
   * The experiment's start, end and duration from its earlier {@code result.json} (else its {@code
   * report.json}, else the checkpoint's {@code started_at} and {@code last_updated_at}).
   */
  public Measured measuredExperiment() {
    Loaded<ObjectNode> r =
        FileReads.readTopLevel(
            layout.experimentFile("result.json"),
            Set.of("started_at", "completed_at", "total_duration_seconds"));
    if (r.orNull() != null && text(r.orNull().get("started_at")) != null) {
      ObjectNode o = r.orNull();
      return new Measured(
          number(o.get("total_duration_seconds")),
          null,
          text(o.get("started_at")),
          text(o.get("completed_at")));
    }
    Loaded<ObjectNode> rep = FileReads.readJson(layout.experimentFile("report.json"), o -> o);
    if (rep.orNull() != null && text(rep.orNull().path("summary").get("started_at")) != null) {
      JsonNode s = rep.orNull().get("summary");
      return new Measured(
          number(s.get("total_duration")),
          null,
          text(s.get("started_at")),
          text(s.get("completed_at")));
    }
    Loaded<ObjectNode> cp = FileReads.readJson(layout.checkpointFile(), o -> o);
    if (cp.orNull() != null) {
      return new Measured(
          null,
          null,
          text(cp.orNull().get("started_at")),
          text(cp.orNull().get("last_updated_at")));
    }
    return new Measured(null, null, null, null);
  }

  /** Values an earlier run measured that cannot be derived from the runs' files. */
  public record Measured(
      Double duration, JsonNode inheritedFrom, String startedAt, String completedAt) {}

  private static Double number(JsonNode n) {
    return n != null && n.isNumber() ? n.doubleValue() : null;
  }

  private static String text(JsonNode n) {
    return n != null && n.isTextual() ? n.textValue() : null;
  }

  // ------------------------------------------------------------ levels

  public void writeSubtest(SubtestStats s) throws IOException {
    String tier = s.tier();
    String sub = s.subtest();
    json(
        layout.subtestFile(tier, sub, "report.json"),
        now -> SummaryJson.subtestReport(s, now, links));
    markdown(
        layout.subtestFile(tier, sub, "report.md"),
        now -> SummaryMarkdown.subtestReport(s, now, links));
  }

  public void writeTier(TierSummary t, SummaryJson.RunSource runs) throws IOException {
    String tier = t.tier();
    streamed(
        layout.tierFile(tier, "result.json"),
        out -> SummaryJson.writeTierResult(JsonStreamWriter.over(out), t, runs),
        () -> canonicalTiers.add(tier));
    json(layout.tierFile(tier, "best_subtest.json"), now -> SummaryJson.bestSubtest(t.best()));
    json(layout.tierFile(tier, "report.json"), now -> SummaryJson.tierReport(t, now, links));
    markdown(layout.tierFile(tier, "report.md"), now -> SummaryMarkdown.tierReport(t, now, links));
    markdown(layout.tierFile(tier, "summary.md"), now -> SummaryMarkdown.tierSummary(t, links));
  }

  public void writeExperiment(ExperimentSummary e, SummaryJson.RunSource runs) throws IOException {
    // The tiers' result.json files are embedded in the experiment's: once they are written, a
    // tier whose file is exactly what was rendered is copied instead of rendered again.
    flush();
    streamed(
        layout.experimentFile("result.json"),
        out ->
            SummaryJson.writeExperimentResult(
                JsonStreamWriter.over(out),
                e,
                runs,
                tier ->
                    !dryRun && canonicalTiers.contains(tier)
                        ? layout.tierFile(tier, "result.json")
                        : null),
        () -> {});
    json(layout.experimentFile("report.json"), now -> SummaryJson.experimentReport(e, now, links));
    markdown(
        layout.experimentFile("report.md"), now -> SummaryMarkdown.experimentReport(e, now, links));
    markdown(
        layout.experimentFile("summary.md"), now -> SummaryMarkdown.experimentSummary(e, links));
    json(layout.experimentFile("tier_comparison.json"), now -> SummaryJson.tierComparison(e));
  }

  // ------------------------------------------------------------ files

  private interface JsonDoc {
    ObjectNode render(String generatedAt);
  }

  private interface MarkdownDoc {
    String render(String generatedAt);
  }

  private String now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).format(ISO);
  }

  private void json(Path file, JsonDoc doc) throws IOException {
    ObjectNode fresh = doc.render(now());
    Loaded<ObjectNode> old = FileReads.readJson(file, o -> o);
    String reason;
    if (old.orNull() != null) {
      reason = JsonCompare.firstDifference(old.orNull(), fresh, IGNORED, JsonCompare.Mode.EQUAL);
      if (reason == null) {
        unchanged.incrementAndGet();
        return;
      }
    } else {
      reason = old.describe();
    }
    put(file, Json.write(fresh).getBytes(StandardCharsets.UTF_8), reason, !old.isMissing());
  }

  private void markdown(Path file, MarkdownDoc doc) throws IOException {
    Loaded<byte[]> old = FileReads.readBytes(file);
    String reason = old.describe();
    if (old.orNull() != null) {
      String text = new String(old.orNull(), StandardCharsets.UTF_8);
      String stamp = SummaryMarkdown.generatedAt(text);
      String same = doc.render(stamp == null ? now() : stamp);
      if (same.equals(text)) {
        unchanged.incrementAndGet();
        return;
      }
      reason = firstLineDifference(text, same);
    }
    put(file, doc.render(now()).getBytes(StandardCharsets.UTF_8), reason, !old.isMissing());
  }

  private void put(Path file, byte[] bytes, String reason, boolean replaces) throws IOException {
    String label = layout.relative(file);
    submit(
        () -> {
          Path backup = null;
          if (!dryRun) {
            if (replaces) {
              backup = AtomicFiles.backup(file);
            }
            AtomicFiles.writeDerived(file, bytes);
          }
          return new WrittenFile(file, label, replaces, backup, reason);
        });
  }

  private void streamed(Path file, AtomicFiles.Body body, Runnable canonical) throws IOException {
    submit(() -> streamedNow(file, body, canonical));
  }

  /**
   * Writes a streamed file if it changed; returns what was written, or null when unchanged. Calls
   * {@code canonical} when the file ends up holding exactly the rendered bytes.
   */
  private WrittenFile streamedNow(Path file, AtomicFiles.Body body, Runnable canonical)
      throws IOException {
    boolean exists = Files.exists(file);
    if (dryRun) {
      if (!exists) {
        return new WrittenFile(file, layout.relative(file), false, null, "missing");
      }
      if (sameBytes(file, body)) {
        unchanged.incrementAndGet();
        return null;
      }
      String reason = "content differs";
      if (Files.size(file) <= VALUE_COMPARE_LIMIT) {
        ByteArrayOutputStream mem = new ByteArrayOutputStream();
        body.writeTo(mem);
        reason = valueDifference(file, mem.toByteArray());
        if (reason == null) {
          unchanged.incrementAndGet();
          return null;
        }
      }
      return new WrittenFile(file, layout.relative(file), true, null, reason);
    }
    // An up-to-date file is recognised by streaming the new content against it, without writing
    // (and syncing) a copy; only a changed or new file is staged.
    if (exists && sameBytes(file, body)) {
      unchanged.incrementAndGet();
      canonical.run();
      return null;
    }
    try (AtomicFiles.Staged staged = AtomicFiles.stageDerived(file, body)) {
      String reason = exists ? "content differs" : "missing";
      if (exists
          && Files.size(file) <= VALUE_COMPARE_LIMIT
          && Files.size(staged.content()) <= VALUE_COMPARE_LIMIT) {
        reason = valueDifference(file, Files.readAllBytes(staged.content()));
        if (reason == null) {
          unchanged.incrementAndGet();
          return null;
        }
      }
      Path backup = exists ? AtomicFiles.backup(file) : null;
      staged.commit();
      canonical.run();
      return new WrittenFile(file, layout.relative(file), exists, backup, reason);
    }
  }

  /** The first value difference between the file and {@code fresh}, or null when equal. */
  private static String valueDifference(Path file, byte[] fresh) {
    Loaded<ObjectNode> old = FileReads.readJson(file, o -> o);
    if (old.orNull() == null) {
      return old.describe();
    }
    try {
      return JsonCompare.firstDifference(
          old.orNull(), Json.parse(fresh), IGNORED, JsonCompare.Mode.EQUAL);
    } catch (dev.scylla.store.CorruptFileException e) {
      throw new IllegalStateException("regenerated JSON does not parse: " + e.getMessage(), e);
    }
  }

  /** Streams {@code body} against the file's bytes without keeping either. */
  private static boolean sameBytes(Path file, AtomicFiles.Body body) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ComparingStream cmp = new ComparingStream(in);
      body.writeTo(cmp);
      cmp.flush();
      return cmp.same && in.read() < 0;
    }
  }

  /** An output stream that compares what is written with an input stream, chunk by chunk. */
  private static final class ComparingStream extends OutputStream {
    private final InputStream expected;
    private byte[] chunk = new byte[8192];
    boolean same = true;

    ComparingStream(InputStream expected) {
      this.expected = expected;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (!same) {
        return;
      }
      if (chunk.length < len) {
        chunk = new byte[len];
      }
      int got = expected.readNBytes(chunk, 0, len);
      if (got != len || !java.util.Arrays.equals(chunk, 0, len, b, off, off + len)) {
        same = false;
      }
    }
  }

  private static String firstLineDifference(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (!x[i].equals(y[i])) {
        return "line " + (i + 1) + " differs";
      }
    }
    return "length differs (" + x.length + " -> " + y.length + " lines)";
  }
}
