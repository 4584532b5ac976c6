package dev.scylla.viewer;

import static dev.scylla.viewer.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scylla.model.CommandLog;
import dev.scylla.model.Consensus;
import dev.scylla.model.Judgment;
import dev.scylla.model.Loaded;
import dev.scylla.model.RunJournal;
import dev.scylla.model.RunKey;
import dev.scylla.model.RunSnapshot;
import dev.scylla.model.SlotSnapshot;
import dev.scylla.model.Tiers;
import dev.scylla.status.RunView;
import dev.scylla.status.SlotView;
import dev.scylla.store.FileReads;
import dev.scylla.store.RunFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run page: classification, judges side by side per rubric criterion with disagreements marked,
 * the consensus, agent output and command log, the workspace diff, the build pipeline, the attempt
 * journals and the archives. Read from disk on every request; all of it escaped.
 */
final class RunPage {
  /** The most of one text file shown inline; the whole file is one link away. */
  static final int SHOWN_BYTES = 128 * 1024;

  /** A criterion on which the judges' fractions of the maximum differ by this much is marked. */
  static final double DISAGREE = 0.25;

  private RunPage() {}

  static String render(ServedExperiment e, RunKey key) {
    RunSnapshot snap = e.store().readRun(key, e.matrix());
    RunView view = e.refreshedView(key, snap);
    Path runDir = e.store().runDir(key);
    RunFiles files = new RunFiles(runDir);
    StringBuilder b = new StringBuilder(32 * 1024);
    b.append("<p class=\"crumbs\"><a href=\"/e/")
        .append(e.id())
        .append("/\">")
        .append(esc(e.name()))
        .append("</a> › <a href=\"/e/")
        .append(e.id())
        .append("/?tier=")
        .append(Html.url(key.tier()))
        .append("&amp;subtest=")
        .append(Html.url(key.subtest()))
        .append("\">")
        .append(esc(key.tier() + "/" + key.subtest()))
        .append("</a></p>");
    b.append("<h1>")
        .append(esc(key.label()))
        .append(' ')
        .append(ExperimentPage.stateChip(view.status()))
        .append("</h1>");
    b.append("<p id=\"run-reason\">").append(esc(view.reason())).append("</p>");
    if (!view.attention().isEmpty()) {
      b.append("<ul class=\"attention\">");
      for (String a : view.attention()) {
        b.append("<li>judges: ").append(esc(a)).append("</li>");
      }
      b.append("</ul>");
    }
    b.append("<p class=\"sub\">").append(esc(snap.location()));
    if (view.budgetSpent()) {
      b.append(" · retry budget spent");
    }
    if (view.turnLimitReached()) {
      b.append(" · agent reached its turn limit");
    }
    b.append("</p>");
    judges(b, e, snap, view);
    agent(b, e, snap, files);
    diff(b, e, runDir, files);
    pipeline(b, files);
    journal(b, snap, files);
    archives(b, e, key, runDir);
    fileList(b, e, runDir);
    return b.toString();
  }

  // ------------------------------------------------------------ judges

