package dev.scylla.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.AgentResult;
import dev.scylla.model.AgentTiming;
import dev.scylla.model.CommandLog;
import dev.scylla.model.Consensus;
import dev.scylla.model.JudgeEntry;
import dev.scylla.model.JudgeTiming;
import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunMatrix;
import dev.scylla.model.RunResult;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.SlotSnapshot;
import dev.scylla.model.Timestamps;
import dev.scylla.status.Classifier;
import dev.scylla.status.RunStatus;
import dev.scylla.status.RunView;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.ExperimentStore;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.ModelJson;
import dev.scylla.store.ModelMarkdown;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds the result files of one run from their parts: {@code agent/result.json} from the logs,
 * {@code judge/result.json} from the judge slots, {@code run_result.json} from all of them. {@link
 * #plan} reads and decides without writing; {@link #apply} writes a plan (backing up every file it
 * replaces). The orchestrator calls the same two methods after each run.
 *
 * <p>Which files are written:
 *
 * <ul>
 *   <li>a missing or corrupt file, always;
 *   <li>a valid file only when a value derived from the parts differs from the one it holds (path
 *       fields aside: a moved experiment alone rewrites nothing). Keys the old file lacks below the
 *       top level (e.g. {@code is_valid} in {@code judges[]} entries of the reference's older
 *       files) are additions, not changes. When a file is rewritten, its paths are the current
 *       ones.
 * </ul>
 *
 * A run whose agent did not finish is skipped (it needs a rerun). A run with a corrupt part (an
 * unparseable {@code judgment.json}, a judgment without {@code MODEL.md}, a negative duration,
 * agent logs without a CLI result) is left as it was, with the reason.
 */
public final class RunRegenerator {
  private static final Set<String> IGNORE_PATHS = JsonCompare.PATH_KEYS;

  private final ExperimentStore store;
  private final RunMatrix matrix;
  private final ConsensusPolicy policy;

  private final Clock clock;

  public RunRegenerator(ExperimentStore store, RunMatrix matrix, ConsensusPolicy policy) {
    this(store, matrix, policy, Clock.systemUTC());
  }

  /**
   * @param clock the time written as {@code generated_at} into rebuilt run reports
   */
  public RunRegenerator(
      ExperimentStore store, RunMatrix matrix, ConsensusPolicy policy, Clock clock) {
    this.store = store;
    this.matrix = matrix;
    this.policy = policy;
    this.clock = clock;
  }

  /** Reads run {@code key} and decides what to write; writes nothing. */
  public RunPlan plan(RunKey key) {
    return plan(store.readRun(key, matrix));
  }

  /** Decides what to write for a run already read. */
  public RunPlan plan(RunSnapshot snap) {
    RunView view = Classifier.classify(snap);
    RunFiles files = new RunFiles(store.runDir(snap.key()));
    if (view.status().agentUnfinished()) {
      return new RunPlan(
          snap.key(),
          snap.location(),
          view.status(),
          RunPlan.Outcome.SKIPPED,
          "agent did not finish (" + view.status().jsonName() + ": " + view.reason() + ")",
          List.of(),
          null,
          null,
          files.runResult());
    }
    try {
      return rebuild(snap, view.status(), files);
    } catch (BadPartException e) {
      return new RunPlan(
          snap.key(),
          snap.location(),
          view.status(),
          RunPlan.Outcome.FAILED,
          e.getMessage(),
          List.of(),
          existingSummary(snap),
          null,
          files.runResult());
    }
  }

  /**
   * Rebuilds only {@code agent/result.json} of a run whose agent finished, from its logs (as the
   * reference does), when it is missing or corrupt; nothing else is read or written, so it works
   * before the run is judged.
   *
   * @return false when the file was valid and left alone
   * @throws BadPartException when the logs cannot give it (the message names the file)
   */
  public boolean rebuildAgentResult(RunKey key) throws BadPartException, java.io.IOException {
    RunSnapshot snap = store.readRun(key, matrix);
    if (snap.agentResult().isPresent()) {
      return false;
    }
    RunFiles files = new RunFiles(store.runDir(key));
    AgentResult agent = rebuildAgent(snap, files);
    dev.scylla.store.AtomicFiles.writeJson(files.agentResult(), ModelJson.toJson(agent));
    return true;
  }

