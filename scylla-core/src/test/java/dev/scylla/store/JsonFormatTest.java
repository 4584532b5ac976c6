package dev.scylla.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Json}'s output against what CPython's json.dumps prints for the same values. */
class JsonFormatTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0.1, 0.1",
    "0.2, 0.2",
    "0.30000000000000004, 0.30000000000000004",
    "1e+16, 1e+16",
    "1.5e-05, 1.5e-05",
    "123456789.123, 123456789.123",
    "0.9733333333333333, 0.9733333333333333",
    "2.82879384806159e+17, 2.82879384806159e+17",
    "5e-324, 5e-324",
    "1.7976931348623157e+308, 1.7976931348623157e+308",
    "1e+22, 1e+22",
    "1e+23, 1e+23",
    "9.5, 9.5",
    "100.0, 100.0",
    "0.001, 0.001",
    "0.0001, 0.0001",
    "-2.5, -2.5",
    "3.0, 3.0",
    "1234567890123456.8, 1234567890123456.8",
    "0.06531415, 0.06531415",
    "549.881757, 549.881757",
    "169.47920100000002, 169.47920100000002",
    "4.35, 4.35",
    "0.002, 0.002",
    "1e-07, 1e-07",
    "622901694889701.9, 622901694889701.9",
    "35853551175589.52, 35853551175589.52",
    "942450283777050.4, 942450283777050.4",
    "65203169.67541351, 65203169.67541351",
    "29005.228283614735, 29005.228283614735",
    "0.0775958567435717, 0.0775958567435717",
    "6.489745531369242e+19, 6.489745531369242e+19",
    "156.85132230226662, 156.85132230226662",
    "0.04690690477821638, 0.04690690477821638",
    "3.8075791704476516e-06, 3.8075791704476516e-06",
    "5.739411879281008e-09, 5.739411879281008e-09",
    "73118.37167794241, 73118.37167794241",
    "2.794823660111103e+18, 2.794823660111103e+18",
    "0.0007657254516291417, 0.0007657254516291417",
    "7.61925427594386e-07, 7.61925427594386e-07"
  })
  void doublesAsPython(double value, String python) {
    assertThat(Json.formatDouble(value)).isEqualTo(python);
  }

  @Test
  void shortestRoundTripOnRandomDoubles() {
    Random rnd = new Random(17);
    for (int i = 0; i < 20000; i++) {
      double d = Double.longBitsToDouble(rnd.nextLong());
      if (!Double.isFinite(d)) {
        continue;
      }
      String s = Json.formatDouble(d);
      assertThat(Double.parseDouble(s)).isEqualTo(d);
      String digits = s.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "");
      digits = digits.replaceFirst("^0+", "").replaceFirst("0+$", "");
      assertThat(digits).isEqualTo(fullSearch(d));
    }
  }

  /** The digits of the shortest round-tripping rounding of {@code d}, searched from 1 digit up. */
  private static String fullSearch(double d) {
    java.math.BigDecimal exact = new java.math.BigDecimal(Math.abs(d));
    for (int p = 1; p <= 17; p++) {
      java.math.BigDecimal c = exact.round(new java.math.MathContext(p));
      if (c.doubleValue() == Math.abs(d)) {
        return c.unscaledValue().toString().replaceFirst("0+$", "");
      }
    }
    throw new AssertionError(d);
  }

  @Test
  void stringsEscapeAsPythonEnsureAscii() {
    StringBuilder sb = new StringBuilder();
    Json.string("\u00e9\u2713\"\\\n\t\u0001\u007f\ud83d\ude00 ok ~", sb);
    assertThat(sb.toString())
        .isEqualTo("\"\\u00e9\\u2713\\\"\\\\\\n\\t\\u0001\\u007f\\ud83d\\ude00 ok ~\"");
    StringBuilder plain = new StringBuilder();
    Json.string("plain ascii", plain);
    assertThat(plain.toString()).isEqualTo("\"plain ascii\"");
  }
}
