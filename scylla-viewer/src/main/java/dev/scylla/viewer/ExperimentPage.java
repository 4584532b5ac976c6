package dev.scylla.viewer;

import static dev.scylla.viewer.Html.esc;

import dev.scylla.model.Tiers;
import dev.scylla.model.Unexpected;
import dev.scylla.status.Counts;
import dev.scylla.status.RunStatus;
import dev.scylla.status.SlotStatus;
import dev.scylla.status.SlotView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The experiment page: counters, spend, runs in flight and an ETA, the tier × subtest matrix, what
 * needs attention, and the filtered, sorted, paged run list. Rendering reads only the in-memory
 * index, so a page costs the same at 10,000 runs as at 10 apart from one pass over the rows.
 */
final class ExperimentPage {
  /** Up to this many runs per subtest a cell draws one square per run; beyond, a stacked bar. */
  static final int SQUARES = 40;

  static final int ATTENTION_SHOWN = 20;

  /** The order in which a cell takes the colour of the most urgent state it holds. */
  private static final List<RunStatus> URGENCY =
      List.of(
          RunStatus.FAILED,
          RunStatus.PARTIAL,
          RunStatus.RESULTS,
          RunStatus.MISSING,
          RunStatus.COMPLETED);

  private ExperimentPage() {}

  static String render(ServedExperiment e, RunQuery q, Instant now) {
    List<RunRow> rows = e.rows();
    StringBuilder b = new StringBuilder(64 * 1024);
    Counts c = e.counts();
    b.append("<h1>").append(esc(e.name())).append("</h1>");
    b.append("<p class=\"sub\">")
        .append(esc(e.dir().toString()))
        .append(" · ")
        .append(esc(e.layout().kind().jsonName()))
        .append(" layout · subtests from ")
        .append(esc(e.matrix().source()))
        .append(" · ")
        .append(e.matrix().runsPerSubtest())
        .append(" runs per subtest · ")
        .append(e.matrix().judgeCount())
        .append(" judges</p>");
    summary(b, e, rows, c, now);
    matrix(b, e, rows);
    attention(b, e, rows);
    runList(b, e, rows, q);
    unexpected(b, e);
    return b.toString();
  }

  private static void summary(
      StringBuilder b, ServedExperiment e, List<RunRow> rows, Counts c, Instant now) {
    b.append("<section class=\"summary\"><div class=\"counters\" id=\"run-counts\"><h2>Runs</h2>");
    for (RunStatus s : RunStatus.values()) {
      b.append("<a class=\"chip s-")
          .append(s.jsonName())
          .append("\" href=\"/e/")
          .append(e.id())
          .append("/?state=")
          .append(s.jsonName())
          .append("\">")
          .append(s.jsonName())
          .append(" <b data-count=\"")
          .append(s.jsonName())
          .append("\">")
          .append(c.runs(s))
          .append("</b></a> ");
    }
    b.append("<span class=\"total\">total <b>").append(c.totalRuns()).append("</b></span>");
    if (c.turnLimited() > 0) {
      b.append(" <span class=\"total\">turn limit <b>")
          .append(c.turnLimited())
          .append("</b></span>");
    }
    b.append("</div><div class=\"counters\"><h2>Judge slots</h2>");
    for (SlotStatus s : SlotStatus.values()) {
      b.append("<a class=\"chip j-")
          .append(s.jsonName())
          .append("\" href=\"/e/")
          .append(e.id())
          .append("/?judge=")
          .append(s.jsonName())
          .append("\">")
          .append(s.jsonName())
          .append(" <b>")
          .append(c.slots(s))
          .append("</b></a> ");
    }
    b.append("</div>");
    double agents = 0;
    double judges = 0;
    double doneSeconds = 0;
    int done = 0;
    List<RunRow> flying = new ArrayList<>();
    int remaining = 0;
    for (RunRow r : rows) {
      if (!Double.isNaN(r.agentCost())) {
        agents += r.agentCost();
      }
      judges += r.judgeCost();
      if (r.view().status() == RunStatus.COMPLETED && !Double.isNaN(r.durationSeconds())) {
        doneSeconds += r.durationSeconds();
        done++;
      }
      if (r.inFlightSince() != null) {
        flying.add(r);
      }
      if (r.view().status() != RunStatus.COMPLETED
          && !(r.view().status() == RunStatus.FAILED && r.view().budgetSpent())) {
        remaining++;
      }
    }
    b.append("<div class=\"counters\"><h2>Spend so far</h2>agents <b>")
        .append(Html.money(agents))
        .append("</b> · judges <b>")
        .append(Html.money(judges))
        .append("</b> · total <b>")
        .append(Html.money(agents + judges))
        .append("</b></div>");
    b.append("<div class=\"counters\"><h2>In flight</h2><b id=\"in-flight\">")
        .append(flying.size())
        .append("</b> running");
    if (!flying.isEmpty() && done > 0) {
      double eta = remaining * (doneSeconds / done) / Math.max(1, flying.size());
      b.append(" · ETA ~<b>")
          .append(Html.duration(eta))
          .append("</b> <span class=\"hint\">(")
          .append(remaining)
          .append(" runs left × mean ")
          .append(Html.duration(doneSeconds / done))
          .append(" ÷ ")
          .append(flying.size())
          .append(" in flight)</span>");
    }
    if (!flying.isEmpty()) {
      b.append("<ul class=\"flying\">");
      for (RunRow r : flying) {
        double secs = Duration.between(r.inFlightSince(), now).toMillis() / 1000.0;
        b.append("<li><a href=\"")
            .append(r.href(e.id()))
            .append("\">")
            .append(esc(r.label()))
            .append("</a> attempt ")
            .append(r.attempts())
            .append(", running for <span class=\"elapsed\" data-since=\"")
            .append(r.inFlightSince().toEpochMilli())
            .append("\">")
            .append(Html.duration(secs))
            .append("</span></li>");
      }
      b.append("</ul>");
    }
    b.append("</div></section>");
  }

