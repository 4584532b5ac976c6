package dev.scylla.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.event.EventSink;
import dev.scylla.model.Fingerprint;
import dev.scylla.model.JudgeSpend;
import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import dev.scylla.model.RateLimit;
import dev.scylla.model.ScyllaException;
import dev.scylla.pipeline.BuildPipeline;
import dev.scylla.process.Cancellation;
import dev.scylla.process.ProcessLauncher;
import dev.scylla.store.AtomicFiles;
import dev.scylla.store.FileReads;
import dev.scylla.store.FingerprintJson;
import dev.scylla.store.Json;
import dev.scylla.store.ModelJson;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges run slots and persists every outcome completely, so that no slot is ever retried forever.
 *
 * <p>One attempt at slot N of a run ({@link #judgeSlot}):
 *
 * <ol>
 *   <li>A slot that already holds a valid or a fallback judgment is left alone.
 *   <li>The attempt budget is counted from the slot's journal ({@code attempts.json}); when it is
 *       spent, the fallback judgment is persisted and the slot is terminal.
 *   <li>The prompt is {@code judge_prompt.md} when it exists (never rebuilt: the workspace may have
 *       been recreated since); otherwise it is built from what is stored and the workspace, if
 *       present, and written before the model is called.
 *   <li>The files of earlier attempts are moved to {@code .archive/}; a journal entry is written;
 *       then the model is called. Raw output lands in the slot before anything is parsed.
 *   <li>An answer that cannot be used is asked for once more with a reminder; a second unusable
 *       answer fails the attempt.
 *   <li>Complete: {@code response.txt}, {@code timing.json} (this attempt only), {@code
 *       judgment.json}. Failed: {@code failure.json}, {@code error.log}, {@code timing.json} with
 *       {@code failed: true}, and the fallback judgment when that spent the budget. Rate limited:
 *       {@code failure.json} (no budget spent). Cancelled: the journal says so (no budget spent).
 * </ol>
 *
 * <p>Thread-safe: different slots (and runs) may be judged at once; the prompt of a run is built
 * once even when its slots start together.
 */
public final class JudgeService {
  /** Appended to the prompt when an answer could not be used. */
  static final String REMINDER =
      "IMPORTANT: your previous answer could not be used (%s). Answer again with exactly one JSON"
          + " object in the format your instructions describe: start with { and end with }, include"
          + " every rubric category and item, and write nothing else.";

  private final JudgeClients clients;
  private final PromptAssembler assembler;
  private final EventSink events;
  private final Clock clock;
  private final ConcurrentHashMap<Path, Object> locks = new ConcurrentHashMap<>();
  private static volatile String builtinSystemPrompt;

  /**
   * @param pipeline runs the build pipeline when a prompt must be built, the workspace exists and
   *     no result is stored; null never runs it
   */
  public JudgeService(
      ProcessLauncher launcher,
      JudgeClients clients,
      BuildPipeline pipeline,
      EventSink events,
      Clock clock) {
    this.clients = clients;
    this.assembler = new PromptAssembler(launcher, pipeline, events);
    this.events = events;
    this.clock = clock;
  }

  /** The built-in judge system prompt. */
  public static String builtinSystemPrompt() {
    String s = builtinSystemPrompt;
    if (s == null) {
      try (InputStream in = JudgeService.class.getResourceAsStream("system_prompt.md")) {
        if (in == null) {
          throw new IllegalStateException("resource dev/scylla/judge/system_prompt.md missing");
        }
        s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      builtinSystemPrompt = s;
    }
    return s;
  }

  /**
   * The run's judge prompt: {@code judge_prompt.md} as stored, or built and written now when the
   * run has none. An empty stored prompt is backed up and rebuilt.
   *
   * @throws ScyllaException INTERRUPTED when cancelled while gathering evidence
   */
  public String preparePrompt(PromptSpec spec, Cancellation c) throws IOException {
    Path file = new RunFiles(spec.experimentRoot(), spec.runDir()).judgePrompt();
    synchronized (lock(file)) {
      Loaded<byte[]> stored = FileReads.readBytes(file);
      if (stored instanceof Loaded.Present<byte[]> p) {
        String text = new String(p.value(), StandardCharsets.UTF_8);
        if (!text.isBlank()) {
          return text;
        }
        Path backup = AtomicFiles.backup(file);
        events.warn(
            spec.runLabel()
                + ": judge_prompt.md is empty (kept as "
                + backup.getFileName()
                + "); building the prompt again");
      } else if (stored instanceof Loaded.Corrupt<byte[]> bad) {
        throw ScyllaException.badInput(file + ": cannot be read: " + bad.reason());
      }
      PromptInputs in = assembler.collect(spec, c);
      String text = JudgePrompt.render(in, spec.limits());
      AtomicFiles.writeString(file, text);
      events.info(spec.runLabel() + ": judge prompt written (" + text.length() + " characters)");
      return text;
    }
  }

  /**
   * Brings the rubric section of the run's stored {@code judge_prompt.md} up to the experiment's
   * current {@code rubric.yaml} (the previous prompt is kept as {@code judge_prompt.md.backup}),
   * before slots judged under another rubric are judged again; the rest of the prompt is kept.
   * Returns whether the prompt changed.
   */
  public boolean refreshRubric(PromptSpec spec) throws IOException {
    RunFiles files = new RunFiles(spec.experimentRoot(), spec.runDir());
    Path file = files.judgePrompt();
    synchronized (lock(file)) {
      Loaded<byte[]> stored = FileReads.readBytes(file);
      if (!(stored instanceof Loaded.Present<byte[]> p)) {
        return false;
      }
      String text = new String(p.value(), StandardCharsets.UTF_8);
      String rubric = PromptAssembler.text(files.rubric());
      String updated = JudgePrompt.withRubric(text, rubric, spec.limits());
      if (updated.equals(text)) {
        return false;
      }
      Path backup = AtomicFiles.backup(file);
      AtomicFiles.writeString(file, updated);
      events.info(
          spec.runLabel()
              + ": judge_prompt.md now holds the current rubric.yaml (the previous one is "
              + backup.getFileName()
              + ")");
      return true;
    }
  }

  /** Makes one attempt at a slot (or none, when it is terminal or its budget is spent). */
  public SlotOutcome judgeSlot(SlotJob job, Cancellation c) throws IOException {
    return judgeIn(job, job.slotDir(), job.label() + " (" + job.model() + ")", c);
  }

  /**
   * Makes one attempt at repeat {@code k} of a slot ({@code rerun-judges --repeat}): the slot's
   * judge on the run's stored prompt once more, into {@code .repeats/repeat_K/} of the slot, a slot
   * directory of its own with its own journal and budget, exactly as {@link #judgeSlot} judges a
   * slot. The slot's own files are not touched.
   */
  public SlotOutcome judgeRepeat(SlotJob job, int k, Cancellation c) throws IOException {
    // an earlier repeat a dead process left mid-call is never judged again (numbering goes on):
    // its journal says so, as a slot's does when it is next judged
    for (var r : dev.scylla.store.Repeats.of(job.slotDir())) {
      if (r.number() < k && !r.judgment().isPresent()) {
        AttemptJournal j = AttemptJournal.read(r.dir());
        if (j.corrupt() == null && j.markInterrupted()) {
          j.write();
        }
      }
    }
    Path dir = dev.scylla.store.Repeats.dir(job.slotDir(), k);
    Files.createDirectories(dir);
    return judgeIn(job, dir, job.label() + " repeat " + k + " (" + job.model() + ")", c);
  }

  private SlotOutcome judgeIn(SlotJob job, Path slotDir, String label, Cancellation c)
      throws IOException {
    if (!Files.isDirectory(job.runDir())) {
      throw ScyllaException.badInput(
          job.runDir() + ": no such run directory; there is nothing to judge");
    }
    Loaded<Judgment> existing =
        FileReads.readJson(slotDir.resolve(RunFiles.Slot.JUDGMENT), ModelJson::judgment);
    if (existing instanceof Loaded.Present<Judgment> p) {
      Judgment j = p.value();
      boolean inRange = j.score() >= 0.0 && j.score() <= 1.0;
      if (inRange && j.fallback()) {
        return outcome(job, SlotOutcome.Kind.FALLBACK, 0, spentSoFar(slotDir), j.fallbackReason());
      }
      if (inRange && j.isRealVerdict()) {
        return outcome(job, SlotOutcome.Kind.COMPLETE, 0, spentSoFar(slotDir), "already judged");
      }
    }
    JudgeClient client = clients.create(job.model(), job.client());
    AttemptJournal journal = AttemptJournal.read(slotDir);
    if (journal.corrupt() != null) {
      String why =
          "the attempt journal attempts.json is corrupt ("
              + journal.corrupt()
              + "), so the attempts already made cannot be counted";
      persistFallback(job, slotDir, why, 0, client.backend(), 0, null, null);
      events.warn(label + ": " + why + "; fallback judgment persisted");
      return outcome(job, SlotOutcome.Kind.FALLBACK, 0, 0, why);
    }
    boolean dirty = journal.markInterrupted();
    int spent = journal.spent();
    if (spent >= job.maxAttempts()) {
      if (dirty) {
        journal.write();
      }
      String why = journal.lastFailureReason();
      why = why == null ? "the attempt budget is spent" : why;
      persistFallback(job, slotDir, why, spent, client.backend(), spent, null, null);
      events.warn(
          label
              + ": "
              + spent
              + " of "
              + job.maxAttempts()
              + " attempts spent; fallback judgment persisted");
      return outcome(job, SlotOutcome.Kind.FALLBACK, 0, spent, why);
    }
    if (c.isCancelled()) {
      if (dirty) {
        journal.write();
      }
      return outcome(job, SlotOutcome.Kind.CANCELLED, 0, spent, "cancelled before the attempt");
    }
    String prompt;
    try {
      prompt = preparePrompt(job.prompt(), c);
    } catch (ScyllaException e) {
      if (e.kind() == ScyllaException.Kind.INTERRUPTED) {
        if (dirty) {
          journal.write();
        }
        return outcome(job, SlotOutcome.Kind.CANCELLED, 0, spent, e.getMessage());
      }
      throw e;
    }
    String promptSha = sha256(prompt);
    String system = job.systemPrompt() != null ? job.systemPrompt() : builtinSystemPrompt();
    String systemSha = sha256(system);
    Path systemFile = systemPromptFile(job, system, systemSha);

    int number = journal.nextNumber();
    var last = journal.last();
    String archived =
        archive(slotDir, last == null ? "earlier" : "attempt_" + last.path("attempt").asInt());
    ObjectNode entry =
        journal.start(number, now(), job.model(), client.backend(), promptSha, archived);
    Fingerprint fingerprint = JudgeInputs.of(job);
    entry.set(FingerprintJson.FIELD, FingerprintJson.toJson(fingerprint));
    journal.write();
    writeModelMd(slotDir, job.model(), client);

    long t0 = System.nanoTime();
    JudgeCall call =
        new JudgeCall(job.model(), system, systemFile, prompt, slotDir, job.client().timeout());
    int calls = 1;
    ClientReply reply = client.call(call, c);
    JudgeSpend spend = JudgeSpend.NONE.plus(reply.spend());
    AttemptJournal.recordCall(entry, 1, reply.spend());
    journal.write();
    VerdictParser.Outcome parsed = null;
    String firstProblem = null;
    if (reply instanceof ClientReply.Answered a) {
      AtomicFiles.writeString(slotDir.resolve(RunFiles.Slot.RESPONSE), a.text());
      parsed = VerdictParser.parse(a.text(), job.rubric(), job.policy());
      if (parsed instanceof VerdictParser.Outcome.Rejected r) {
        firstProblem = r.reason();
        events.warn(
            label
                + ": the answer could not be used ("
                + r.reason()
                + "); asking once more with a reminder");
        archive(slotDir, "attempt_" + number + "_call_1");
        writeModelMd(slotDir, job.model(), client);
        calls = 2;
        JudgeCall again =
            new JudgeCall(
                job.model(),
                system,
                systemFile,
                prompt + "\n\n" + String.format(REMINDER, r.reason()),
                slotDir,
                job.client().timeout());
        reply = client.call(again, c);
        spend = spend.plus(reply.spend());
        AttemptJournal.recordCall(entry, 2, reply.spend());
        journal.write();
        parsed = null;
        if (reply instanceof ClientReply.Answered a2) {
          AtomicFiles.writeString(slotDir.resolve(RunFiles.Slot.RESPONSE), a2.text());
          parsed = VerdictParser.parse(a2.text(), job.rubric(), job.policy());
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    String at = now();
    JudgmentJson.Provenance prov =
        new JudgmentJson.Provenance(
            job.slot(), job.model(), client.backend(), number, promptSha, systemSha, at);

    if (parsed instanceof VerdictParser.Outcome.Parsed p) {
      Verdict v = p.verdict();
      writeTiming(slotDir, seconds, at, null);
      ObjectNode judgment = JudgmentJson.verdict(v, prov);
      judgment.set(FingerprintJson.FIELD, FingerprintJson.toJson(fingerprint));
      AtomicFiles.writeJson(slotDir.resolve(RunFiles.Slot.JUDGMENT), judgment);
      AttemptJournal.finish(entry, AttemptJournal.COMPLETE, null, at, calls);
      journal.write();
      events.info(
          label
              + ": score "
              + Json.formatDouble(VerdictParser.round4(v.score()))
              + " ("
              + v.grade()
              + ", "
              + (v.passed() ? "passed" : "failed")
              + ", "
              + v.scoreSource().jsonName()
              + ")"
              + (v.modelScore() == null
                  ? ""
                  : "; the model said " + Json.formatDouble(v.modelScore())));
      return new SlotOutcome(
          SlotOutcome.Kind.COMPLETE,
          job.slot(),
          job.model(),
          number,
          spent + 1,
          "judged",
          v,
          null,
          seconds,
          calls,
          spend);
    }
    if (reply instanceof ClientReply.Limited l) {
      String why = "rate limited: " + l.limit().message();
      writeFailure(slotDir, number, AttemptJournal.RATE_LIMITED, why, at, l.limit());
      AttemptJournal.finish(entry, AttemptJournal.RATE_LIMITED, why, at, calls);
      journal.write();
      events.warn(
          label
              + ": "
              + why
              + (l.limit().resetAt() == null ? "" : " (resets at " + l.limit().resetAt() + ")"));
      return new SlotOutcome(
          SlotOutcome.Kind.RATE_LIMITED,
          job.slot(),
          job.model(),
          number,
          spent,
          why,
          null,
          l.limit(),
          seconds,
          calls,
          spend);
    }
    if (reply instanceof ClientReply.Cancelled) {
      AttemptJournal.finish(entry, AttemptJournal.CANCELLED, "cancelled", at, calls);
      journal.write();
      return new SlotOutcome(
          SlotOutcome.Kind.CANCELLED,
          job.slot(),
          job.model(),
          number,
          spent,
          "cancelled",
          null,
          null,
          seconds,
          calls,
          spend);
    }
    if (reply instanceof ClientReply.Failed f && f.configuration()) {
      writeFailure(slotDir, number, AttemptJournal.CONFIG_ERROR, f.reason(), at, null);
      AtomicFiles.writeString(
          slotDir.resolve(RunFiles.Slot.ERROR_LOG), "Judge failed: " + f.reason() + "\n");
      AttemptJournal.finish(entry, AttemptJournal.CONFIG_ERROR, f.reason(), at, calls);
      journal.write();
      throw ScyllaException.badInput(label + ": the judge backend is misconfigured: " + f.reason());
    }
    String reason;
    if (reply instanceof ClientReply.Failed f) {
      reason = f.reason();
    } else {
      String problem =
          parsed instanceof VerdictParser.Outcome.Rejected r ? r.reason() : "no answer";
      reason =
          "the answer could not be used: "
              + problem
              + (firstProblem == null || calls < 2
                  ? ""
                  : " (also after a reminder; the first answer: " + firstProblem + ")");
    }
    writeFailure(slotDir, number, AttemptJournal.FAILED, reason, at, null);
    AtomicFiles.writeString(
        slotDir.resolve(RunFiles.Slot.ERROR_LOG), "Judge failed: " + reason + "\n");
    writeTiming(slotDir, seconds, at, reason);
    AttemptJournal.finish(entry, AttemptJournal.FAILED, reason, at, calls);
    journal.write();
    int nowSpent = spent + 1;
    if (nowSpent >= job.maxAttempts()) {
      persistFallback(
          job, slotDir, reason, nowSpent, client.backend(), number, promptSha, systemSha);
      events.warn(
          label
              + ": attempt "
              + number
              + " failed ("
              + reason
              + "); the budget of "
              + job.maxAttempts()
              + " is spent, fallback judgment persisted");
      return new SlotOutcome(
          SlotOutcome.Kind.FALLBACK,
          job.slot(),
          job.model(),
          number,
          nowSpent,
          reason,
          null,
          null,
          seconds,
          calls,
          spend);
    }
    events.warn(
        label
            + ": attempt "
            + number
            + " failed ("
            + reason
            + "); "
            + (job.maxAttempts() - nowSpent)
            + " attempt(s) left");
    return new SlotOutcome(
        SlotOutcome.Kind.FAILED,
        job.slot(),
        job.model(),
        number,
        nowSpent,
        reason,
        null,
        null,
        seconds,
        calls,
        spend);
  }

  /**
   * Parses a slot's stored answer ({@code response.txt}) again, with the job's rubric and verdict
   * rule (after a parser fix, or to apply the other rule), and rewrites {@code judgment.json},
   * keeping the previous one as {@code judgment.json.backup}. Nothing is called and nothing else
   * changes; an answer that still cannot be used changes nothing.
   */
  public VerdictParser.Outcome reparseSlot(SlotJob job) throws IOException {
    Path slotDir = job.slotDir();
    Loaded<byte[]> stored = FileReads.readBytes(slotDir.resolve(RunFiles.Slot.RESPONSE));
    if (!(stored instanceof Loaded.Present<byte[]> p)) {
      return new VerdictParser.Outcome.Rejected(
          job.label() + ": no stored answer to parse (response.txt " + stored.describe() + ")");
    }
    VerdictParser.Outcome o =
        VerdictParser.parse(
            new String(p.value(), StandardCharsets.UTF_8), job.rubric(), job.policy());
    if (o instanceof VerdictParser.Outcome.Parsed parsed) {
      Path file = slotDir.resolve(RunFiles.Slot.JUDGMENT);
      ObjectNode old = FileReads.readJson(file, x -> x).orNull();
      AtomicFiles.backup(file);
      String prompt =
          PromptAssembler.text(
              new RunFiles(job.prompt().experimentRoot(), job.runDir()).judgePrompt());
      JudgmentJson.Provenance prov =
          new JudgmentJson.Provenance(
              job.slot(),
              job.model(),
              old != null && old.path("backend").isTextual()
                  ? old.get("backend").textValue()
                  : null,
              old != null ? old.path("attempt").asInt(0) : 0,
              old != null && old.path("prompt_sha256").isTextual()
                  ? old.get("prompt_sha256").textValue()
                  : prompt == null ? null : sha256(prompt),
              old != null && old.path("system_prompt_sha256").isTextual()
                  ? old.get("system_prompt_sha256").textValue()
                  : null,
              now());
      ObjectNode j = JudgmentJson.verdict(parsed.verdict(), prov);
      if (old != null && old.has(FingerprintJson.FIELD)) {
        // what the judge judged with: the answer is the same one
        j.set(FingerprintJson.FIELD, old.get(FingerprintJson.FIELD));
      }
      j.put("reparsed", true);
      AtomicFiles.writeJson(file, j);
      events.info(
          job.label()
              + ": answer parsed again, score "
              + Json.formatDouble(VerdictParser.round4(parsed.verdict().score())));
    }
    return o;
  }

  // ------------------------------------------------------------------ files

  private void persistFallback(
      SlotJob job,
      Path slotDir,
      String reason,
      int spent,
      String backend,
      int attempt,
      String promptSha,
      String systemSha)
      throws IOException {
    String at = now();
    AtomicFiles.writeJson(
        slotDir.resolve(RunFiles.Slot.JUDGMENT),
        JudgmentJson.fallback(
            reason,
            spent,
            new JudgmentJson.Provenance(
                job.slot(), job.model(), backend, attempt, promptSha, systemSha, at)));
  }

  private void writeFailure(
      Path slotDir, int attempt, String kind, String reason, String at, RateLimit limit)
      throws IOException {
    ObjectNode o = Json.object();
    o.put("attempt", attempt);
    o.put("kind", kind);
    o.put("reason", reason);
    o.put("at", at);
    if (limit != null) {
      if (limit.retryAfter() == null) {
        o.putNull("retry_after_seconds");
      } else {
        o.put("retry_after_seconds", limit.retryAfter().toMillis() / 1000.0);
      }
      if (limit.resetAt() == null) {
        o.putNull("reset_at");
      } else {
        o.put("reset_at", limit.resetAt().toString());
      }
      o.put("usage_limit", limit.hardLimit());
    }
    AtomicFiles.writeJson(slotDir.resolve(RunFiles.Slot.FAILURE), o);
  }

  private static void writeTiming(Path slotDir, double seconds, String at, String error)
      throws IOException {
    ObjectNode o = Json.object();
    o.put("judge_duration_seconds", seconds);
    o.put("measured_at", at);
    if (error != null) {
      o.put("failed", true);
      o.put("error", error);
    }
    AtomicFiles.writeJson(slotDir.resolve(RunFiles.Slot.TIMING), o);
  }

  private void writeModelMd(Path slotDir, String model, JudgeClient client) throws IOException {
    StringBuilder sb = new StringBuilder("# Judge Model Information\n\n");
    sb.append("**Model**: ").append(model).append('\n');
    String version = client.version();
    if (version != null) {
      sb.append("**Claude Code Version**: ").append(version).append('\n');
    }
    sb.append("**Timestamp**: ").append(now()).append('\n');
    sb.append("**Backend**: ").append(client.backend()).append('\n');
    AtomicFiles.writeString(slotDir.resolve(RunFiles.Slot.MODEL), sb.toString());
  }

  private Path systemPromptFile(SlotJob job, String text, String sha) throws IOException {
    Path f = new RunFiles(job.prompt().experimentRoot(), job.runDir()).systemPromptCopy(sha);
    synchronized (lock(f)) {
      if (!Files.isRegularFile(f)) {
        AtomicFiles.writeString(f, text);
      }
    }
    return f;
  }

  /**
   * Moves every entry of the slot directory except the journal into {@code .archive/<name>} ({@link
   * dev.scylla.store.Archive#archiveSlotEntries}).
   */
  static String archive(Path slotDir, String name) throws IOException {
    return dev.scylla.store.Archive.archiveSlotEntries(
        slotDir, name, n -> !n.equals(RunFiles.Slot.ATTEMPTS));
  }

  // ------------------------------------------------------------------ helpers

  private SlotOutcome outcome(
      SlotJob job, SlotOutcome.Kind kind, int attempt, int spent, String why) {
    return new SlotOutcome(kind, job.slot(), job.model(), attempt, spent, why, null, null, 0.0);
  }

  private static int spentSoFar(Path slotDir) {
    AttemptJournal j = AttemptJournal.read(slotDir);
    return j.corrupt() == null ? j.spent() : 0;
  }

  private Object lock(Path p) {
    return locks.computeIfAbsent(p.toAbsolutePath().normalize(), k -> new Object());
  }

  /** Python's {@code datetime.now(timezone.utc).isoformat()}: microseconds and +00:00. */
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private String now() {
    return ISO.format(clock.instant().atOffset(java.time.ZoneOffset.UTC));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
