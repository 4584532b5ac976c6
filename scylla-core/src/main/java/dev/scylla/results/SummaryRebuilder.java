package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.FileReads;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * (Re)writes the summaries above the runs: each subtest's reports, each tier's result, best subtest
 * and reports, and the experiment's result, reports and tier comparison. A run counts in the
 * summaries when it is completed (valid agent result and run result) and its consensus is not
 * invalid; the summaries keep only a {@link RunSummary} per run and stream the runs' files into the
 * {@code result.json} files, so memory stays flat in the number of runs.
 *
 * <p>The orchestrator calls {@link #rewriteSubtest}, {@link #rewriteTier} and {@link
 * #rewriteExperiment} as subtests, tiers and the experiment finish; {@code regenerate} calls {@link
 * #rewrite} with the summaries it collected while rebuilding the runs.
 */
public final class SummaryRebuilder {
  private final ExperimentStore store;
  private final RunMatrix matrix;
  private final RunRegenerator runs;
  private final SummaryWriter writer;
  private final TierBaselines baselines;
  private final List<String> notes = new ArrayList<>();

  public SummaryRebuilder(
      ExperimentStore store,
      RunMatrix matrix,
      ConsensusPolicy policy,
      Clock clock,
      boolean dryRun) {
    this.store = store;
    this.matrix = matrix;
    this.runs = new RunRegenerator(store, matrix, policy, clock);
    this.writer = new SummaryWriter(store, clock, dryRun);
    this.baselines = new TierBaselines(store);
  }

  /** What was written (or would be), in order; throws the first write failure. */
  public List<WrittenFile> written() throws IOException {
    return writer.written();
  }

  /**
   * Summaries that were not rewritten and why (a tier or subtest with no run that counts keeps its
   * old files, if any).
   */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** How many summary files were up to date. */
  public int unchanged() {
    return writer.unchanged();
  }

  /** Reads a run's {@code run_result.json} from disk, for the {@code result.json} files. */
  public SummaryJson.RunSource diskRuns() {
    return key -> {
      Loaded<com.fasterxml.jackson.databind.node.ObjectNode> o =
          FileReads.readJson(new RunFiles(store.runDir(key)).runResult(), n -> n);
      if (o.orNull() == null) {
        throw new IOException(
            store.layout().relative(store.runDir(key))
                + "/run_result.json: "
                + o.describe()
                + " while writing the summaries");
      }
      return o.orNull();
    };
  }

  /** The summary numbers of every run of a subtest, read as the runs are on disk. */
  public List<RunSummary> runsAsIs(String tier, String subtest) {
    List<RunSummary> out = new ArrayList<>();
    for (int n = 1; n <= matrix.runsPerSubtest(); n++) {
      RunSummary s = runs.summaryAsIs(new RunKey(tier, subtest, n));
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** Rewrites one subtest's reports from its runs as they are on disk. */
  public SubtestStats rewriteSubtest(String tier, String subtest) throws IOException {
    SubtestStats s = SubtestAggregator.aggregate(tier, subtest, runsAsIs(tier, subtest));
    if (s.totalRuns() > 0) {
      writer.writeSubtest(s);
    }
    writer.flush();
    return s;
  }

  /** Rewrites one tier's files (and its subtests' reports) from its runs on disk. */
  public TierSummary rewriteTier(String tier) throws IOException {
    Map<String, List<RunSummary>> bySubtest = new LinkedHashMap<>();
    for (String s : matrix.subtests().getOrDefault(tier, List.of())) {
      bySubtest.put(s, runsAsIs(tier, s));
    }
    TierSummary t = tier(tier, bySubtest, s -> true, true, diskRuns(), Map.of());
    writer.flush();
    return t;
  }

  /** Rewrites every summary of the experiment from its runs as they are on disk. */
  public ExperimentSummary rewriteExperiment() throws IOException {
    Map<String, Map<String, List<RunSummary>>> all = new LinkedHashMap<>();
    matrix
        .subtests()
        .forEach(
            (t, subs) -> {
              Map<String, List<RunSummary>> m = new LinkedHashMap<>();
              for (String s : subs) {
                m.put(s, runsAsIs(t, s));
              }
              all.put(t, m);
            });
    return rewrite(all, k -> true, diskRuns());
  }

  /**
   * Rewrites the summaries from run summaries already collected.
   *
   * @param summaries tier to subtest to the runs that count
   * @param scope which subtests ("T0/00") get their subtest and tier files rewritten; the
   *     experiment files are always rewritten, from every tier
   * @param source the run results the {@code result.json} files embed
   * @return the experiment summary, or null when no run counts
   */
  public ExperimentSummary rewrite(
      Map<String, Map<String, List<RunSummary>>> summaries,
      Predicate<String> scope,
      SummaryJson.RunSource source)
      throws IOException {
    List<TierSummary> tiers = new ArrayList<>();
    Map<String, TierSummary> decided = new LinkedHashMap<>();
    for (var e : summaries.entrySet()) {
      String tier = e.getKey();
      boolean inScope = e.getValue().keySet().stream().anyMatch(s -> scope.test(tier + "/" + s));
      TierSummary t =
          tier(tier, e.getValue(), s -> scope.test(tier + "/" + s), inScope, source, decided);
      if (t != null) {
        tiers.add(t);
        decided.put(tier, t);
      }
    }
    if (tiers.isEmpty()) {
      writer.flush();
      return null;
    }
    SummaryWriter.Measured m = writer.measuredExperiment();
    ExperimentSummary exp =
        ExperimentAggregator.aggregate(
            store.config(), tiers, m.startedAt(), m.completedAt(), m.duration());
    writer.writeExperiment(exp, source);
    writer.flush();
    return exp;
  }

  private TierSummary tier(
      String tier,
      Map<String, List<RunSummary>> bySubtest,
      Predicate<String> subtestInScope,
      boolean tierInScope,
      SummaryJson.RunSource source,
      Map<String, TierSummary> decided)
      throws IOException {
    List<SubtestStats> stats = new ArrayList<>();
    for (var e : bySubtest.entrySet()) {
      if (e.getValue().isEmpty()) {
        if (subtestInScope.test(e.getKey())
            && java.nio.file.Files.exists(
                store.layout().subtestFile(tier, e.getKey(), "report.json"))) {
          notes.add(
              tier
                  + "/"
                  + e.getKey()
                  + ": no completed run with a valid consensus; its reports were left as they"
                  + " were");
        }
        continue;
      }
      SubtestStats s = SubtestAggregator.aggregate(tier, e.getKey(), e.getValue());
      stats.add(s);
      if (subtestInScope.test(e.getKey())) {
        writer.writeSubtest(s);
      }
    }
    if (stats.isEmpty()) {
      if (tierInScope && java.nio.file.Files.exists(store.layout().tierFile(tier, "result.json"))) {
        notes.add(
            tier
                + ": no completed run with a valid consensus; its files were left as they were"
                + " and the experiment summaries leave it out");
      }
      return null;
    }
    SummaryWriter.Measured m = writer.measuredTier(tier);
    // the baseline follows from the earlier tiers' best subtests; an earlier file's value is kept
    // only when it cannot be derived (say, the subtest's manifest and the catalogue are gone)
    JsonNode inherited = baselines.of(tier, decided);
    TierSummary t =
        TierAggregator.aggregate(
            tier, stats, m.duration(), inherited != null ? inherited : m.inheritedFrom());
    if (tierInScope) {
      writer.writeTier(t, source);
    }
    return t;
  }

  /** A run source that prefers run results about to be written (dry runs) over the disk. */
  public SummaryJson.RunSource overlay(Map<RunKey, ? extends JsonNode> pending) {
    SummaryJson.RunSource disk = diskRuns();
    return key -> {
      JsonNode p = pending.get(key);
      return p != null ? p : disk.runResult(key);
    };
  }
}