  private static void judges(StringBuilder b, ServedExperiment e, RunSnapshot snap, RunView view) {
    Consensus consensus = snap.consensus().orNull();
    List<SlotSnapshot> slots = snap.slots();
    b.append("<section><h2>Judges</h2><table class=\"judges\" id=\"judges\"><thead><tr><th></th>");
    for (SlotSnapshot s : slots) {
      b.append("<th>judge_")
          .append(String.format("%02d", s.slot()))
          .append("<br><span class=\"model\">")
          .append(esc(s.model()))
          .append("</span></th>");
    }
    b.append("<th>consensus</th></tr></thead><tbody>");
    // states
    b.append("<tr><th>slot</th>");
    for (SlotView sv : view.slots()) {
      b.append("<td><span class=\"slot j-")
          .append(sv.status().jsonName())
          .append("\">")
          .append(sv.status().jsonName())
          .append("</span>");
      if (sv.reason() != null && !sv.reason().isEmpty()) {
        b.append("<br><span class=\"hint\">").append(esc(sv.reason())).append("</span>");
      }
      b.append("</td>");
    }
    b.append("<td>");
    if (snap.consensus() instanceof Loaded.Corrupt<Consensus> c) {
      b.append("corrupt: ").append(esc(c.reason()));
    } else if (consensus == null) {
      b.append("none yet");
    } else {
      b.append(consensus.valid() ? "valid" : "invalid");
      if (consensus.validJudges() != null) {
        b.append(", ").append(consensus.validJudges()).append(" judges counted");
      }
    }
    b.append("</td></tr>");
    List<Judgment> js = new ArrayList<>();
    for (SlotSnapshot s : slots) {
      js.add(s.judgment().orNull());
    }
    verdictRow(
        b,
        "score",
        js,
        consensus == null ? null : Html.num(consensus.score(), 3),
        j -> Html.num(j.score(), 3));
    verdictRow(
        b,
        "passed",
        js,
        consensus == null ? null : consensus.passed() ? "yes" : "no",
        j -> j.passed() ? "yes" : "no");
    verdictRow(
        b, "grade", js, consensus == null ? null : esc(consensus.grade()), j -> esc(j.grade()));
    boolean passDisagree =
        js.stream()
                .filter(j -> j != null && j.isRealVerdict())
                .map(Judgment::passed)
                .distinct()
                .count()
            > 1;
    if (passDisagree) {
      b.append("<tr class=\"disagree\"><th colspan=\"")
          .append(slots.size() + 2)
          .append("\">the judges disagree on pass/fail</th></tr>");
    }
    // criteria
    Map<String, Map<String, List<Double>>> order = new LinkedHashMap<>();
    List<JsonNode> criteria = new ArrayList<>();
    for (Judgment j : js) {
      criteria.add(j == null ? null : j.criteriaScores());
    }
    JsonNode consensusCriteria = consensus == null ? null : consensus.criteriaScores();
    for (JsonNode cs : criteria) {
      collect(order, cs);
    }
    collect(order, consensusCriteria);
    for (var cat : order.entrySet()) {
      b.append("<tr class=\"category\"><th>").append(esc(cat.getKey())).append("</th>");
      for (JsonNode cs : criteria) {
        b.append("<td>").append(categoryCell(cs, cat.getKey())).append("</td>");
      }
      b.append("<td>").append(categoryCell(consensusCriteria, cat.getKey())).append("</td></tr>");
      for (String item : cat.getValue().keySet()) {
        List<Double> fractions = new ArrayList<>();
        StringBuilder cells = new StringBuilder();
        for (JsonNode cs : criteria) {
          JsonNode it = item(cs, cat.getKey(), item);
          Double f = fraction(it);
          if (f != null) {
            fractions.add(f);
          }
          cells.append("<td>").append(itemCell(it)).append("</td>");
        }
        cells
            .append("<td>")
            .append(itemCell(item(consensusCriteria, cat.getKey(), item)))
            .append("</td>");
        double spread =
            fractions.size() < 2
                ? 0
                : fractions.stream().mapToDouble(Double::doubleValue).max().orElse(0)
                    - fractions.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        b.append("<tr class=\"item")
            .append(spread >= DISAGREE ? " disagree" : "")
            .append("\" data-criterion=\"")
            .append(esc(cat.getKey() + "/" + item))
            .append("\"><th>")
            .append(esc(item));
        if (spread >= DISAGREE) {
          b.append(" <span class=\"hint\">disagreement ")
              .append(Html.pct(spread))
              .append("</span>");
        }
        b.append("</th>").append(cells).append("</tr>");
      }
    }
    // reasoning
    b.append("<tr class=\"reasoning\"><th>reasoning</th>");
    for (int i = 0; i < slots.size(); i++) {
      SlotSnapshot s = slots.get(i);
      Judgment j = js.get(i);
      b.append("<td>");
      if (j != null) {
        b.append("<div class=\"text\">").append(esc(j.reasoning())).append("</div>");
        if (j.fallback()) {
          b.append("<p class=\"hint\">fallback: ").append(esc(j.fallbackReason())).append("</p>");
        }
      } else if (s.judgment() instanceof Loaded.Corrupt<Judgment> c) {
        b.append("judgment.json is corrupt: ").append(esc(c.reason()));
      } else if (s.failure() != null) {
        b.append("failed: ").append(esc(s.failure()));
      }
      b.append("</td>");
    }
    b.append("<td>")
        .append(
            consensus == null ? "" : "<div class=\"text\">" + esc(consensus.reasoning()) + "</div>")
        .append("</td></tr>");
    b.append("</tbody></table></section>");
  }

  private interface Cell {
    String of(Judgment j);
  }

