package dev.scylla.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.model.AgentResult;
import dev.scylla.model.Consensus;
import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunResult;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.SlotSnapshot;
import dev.scylla.model.Tiers;
import dev.scylla.status.RunView;
import dev.scylla.store.CorruptFileException;
import dev.scylla.store.FileReads;
import dev.scylla.store.Json;
import dev.scylla.store.RunFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the experiment page shows of one run: its classification (the same {@link RunView} {@code
 * scylla status} prints) and a few figures read from the same snapshot.
 *
 * @param score the consensus score, else the run result's, else null
 * @param agentCost the agent's cost in USD, NaN when unknown
 * @param judgeCost the judges' cost in USD as their CLI output records it (0 when none recorded)
 * @param inFlightSince when the running attempt started, or null when no attempt is running
 * @param search lower-case text the search box looks in (reasons and judge reasoning)
 */
record RunRow(
    RunKey key,
    RunView view,
    Double score,
    Boolean passed,
    String grade,
    double agentCost,
    double judgeCost,
    double durationSeconds,
    Instant inFlightSince,
    int attempts,
    List<Verdict> verdicts,
    String search) {

  /** One judge's verdict as far as agreement is concerned. */
  record Verdict(int slot, String model, boolean passed, double score) {}

  static RunRow of(RunSnapshot snap, RunView view, Path runDir) {
    Consensus consensus = snap.consensus().orNull();
    RunResult result = snap.runResult().orNull();
    AgentResult agent = snap.agentResult().orNull();
    Double score = null;
    Boolean passed = null;
    String grade = null;
    StringBuilder search = new StringBuilder();
    search.append(view.reason()).append('\n');
    view.attention().forEach(a -> search.append(a).append('\n'));
    if (consensus != null) {
      score = consensus.score();
      passed = consensus.passed();
      grade = consensus.grade();
      append(search, consensus.reasoning());
    } else if (result != null) {
      score = result.judgeScore();
      passed = result.judgePassed();
      grade = result.judgeGrade();
      append(search, result.judgeReasoning());
    }
    List<Verdict> verdicts = new ArrayList<>();
    double judgeCost = 0;
    RunFiles files = new RunFiles(runDir);
    for (SlotSnapshot s : snap.slots()) {
      Judgment j = s.judgment().orNull();
      if (j != null) {
        append(search, j.reasoning());
        if (j.isRealVerdict()) {
          verdicts.add(new Verdict(s.slot(), s.model(), j.passed(), j.score()));
        }
        judgeCost += slotCost(files.slotDir(s.slot()));
      }
      if (s.failure() != null) {
        append(search, s.failure());
      }
    }
    double duration = Double.NaN;
    if (result != null) {
      duration = result.durationSeconds();
    } else if (snap.timing().orNull() != null) {
      duration = agentSeconds(snap);
    }
    Instant since = null;
    int attempts = 0;
    RunJournal journal = snap.journal().orNull();
    if (journal != null) {
      attempts = journal.attempts().size();
      RunJournal.Attempt last = journal.last();
      if (last != null && last.outcome() == RunJournal.Outcome.RUNNING) {
        since = instant(last.startedAt());
      }
    }
    return new RunRow(
        snap.key(),
        view,
        score,
        passed,
        grade,
        agent != null ? agent.costUsd() : Double.NaN,
        judgeCost,
        duration,
        since,
        attempts,
        List.copyOf(verdicts),
        search.toString().toLowerCase(Locale.ROOT));
  }

  private static double agentSeconds(RunSnapshot snap) {
    return snap.timing().orNull().agentDurationSeconds();
  }

  private static void append(StringBuilder sb, String s) {
    if (s != null) {
      sb.append(s).append('\n');
    }
  }

  /**
   * The judge's cost as its CLI output records it: {@code total_cost_usd} of the last JSON line of
   * {@code stdout.log} (one object, or stream-json ending in the result). 0 when not recorded.
   */
  static double slotCost(Path slotDir) {
    Loaded<byte[]> bytes = FileReads.readBytes(slotDir.resolve(RunFiles.Slot.STDOUT));
    byte[] b = bytes.orNull();
    if (b == null || b.length == 0) {
      return 0;
    }
    int end = b.length;
    while (end > 0 && (b[end - 1] == '\n' || b[end - 1] == '\r' || b[end - 1] == ' ')) {
      end--;
    }
    int start = end;
    while (start > 0 && b[start - 1] != '\n') {
      start--;
    }
    if (start == end || b[start] != '{') {
      return 0;
    }
    try {
      JsonNode o = Json.parse(java.util.Arrays.copyOfRange(b, start, end));
      JsonNode c = o.get("total_cost_usd");
      return c != null && c.isNumber() && Double.isFinite(c.doubleValue()) ? c.doubleValue() : 0;
    } catch (CorruptFileException e) {
      return 0;
    }
  }

  static Instant instant(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  String label() {
    return key.label();
  }

  /** The path of the run's page under its experiment. */
  String href(int experiment) {
    return "/e/"
        + experiment
        + "/run/"
        + key.tier()
        + "/"
        + key.subtest()
        + "/"
        + Tiers.runDirName(key.run());
  }
}
