package dev.scylla.analysis.tables;

import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.GradeCounts;
import dev.scylla.analysis.PassRateRow;
import dev.scylla.analysis.SubtestRow;
import dev.scylla.model.Tiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tables per (model, tier): summary, cost, subtests and the pass-rate denominators. */
final class TierTables {
  static final String DENOMINATORS_NOTE =
      "Strict = passed / attempted runs (infrastructure failures count as not passed). Excl. infra"
          + " = passed / (attempted − infrastructure failures). Infrastructure failures: rate"
          + " limits, crashes, timeouts, interrupted runs, runs without a verdict. Runs never"
          + " attempted are in neither denominator. Intervals: 95% BCa bootstrap, omitted where they"
          + " collapse to a point (fewer than 2 runs, or identical outcomes).";

  private TierTables() {}

  /** tab01: per model and tier, both pass rates with intervals, score, consistency, CoP. */
  static Table tierSummary(Analysis a, TierView v) {
    String name = "tab01_tier_summary";
    String title = "Tier summary: pass rate (both denominators), score and cost-of-pass";
    if (v.isEmpty()) {
      return Table.skip(name, title, "no attempted runs");
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Model", "Tier")
            .right(
                "Subtests",
                "Attempted",
                "Infra",
                "Passed",
                "Pass rate (strict) [95% CI]",
                "Pass rate (excl. infra) [95% CI]",
                "Score mean ± SD",
                "Median",
                "Consistency",
                "CoP");
    Map<String, PassRateRow> modelRows = new HashMap<>();
    for (PassRateRow p : a.passRates()) {
      if (PassRateRow.SCOPE_MODEL.equals(p.scope())) {
        modelRows.put(p.agentModel(), p);
      }
    }
    for (String m : v.models()) {
      b.group();
      for (TierView.Group g : v.groups(m)) {
        PassRateRow p = g.passRates();
        b.row(
            List.of(
                m,
                g.tier(),
                Fmt.count(g.subtests()),
                p == null ? Fmt.NA : Fmt.count(p.attempted()),
                p == null ? Fmt.NA : Fmt.count(p.infraFailures()),
                Fmt.count(p == null ? g.passed() : p.passed()),
                strict(p),
                exclInfra(p),
                Fmt.meanSd(g.score().mean(), g.score().std()),
                Fmt.rate(g.score().median()),
                Fmt.rate(g.score().consistency()),
                Fmt.usd(g.cop())));
      }
      PassRateRow p = modelRows.get(m);
      if (p != null) {
        b.total(
            List.of(
                m,
                "All",
                "",
                Fmt.count(p.attempted()),
                Fmt.count(p.infraFailures()),
                Fmt.count(p.passed()),
                strict(p),
                exclInfra(p),
                "",
                "",
                "",
                ""));
      }
    }
    return b.note(DENOMINATORS_NOTE)
        .note(
            "Score: consensus judge score of the scored runs (SD: sample deviation, n/a for one"
                + " run). Consistency = 1 − SD/mean, clamped to [0, 1]. CoP (cost-of-pass) = mean"
                + " cost per scored run / pass rate (∞: nothing passed).")
        .build();
  }

  static String strict(PassRateRow p) {
    return p == null ? Fmt.NA : Fmt.pctCi(p.passRateStrict(), p.strictCiLow(), p.strictCiHigh());
  }

  static String exclInfra(PassRateRow p) {
    return p == null
        ? Fmt.NA
        : Fmt.pctCi(p.passRateExclInfra(), p.exclInfraCiLow(), p.exclInfraCiHigh());
  }

  /** tab05: cost and tokens per model and tier, with a per-model total. */
  static Table cost(TierView v) {
    String name = "tab05_cost_analysis";
    String title = "Cost and token usage by tier";
    if (v.isEmpty()) {
      return Table.skip(name, title, "no attempted runs");
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Model", "Tier")
            .right(
                "Scored runs",
                "Mean cost",
                "Total cost",
                "CoP",
                "Input (fresh)",
                "Output",
                "Cache read",
                "Cache creation",
                "Total tokens");
    for (String m : v.models()) {
      b.group();
      int runs = 0;
      double total = 0;
      long in = 0;
      long out = 0;
      long cr = 0;
      long cc = 0;
      long all = 0;
      for (TierView.Group g : v.groups(m)) {
        b.row(
            List.of(
                m,
                g.tier(),
                Fmt.count(g.runs()),
                Fmt.usd(g.cost().mean()),
                Fmt.usd(g.runs() == 0 ? Double.NaN : g.totalCost()),
                Fmt.usd(g.cop()),
                Fmt.mean(g.meanInputTokens()),
                Fmt.mean(g.meanOutputTokens()),
                Fmt.mean(g.meanCacheReadTokens()),
                Fmt.mean(g.meanCacheCreationTokens()),
                Fmt.mean(g.meanTotalTokens())));
        if (g.runs() > 0) {
          runs += g.runs();
          total += g.totalCost();
          in += Math.round(g.meanInputTokens() * g.runs());
          out += Math.round(g.meanOutputTokens() * g.runs());
          cr += Math.round(g.meanCacheReadTokens() * g.runs());
          cc += Math.round(g.meanCacheCreationTokens() * g.runs());
          all += g.totalTokens();
        }
      }
      b.total(
          List.of(
              m,
              "Total",
              Fmt.count(runs),
              Fmt.usd(runs == 0 ? Double.NaN : total / runs),
              Fmt.usd(total),
              "",
              Fmt.count(in),
              Fmt.count(out),
              Fmt.count(cr),
              Fmt.count(cc),
              Fmt.count(all)));
    }
    return b.note(
            "Per tier: means per scored run (tokens per run); Total row: mean cost per run and sums"
                + " of tokens. CoP = mean cost / pass rate of the scored runs (∞: nothing passed).")
        .build();
  }

  /** tab07: every subtest, with both pass-rate denominators. */
  static Table subtests(Analysis a) {
    String name = "tab07_subtest_detail";
    String title = "Subtest detail";
    Map<String, PassRateRow> rates = new HashMap<>();
    for (PassRateRow p : a.passRates()) {
      if (PassRateRow.SCOPE_SUBTEST.equals(p.scope())) {
        rates.put(p.experiment() + "\u0000" + p.tier() + "\u0000" + p.subtest(), p);
      }
    }
    Map<String, SubtestRow> rows = new HashMap<>();
    List<String[]> keys = new ArrayList<>();
    for (SubtestRow s : a.subtests()) {
      String k = s.experiment() + "\u0000" + s.tier() + "\u0000" + s.subtest();
      rows.put(k, s);
      keys.add(new String[] {s.experiment(), s.agentModel(), s.tier(), s.subtest(), k});
    }
    for (PassRateRow p : rates.values()) {
      String k = p.experiment() + "\u0000" + p.tier() + "\u0000" + p.subtest();
      if (!rows.containsKey(k) && p.attempted() > 0) {
        keys.add(new String[] {p.experiment(), p.agentModel(), p.tier(), p.subtest(), k});
      }
    }
    if (keys.isEmpty()) {
      return Table.skip(name, title, "no subtests with attempted runs");
    }
    keys.sort(
        Comparator.<String[], String>comparing(k -> k[0])
            .thenComparing(k -> k[2], Tiers.TIER_ORDER)
            .thenComparing(k -> k[3], Tiers.SUBTEST_ORDER));
    boolean several = keys.stream().map(k -> k[0]).distinct().count() > 1;
    Table.Builder b = Table.builder(name, title);
    if (several) {
      b.left("Experiment");
    }
    b.left("Model", "Tier", "Subtest")
        .right(
            "Attempted",
            "Infra",
            "Passed",
            "Strict",
            "Excl. infra",
            "Score mean ± SD",
            "Mean cost",
            "Modal grade",
            "Grades");
    String lastTier = null;
    for (String[] k : keys) {
      SubtestRow s = rows.get(k[4]);
      PassRateRow p = rates.get(k[4]);
      String tierKey = k[0] + "\u0000" + k[2];
      if (!tierKey.equals(lastTier)) {
        b.group();
        lastTier = tierKey;
      }
      List<String> cells = new ArrayList<>();
      if (several) {
        cells.add(k[0]);
      }
      cells.add(k[1]);
      cells.add(k[2]);
      cells.add(k[3]);
      cells.add(p == null ? Fmt.NA : Fmt.count(p.attempted()));
      cells.add(p == null ? Fmt.NA : Fmt.count(p.infraFailures()));
      cells.add(
          p == null
              ? (s == null ? Fmt.NA : Fmt.count(Math.round(s.passRate() * s.runs())))
              : Fmt.count(p.passed()));
      cells.add(p == null ? Fmt.NA : Fmt.pct(p.passRateStrict()));
      cells.add(p == null ? Fmt.NA : Fmt.pct(p.passRateExclInfra()));
      cells.add(s == null ? Fmt.NA : Fmt.meanSd(s.meanScore(), s.stdScore()));
      cells.add(s == null ? Fmt.NA : Fmt.usd(s.meanCost()));
      cells.add(s == null ? Fmt.NA : s.modalGrade());
      cells.add(s == null ? "" : grades(s.grades()));
      b.row(cells);
    }
    return b.note(DENOMINATORS_NOTE).build();
  }

  static String grades(GradeCounts g) {
    List<String> parts = new ArrayList<>();
    for (String l : GradeCounts.LETTERS) {
      if (g.get(l) > 0) {
        parts.add(l + ":" + g.get(l));
      }
    }
    return String.join(" ", parts);
  }

  /** tab12 (ours): every count that separates the denominators, per model and tier. */
  static Table denominators(Analysis a) {
    String name = "tab12_pass_rate_denominators";
    String title = "Pass-rate denominators: expected, attempted, infrastructure failures, scored";
    List<PassRateRow> rows = new ArrayList<>();
    List<PassRateRow> totals = new ArrayList<>();
    for (PassRateRow p : a.passRates()) {
      if (PassRateRow.SCOPE_TIER.equals(p.scope())) {
        rows.add(p);
      } else if (PassRateRow.SCOPE_MODEL.equals(p.scope())) {
        totals.add(p);
      }
    }
    if (rows.isEmpty()) {
      return Table.skip(name, title, "no expected runs");
    }
    List<String> models = new ArrayList<>();
    if (a.summary() != null) {
      models.addAll(a.summary().models());
    }
    for (PassRateRow p : rows) {
      if (!models.contains(p.agentModel())) {
        models.add(p.agentModel());
      }
    }
    Table.Builder b =
        Table.builder(name, title)
            .left("Model", "Tier")
            .right(
                "Expected",
                "Not run",
                "Attempted",
                "Rate limit",
                "Crash",
                "Timeout",
                "Interrupted",
                "No verdict",
                "Infra total",
                "Scored",
                "Passed",
                "Passed / scored",
                "Strict",
                "Excl. infra");
    for (String m : models) {
      b.group();
      rows.stream()
          .filter(p -> p.agentModel().equals(m))
          .sorted(Comparator.comparing(PassRateRow::tier, Tiers.TIER_ORDER))
          .forEach(p -> b.row(denominatorCells(m, p.tier(), p)));
      totals.stream()
          .filter(p -> p.agentModel().equals(m))
          .forEach(p -> b.total(denominatorCells(m, "All", p)));
    }
    return b.note(
            "Passed / scored is the reference's pass rate (runs with a verdict only). Strict ="
                + " passed / attempted; excl. infra = passed / (attempted − infra total). A scored"
                + " run whose agent result records an infrastructure failure counts under its kind"
                + " and in the infra total.")
        .build();
  }

  private static List<String> denominatorCells(String m, String tier, PassRateRow p) {
    return List.of(
        m,
        tier,
        Fmt.count(p.expected()),
        Fmt.count(p.notRun()),
        Fmt.count(p.attempted()),
        Fmt.count(p.rateLimited()),
        Fmt.count(p.crashed()),
        Fmt.count(p.timedOut()),
        Fmt.count(p.interrupted()),
        Fmt.count(p.noVerdict()),
        Fmt.count(p.infraFailures()),
        Fmt.count(p.scored()),
        Fmt.count(p.passed()),
        Fmt.pct(p.passRate()),
        Fmt.pct(p.passRateStrict()),
        Fmt.pct(p.passRateExclInfra()));
  }
}
