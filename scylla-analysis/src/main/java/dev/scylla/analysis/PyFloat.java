package dev.scylla.analysis;

import dev.scylla.store.Json;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Python's {@code repr(float)}, fast: the same text as {@link Json#formatDouble} (which it falls
 * back to), found from {@link Double#toString}'s digits, which always read back as the same double,
 * so only one or two correctly-rounded candidates need checking instead of seventeen.
 */
final class PyFloat {
  private PyFloat() {}

  static String repr(double d) {
    if (!Double.isFinite(d) || d == 0.0) {
      return Json.formatDouble(d);
    }
    String s = Double.toString(Math.abs(d));
    int e = s.indexOf('E');
    String mantissa = e < 0 ? s : s.substring(0, e);
    int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    int end = digits.length();
    while (end > lead + 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    int k = end - lead;
    if (k >= 17) {
      return Json.formatDouble(d);
    }
    BigDecimal exact = new BigDecimal(d);
    if (k > 1 && exact.round(new MathContext(k - 1)).doubleValue() == d) {
      return Json.formatDouble(d); // Double.toString was not the shortest: take the slow path
    }
    BigDecimal shortest = exact.round(new MathContext(k));
    if (shortest.doubleValue() != d) {
      return Json.formatDouble(d);
    }
    return layout(d < 0, shortest);
  }

  /** Python's layout of the shortest digits: fixed for exponents −4..15, else scientific. */
  private static String layout(boolean negative, BigDecimal shortest) {
    String digits = shortest.unscaledValue().abs().toString();
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(0, end);
    int exponent = shortest.precision() - shortest.scale() - 1;
    StringBuilder sb = new StringBuilder(24);
    if (negative) {
      sb.append('-');
    }
    if (exponent >= -4 && exponent < 16) {
      if (exponent >= 0) {
        if (digits.length() <= exponent + 1) {
          sb.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
        } else {
          sb.append(digits, 0, exponent + 1).append('.').append(digits.substring(exponent + 1));
        }
      } else {
        sb.append("0.").append("0".repeat(-exponent - 1)).append(digits);
      }
    } else {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits.substring(1));
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    }
    return sb.toString();
  }
}
