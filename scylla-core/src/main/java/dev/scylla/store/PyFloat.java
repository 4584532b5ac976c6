package dev.scylla.store;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Python's {@code repr(float)}, fast: the same text as {@link Json#formatExact} (which it falls
 * back to), found from {@link Double#toString}'s digits, which always read back as the same double,
 * so only one or two correctly-rounded candidates need checking instead of seventeen.
 */
final class PyFloat {
  private PyFloat() {}

  static String repr(double d) {
    if (!Double.isFinite(d) || d == 0.0) {
      return Json.formatExact(d);
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
      return Json.formatExact(d);
    }
    if (k <= 15) {
      // at most one decimal of k <= 15 digits reads back as d, so these digits are the correctly
      // rounded ones; they are the shortest unless one of the two (k-1)-digit neighbours also
      // reads back as d
      String sig = digits.substring(lead, end);
      int exp10 = exp + (dot - lead) - 1; // decimal exponent of the first significant digit
      if (k == 1 || !shorterExists(d, sig, exp10)) {
        return layout(d < 0, new BigDecimal(new java.math.BigInteger(sig), k - 1 - exp10));
      }
      return Json.formatExact(d);
    }
    BigDecimal exact = new BigDecimal(d);
    if (k > 1 && exact.round(new MathContext(k - 1)).doubleValue() == d) {
      return Json.formatExact(d); // Double.toString was not the shortest: take the slow path
    }
    BigDecimal shortest = exact.round(new MathContext(k));
    if (shortest.doubleValue() != d) {
      return Json.formatExact(d);
    }
    return layout(d < 0, shortest);
  }

  private static boolean shorterExists(double d, String sig, int exp10) {
    java.math.BigInteger floor = new java.math.BigInteger(sig.substring(0, sig.length() - 1));
    double abs = Math.abs(d);
    for (java.math.BigInteger c :
        new java.math.BigInteger[] {floor, floor.add(java.math.BigInteger.ONE)}) {
      // c has k-1 digits (or k after a carry) and stands for c x 10^(exp10 - (k - 2))
      String text = c + "E" + (exp10 - (sig.length() - 2));
      if (Double.parseDouble(text) == abs) {
        return true;
      }
    }
    return false;
  }

  /** Python's layout of the shortest digits: fixed for exponents −4..15, else scientific. */
  static String layout(boolean negative, BigDecimal shortest) {
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