  private static void matrix(StringBuilder b, ServedExperiment e, List<RunRow> rows) {
    TreeSet<String> columns = new TreeSet<>(Tiers.SUBTEST_ORDER);
    e.matrix().subtests().values().forEach(columns::addAll);
    Map<String, Map<String, List<RunRow>>> cells = new java.util.LinkedHashMap<>();
    for (RunRow r : rows) {
      cells
          .computeIfAbsent(r.key().tier(), t -> new java.util.HashMap<>())
          .computeIfAbsent(r.key().subtest(), s -> new ArrayList<>())
          .add(r);
    }
    b.append("<section><h2>Tier × subtest</h2><table class=\"matrix\" id=\"matrix\"><thead><tr>")
        .append("<th>tier</th>");
    for (String s : columns) {
      b.append("<th>").append(esc(s)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (String tier : e.matrix().subtests().keySet()) {
      b.append("<tr><th><a href=\"/e/")
          .append(e.id())
          .append("/?tier=")
          .append(Html.url(tier))
          .append("\">")
          .append(esc(tier))
          .append("</a></th>");
      Map<String, List<RunRow>> byTier = cells.getOrDefault(tier, Map.of());
      for (String s : columns) {
        List<RunRow> cell = byTier.get(s);
        if (cell == null) {
          b.append("<td class=\"empty\"></td>");
          continue;
        }
        cell(b, e, tier, s, cell);
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></section>");
  }

  private static void cell(
      StringBuilder b, ServedExperiment e, String tier, String subtest, List<RunRow> cell) {
    EnumMap<RunStatus, Integer> n = new EnumMap<>(RunStatus.class);
    EnumMap<SlotStatus, Integer> slots = new EnumMap<>(SlotStatus.class);
    int judged = 0;
    int passed = 0;
    double scores = 0;
    int scored = 0;
    for (RunRow r : cell) {
      n.merge(r.view().status(), 1, Integer::sum);
      for (SlotView sv : r.view().slots()) {
        slots.merge(sv.status(), 1, Integer::sum);
      }
      if (r.passed() != null) {
        judged++;
        passed += r.passed() ? 1 : 0;
      }
      if (r.score() != null) {
        scores += r.score();
        scored++;
      }
    }
    RunStatus worst = RunStatus.COMPLETED;
    for (RunStatus s : URGENCY) {
      if (n.containsKey(s)) {
        worst = s;
        break;
      }
    }
    b.append("<td class=\"cell c-")
        .append(worst.jsonName())
        .append("\" data-cell=\"")
        .append(esc(tier + "/" + subtest))
        .append("\"><a class=\"cell-link\" href=\"/e/")
        .append(e.id())
        .append("/?tier=")
        .append(Html.url(tier))
        .append("&amp;subtest=")
        .append(Html.url(subtest))
        .append("\">");
    if (cell.size() <= SQUARES) {
      b.append("<span class=\"squares\">");
      for (RunRow r : cell) {
        b.append("<span class=\"sq s-")
            .append(r.view().status().jsonName())
            .append("\" title=\"")
            .append(esc(r.label() + ": " + r.view().status().jsonName()))
            .append("\"></span>");
      }
      b.append("</span>");
    } else {
      b.append("<span class=\"bar\">");
      for (RunStatus s : RunStatus.values()) {
        Integer k = n.get(s);
        if (k != null) {
          b.append("<span class=\"s-")
              .append(s.jsonName())
              .append("\" style=\"width:")
              .append(String.format(java.util.Locale.ROOT, "%.2f", 100.0 * k / cell.size()))
              .append("%\" title=\"")
              .append(s.jsonName())
              .append(' ')
              .append(k)
              .append("\"></span>");
        }
      }
      b.append("</span>");
    }
    b.append("<span class=\"cell-stats\">pass ")
        .append(judged == 0 ? "–" : Html.pct((double) passed / judged))
        .append(" · mean ")
        .append(scored == 0 ? "–" : Html.num(scores / scored, 2))
        .append("</span><span class=\"cell-judges\">");
    int complete = slots.getOrDefault(SlotStatus.COMPLETE, 0);
    int total = slots.values().stream().mapToInt(Integer::intValue).sum();
    b.append("judges ").append(complete).append('/').append(total);
    for (SlotStatus s : SlotStatus.values()) {
      Integer k = slots.get(s);
      if (s != SlotStatus.COMPLETE && k != null) {
        b.append(" <span class=\"j-")
            .append(s.jsonName())
            .append("\">")
            .append(s.jsonName())
            .append(' ')
            .append(k)
            .append("</span>");
      }
    }
    b.append("</span></a></td>");
  }

  private static void attention(StringBuilder b, ServedExperiment e, List<RunRow> rows) {
    List<RunRow> open = new ArrayList<>();
    for (RunRow r : rows) {
      if (RunQuery.needsAttention(r)) {
        open.add(r);
      }
    }
    b.append("<section><h2>Needing attention (<span id=\"attention-count\">")
        .append(open.size())
        .append("</span>)</h2>");
    if (open.isEmpty()) {
      b.append("<p>Nothing to do: every run is completed and every judge slot complete.</p>");
    } else {
      b.append("<ul class=\"attention\">");
      for (int i = 0; i < open.size() && i < ATTENTION_SHOWN; i++) {
        RunRow r = open.get(i);
        b.append("<li><a href=\"")
            .append(r.href(e.id()))
            .append("\">")
            .append(esc(r.label()))
            .append("</a> ")
            .append(stateChip(r.view().status()))
            .append(' ')
            .append(esc(r.view().reason()));
        for (String a : r.view().attention()) {
          b.append("<br><span class=\"hint\">judges: ").append(esc(a)).append("</span>");
        }
        b.append("</li>");
      }
      b.append("</ul>");
      if (open.size() > ATTENTION_SHOWN) {
        b.append("<p><a href=\"/e/")
            .append(e.id())
            .append("/?attention=1\">all ")
            .append(open.size())
            .append(" runs needing attention</a></p>");
      }
    }
    b.append("</section>");
  }

  static String stateChip(RunStatus s) {
    return "<span class=\"state s-" + s.jsonName() + "\">" + s.jsonName() + "</span>";
  }

  private static void runList(StringBuilder b, ServedExperiment e, List<RunRow> rows, RunQuery q) {
    List<RunRow> hits = q.apply(rows);
    int pages = Math.max(1, (hits.size() + RunQuery.PAGE_SIZE - 1) / RunQuery.PAGE_SIZE);
    int page = Math.min(q.page(), pages);
    b.append("<section><h2>Runs</h2>");
    filters(b, e, q);
    b.append("<p class=\"hint\" id=\"run-hits\">")
        .append(hits.size())
        .append(" of ")
        .append(rows.size())
        .append(" runs match");
    if (pages > 1) {
      b.append(" · page ").append(page).append(" of ").append(pages);
    }
    b.append("</p>");
    b.append("<table class=\"runs\" id=\"runs\"><thead><tr><th>run</th><th>state</th>")
        .append("<th>reason</th><th>judges</th><th>score</th><th>passed</th><th>grade</th>")
        .append("<th>cost</th><th>duration</th><th>attempts</th></tr></thead><tbody>");
    int from = (page - 1) * RunQuery.PAGE_SIZE;
    for (int i = from; i < hits.size() && i < from + RunQuery.PAGE_SIZE; i++) {
      RunRow r = hits.get(i);
      b.append("<tr data-run=\"")
          .append(esc(r.label()))
          .append("\" data-state=\"")
          .append(r.view().status().jsonName())
          .append("\"><td><a href=\"")
          .append(r.href(e.id()))
          .append("\">")
          .append(esc(r.label()))
          .append("</a></td><td>")
          .append(stateChip(r.view().status()))
          .append(r.view().turnLimitReached() ? " <span class=\"hint\">turn limit</span>" : "")
          .append("</td><td class=\"reason\">")
          .append(esc(r.view().reason()))
          .append("</td><td class=\"slots\">");
      for (SlotView s : r.view().slots()) {
        b.append("<span class=\"slot j-")
            .append(s.status().jsonName())
            .append("\" title=\"")
            .append(
                esc(
                    String.format("judge_%02d", s.slot())
                        + " "
                        + s.model()
                        + ": "
                        + s.status().jsonName()
                        + (s.reason() == null ? "" : " (" + s.reason() + ")")))
            .append("\">")
            .append(s.slot())
            .append("</span>");
      }
      double cost = (Double.isNaN(r.agentCost()) ? 0 : r.agentCost()) + r.judgeCost();
      b.append("</td><td>")
          .append(Html.num(r.score(), 3))
          .append("</td><td>")
          .append(r.passed() == null ? "–" : r.passed() ? "yes" : "no")
          .append("</td><td>")
          .append(esc(r.grade() == null ? "–" : r.grade()))
          .append("</td><td>")
          .append(Double.isNaN(r.agentCost()) && r.judgeCost() == 0 ? "–" : Html.money(cost))
          .append("</td><td>")
          .append(Html.duration(r.durationSeconds()))
          .append("</td><td>")
          .append(r.attempts())
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    if (pages > 1) {
      b.append("<nav class=\"pager\">");
      if (page > 1) {
        b.append("<a href=\"/e/")
            .append(e.id())
            .append('/')
            .append(esc(q.toQuery(page - 1)))
            .append("\">« previous</a> ");
      }
      if (page < pages) {
        b.append("<a href=\"/e/")
            .append(e.id())
            .append('/')
            .append(esc(q.toQuery(page + 1)))
            .append("\">next »</a>");
      }
      b.append("</nav>");
    }
    b.append("</section>");
  }

  private static void filters(StringBuilder b, ServedExperiment e, RunQuery q) {
    b.append("<form class=\"filters\" method=\"get\" action=\"/e/").append(e.id()).append("/\">");
    b.append("<label>state <select name=\"state\"><option value=\"\">any</option>");
    for (RunStatus s : RunStatus.values()) {
      option(b, s.jsonName(), q.states().contains(s));
    }
    b.append("</select></label><label>tier <select name=\"tier\"><option value=\"\">any</option>");
    for (String t : e.matrix().subtests().keySet()) {
      option(b, t, t.equals(q.tier()));
    }
    b.append("</select></label><label>subtest <select name=\"subtest\">")
        .append("<option value=\"\">any</option>");
    TreeSet<String> subs = new TreeSet<>(Tiers.SUBTEST_ORDER);
    e.matrix().subtests().values().forEach(subs::addAll);
    for (String s : subs) {
      option(b, s, s.equals(q.subtest()));
    }
    b.append("</select></label><label>a judge slot <select name=\"judge\">")
        .append("<option value=\"\">any</option>");
    for (SlotStatus s : SlotStatus.values()) {
      option(b, s.jsonName(), s == q.judge());
    }
    b.append("</select></label><label>score ≥ <input name=\"min\" size=\"4\" value=\"")
        .append(q.min() == null ? "" : esc(String.valueOf(q.min())))
        .append("\"></label><label>≤ <input name=\"max\" size=\"4\" value=\"")
        .append(q.max() == null ? "" : esc(String.valueOf(q.max())))
        .append("\"></label><label>search reasoning <input name=\"q\" value=\"")
        .append(esc(q.text() == null ? "" : q.text()))
        .append("\"></label><label>sort <select name=\"sort\">");
    for (String s : RunQuery.SORTS) {
      option(b, s, s.equals(q.sort()));
    }
    b.append("</select></label>");
    if (q.attention()) {
      b.append("<input type=\"hidden\" name=\"attention\" value=\"1\">");
    }
    b.append("<button type=\"submit\">filter</button> <a href=\"/e/")
        .append(e.id())
        .append("/\">clear</a></form>");
  }

  private static void option(StringBuilder b, String value, boolean selected) {
    b.append("<option value=\"")
        .append(esc(value))
        .append('"')
        .append(selected ? " selected" : "")
        .append('>')
        .append(esc(value))
        .append("</option>");
  }

  private static void unexpected(StringBuilder b, ServedExperiment e) {
    List<Unexpected> u = e.unexpected();
    List<String> w = e.warnings();
    if (u.isEmpty() && w.isEmpty()) {
      return;
    }
    b.append("<section><h2>Found on disk but not expected</h2><ul>");
    for (Unexpected x : u) {
      b.append("<li>")
          .append(esc(x.location()))
          .append(": ")
          .append(esc(x.reason()))
          .append("</li>");
    }
    for (String x : w) {
      b.append("<li>warning: ").append(esc(x)).append("</li>");
    }
    b.append("</ul></section>");
  }
}