  /**
   * The summary numbers of a run as it is on disk, without rebuilding anything (for runs outside a
   * selection): its valid run result when the run is completed and its consensus is not invalid,
   * else null.
   */
  public RunSummary summaryAsIs(RunKey key) {
    RunSnapshot snap = store.readRun(key, matrix);
    if (Classifier.classify(snap).status() != RunStatus.COMPLETED) {
      return null;
    }
    return existingSummary(snap);
  }

  private static RunSummary existingSummary(RunSnapshot snap) {
    RunResult rr = snap.runResult().orNull();
    if (rr == null || snap.agentResult().orNull() == null) {
      return null;
    }
    Consensus c = snap.consensus().orNull();
    if (c != null && !c.valid()) {
      return null;
    }
    return RunSummary.of(snap.key(), rr);
  }

  private RunPlan rebuild(RunSnapshot snap, RunStatus before, RunFiles files)
      throws BadPartException {
    String base = store.layout().relative(files.runDir()) + "/";
    List<PlannedWrite> writes = new ArrayList<>();

    // 1. agent/result.json
    AgentResult agent = snap.agentResult().orNull();
    if (agent == null) {
      agent = rebuildAgent(snap, files);
      writes.add(
          new PlannedWrite(
              files.agentResult(),
              base + "agent/result.json",
              Files.exists(files.agentResult()),
              snap.agentResult().describe(),
              bytes(dev.scylla.store.ModelJson.toJson(agent))));
    }

    // 2. durations
    // agent/timing.json, else the agent command's duration in the command log: the classifier
    // counts a finished agent without a usable timing file as finished, and so does this
    AgentTiming timing = snap.timing().orNull();
    double agentSeconds;
    if (timing != null && validDuration(timing.agentDurationSeconds())) {
      agentSeconds = timing.agentDurationSeconds();
    } else {
      Double logged =
          snap.commandLog()
              .optional()
              .filter(l -> !l.commands().isEmpty())
              .map(l -> l.commands().get(0).durationSeconds())
              .orElse(null);
      if (logged == null || !validDuration(logged)) {
        throw new BadPartException(
            "agent/timing.json: "
                + (timing == null
                    ? snap.timing().describe()
                    : "duration " + timing.agentDurationSeconds() + " is not a non-negative number")
                + ", and agent/command_log.json records no duration either");
      }
      agentSeconds = logged;
    }

    // 3. judge slots
    RunResult previous = snap.runResult().orNull();
    Set<Integer> keepCriteria = judgesWithCriteria(previous);
    List<SlotVerdict> verdicts = new ArrayList<>();
    List<JudgeEntry> entries = new ArrayList<>();
    // a turn-limited run of an experiment that does not judge such runs: no slot is read
    boolean unjudged = Classifier.unjudgedTurnLimit(snap, before);
    for (SlotSnapshot slot : unjudged ? List.<SlotSnapshot>of() : snap.slots()) {
      String name = "judge/" + dev.scylla.model.Tiers.slotDirName(slot.slot());
      Loaded<Judgment> j = slot.judgment();
      if (j instanceof Loaded.Corrupt<Judgment> c) {
        throw new BadPartException(name + "/judgment.json: corrupt (" + c.reason() + ")");
      }
      Judgment jd = j.orNull();
      if (jd == null) {
        continue;
      }
      SlotVerdict v = new SlotVerdict(slot.slot(), jd);
      if (!v.inRange()) {
        throw new BadPartException(
            name + "/judgment.json: score " + jd.score() + " is outside [0, 1]");
      }
      String model = judgeModel(files, slot.slot(), name);
      verdicts.add(v);
      JudgeEntry entry = RunResultBuilder.judgeEntry(slot.slot(), model, jd);
      entries.add(
          keepCriteria.contains(slot.slot()) ? RunResultBuilder.withCriteria(entry, jd) : entry);
    }
    double judgeSeconds = judgeSeconds(files, verdicts);

    // 4. judge/result.json
    Consensus consensus;
    Consensus existing = snap.consensus().orNull();
    var built =
        unjudged
            ? java.util.Optional.of(ConsensusBuilder.notJudged(policy))
            : ConsensusBuilder.build(verdicts, policy);
    if (existing != null && built.isEmpty()) {
      consensus = existing; // nothing to recompute it from (e.g. a legacy single-judge run)
    } else if (built.isEmpty()) {
      throw new BadPartException(
          "judge/result.json: "
              + snap.consensus().describe()
              + " and no judge slot holds a judgment to build it from (rerun the judges)");
    } else {
      ConsensusResult fresh = built.get();
      String change = existing == null ? null : consensusChange(existing, fresh);
      if (existing != null && change == null) {
        consensus = existing;
      } else {
        consensus = fresh.toConsensus();
        writes.add(
            new PlannedWrite(
                files.consensus(),
                base + "judge/result.json",
                Files.exists(files.consensus()),
                existing == null ? snap.consensus().describe() : change,
                bytes(fresh.toJson())));
      }
    }

    // 5. run_result.json
    RunResult rebuilt =
        RunResultBuilder.build(
            snap.key().run(),
            files,
            agent,
            agentSeconds,
            judgeSeconds,
            consensus,
            entries,
            previous == null ? null : previous.raw());
    ObjectNode json = ModelJson.toJson(rebuilt);
    ObjectNode pending = null;
    String change =
        previous == null
            ? snap.runResult().describe()
            : JsonCompare.firstDifference(
                previous.raw(), json, IGNORE_PATHS, JsonCompare.Mode.OLD_COVERED);
    if (change != null) {
      pending = json;
      writes.add(
          new PlannedWrite(
              files.runResult(),
              base + "run_result.json",
              Files.exists(files.runResult()),
              change,
              bytes(json)));
    }
    if (pending != null && snap.agentResult().isPresent()) {
      // The run is being rebuilt: also store its agent result under the canonical token names if
      // the reference's regenerator wrote the CLI's names (scylla-recovery.md §4.4).
      ObjectNode canonical = canonicalAgentResult(files, agent);
      if (canonical != null) {
        writes.add(
            0,
            new PlannedWrite(
                files.agentResult(),
                base + "agent/result.json",
                true,
                "token_stats under the CLI's names (cache_read_input_tokens, ...): stored under the"
                    + " canonical ones",
                bytes(canonical)));
      }
    }
    RunResult effective = pending == null ? previous : rebuilt;
    reportWrites(snap.key(), files, base, effective, writes);
    RunSummary summary = consensus.valid() ? RunSummary.of(snap.key(), effective) : null;
    return new RunPlan(
        snap.key(),
        snap.location(),
        before,
        writes.isEmpty() ? RunPlan.Outcome.UNCHANGED : RunPlan.Outcome.REBUILT,
        null,
        writes,
        summary,
        pending,
        files.runResult());
  }

