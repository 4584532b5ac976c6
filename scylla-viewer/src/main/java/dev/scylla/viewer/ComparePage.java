package dev.scylla.viewer;

import static dev.scylla.viewer.Html.esc;

import dev.scylla.status.RunStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two experiments, or two tiers, side by side: pass rate with a 95% Wilson score interval, mean
 * score, cost, and judge agreement. Computed here from the index, simply (one proportion per side,
 * no pairing or multiple-comparison correction); {@code scylla analyze} has the full statistics.
 */
final class ComparePage {
  private ComparePage() {}

  /** One side: an experiment, or one tier of it. */
  record Side(ServedExperiment experiment, String tier) {
    String label() {
      return experiment.name() + (tier == null ? "" : " · " + tier);
    }

    String value() {
      return experiment.id() + (tier == null ? "" : ":" + tier);
    }

    List<RunRow> rows() {
      List<RunRow> out = new ArrayList<>();
      for (RunRow r : experiment.rows()) {
        if (tier == null || tier.equals(r.key().tier())) {
          out.add(r);
        }
      }
      return out;
    }
  }

  /** The figures of one side. */
  record Figures(
      int runs,
      int completed,
      int judged,
      int passed,
      double[] interval,
      double meanScore,
      double agentCost,
      double judgeCost,
      int multiJudged,
      int agreeing,
      double meanSpread) {

    double passRate() {
      return judged == 0 ? Double.NaN : (double) passed / judged;
    }

    double agreement() {
      return multiJudged == 0 ? Double.NaN : (double) agreeing / multiJudged;
    }
  }

  static Figures figures(List<RunRow> rows) {
    int completed = 0;
    int judged = 0;
    int passed = 0;
    double scores = 0;
    int scored = 0;
    double agent = 0;
    double judges = 0;
    int multi = 0;
    int agree = 0;
    double spread = 0;
    for (RunRow r : rows) {
      if (r.view().status() == RunStatus.COMPLETED) {
        completed++;
      }
      if (r.passed() != null) {
        judged++;
        passed += r.passed() ? 1 : 0;
      }
      if (r.score() != null) {
        scores += r.score();
        scored++;
      }
      if (!Double.isNaN(r.agentCost())) {
        agent += r.agentCost();
      }
      judges += r.judgeCost();
      if (r.verdicts().size() >= 2) {
        multi++;
        boolean first = r.verdicts().get(0).passed();
        boolean all = r.verdicts().stream().allMatch(v -> v.passed() == first);
        agree += all ? 1 : 0;
        double max = r.verdicts().stream().mapToDouble(RunRow.Verdict::score).max().orElse(0);
        double min = r.verdicts().stream().mapToDouble(RunRow.Verdict::score).min().orElse(0);
        spread += max - min;
      }
    }
    return new Figures(
        rows.size(),
        completed,
        judged,
        passed,
        wilson(passed, judged),
        scored == 0 ? Double.NaN : scores / scored,
        agent,
        judges,
        multi,
        agree,
        multi == 0 ? Double.NaN : spread / multi);
  }