  private static void verdictRow(
      StringBuilder b, String name, List<Judgment> js, String consensus, Cell cell) {
    b.append("<tr><th>").append(name).append("</th>");
    for (Judgment j : js) {
      b.append("<td>").append(j == null ? "–" : cell.of(j)).append("</td>");
    }
    b.append("<td>").append(consensus == null ? "–" : consensus).append("</td></tr>");
  }

  private static void collect(Map<String, Map<String, List<Double>>> order, JsonNode cs) {
    if (cs == null || !cs.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = cs.fields(); it.hasNext(); ) {
      var cat = it.next();
      Map<String, List<Double>> items =
          order.computeIfAbsent(cat.getKey(), k -> new LinkedHashMap<>());
      JsonNode its = cat.getValue().get("items");
      if (its != null && its.isObject()) {
        its.fieldNames().forEachRemaining(n -> items.putIfAbsent(n, new ArrayList<>()));
      }
    }
  }

  private static JsonNode item(JsonNode cs, String cat, String item) {
    if (cs == null) {
      return null;
    }
    JsonNode c = cs.get(cat);
    JsonNode items = c == null ? null : c.get("items");
    return items == null ? null : items.get(item);
  }

  private static Double fraction(JsonNode it) {
    if (it == null) {
      return null;
    }
    JsonNode a = it.get("achieved");
    JsonNode m = it.get("max");
    if (a == null || m == null || !a.isNumber() || !m.isNumber() || m.doubleValue() <= 0) {
      return null;
    }
    return a.doubleValue() / m.doubleValue();
  }

  private static String itemCell(JsonNode it) {
    if (it == null) {
      return "–";
    }
    StringBuilder s = new StringBuilder();
    JsonNode a = it.get("achieved");
    JsonNode m = it.get("max");
    s.append(a == null ? "?" : esc(a.asText()))
        .append(" / ")
        .append(m == null ? "?" : esc(m.asText()));
    JsonNode reason = it.get("reason");
    if (reason != null && reason.isTextual() && !reason.textValue().isEmpty()) {
      s.append("<br><span class=\"hint\">").append(esc(reason.textValue())).append("</span>");
    }
    return s.toString();
  }

  private static String categoryCell(JsonNode cs, String cat) {
    JsonNode c = cs == null ? null : cs.get(cat);
    if (c == null) {
      return "–";
    }
    JsonNode score = c.get("score");
    return score != null && score.isNumber() ? Html.num(score.doubleValue(), 3) : "–";
  }

  // ------------------------------------------------------------ agent

