package dev.scylla.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scylla.analysis.Analysis;
import dev.scylla.analysis.DataFiles;
import dev.scylla.analysis.JudgeRow;
import dev.scylla.analysis.testing.AnalysisFixture;
import dev.scylla.event.EventSink;
import dev.scylla.store.Json;
import dev.scylla.testing.SyntheticExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figure families of the reference's HEAD set, each checked on the numbers it draws against the
 * data files written from the same analysis (runs.csv, subtests.csv, summary.json), not on pixels.
 */
class HeadFiguresTest {
  @TempDir static Path tmp;
  static Analysis single;
  static Map<String, Figure> figures;
  static List<Map<String, String>> runs;
  static List<Map<String, String>> subtests;
  static JsonNode summary;

  @BeforeAll
  static void build() throws Exception {
    Path exp =
        SyntheticExperiment.builder()
            .tier("T0", "00")
            .tier("T1", "01", "02")
            .tier("T2", "01")
            .tier("T3", "01")
            .runs(4)
            .seed(9)
            .writeTo(tmp.resolve("exp-one"));
    single = AnalysisFixture.analyze(exp);
    Path data = tmp.resolve("data");
    DataFiles.write(single, data);
    runs = csv(data.resolve("runs.csv"));
    subtests = csv(data.resolve("subtests.csv"));
    summary = Json.parse(Files.readAllBytes(data.resolve("summary.json")));
    figures = new LinkedHashMap<>();
    for (Figure f : Figures.build(single)) {
      figures.put(f.name(), f);
    }
  }