  /** The 95% Wilson score interval of {@code k} successes in {@code n}; NaNs when n is 0. */
  static double[] wilson(int k, int n) {
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double z = 1.959963984540054;
    double p = (double) k / n;
    double denom = 1 + z * z / n;
    double centre = (p + z * z / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  static Side parse(List<ServedExperiment> experiments, String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String id = v;
    String tier = null;
    int colon = v.indexOf(':');
    if (colon >= 0) {
      id = v.substring(0, colon);
      tier = v.substring(colon + 1);
    }
    if (!id.matches("\\d{1,4}")) {
      return null;
    }
    int n = Integer.parseInt(id);
    if (n >= experiments.size()) {
      return null;
    }
    ServedExperiment e = experiments.get(n);
    if (tier != null && !e.matrix().subtests().containsKey(tier)) {
      return null;
    }
    return new Side(e, tier);
  }

  static String render(List<ServedExperiment> experiments, Map<String, List<String>> query) {
    List<Side> choices = new ArrayList<>();
    for (ServedExperiment e : experiments) {
      choices.add(new Side(e, null));
      for (String t : e.matrix().subtests().keySet()) {
        choices.add(new Side(e, t));
      }
    }
    Side a = parse(experiments, ViewerServer.first(query, "a"));
    Side b = parse(experiments, ViewerServer.first(query, "b"));
    if (a == null) {
      a =
          experiments.size() > 1
              ? choices.get(0)
              : choices.size() > 1 ? choices.get(1) : choices.get(0);
    }
    if (b == null) {
      if (experiments.size() > 1) {
        b = new Side(experiments.get(1), null);
      } else {
        b = choices.size() > 2 ? choices.get(2) : choices.get(0);
      }
    }
    StringBuilder s =
        new StringBuilder(
            "<h1>Compare</h1><form class=\"filters\" method=\"get\" action=\"/compare\">");
    select(s, "a", choices, a);
    select(s, "b", choices, b);
    s.append("<button type=\"submit\">compare</button></form>");
    Figures fa = figures(a.rows());
    Figures fb = figures(b.rows());
    s.append("<table class=\"compare\" id=\"compare\"><thead><tr><th></th><th>")
        .append(esc(a.label()))
        .append("</th><th>")
        .append(esc(b.label()))
        .append("</th></tr></thead><tbody>");
    row(
        s,
        "runs (completed)",
        fa.runs() + " (" + fa.completed() + ")",
        fb.runs() + " (" + fb.completed() + ")");
    row(s, "pass rate [95% Wilson]", rate(fa), rate(fb));
    row(s, "mean score", Html.num(fa.meanScore(), 3), Html.num(fb.meanScore(), 3));
    row(s, "agent cost", cost(fa.agentCost(), fa.runs()), cost(fb.agentCost(), fb.runs()));
    row(s, "judge cost", Html.money(fa.judgeCost()), Html.money(fb.judgeCost()));
    row(s, "judges agree on pass/fail", agreement(fa), agreement(fb));
    row(s, "mean judge score spread", Html.num(fa.meanSpread(), 3), Html.num(fb.meanSpread(), 3));
    s.append("</tbody></table><p class=\"hint\">Pass rate over runs with a verdict; intervals are")
        .append(" per side (Wilson score, 95%), not a test of the difference. Agreement: runs with")
        .append(" two or more real verdicts whose judges all say the same pass/fail. Computed")
        .append(" simply here; <code>scylla analyze</code> has the full statistics.</p>");
    return s.toString();
  }

  private static String rate(Figures f) {
    if (f.judged() == 0) {
      return "–";
    }
    return Html.pct(f.passRate())
        + " ["
        + Html.pct(f.interval()[0])
        + ", "
        + Html.pct(f.interval()[1])
        + "] <span class=\"hint\">"
        + f.passed()
        + "/"
        + f.judged()
        + "</span>";
  }

  private static String agreement(Figures f) {
    return f.multiJudged() == 0
        ? "–"
        : Html.pct(f.agreement())
            + " <span class=\"hint\">"
            + f.agreeing()
            + "/"
            + f.multiJudged()
            + "</span>";
  }

  private static String cost(double total, int runs) {
    return Html.money(total)
        + (runs == 0
            ? ""
            : " <span class=\"hint\">("
                + String.format(Locale.ROOT, "$%.3f", total / runs)
                + " per run)</span>");
  }

  private static void row(StringBuilder s, String name, String a, String b) {
    s.append("<tr><th>")
        .append(esc(name))
        .append("</th><td>")
        .append(a)
        .append("</td><td>")
        .append(b)
        .append("</td></tr>");
  }

  private static void select(StringBuilder s, String name, List<Side> choices, Side chosen) {
    s.append("<label>").append(name).append(" <select name=\"").append(name).append("\">");
    for (Side c : choices) {
      s.append("<option value=\"")
          .append(esc(c.value()))
          .append('"')
          .append(c.value().equals(chosen.value()) ? " selected" : "")
          .append('>')
          .append(esc(c.label()))
          .append("</option>");
    }
    s.append("</select></label>");
  }
}