  private static void agent(StringBuilder b, ServedExperiment e, RunSnapshot snap, RunFiles files) {
    b.append("<section><h2>Agent</h2>");
    var result = snap.agentResult().orNull();
    if (result != null) {
      b.append("<p>exit code <b>")
          .append(result.exitCode())
          .append("</b> · cost <b>")
          .append(Html.money(result.costUsd()))
          .append("</b>");
      if (result.apiCalls() != null) {
        b.append(" · ").append(result.apiCalls()).append(" turns");
      }
      b.append(" · tokens in ")
          .append(result.tokenStats().tokensInput())
          .append(", out ")
          .append(result.tokenStats().outputTokens())
          .append("</p>");
    } else if (snap.agentResult() instanceof Loaded.Corrupt<?> c) {
      b.append("<p>agent/result.json is corrupt: ").append(esc(c.reason())).append("</p>");
    }
    textFile(b, e, "output", files.agentOutput(), true);
    textFile(b, e, "stdout.log", files.agentStdout(), false);
    textFile(b, e, "stderr.log", files.agentStderr(), false);
    CommandLog log = snap.commandLog().orNull();
    if (log != null) {
      b.append("<h3>Command log (")
          .append(log.commands().size())
          .append(")</h3>")
          .append("<table class=\"commands\"><thead><tr><th>time</th><th>command</th><th>cwd</th>")
          .append(
              "<th>exit</th><th>duration</th><th>environment (names only)</th></tr></thead><tbody>");
      for (CommandLog.Entry c : log.commands()) {
        b.append("<tr><td>")
            .append(esc(c.timestamp()))
            .append("</td><td><code>")
            .append(esc(String.join(" ", c.command())))
            .append("</code></td><td>")
            .append(esc(c.cwd()))
            .append("</td><td>")
            .append(c.exitCode() == null ? "–" : c.exitCode())
            .append("</td><td>")
            .append(c.durationSeconds() == null ? "–" : Html.duration(c.durationSeconds()))
            .append("</td><td>")
            .append(esc(String.join(", ", new java.util.TreeSet<>(c.envVars().keySet()))))
            .append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("</section>");
  }

  /** A text file inline (at most {@link #SHOWN_BYTES}), with a link to the whole file. */
  static void textFile(StringBuilder b, ServedExperiment e, String title, Path f, boolean open) {
    if (!Files.isRegularFile(f) || !SafePaths.inside(e.realRoot(), f)) {
      return;
    }
    long size;
    String text;
    try (InputStream in = Files.newInputStream(f)) {
      size = Files.size(f);
      byte[] head = in.readNBytes(SHOWN_BYTES);
      text = new String(head, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      b.append("<p>")
          .append(esc(title))
          .append(": unreadable (")
          .append(esc(ex.getMessage()))
          .append(")</p>");
      return;
    }
    b.append("<details")
        .append(open ? " open" : "")
        .append("><summary>")
        .append(esc(title))
        .append(" <span class=\"hint\">")
        .append(size)
        .append(" bytes · <a href=\"")
        .append(fileHref(e, f))
        .append("\">raw</a></span></summary><pre class=\"text\">")
        .append(esc(text));
    if (size > SHOWN_BYTES) {
      b.append("\n… (").append(size - SHOWN_BYTES).append(" more bytes in the raw file)");
    }
    b.append("</pre></details>");
  }

  static String fileHref(ServedExperiment e, Path f) {
    String rel = e.layout().relative(f);
    StringBuilder s = new StringBuilder("/e/").append(e.id()).append("/file");
    for (String part : rel.split("/")) {
      s.append('/').append(Html.url(part).replace("+", "%20"));
    }
    return esc(s.toString());
  }

  // ------------------------------------------------------------ diff

  private static void diff(StringBuilder b, ServedExperiment e, Path runDir, RunFiles files) {
    b.append("<section><h2>Workspace diff</h2>");
    List<Path> patches = new ArrayList<>();
    try (Stream<Path> s = Files.list(runDir)) {
      s.filter(
              p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".patch") || n.endsWith(".diff")) && Files.isRegularFile(p);
              })
          .sorted()
          .forEach(patches::add);
    } catch (IOException ex) {
      // no run directory
    }
    if (!patches.isEmpty()) {
      for (Path p : patches) {
        patch(b, e, p.getFileName().toString(), read(p), p);
      }
    } else {
      String prompt = read(files.judgePrompt());
      String d = diffBlock(prompt);
      if (d != null) {
        b.append("<p class=\"hint\">From the judge prompt (what the judges saw).</p>");
        patch(b, e, "judge_prompt.md", d, files.judgePrompt());
      } else {
        b.append("<p>No patch recorded for this run.</p>");
      }
    }
    b.append("</section>");
  }

  /** The first fenced {@code diff} block of a Markdown text, or null. */
  static String diffBlock(String md) {
    if (md == null) {
      return null;
    }
    int start = md.indexOf("```diff\n");
    if (start < 0) {
      return null;
    }
    int from = start + "```diff\n".length();
    int end = md.indexOf("\n```", from);
    return end < 0 ? md.substring(from) : md.substring(from, end);
  }

  private static void patch(
      StringBuilder b, ServedExperiment e, String title, String text, Path f) {
    if (text == null) {
      return;
    }
    if (text.length() > SHOWN_BYTES) {
      text = text.substring(0, SHOWN_BYTES) + "\n… (cut; see the raw file)";
    }
    b.append("<p class=\"hint\">")
        .append(esc(title))
        .append(" · <a href=\"")
        .append(fileHref(e, f))
        .append("\">raw</a></p><pre class=\"diff\">");
    for (String line : text.split("\n", -1)) {
      String cls =
          line.startsWith("+++") || line.startsWith("---")
              ? "dh"
              : line.startsWith("+")
                  ? "da"
                  : line.startsWith("-") ? "dd" : line.startsWith("@@") ? "dh" : null;
      if (cls == null) {
        b.append(esc(line)).append('\n');
      } else {
        b.append("<span class=\"").append(cls).append("\">").append(esc(line)).append("</span>\n");
      }
    }
    b.append("</pre>");
  }

  private static String read(Path p) {
    try {
      if (!Files.isRegularFile(p)) {
        return null;
      }
      byte[] bytes = Files.readAllBytes(p);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      return null;
    }
  }

  // ------------------------------------------------------------ pipeline

