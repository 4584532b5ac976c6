package dev.scylla.results;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting as Python's format specs do it, so reports match the reference byte for byte.
 * Python rounds the exact binary value half-to-even ({@code format(0.125, '.2f')} is {@code 0.12});
 * Java's {@code String.format} rounds the shortest decimal half-up ({@code 0.13}).
 */
public final class PyFormat {
  private PyFormat() {}

  /** {@code format(d, '.Nf')}; non-finite values as Python prints them. */
  public static String fixed(double d, int decimals) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    BigDecimal r = new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN);
    boolean negative = d < 0 || (d == 0.0 && 1.0 / d < 0);
    // BigDecimal has no negative zero; Python prints format(-0.001, '.2f') as "-0.00"
    return negative && r.signum() == 0 ? "-" + r.toPlainString() : r.toPlainString();
  }

  /**
   * {@code format(d, '.N%')}: the value times 100 (in double arithmetic, as CPython does), fixed
   * notation, then {@code %}.
   */
  public static String percent(double d, int decimals) {
    return fixed(d * 100.0, decimals) + "%";
  }

  /** {@code format(n, ',')}: thousands separated by commas. */
  public static String thousands(long n) {
    String digits = Long.toString(Math.abs(n));
    StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3 + 1);
    int lead = digits.length() % 3;
    if (lead == 0) {
      lead = 3;
    }
    sb.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      sb.append(',').append(digits, i, i + 3);
    }
    return n < 0 ? "-" + sb : sb.toString();
  }
}