  /**
   * Writes a plan: each replaced file is first copied to a backup beside it ({@code name.backup},
   * never overwritten), then the new content is written atomically. The run's derived files (run
   * result, consensus, reports) are not synced; {@code agent/result.json}, the agent step's record,
   * and the backups are (docs/format.md, Durability).
   */
  public static List<WrittenFile> apply(RunPlan plan) throws IOException {
    List<WrittenFile> out = new ArrayList<>();
    for (PlannedWrite w : plan.writes()) {
      Path backup = w.replaces() ? AtomicFiles.backup(w.file()) : null;
      if (w.file().endsWith(java.nio.file.Path.of("agent", "result.json"))) {
        AtomicFiles.write(w.file(), w.bytes());
      } else {
        AtomicFiles.writeDerived(w.file(), w.bytes());
      }
      out.add(new WrittenFile(w.file(), w.label(), backup != null, backup, w.reason()));
    }
    return out;
  }

  // ------------------------------------------------------------------ run report

  /**
   * Plans the run's {@code report.json} and {@code report.md} when they are missing, unreadable, or
   * say something other than the run result does (rendered with their own generation time, so an
   * up-to-date report is left alone).
   */
  private void reportWrites(
      RunKey key, RunFiles files, String base, RunResult r, List<PlannedWrite> writes) {
    String now = Timestamps.iso(clock.instant());
    Loaded<ObjectNode> oldJson = FileReads.readJson(files.report(), o -> o);
    ObjectNode old = oldJson.orNull();
    String stamp =
        old != null && old.path("generated_at").isTextual()
            ? old.get("generated_at").textValue()
            : now;
    ObjectNode fresh = RunReportRenderer.json(r, stamp);
    String reason =
        old == null
            ? oldJson.describe()
            : JsonCompare.firstDifference(old, fresh, Set.of(), JsonCompare.Mode.EQUAL);
    if (reason != null) {
      writes.add(
          new PlannedWrite(
              files.report(),
              base + "report.json",
              Files.exists(files.report()),
              reason,
              bytes(RunReportRenderer.json(r, now))));
    }

    Loaded<byte[]> oldMd = FileReads.readBytes(files.reportMarkdown());
    String oldText =
        oldMd.orNull() == null ? null : new String(oldMd.orNull(), StandardCharsets.UTF_8);
    List<RunReportRenderer.WorkspaceFile> listed = workspaceFiles(files, oldText);
    String mdStamp = oldText == null ? null : SummaryMarkdown.generatedAt(oldText);
    if (oldText != null
        && mdStamp != null
        && RunReportRenderer.markdown(key, r, listed, mdStamp).equals(oldText)) {
      return;
    }
    writes.add(
        new PlannedWrite(
            files.reportMarkdown(),
            base + "report.md",
            Files.exists(files.reportMarkdown()),
            oldText == null ? oldMd.describe() : "differs from run_result.json",
            RunReportRenderer.markdown(key, r, listed, now).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The files the agent left changed: as the run's existing report lists them (the reference took
   * them from {@code git status} before the worktree went, and marks committed ones), else from the
   * "Workspace State" section of the stored judge prompt, else none.
   */
  private static List<RunReportRenderer.WorkspaceFile> workspaceFiles(
      RunFiles files, String oldReport) {
    if (oldReport != null && oldReport.contains("\n## Workspace State\n")) {
      return RunReportRenderer.workspaceFilesOfReport(oldReport);
    }
    Loaded<byte[]> prompt = FileReads.readBytes(files.judgePrompt());
    if (prompt.orNull() != null) {
      return RunReportRenderer.workspaceFiles(new String(prompt.orNull(), StandardCharsets.UTF_8));
    }
    return List.of();
  }

  // ------------------------------------------------------------------ parts

  /**
   * The judges whose entries in an existing run result carry their criteria (the reference's
   * current format): rebuilt entries keep them, so such files are not rewritten for that alone.
   */
  private static Set<Integer> judgesWithCriteria(RunResult previous) {
    if (previous == null || previous.raw() == null) {
      return Set.of();
    }
    Set<Integer> out = new java.util.HashSet<>();
    for (JudgeEntry e : previous.judges()) {
      if (e.criteriaScores() != null) {
        out.add(e.judgeNumber());
      }
    }
    return out;
  }

  /**
   * The agent result file with its token stats under the canonical names, or null when it already
   * uses them (or cannot be read as an object).
   */
  private static ObjectNode canonicalAgentResult(RunFiles files, AgentResult agent) {
    Loaded<ObjectNode> raw = FileReads.readJson(files.agentResult(), o -> o);
    ObjectNode o = raw.orNull();
    if (o == null || !o.path("token_stats").isObject()) {
      return null;
    }
    JsonNode t = o.get("token_stats");
    boolean legacy =
        (t.has("cache_read_input_tokens") && !t.has("cache_read_tokens"))
            || (t.has("cache_creation_input_tokens") && !t.has("cache_creation_tokens"));
    if (!legacy) {
      return null;
    }
    ObjectNode copy = o.deepCopy();
    copy.set("token_stats", ModelJson.toJson(agent.tokenStats()));
    return copy;
  }

  private AgentResult rebuildAgent(RunSnapshot snap, RunFiles files) throws BadPartException {
    CommandLog log = snap.commandLog().orNull();
    if (log == null) {
      throw new BadPartException("agent/command_log.json: " + snap.commandLog().describe());
    }
    String stdout = text(files, files.agentStdout(), true);
    String stderr = text(files, files.agentStderr(), false);
    String model = null;
    Loaded<byte[]> md = FileReads.readBytes(files.agentModel());
    if (md.orNull() != null) {
      model = ModelMarkdown.model(new String(md.orNull(), StandardCharsets.UTF_8));
    }
    if (model == null) {
      model = store.config().agentModel();
    }
    try {
      return AgentResultRebuilder.rebuild(stdout, stderr, log, model);
    } catch (BadPartException e) {
      throw new BadPartException(
          "agent/result.json "
              + snap.agentResult().describe()
              + ", cannot rebuild: "
              + e.getMessage());
    }
  }

  private static String text(RunFiles files, Path file, boolean required) throws BadPartException {
    Loaded<byte[]> b = FileReads.readBytes(file);
    if (b instanceof Loaded.Corrupt<byte[]> c) {
      throw new BadPartException(files.relative(file) + ": " + c.reason());
    }
    if (b.orNull() == null) {
      if (required) {
        throw new BadPartException(files.relative(file) + ": missing");
      }
      return null;
    }
    return new String(b.orNull(), StandardCharsets.UTF_8);
  }

  private static String judgeModel(RunFiles files, int slot, String name) throws BadPartException {
    Loaded<byte[]> md = FileReads.readBytes(files.slotModel(slot));
    if (md instanceof Loaded.Corrupt<byte[]> c) {
      throw new BadPartException(name + "/MODEL.md: " + c.reason());
    }
    if (md.orNull() == null) {
      throw new BadPartException(
          name + "/MODEL.md: missing (the judgment's model is unknown; rerun the judge)");
    }
    String model = ModelMarkdown.model(new String(md.orNull(), StandardCharsets.UTF_8));
    if (model == null) {
      throw new BadPartException(name + "/MODEL.md: no \"**Model**:\" line");
    }
    return model;
  }

  /**
   * The judges' wall time: {@code judge/timing.json} when present; otherwise the sum of the slots'
   * {@code timing.json} (slots without one count 0). The reference's newer per-slot timings are
   * cumulative, so the sum is only a fallback.
   */
  private static double judgeSeconds(RunFiles files, List<SlotVerdict> verdicts)
      throws BadPartException {
    Loaded<JudgeTiming> total = FileReads.readJson(files.judgeTiming(), ModelJson::judgeTiming);
    if (total instanceof Loaded.Corrupt<JudgeTiming> c) {
      throw new BadPartException("judge/timing.json: corrupt (" + c.reason() + ")");
    }
    if (total.orNull() != null) {
      return duration("judge/timing.json", total.orNull().judgeDurationSeconds());
    }
    double sum = 0.0;
    for (SlotVerdict v : verdicts) {
      Loaded<JudgeTiming> t =
          FileReads.readJson(files.slotTiming(v.slot()), ModelJson::judgeTiming);
      String name = files.relative(files.slotTiming(v.slot()));
      if (t instanceof Loaded.Corrupt<JudgeTiming> c) {
        throw new BadPartException(name + ": corrupt (" + c.reason() + ")");
      }
      if (t.orNull() != null) {
        sum += duration(name, t.orNull().judgeDurationSeconds());
      }
    }
    return sum;
  }

  private static boolean validDuration(double seconds) {
    return Double.isFinite(seconds) && seconds >= 0;
  }

  private static double duration(String file, double seconds) throws BadPartException {
    if (!Double.isFinite(seconds) || seconds < 0) {
      throw new BadPartException(file + ": duration " + seconds + " is not a non-negative number");
    }
    return seconds;
  }

  /**
   * The first derived value of an existing consensus that differs from the rebuilt one, or null.
   * Keys the existing file lacks ({@code is_valid} before February 2026 means valid; {@code
   * criteria_scores} and our additions) are not differences.
   */
  static String consensusChange(Consensus old, ConsensusResult now) {
    if (Double.compare(old.score(), now.score()) != 0) {
      return "score " + Json.formatDouble(old.score()) + " -> " + Json.formatDouble(now.score());
    }
    if (old.passed() != now.passed()) {
      return "passed " + old.passed() + " -> " + now.passed();
    }
    if (!old.grade().equals(now.grade())) {
      return "grade " + old.grade() + " -> " + now.grade();
    }
    if (!String.valueOf(old.reasoning()).equals(now.reasoning())) {
      return "reasoning differs (rule " + now.rule().jsonName() + ")";
    }
    if (old.valid() != now.isValid()) {
      return "is_valid " + old.valid() + " -> " + now.isValid();
    }
    ObjectNode raw = old.raw();
    if (raw != null && raw.has("criteria_scores")) {
      JsonNode c = now.criteriaScores();
      String d =
          JsonCompare.firstDifference(
              raw.get("criteria_scores"),
              c == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : c,
              Set.of(),
              JsonCompare.Mode.EQUAL);
      if (d != null) {
        return "criteria_scores differ (" + d + ")";
      }
    }
    return null;
  }

  private static byte[] bytes(JsonNode node) {
    return Json.write(node).getBytes(StandardCharsets.UTF_8);
  }
}