  private static void pipeline(StringBuilder b, RunFiles files) {
    Path f = files.commandsDir().resolve("pipeline_result.json");
    Loaded<ObjectNode> pr = FileReads.readJson(f, o -> o);
    b.append("<section><h2>Build pipeline</h2>");
    if (pr instanceof Loaded.Corrupt<ObjectNode> c) {
      b.append("<p>commands/pipeline_result.json is corrupt: ")
          .append(esc(c.reason()))
          .append("</p>");
    } else if (pr.orNull() == null) {
      b.append("<p>No pipeline result.</p>");
    } else {
      ObjectNode o = pr.orNull();
      JsonNode lang = o.get("language");
      if (lang != null && lang.isTextual()) {
        b.append("<p>language ").append(esc(lang.textValue())).append("</p>");
      }
      b.append("<table class=\"pipeline\" id=\"pipeline\"><tbody>");
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.endsWith("_passed")) {
          continue;
        }
        String step = name.substring(0, name.length() - "_passed".length());
        boolean na = o.path(step + "_na").asBoolean(false);
        boolean passed = o.path(name).asBoolean(false);
        String state = na ? "n/a" : passed ? "passed" : "failed";
        b.append("<tr><th>")
            .append(esc(step))
            .append("</th><td><span class=\"step ")
            .append(na ? "na" : passed ? "ok" : "bad")
            .append("\">")
            .append(state)
            .append("</span></td><td>");
        JsonNode out = o.get(step + "_output");
        if (out != null && out.isTextual() && !out.textValue().isEmpty()) {
          String t = out.textValue();
          if (t.length() > SHOWN_BYTES) {
            t = t.substring(0, SHOWN_BYTES) + "\n…";
          }
          b.append("<details><summary>output</summary><pre class=\"text\">")
              .append(esc(t))
              .append("</pre></details>");
        }
        b.append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("</section>");
  }

  // ------------------------------------------------------------ journals

