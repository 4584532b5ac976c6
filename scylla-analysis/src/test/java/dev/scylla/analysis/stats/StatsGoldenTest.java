package dev.scylla.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers: the reference's golden values (scylla-analysis.md §13.5, scipy 1.15.3), values
 * generated offline with scipy 1.17.1 / numpy 2.4.6 (the script is quoted in each test), and
 * published textbook examples with their source.
 */
class StatsGoldenTest {

  @Test
  void mannWhitneyWithTiesUsesTheNormalApproximation() {
    // §13.5: mann_whitney_u([1,2,3,4,5],[3,4,5,6,7]) = (4.5, 0.11384629800665805)
    TestResult r = MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {3, 4, 5, 6, 7});
    assertThat(r.statistic()).isEqualTo(4.5);
    assertThat(r.pValue()).isCloseTo(0.11384629800665805, within(1e-15));
  }

  @Test
  void mannWhitneySmallSamplesWithoutTiesAreExact() {
    // §13.5: (1.0, 0.031746031746031744), exact
    TestResult r =
        MannWhitney.test(
            new double[] {0.1, 0.4, 0.35, 0.8}, new double[] {0.9, 0.95, 0.7, 0.85, 0.99});
    assertThat(r.statistic()).isEqualTo(1.0);
    assertThat(r.pValue()).isCloseTo(0.031746031746031744, within(1e-15));
  }

  @Test
  void mannWhitneyLargerSamples() {
    // scipy.stats.mannwhitneyu(range(1,11), [v+0.5 for v in range(3,13)]) = (28.0,
    // 0.10410988966022681)
    double[] x = new double[10];
    double[] y = new double[10];
    for (int i = 0; i < 10; i++) {
      x[i] = i + 1;
      y[i] = i + 3 + 0.5;
    }
    TestResult r = MannWhitney.test(x, y);
    assertThat(r.statistic()).isEqualTo(28.0);
    assertThat(r.pValue()).isCloseTo(0.10410988966022681, within(1e-14));
    // 10 vs 11 values, no ties, both > 8: normal approximation: (106.0, 0.00037639671578693843)
    TestResult s =
        MannWhitney.test(
            new double[] {0.5, 0.6, 0.7, 0.8, 0.9, 0.55, 0.65, 0.75, 0.85, 0.95},
            new double[] {0.52, 0.61, 0.3, 0.2, 0.1, 0.15, 0.25, 0.35, 0.45, 0.05, 0.33});
    assertThat(s.statistic()).isEqualTo(106.0);
    assertThat(s.pValue()).isCloseTo(0.00037639671578693843, within(1e-16));
  }

  @Test
  void mannWhitneyGuardMatchesTheReferenceForSingleRuns() {
    // the dryrun's pass_rate pairs: one run per tier → U 0.0, p 1.0
    TestResult r = MannWhitney.guarded(new double[] {1}, new double[] {1});
    assertThat(r).isEqualTo(new TestResult(0.0, 1.0));
  }

  @Test
  void kruskalWallisGoldenValues() {
    // §13.5
    TestResult a =
        KruskalWallis.test(
            List.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}, new double[] {7, 8, 9}));
    assertThat(a.statistic()).isEqualTo(7.200000000000003);
    assertThat(a.pValue()).isCloseTo(0.02732372244729252, within(1e-15));
    TestResult b =
        KruskalWallis.test(
            List.of(new double[] {1, 1, 0}, new double[] {1, 0, 0}, new double[] {1, 1, 1}));
    assertThat(b.statistic()).isCloseTo(2.6666666666666674, within(1e-14));
    assertThat(b.pValue()).isCloseTo(0.26359713811572655, within(1e-15));
  }

  @Test
  void kruskalWallisTextbookExample() {
    // Hollander & Wolfe (1973) p.116, the example of scipy's and R's kruskal docs:
    // R: kruskal.test(list(x, y, z)) → chi-squared = 0.77143, df = 2, p-value = 0.68
    TestResult r =
        KruskalWallis.test(
            List.of(
                new double[] {2.9, 3.0, 2.5, 2.6, 3.2},
                new double[] {3.8, 2.7, 4.0, 2.4},
                new double[] {2.8, 3.4, 3.7, 2.2, 2.0}));
    assertThat(r.statistic()).isCloseTo(0.7714285714285722, within(1e-13));
    assertThat(r.pValue()).isCloseTo(0.6799647735788936, within(1e-14));
  }

  @Test
  void kruskalWallisIsUndefinedForSingleRunGroupsAndIdenticalValues() {
    assertThat(KruskalWallis.test(List.of(new double[] {1}, new double[] {0, 1})))
        .isEqualTo(TestResult.UNDEFINED);
    assertThat(KruskalWallis.test(List.of(new double[] {1, 1}, new double[] {1, 1})))
        .isEqualTo(TestResult.UNDEFINED);
    assertThat(KruskalWallis.test(List.of(new double[] {1, 2}))).isEqualTo(TestResult.UNDEFINED);
  }

  @Test
  void holmBonferroniReferenceExample() {
    // §10: [0.01, 0.04, 0.03, 0.50] → [0.04, 0.09, 0.09, 0.5]
    double[] c = Holm.correct(new double[] {0.01, 0.04, 0.03, 0.50});
    assertThat(c[0]).isCloseTo(0.04, within(1e-15));
    assertThat(c[1]).isCloseTo(0.09, within(1e-15));
    assertThat(c[2]).isCloseTo(0.09, within(1e-15));
    assertThat(c[3]).isEqualTo(0.5);
  }

  @Test
  void holmCapsAtOneAndKeepsNaN() {
    double[] c = Holm.correct(new double[] {0.6, Double.NaN, 0.7});
    assertThat(c[0]).isEqualTo(1.0);
    assertThat(c[1]).isNaN();
    assertThat(c[2]).isEqualTo(1.0);
  }

  @Test
  void cliffsDeltaGolden() {
    // §13.5: cliffs_delta([3,4,5,6,7],[1,2,3,4,5]) = 0.64; CI (0.64, −0.2, 0.96) with numpy's RNG
    double[] a = {3, 4, 5, 6, 7};
    double[] b = {1, 2, 3, 4, 5};
    assertThat(CliffsDelta.delta(a, b)).isEqualTo(0.64);
    assertThat(CliffsDelta.delta(b, a)).isEqualTo(-0.64);
    Interval ci = CliffsDelta.interval(a, b, 10_000, 42, 0.95);
    assertThat(ci.estimate()).isEqualTo(0.64);
    // a different generator: the same interval within resampling error
    assertThat(ci.low()).isCloseTo(-0.2, within(0.12));
    assertThat(ci.high()).isCloseTo(0.96, within(0.05));
  }

  @Test
  void cliffsDeltaByCountingEqualsTheDoubleSum() {
    java.util.Random r = new java.util.Random(7);
    for (int t = 0; t < 200; t++) {
      double[] a = new double[1 + r.nextInt(12)];
      double[] b = new double[1 + r.nextInt(12)];
      for (int i = 0; i < a.length; i++) {
        a[i] = r.nextInt(5) / 4.0;
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = r.nextInt(5) / 4.0;
      }
      long s = 0;
      for (double x : a) {
        for (double y : b) {
          s += (long) Math.signum(x - y);
        }
      }
      assertThat(CliffsDelta.delta(a, b)).isEqualTo((double) s / (a.length * b.length));
    }
  }

  @Test
  void bootstrapMeanGolden() {
    // §13.5: bootstrap_ci([0,1,1,1,0,1,1,1,1,0]) = (0.7, 0.4, 0.9) with numpy's RNG
    Interval a = Bootstrap.mean(new double[] {0, 1, 1, 1, 0, 1, 1, 1, 1, 0}, 10_000, 42, 0.95);
    assertThat(a.estimate()).isCloseTo(0.7, within(1e-15));
    assertThat(a.low()).isCloseTo(0.4, within(0.051));
    assertThat(a.high()).isCloseTo(0.9, within(0.051));
    // (0.7, 0.58, 0.8200000000000001)
    Interval b = Bootstrap.mean(new double[] {0.5, 0.7, 0.9, 0.6, 0.8}, 10_000, 42, 0.95);
    assertThat(b.estimate()).isCloseTo(0.7, within(1e-15));
    assertThat(b.low()).isCloseTo(0.58, within(0.021));
    assertThat(b.high()).isCloseTo(0.82, within(0.021));
  }

  @Test
  void theBinomialShortcutForTwoValuedDataMatchesIndexResampling() {
    // pass/fail data: resampling indices and drawing the count of passes from Binomial(n, p) are
    // the same distribution, so both intervals agree within resampling error
    double[] x = new double[40];
    for (int i = 0; i < 40; i++) {
      x[i] = i % 3 == 0 ? 0 : 1;
    }
    Interval fast = Bootstrap.mean(x, 20_000, 42, 0.95);
    java.util.random.RandomGenerator rnd = Bootstrap.generator(7);
    double[] boot = new double[20_000];
    for (int b = 0; b < boot.length; b++) {
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        s += x[rnd.nextInt(x.length)];
      }
      boot[b] = s / x.length;
    }
    double total = Descriptive.sum(x);
    double[] jack = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      jack[i] = (total - x[i]) / (x.length - 1);
    }
    Interval slow = Bootstrap.interval(total / x.length, boot, List.of(jack), 0.95);
    assertThat(fast.estimate()).isEqualTo(slow.estimate());
    assertThat(fast.low()).isCloseTo(slow.low(), within(0.026));
    assertThat(fast.high()).isCloseTo(slow.high(), within(0.026));

    double[] a = {1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0};
    double[] b = {0, 1, 0, 0, 1, 0, 1, 0, 0, 1};
    Interval delta = CliffsDelta.interval(a, b, 20_000, 42, 0.95);
    double[] bootD = new double[20_000];
    for (int r = 0; r < bootD.length; r++) {
      double[] ra = new double[a.length];
      double[] rb = new double[b.length];
      for (int i = 0; i < a.length; i++) {
        ra[i] = a[rnd.nextInt(a.length)];
      }
      for (int j = 0; j < b.length; j++) {
        rb[j] = b[rnd.nextInt(b.length)];
      }
      bootD[r] = CliffsDelta.delta(ra, rb);
    }
    double[] ja = new double[a.length];
    double[] jb = new double[b.length];
    for (int i = 0; i < a.length; i++) {
      ja[i] = CliffsDelta.delta(without(a, i), b);
    }
    for (int j = 0; j < b.length; j++) {
      jb[j] = CliffsDelta.delta(a, without(b, j));
    }
    Interval slowD = Bootstrap.interval(delta.estimate(), bootD, List.of(ja, jb), 0.95);
    assertThat(delta.low()).isCloseTo(slowD.low(), within(0.05));
    assertThat(delta.high()).isCloseTo(slowD.high(), within(0.05));
  }

  @Test
  void bootstrapIsReproducibleFromItsSeed() {
    double[] x = {0.1, 0.5, 0.9, 0.3, 0.35, 0.8};
    assertThat(Bootstrap.mean(x, 2000, 42, 0.95)).isEqualTo(Bootstrap.mean(x, 2000, 42, 0.95));
    assertThat(Bootstrap.mean(x, 2000, 42, 0.95)).isNotEqualTo(Bootstrap.mean(x, 2000, 43, 0.95));
  }

  @Test
  void bootstrapDegenerateInputsGiveThePoint() {
    assertThat(Bootstrap.mean(new double[] {1}, 100, 42, 0.95)).isEqualTo(Interval.point(1));
    assertThat(Bootstrap.mean(new double[] {1, 1, 1}, 100, 42, 0.95)).isEqualTo(Interval.point(1));
    assertThat(CliffsDelta.interval(new double[] {1}, new double[] {0, 1}, 100, 42, 0.95))
        .isEqualTo(Interval.point(0.5));
    assertThat(CliffsDelta.interval(new double[] {1, 1}, new double[] {1, 1}, 100, 42, 0.95))
        .isEqualTo(Interval.point(0.0));
  }

  @Test
  void bcaLevelsEqualScipysForAGivenBootstrapDistribution() {
    // scipy.stats._resampling._bca_interval((data,), np.mean, axis=-1, alpha=0.025,
    //   theta_hat_b=tb, batch=None, xp=np) with data = [0.5,0.7,0.9,0.6,0.8] and
    //   tb = [0.5 + 0.4*((i*7919) % 1000)/1000 for i in range(2000)]
    //   → (0.025146860409274708, 0.9751461406682468); np.percentile → 0.51, 0.8897268540783301
    double[] data = {0.5, 0.7, 0.9, 0.6, 0.8};
    double[] tb = new double[2000];
    for (int i = 0; i < tb.length; i++) {
      tb[i] = 0.5 + 0.4 * ((i * 7919L) % 1000) / 1000.0;
    }
    double[] jack = new double[5];
    double total = Descriptive.sum(data);
    for (int i = 0; i < 5; i++) {
      jack[i] = (total - data[i]) / 4;
    }
    double mean = total / 5;
    double[] levels = Bootstrap.bcaLevels(mean, tb, List.of(jack), 0.025);
    assertThat(levels[0]).isCloseTo(0.025146860409274708, within(1e-12));
    assertThat(levels[1]).isCloseTo(0.9751461406682468, within(1e-12));
    Interval ci = Bootstrap.interval(mean, tb, List.of(jack), 0.95);
    assertThat(ci.low()).isCloseTo(0.51, within(1e-12));
    assertThat(ci.high()).isCloseTo(0.8897268540783301, within(1e-12));
  }

  @Test
  void bcaLevelsForTwoSamples() {
    // the same with two samples d1 = [3,4,5,6,7], d2 = [1,2,3,4,5], statistic Cliff's δ,
    // tb2 = [-0.2 + 1.1*((i*104729) % 997)/997 for i in range(3000)]
    //   → (0.28553454762588937, 0.999291646058397), a_hat -0.03226942063509053
    double[] d1 = {3, 4, 5, 6, 7};
    double[] d2 = {1, 2, 3, 4, 5};
    double[] tb = new double[3000];
    for (int i = 0; i < tb.length; i++) {
      tb[i] = -0.2 + 1.1 * ((i * 104729L) % 997) / 997.0;
    }
    double[] j1 = new double[5];
    double[] j2 = new double[5];
    for (int i = 0; i < 5; i++) {
      j1[i] = CliffsDelta.delta(without(d1, i), d2);
      j2[i] = CliffsDelta.delta(d1, without(d2, i));
    }
    double[] levels = Bootstrap.bcaLevels(0.64, tb, List.of(j1, j2), 0.025);
    assertThat(levels[0]).isCloseTo(0.28553454762588937, within(1e-12));
    assertThat(levels[1]).isCloseTo(0.999291646058397, within(1e-12));
  }

  private static double[] without(double[] a, int i) {
    double[] out = new double[a.length - 1];
    for (int k = 0, j = 0; k < a.length; k++) {
      if (k != i) {
        out[j++] = a[k];
      }
    }
    return out;
  }

  @Test
  void shapiroWilkGolden() {
    // §13.5: shapiro_wilk([0.94,0.95,0.97,0.98,0.99,0.9]) = (0.938556182021995, 0.6475880164651551)
    TestResult r = ShapiroWilk.test(new double[] {0.94, 0.95, 0.97, 0.98, 0.99, 0.9});
    // within 2e-11: scipy's swilk computes the normal quantiles of the coefficients with a
    // 7-digit approximation (AS 241 PPND7), we with the accurate quantile function
    assertThat(r.statistic()).isCloseTo(0.938556182021995, within(1e-10));
    assertThat(r.pValue()).isCloseTo(0.6475880164651551, within(1e-9));
  }

  @Test
  void shapiroWilkAgainstScipyAcrossSizes() {
    // np.random.RandomState(1); x = np.round(rng.normal(size=n), 3); scipy.stats.shapiro(x)
    check(new double[] {1.624, -0.612, -0.528}, 0.778134058031164, 0.06330173257661298);
    check(new double[] {-1.073, 0.865, -2.302, 1.745}, 0.9540075152479697, 0.741218798186924);
    check(
        new double[] {-0.761, 0.319, -0.249, 1.462, -2.06}, 0.9965143253864851, 0.9967917686874801);
    check(
        new double[] {-0.322, -0.384, 1.134, -1.1, -0.172, -0.878},
        0.8809248401542413,
        0.2733311606661182);
    check(
        new double[] {0.042, 0.583, -1.101, 1.145, 0.902, 0.502, 0.901},
        0.846865272763988,
        0.11502516959161185);
    check(
        new double[] {
          -0.684, -0.123, -0.936, -0.268, 0.53, -0.692, -0.397, -0.687, -0.845, -0.671, -0.013
        },
        0.895866459634904,
        0.16446487444989671);
    check(
        new double[] {
          -1.117, 0.234, 1.66, 0.742, -0.192, -0.888, -0.747, 1.692, 0.051, -0.637, 0.191, 2.1
        },
        0.9196960677254864,
        0.2834056991909479);
    check(
        new double[] {
          0.12, 0.617, 0.3, -0.352, -1.143, -0.349, -0.209, 0.587, 0.839, 0.931, 0.286, 0.885,
          -0.754, 1.253, 0.513, -0.298, 0.489, -0.076, 1.132, 1.52
        },
        0.9822763321702476,
        0.9599897987842088);
  }

  private static void check(double[] x, double w, double p) {
    TestResult r = ShapiroWilk.test(x);
    assertThat(r.statistic()).as("W for n=%d", x.length).isCloseTo(w, within(1e-9));
    assertThat(r.pValue()).as("p for n=%d", x.length).isCloseTo(p, within(1e-7));
  }

  @Test
  void shapiroWilkNeedsThreeDistinctValues() {
    assertThat(ShapiroWilk.test(new double[] {1, 2})).isEqualTo(TestResult.UNDEFINED);
    assertThat(ShapiroWilk.test(new double[] {1, 1, 1, 1})).isEqualTo(TestResult.UNDEFINED);
  }

  @Test
  void spearmanAndPearsonOnTheRecordedScoresAndCosts() {
    // the dryrun's score and cost_usd columns; committed statistical_results.json:
    // spearman_rho -0.630061919161936, p 0.1293597076444284; scipy.stats.pearsonr:
    // (-0.8812446780305064, 0.008747471187816241) — also §13.5's OLS p-value of the slope
    double[] score = {
      0.9733333333333333,
      0.9700000000000001,
      0.9833333333333334,
      0.9833333333333334,
      0.9595333333333333,
      0.9833333333333334,
      0.9433333333333334
    };
    double[] cost = {0.1351093, 0.1273926, 0.1379989, 0.1294133, 0.1684904, 0.06531415, 0.24744315};
    TestResult s = Correlation.spearman(score, cost);
    assertThat(s.statistic()).isEqualTo(-0.630061919161936);
    assertThat(s.pValue()).isCloseTo(0.1293597076444284, within(1e-15));
    TestResult p = Correlation.pearson(score, cost);
    assertThat(p.statistic()).isCloseTo(-0.8812446780305064, within(1e-15));
    assertThat(p.pValue()).isCloseTo(0.008747471187816241, within(1e-15));
  }

  @Test
  void handComputedSmallCases() {
    // Spearman without ties: 1 − 6Σd²/(n(n²−1)) with d = (1, −1, 1, −1, 0): 1 − 24/120 = 0.8
    assertThat(
            Correlation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5})
                .statistic())
        .isCloseTo(0.8, within(1e-15));
    // Mann–Whitney, exact: x = {1, 2} below y = {3, 4}: U = 0, P(U ≤ 0) = 1/C(4,2), two-sided 1/3
    TestResult mw = MannWhitney.test(new double[] {1, 2}, new double[] {3, 4});
    assertThat(mw.statistic()).isEqualTo(0.0);
    assertThat(mw.pValue()).isCloseTo(1.0 / 3, within(1e-15));
    // Kruskal–Wallis, no ties: groups {1,2}, {3,4}: R = 3, 7; H = 12/(4·5)·(9/2 + 49/2) − 15 = 2.4
    TestResult kw = KruskalWallis.test(List.of(new double[] {1, 2}, new double[] {3, 4}));
    assertThat(kw.statistic()).isCloseTo(2.4, within(1e-14));
    // Cliff's δ of {2, 3} against {1, 2}: signs (+1, 0, +1, +1) → 3/4
    assertThat(CliffsDelta.delta(new double[] {2, 3}, new double[] {1, 2})).isEqualTo(0.75);
    // Krippendorff's α, interval, 2 coders × 3 units (1,2), (2,2), (3,4). Coincidences: o₁₂ = o₂₁
    // = 1, o₂₂ = 2, o₃₄ = o₄₃ = 1; n₁ = 1, n₂ = 3, n₃ = n₄ = 1, n = 6. Σ o·δ² = 4; Σ n_c·n_k·δ²
    // over ordered pairs = 2·(3 + 4 + 9 + 3 + 12 + 1) = 64; α = 1 − (n − 1)·4/64 = 0.6875
    double[][] k = {{1, 2, 3}, {2, 2, 4}};
    assertThat(Krippendorff.alpha(k, Krippendorff.Level.INTERVAL)).isCloseTo(0.6875, within(1e-12));
  }

  @Test
  void correlationOfAConstantIsUndefined() {
    assertThat(Correlation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3}))
        .isEqualTo(TestResult.UNDEFINED);
    TestResult perfect = Correlation.spearman(new double[] {1, 2, 3}, new double[] {2, 4, 9});
    assertThat(perfect.statistic()).isEqualTo(1.0);
    assertThat(perfect.pValue()).isEqualTo(0.0);
  }

  @Test
  void krippendorffPublishedExample() {
    // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
    // Communication, Departmental Papers 43, section C: 4 observers, 12 units, missing values.
    // Published: nominal .743, ordinal .815, interval .849, ratio .797.
    double n = Double.NaN;
    double[][] data = {
      {1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n},
      {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3},
      {n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n},
      {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n}
    };
    assertThat(Krippendorff.alpha(data, Krippendorff.Level.NOMINAL)).isCloseTo(0.743, within(5e-4));
    assertThat(Krippendorff.alpha(data, Krippendorff.Level.ORDINAL)).isCloseTo(0.815, within(5e-4));
    assertThat(Krippendorff.alpha(data, Krippendorff.Level.INTERVAL))
        .isCloseTo(0.849, within(5e-4));
    assertThat(Krippendorff.alpha(data, Krippendorff.Level.RATIO)).isCloseTo(0.797, within(5e-4));
  }

  @Test
  void krippendorffPerfectAgreementAndNoVariance() {
    double[][] same = {{1, 2, 3}, {1, 2, 3}};
    assertThat(Krippendorff.alpha(same, Krippendorff.Level.INTERVAL)).isEqualTo(1.0);
    double[][] flat = {{1, 1}, {1, 1}};
    assertThat(Krippendorff.alpha(flat, Krippendorff.Level.INTERVAL)).isNaN();
  }
}
