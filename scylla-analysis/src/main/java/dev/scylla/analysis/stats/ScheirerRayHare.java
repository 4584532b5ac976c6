package dev.scylla.analysis.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The Scheirer–Ray–Hare test (a two-way analysis of variance on ranks), as the reference's HEAD
 * pipeline computes it: all values ranked together (ties averaged); for each factor SS = Σ n_g
 * (mean rank of the level − grand mean rank)², over the levels in order of first appearance; SS of
 * the cells likewise over the (A, B) cells present; SS_AB = SS_cells − SS_A − SS_B; MS_total = Σ
 * (rank − grand mean)² / (n − 1); H = SS / MS_total with p = 1 − χ²cdf(H, df), df_A = a − 1, df_B =
 * b − 1, df_AB = (a − 1)(b − 1). A p-value of a term with 0 degrees of freedom is NaN (scipy's χ²
 * with df 0 is undefined).
 */
public final class ScheirerRayHare {
  private ScheirerRayHare() {}

  /** One term: H, its degrees of freedom, p. */
  public record Term(double h, int df, double p) {}

  /** The factor A term, the factor B term, the interaction. */
  public record Result(Term a, Term b, Term interaction) {}

  public static Result test(double[] values, List<String> factorA, List<String> factorB) {
    int n = values.length;
    double[] ranks = Ranks.average(values);
    double mean = Descriptive.mean(ranks);
    double[] dev = new double[n];
    for (int i = 0; i < n; i++) {
      double d = ranks[i] - mean;
      dev[i] = d * d;
    }
    double ssTotal = Descriptive.sum(dev);
    Map<String, List<Integer>> levelsA = levels(factorA);
    Map<String, List<Integer>> levelsB = levels(factorB);
    double ssA = ss(levelsA, ranks, mean);
    double ssB = ss(levelsB, ranks, mean);
    double ssCells = 0;
    for (String la : levelsA.keySet()) {
      for (String lb : levelsB.keySet()) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          if (factorA.get(i).equals(la) && factorB.get(i).equals(lb)) {
            idx.add(i);
          }
        }
        if (!idx.isEmpty()) {
          double m = meanOf(idx, ranks) - mean;
          ssCells += idx.size() * (m * m);
        }
      }
    }
    double ssAb = ssCells - ssA - ssB;
    double msTotal = ssTotal / (n - 1);
    int a = levelsA.size();
    int b = levelsB.size();
    return new Result(
        term(ssA / msTotal, a - 1),
        term(ssB / msTotal, b - 1),
        term(ssAb / msTotal, (a - 1) * (b - 1)));
  }

  private static Term term(double h, int df) {
    double p =
        df <= 0 || Double.isNaN(h)
            ? Double.NaN
            : 1 - ChiSquaredDistribution.of(df).cumulativeProbability(h);
    return new Term(h, df, p);
  }

  private static Map<String, List<Integer>> levels(List<String> factor) {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    for (int i = 0; i < factor.size(); i++) {
      out.computeIfAbsent(factor.get(i), k -> new ArrayList<>()).add(i);
    }
    return out;
  }

  private static double ss(Map<String, List<Integer>> levels, double[] ranks, double mean) {
    double ss = 0;
    for (List<Integer> idx : levels.values()) {
      double m = meanOf(idx, ranks) - mean;
      ss += idx.size() * (m * m);
    }
    return ss;
  }

  private static double meanOf(List<Integer> idx, double[] ranks) {
    double[] v = new double[idx.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = ranks[idx.get(i)];
    }
    return Descriptive.mean(v);
  }
}