  private static void journal(StringBuilder b, RunSnapshot snap, RunFiles files) {
    b.append("<section><h2>Attempts</h2>");
    Loaded<RunJournal> j = snap.journal();
    if (j instanceof Loaded.Corrupt<RunJournal> c) {
      b.append("<p>The run's attempt journal is corrupt: ").append(esc(c.reason())).append("</p>");
    } else if (j.orNull() == null || j.orNull().attempts().isEmpty()) {
      b.append("<p>No attempt journal (a run made by the reference, or not started).</p>");
    } else {
      RunJournal rj = j.orNull();
      b.append("<h3>Agent</h3><p class=\"hint\">")
          .append(rj.spent())
          .append(" attempt(s) counted against a budget of ")
          .append(rj.budget() == null ? "?" : rj.budget())
          .append("</p>");
      b.append(
              "<table class=\"journal\" id=\"journal\"><thead><tr><th>attempt</th><th>started</th>")
          .append(
              "<th>ended</th><th>took</th><th>outcome</th><th>reason</th><th>archived to</th></tr></thead><tbody>");
      for (RunJournal.Attempt a : rj.attempts()) {
        b.append("<tr class=\"o-")
            .append(a.outcome().jsonName())
            .append("\"><td>")
            .append(a.attempt())
            .append("</td><td>")
            .append(esc(a.startedAt()))
            .append("</td><td>")
            .append(esc(a.endedAt()))
            .append("</td><td>")
            .append(took(a.startedAt(), a.endedAt()))
            .append("</td><td>")
            .append(a.outcome().jsonName())
            .append("</td><td>")
            .append(esc(a.reason()))
            .append("</td><td>")
            .append(esc(a.archivedTo()))
            .append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    for (SlotSnapshot s : snap.slots()) {
      Path f = files.slotDir(s.slot()).resolve(RunFiles.Slot.ATTEMPTS);
      Loaded<ObjectNode> a = FileReads.readJson(f, o -> o);
      if (a.isMissing()) {
        continue;
      }
      b.append("<h3>judge_")
          .append(String.format("%02d", s.slot()))
          .append(" (")
          .append(esc(s.model()))
          .append(")</h3>");
      if (a instanceof Loaded.Corrupt<ObjectNode> c) {
        b.append("<p>attempts.json is corrupt: ").append(esc(c.reason())).append("</p>");
        continue;
      }
      b.append("<table class=\"journal\"><thead><tr><th>attempt</th><th>started</th><th>ended</th>")
          .append(
              "<th>took</th><th>outcome</th><th>reason</th><th>model</th><th>backend</th><th>calls</th></tr></thead><tbody>");
      for (JsonNode at : a.orNull().path("attempts")) {
        String outcome = at.path("outcome").asText("");
        b.append("<tr class=\"o-")
            .append(esc(outcome))
            .append("\"><td>")
            .append(esc(at.path("attempt").asText()))
            .append("</td><td>")
            .append(esc(at.path("started_at").asText("")))
            .append("</td><td>")
            .append(esc(at.path("ended_at").asText("")))
            .append("</td><td>")
            .append(took(text(at, "started_at"), text(at, "ended_at")))
            .append("</td><td>")
            .append(esc(outcome))
            .append("</td><td>")
            .append(esc(text(at, "reason")))
            .append("</td><td>")
            .append(esc(text(at, "model")))
            .append("</td><td>")
            .append(esc(text(at, "backend")))
            .append("</td><td>")
            .append(esc(text(at, "calls")))
            .append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("</section>");
  }

  private static String text(JsonNode o, String name) {
    JsonNode v = o.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String took(String start, String end) {
    var s = RunRow.instant(start);
    var e = RunRow.instant(end);
    if (s == null || e == null) {
      return "–";
    }
    return Html.duration(java.time.Duration.between(s, e).toMillis() / 1000.0);
  }

  // ------------------------------------------------------------ archives and files

  private static void archives(StringBuilder b, ServedExperiment e, RunKey key, Path runDir) {
    List<Path> dirs = new ArrayList<>();
    String prefix = Tiers.runDirName(key.run()) + "_attempt_";
    for (Path root : e.layout().tierRoots()) {
      Path failed = root.resolve(key.tier()).resolve(key.subtest()).resolve(".failed");
      list(failed, p -> p.getFileName().toString().startsWith(prefix), dirs);
    }
    Path judge = runDir.resolve("judge");
    List<Path> slotDirs = new ArrayList<>();
    list(judge, p -> p.getFileName().toString().startsWith("judge_"), slotDirs);
    for (Path s : slotDirs) {
      list(s.resolve(RunFiles.Slot.ARCHIVE), p -> true, dirs);
    }
    b.append("<section><h2>Archives</h2>");
    if (dirs.isEmpty()) {
      b.append("<p>None: no earlier attempt of this run or of its judges was archived.</p>");
    } else {
      b.append("<ul class=\"archives\" id=\"archives\">");
      for (Path d : dirs) {
        b.append("<li>").append(esc(e.layout().relative(d))).append("<ul>");
        List<Path> fs = new ArrayList<>();
        walk(d, fs, 200);
        for (Path f : fs) {
          b.append("<li><a href=\"")
              .append(fileHref(e, f))
              .append("\">")
              .append(esc(d.relativize(f).toString()))
              .append("</a></li>");
        }
        b.append("</ul></li>");
      }
      b.append("</ul>");
    }
    b.append("</section>");
  }

  private static void fileList(StringBuilder b, ServedExperiment e, Path runDir) {
    List<Path> fs = new ArrayList<>();
    walk(runDir, fs, 500);
    if (fs.isEmpty()) {
      return;
    }
    b.append("<section><details><summary>All files of the run (")
        .append(fs.size())
        .append(fs.size() >= 500 ? "+" : "")
        .append(", workspace left out)</summary><ul class=\"files\">");
    for (Path f : fs) {
      b.append("<li><a href=\"")
          .append(fileHref(e, f))
          .append("\">")
          .append(esc(runDir.relativize(f).toString()))
          .append("</a></li>");
    }
    b.append("</ul></details></section>");
  }

  private static void list(Path dir, java.util.function.Predicate<Path> keep, List<Path> out) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isDirectory).filter(keep).sorted().forEach(out::add);
    } catch (IOException ex) {
      // gone meanwhile
    }
  }

  /** Regular files under {@code dir} (never into workspaces), sorted, at most {@code limit}. */
  private static void walk(Path dir, List<Path> out, int limit) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          dir,
          new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(
                Path d, java.nio.file.attribute.BasicFileAttributes attrs) {
              String n = d.getFileName() == null ? "" : d.getFileName().toString();
              return !d.equals(dir) && (n.equals("workspace") || n.equals(".git"))
                  ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                  : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(
                Path f, java.nio.file.attribute.BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                found.add(f);
              }
              return found.size() >= 5 * limit
                  ? java.nio.file.FileVisitResult.TERMINATE
                  : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException exc) {
              return java.nio.file.FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException ex) {
      // changed while listing
    }
    found.sort(null);
    out.addAll(found.subList(0, Math.min(limit, found.size())));
  }
}