  static List<Map<String, String>> csv(Path p) throws Exception {
    List<String> lines = Files.readAllLines(p);
    List<String> h = List.of(lines.get(0).split(",", -1));
    List<Map<String, String>> out = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",", -1);
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < h.size(); i++) {
        m.put(h.get(i), f[i]);
      }
      out.add(m);
    }
    return out;
  }

  static double num(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  static double num(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }

  static FigureData data(String name) {
    Figure f = figures.get(name);
    assertThat(f).as(name).isNotNull();
    assertThat(f.isSkipped()).as(name + ": " + f.skipped()).isFalse();
    assertThat(f.data()).as(name).isNotNull();
    assertThat(f.data().isEmpty()).as(name).isFalse();
    return f.data();
  }

  static Map<String, String> subtest(String tier, String sub) {
    return subtests.stream()
        .filter(s -> s.get("tier").equals(tier) && s.get("subtest").equals(sub))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyHeadFamilyOfOneExperimentIsDrawnInThreeFormats() throws Exception {
    Path out = tmp.resolve("figures");
    Figures.writeAll(single, out, EnumSet.allOf(Format.class), EventSink.NONE);
    for (String name : FiguresTest.HEAD) {
      for (String ext : List.of(".png", ".svg", ".pdf")) {
        assertThat(out.resolve(name + ext)).as(name + ext).isRegularFile();
      }
    }
    for (String name : FiguresTest.MULTI) {
      assertThat(figures.get(name).skipped()).isEqualTo("fewer than 2 experiments");
      assertThat(out.resolve(name + ".svg")).doesNotExist();
    }
  }

  @Test
  void subtestFiguresEqualSubtestsCsv() {
    FigureData v = data("fig16a_success_variance_per_subtest");
    FigureData f = data("fig18a_failure_rate_per_subtest");
    assertThat(v.rows()).hasSize(subtests.size());
    assertThat(f.rows()).hasSize(subtests.size());
    for (int i = 0; i < v.rows().size(); i++) {
      Map<String, String> s = subtest((String) v.get(i, "tier"), (String) v.get(i, "subtest"));
      double p = num(s.get("pass_rate"));
      assertThat(num(v.get(i, "pass_variance"))).isCloseTo(p * (1 - p), within(1e-15));
      assertThat(num(v.get(i, "score_std"))).isEqualTo(num(s.get("std_score")));
      Map<String, String> s2 = subtest((String) f.get(i, "tier"), (String) f.get(i, "subtest"));
      assertThat(num(f.get(i, "failure_rate")))
          .isCloseTo(1 - num(s2.get("pass_rate")), within(1e-15));
    }
    FigureData reg = data("fig21_cost_quality_regression");
    List<double[]> xy = new ArrayList<>();
    for (int i = 0; i < reg.rows().size(); i++) {
      if ("fit".equals(reg.get(i, "tier"))) {
        continue;
      }
      Map<String, String> s = subtest((String) reg.get(i, "tier"), (String) reg.get(i, "subtest"));
      assertThat(num(reg.get(i, "mean_cost"))).isEqualTo(num(s.get("mean_cost")));
      assertThat(num(reg.get(i, "mean_score"))).isEqualTo(num(s.get("mean_score")));
      xy.add(new double[] {num(s.get("mean_cost")), num(s.get("mean_score"))});
    }
    assertThat(xy).hasSize(subtests.size());
    // the least-squares slope from the exported means: Σ(x−x̄)(y−ȳ) / Σ(x−x̄)²
    double mx = xy.stream().mapToDouble(p -> p[0]).average().orElseThrow();
    double my = xy.stream().mapToDouble(p -> p[1]).average().orElseThrow();
    double sxy = xy.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum();
    double sxx = xy.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
    int fit = reg.column("tier").indexOf("fit");
    assertThat(num(reg.get(fit, "slope"))).isCloseTo(sxy / sxx, within(1e-9));
    assertThat(num(reg.get(fit, "intercept"))).isCloseTo(my - sxy / sxx * mx, within(1e-9));
  }

  @Test
  void tierFiguresEqualSummaryByTier() {
    JsonNode byTier = summary.get("by_tier");
    FigureData c = data("fig15c_tier_summary_heatmap");
    for (int i = 0; i < c.rows().size(); i++) {
      JsonNode t = byTier.get((String) c.get(i, "tier"));
      String key =
          switch ((String) c.get(i, "metric")) {
            case "pass_rate" -> "pass_rate";
            case "mean_score" -> "mean_score";
            default -> "mean_impl_rate";
          };
      assertThat(num(c.get(i, "value"))).isEqualTo(t.get(key).asDouble());
    }
    assertThat(c.rows()).hasSize(3 * byTier.size());
    FigureData agg = data("fig16b_success_variance_aggregate");
    FigureData fail = data("fig18b_failure_rate_aggregate");
    FigureData impl = data("fig26_impl_rate_vs_pass_rate");
    for (int i = 0; i < agg.rows().size(); i++) {
      JsonNode t = byTier.get((String) agg.get(i, "tier"));
      double p = t.get("pass_rate").asDouble();
      assertThat(num(agg.get(i, "pass_variance"))).isCloseTo(p * (1 - p), within(1e-15));
      assertThat(num(agg.get(i, "score_std"))).isEqualTo(t.get("std_score").asDouble());
      assertThat(((Number) agg.get(i, "n_runs")).intValue()).isEqualTo(t.get("total_runs").asInt());
      assertThat(num(fail.get(i, "failure_rate"))).isCloseTo(1 - p, within(1e-15));
      assertThat(num(impl.get(i, "pass_rate"))).isEqualTo(p);
      assertThat(num(impl.get(i, "impl_rate"))).isEqualTo(t.get("mean_impl_rate").asDouble());
    }
    assertThat(agg.rows()).hasSize(byTier.size());
  }

  @Test
  void runFiguresEqualRunsCsv() {
    FigureData heat = data("fig15a_subtest_run_heatmap");
    assertThat(heat.rows()).hasSize(runs.size());
    Map<String, Double> score = new TreeMap<>();
    for (Map<String, String> r : runs) {
      score.put(
          r.get("tier") + "/" + r.get("subtest") + "/" + r.get("run_number"), num(r.get("score")));
    }
    for (int i = 0; i < heat.rows().size(); i++) {
      String k =
          heat.get(i, "tier") + "/" + heat.get(i, "subtest") + "/" + heat.get(i, "run_number");
      assertThat(num(heat.get(i, "score"))).as(k).isEqualTo(score.get(k));
    }
    FigureData best = data("fig15b_subtest_best_heatmap");
    assertThat(best.rows()).hasSize(subtests.size());
    for (int i = 0; i < best.rows().size(); i++) {
      String prefix = best.get(i, "tier") + "/" + best.get(i, "subtest") + "/";
      double max =
          score.entrySet().stream()
              .filter(e -> e.getKey().startsWith(prefix))
              .mapToDouble(Map.Entry::getValue)
              .max()
              .orElseThrow();
      assertThat(num(best.get(i, "best_score"))).isEqualTo(max);
      assertThat(score.get(prefix + best.get(i, "best_run"))).isEqualTo(max);
    }
    FigureData cum = data("fig22_cumulative_cost");
    assertThat(cum.rows()).hasSize(runs.size());
    double acc = 0;
    for (int i = 0; i < runs.size(); i++) {
      acc += num(runs.get(i).get("cost_usd"));
      assertThat(num(cum.get(i, "cumulative_cost"))).isCloseTo(acc, within(1e-12));
      assertThat(cum.get(i, "tier")).isEqualTo(runs.get(i).get("tier"));
    }
    assertThat(num(cum.get(runs.size() - 1, "cumulative_cost")))
        .isCloseTo(summary.get("overall_stats").get("total_cost").asDouble(), within(1e-12));
    // Q-Q: the sorted scores of each tier against normal quantiles; histograms count every score
    FigureData qq = data("fig23_qq_plots");
    FigureData hist = data("fig24_score_histograms");
    FigureData dist = data("fig27_impl_rate_distribution");
    FigureData grades = data("fig03_failure_rate_by_tier");
    for (String tier : List.of("T0", "T1", "T2", "T3")) {
      double[] s =
          runs.stream()
              .filter(r -> r.get("tier").equals(tier))
              .mapToDouble(r -> num(r.get("score")))
              .sorted()
              .toArray();
      List<Double> sample = new ArrayList<>();
      List<Double> theory = new ArrayList<>();
      for (int i = 0; i < qq.rows().size(); i++) {
        if (qq.get(i, "tier").equals(tier)) {
          sample.add(num(qq.get(i, "sample")));
          theory.add(num(qq.get(i, "theoretical")));
        }
      }
      assertThat(sample).containsExactly(Arrays.stream(s).boxed().toArray(Double[]::new));
      int n = s.length;
      double m1 = 1 - Math.pow(0.5, 1.0 / n);
      assertThat(theory.get(0))
          .isCloseTo(
              org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                  .inverseCumulativeProbability(m1),
              within(1e-12));
      assertThat(theory.get(0)).isCloseTo(-theory.get(n - 1), within(1e-12));
      int counted = 0;
      for (int i = 0; i < hist.rows().size(); i++) {
        if (hist.get(i, "tier").equals(tier)) {
          int c = ((Number) hist.get(i, "count")).intValue();
          double lo = num(hist.get(i, "bin_start"));
          long inBin =
              Arrays.stream(s)
                  .filter(x -> x >= lo - 1e-9 && (x < lo + 0.05 - 1e-9 || lo >= 0.95))
                  .count();
          assertThat(c).as(tier + " bin " + lo).isEqualTo((int) inBin);
          counted += c;
        }
      }
      assertThat(counted).isEqualTo(n);
      double[] impl =
          runs.stream()
              .filter(r -> r.get("tier").equals(tier))
              .mapToDouble(r -> num(r.get("impl_rate")))
              .sorted()
              .toArray();
      int row = -1;
      for (int i = 0; i < dist.rows().size(); i++) {
        if (dist.get(i, "tier").equals(tier)) {
          row = i;
        }
      }
      double median =
          impl.length % 2 == 1
              ? impl[impl.length / 2]
              : (impl[impl.length / 2 - 1] + impl[impl.length / 2]) / 2;
      assertThat(num(dist.get(row, "median"))).isCloseTo(median, within(1e-15));
      assertThat(num(dist.get(row, "min"))).isEqualTo(impl[0]);
      // grade proportions: the counts of subtests.csv's grade columns, summed over the tier
      for (String g : List.of("S", "A", "B", "C", "D", "F")) {
        int expected =
            subtests.stream()
                .filter(x -> x.get("tier").equals(tier))
                .mapToInt(x -> Integer.parseInt(x.get("grade_" + g)))
                .sum();
        int drawn = 0;
        for (int i = 0; i < grades.rows().size(); i++) {
          if (grades.get(i, "tier").equals(tier) && grades.get(i, "grade").equals(g)) {
            drawn = ((Number) grades.get(i, "count")).intValue();
            assertThat(num(grades.get(i, "proportion")))
                .isCloseTo((double) drawn / n, within(1e-15));
          }
        }
        assertThat(drawn).as(tier + " " + g).isEqualTo(expected);
      }
    }
  }

  @Test
  void judgeFigureEqualsJudgesCsv() {
    FigureData j = data("fig17_judge_variance_overall");
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    for (JudgeRow r : single.data().judges()) {
      scores.computeIfAbsent(r.judgeModel(), k -> new ArrayList<>()).add(r.judgeScore());
    }
    assertThat(j.column("judge_model")).containsExactlyElementsOf(scores.keySet());
    for (int i = 0; i < j.rows().size(); i++) {
      List<Double> s = scores.get((String) j.get(i, "judge_model"));
      double mean = s.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertThat(num(j.get(i, "mean"))).isCloseTo(mean, within(1e-12));
      assertThat(((Number) j.get(i, "n")).intValue()).isEqualTo(s.size());
    }
  }

  @Test
  void multiExperimentViewsEqualThePerExperimentNumbersOfRunsCsv() throws Exception {
    List<Path> exps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      exps.add(
          SyntheticExperiment.builder()
              .tier("T0", "00")
              .tier("T1", "01")
              .tier("T2", "01")
              .runs(3 + i)
              .seed(20 + i)
              .writeTo(tmp.resolve("multi/e" + i)));
    }
    Analysis a = AnalysisFixture.analyze(exps.toArray(Path[]::new));
    Path data = tmp.resolve("multi-data");
    DataFiles.write(a, data);
    List<Map<String, String>> rows = csv(data.resolve("runs.csv"));
    Map<String, Figure> f = new LinkedHashMap<>();
    Figures.build(a).forEach(x -> f.put(x.name(), x));
    // experiment -> tier -> [passed, n, cost]
    Map<String, Map<String, double[]>> g = new TreeMap<>();
    for (Map<String, String> r : rows) {
      double[] acc =
          g.computeIfAbsent(r.get("experiment"), k -> new TreeMap<>())
              .computeIfAbsent(r.get("tier"), k -> new double[3]);
      acc[0] += r.get("passed").equals("True") ? 1 : 0;
      acc[1]++;
      acc[2] += num(r.get("cost_usd"));
    }
    assertThat(g).hasSize(3);
    FigureData heat = f.get("fig31_experiment_tier_heatmap").data();
    assertThat(heat.rows()).hasSize(9);
    for (int i = 0; i < heat.rows().size(); i++) {
      double[] acc = g.get((String) heat.get(i, "experiment")).get((String) heat.get(i, "tier"));
      assertThat(num(heat.get(i, "pass_rate"))).isCloseTo(acc[0] / acc[1], within(1e-15));
    }
    FigureData wins = f.get("fig32_tier_win_count").data();
    Map<String, Integer> expectedWins = new TreeMap<>();
    FigureData frontier = f.get("fig34_cost_frontier_by_experiment").data();
    FigureData ranks = f.get("fig36_tier_rank_stability").data();
    FigureData diff = f.get("fig39_cost_vs_difficulty").data();
    int e = 0;
    for (var ex : g.entrySet()) {
      String best = null;
      double bestRate = -1;
      double bestCop = Double.POSITIVE_INFINITY;
      String copTier = null;
      double passed = 0;
      double n = 0;
      double cost = 0;
      for (var t : ex.getValue().entrySet()) {
        double rate = t.getValue()[0] / t.getValue()[1];
        if (rate > bestRate) {
          bestRate = rate;
          best = t.getKey();
        }
        double cop =
            rate == 0 ? Double.POSITIVE_INFINITY : t.getValue()[2] / t.getValue()[1] / rate;
        if (cop < bestCop) {
          bestCop = cop;
          copTier = t.getKey();
        }
        passed += t.getValue()[0];
        n += t.getValue()[1];
        cost += t.getValue()[2];
      }
      expectedWins.merge(best, 1, Integer::sum);
      assertThat(frontier.get(e, "experiment")).isEqualTo(ex.getKey());
      assertThat(frontier.get(e, "frontier_tier")).isEqualTo(copTier);
      if (copTier != null) {
        assertThat(num(frontier.get(e, "frontier_cop"))).isCloseTo(bestCop, within(1e-12));
      }
      assertThat(num(diff.get(e, "difficulty"))).isCloseTo(1 - passed / n, within(1e-12));
      assertThat(num(diff.get(e, "mean_cost"))).isCloseTo(cost / n, within(1e-12));
      e++;
    }
    int total = 0;
    for (int i = 0; i < wins.rows().size(); i++) {
      int w = ((Number) wins.get(i, "wins")).intValue();
      assertThat(w).isEqualTo(expectedWins.getOrDefault((String) wins.get(i, "tier"), 0));
      total += w;
    }
    assertThat(total).isEqualTo(3);
    // ranks: 1 for the highest pass rate of the experiment; a permutation-with-ties of 1..3
    for (String ex : g.keySet()) {
      double sum = 0;
      for (int i = 0; i < ranks.rows().size(); i++) {
        if (ranks.get(i, "experiment").equals(ex)) {
          sum += num(ranks.get(i, "rank"));
          double rate = num(ranks.get(i, "pass_rate"));
          long better =
              ranks.rows().stream()
                  .filter(r -> r.get(0).equals(ex) && num(r.get(2)) > rate)
                  .count();
          assertThat(num(ranks.get(i, "rank"))).isGreaterThanOrEqualTo(better + 1);
        }
      }
      assertThat(sum).isEqualTo(6.0);
    }
  }
}
