package dev.scylla.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scylla.event.EventSink;
import dev.scylla.testing.SyntheticExperiment;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * data/pass_at_k.csv against the estimators computed independently (exact binomials) from the
 * runs.csv written beside it.
 */
class PassAtKTest {
  @TempDir Path tmp;

  /** C(n, k) exactly. */
  private static BigInteger choose(int n, int k) {
    if (k < 0 || k > n) {
      return BigInteger.ZERO;
    }
    BigInteger r = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return r;
  }

  private static double ratio(BigInteger a, BigInteger b) {
    return new java.math.BigDecimal(a)
        .divide(new java.math.BigDecimal(b), java.math.MathContext.DECIMAL128)
        .doubleValue();
  }

  @Test
  void theProductsEqualTheBinomialFormulas() {
    for (int n = 1; n <= 40; n++) {
      for (int c = 0; c <= n; c++) {
        for (int k = 1; k <= n; k++) {
          double at = 1 - ratio(choose(n - c, k), choose(n, k));
          double hat = ratio(choose(c, k), choose(n, k));
          assertThat(PassAtK.passAtK(n, c, k))
              .as("pass@%d n=%d c=%d", k, n, c)
              .isCloseTo(at, within(1e-12));
          assertThat(PassAtK.passHatK(n, c, k))
              .as("pass^%d n=%d c=%d", k, n, c)
              .isCloseTo(hat, within(1e-12));
        }
      }
    }
    // k = 1 is the pass rate; nothing passed: 0; everything passed: 1
    assertThat(PassAtK.passAtK(10, 3, 1)).isCloseTo(0.3, within(1e-15));
    assertThat(PassAtK.passHatK(10, 3, 1)).isCloseTo(0.3, within(1e-15));
    assertThat(PassAtK.passAtK(5, 0, 5)).isZero();
    assertThat(PassAtK.passHatK(5, 5, 5)).isEqualTo(1.0);
    assertThat(PassAtK.passAtK(5, 1, 5)).isEqualTo(1.0);
  }

  @Test
  void passAtKCsvEqualsTheEstimatorsOfRunsCsv() throws Exception {
    Path exp =
        SyntheticExperiment.builder()
            .tier("T0", "00", "01")
            .tier("T1", "01")
            .runs(5)
            .seed(7)
            .writeTo(tmp.resolve("exp"));
    Analysis a =
        new Analyzer(EventSink.NONE)
            .analyze(List.of(exp), List.of(), new AnalysisParameters(0.05, 200, 42, 0.95));
    Path data = tmp.resolve("data");
    DataFiles.write(a, data);

    // runs.csv, read as a user would: n and c per tier/subtest and per tier
    List<String> runs = Files.readAllLines(data.resolve("runs.csv"));
    List<String> header = List.of(runs.get(0).split(","));
    int tierCol = header.indexOf("tier");
    int subCol = header.indexOf("subtest");
    int passedCol = header.indexOf("passed");
    Map<String, int[]> groups = new TreeMap<>();
    for (String line : runs.subList(1, runs.size())) {
      String[] f = line.split(",", -1);
      boolean passed = f[passedCol].equals("True");
      for (String key : List.of(f[tierCol] + "," + f[subCol], f[tierCol] + ",")) {
        int[] g = groups.computeIfAbsent(key, x -> new int[2]);
        g[0]++;
        g[1] += passed ? 1 : 0;
      }
    }
    assertThat(groups.values().stream().anyMatch(g -> g[1] > 0 && g[1] < g[0]))
        .as("some group mixes passes and failures")
        .isTrue();

    List<String> lines = Files.readAllLines(data.resolve("pass_at_k.csv"));
    assertThat(lines.get(0)).isEqualTo("tier,subtest,k,n,c,pass_at_k,pass_hat_k");
    List<String> seen = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      String key = f[0] + "," + f[1];
      int k = Integer.parseInt(f[2]);
      int[] g = groups.get(key);
      assertThat(g).as(key).isNotNull();
      int n = g[0];
      int c = g[1];
      assertThat(Integer.parseInt(f[3])).as(key + " n").isEqualTo(n);
      assertThat(Integer.parseInt(f[4])).as(key + " c").isEqualTo(c);
      assertThat(Double.parseDouble(f[5]))
          .as(key + " pass@" + k)
          .isCloseTo(1 - ratio(choose(n - c, k), choose(n, k)), within(1e-12));
      assertThat(Double.parseDouble(f[6]))
          .as(key + " pass^" + k)
          .isCloseTo(ratio(choose(c, k), choose(n, k)), within(1e-12));
      seen.add(key + "," + k);
    }
    // k = 1..n for every subtest and every tier, nothing else
    List<String> expected = new ArrayList<>();
    groups.forEach(
        (key, g) -> {
          for (int k = 1; k <= g[0]; k++) {
            expected.add(key + "," + k);
          }
        });
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
  }
}
