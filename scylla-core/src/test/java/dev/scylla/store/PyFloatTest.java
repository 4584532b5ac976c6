package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast float formatter agrees with the exact one everywhere. */
class PyFloatTest {
  @Test
  void agreesWithJsonFormatDoubleOnManyValues() {
    SplittableRandom r = new SplittableRandom(20260120);
    for (int i = 0; i < 200_000; i++) {
      double d =
          switch (i % 4) {
            case 0 -> Double.longBitsToDouble(r.nextLong());
            case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(-8, 20));
            case 2 -> Math.round(r.nextDouble() * 1e6) / 1e6;
            default -> r.nextInt(0, 2000) / 100.0 - 10;
          };
      assertThat(PyFloat.repr(d)).as("%s", Double.toString(d)).isEqualTo(Json.formatExact(d));
    }
  }

  @Test
  void knownCases() {
    for (double d :
        new double[] {
          0.0,
          -0.0,
          1.0,
          0.1,
          1e-5,
          1e-4,
          1e16,
          1e15,
          123456789012345678.0,
          2e23,
          5e-324,
          Double.MAX_VALUE,
          0.9700000000000001,
          169.47920100000002,
          0.06531415,
          Double.NaN
        }) {
      assertThat(PyFloat.repr(d)).isEqualTo(Json.formatExact(d));
    }
    assertThat(PyFloat.repr(1e-5)).isEqualTo("1e-05");
    assertThat(PyFloat.repr(2e23)).isEqualTo("2e+23");
  }
}
