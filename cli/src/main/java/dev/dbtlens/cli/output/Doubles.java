package dev.dbtlens.cli.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Doubles in plain notation ({@code 0.0001}, never {@code 1.0E-4}). */
final class Doubles {
  /** Decimals a table shows; below 1, significant digits. */
  private static final int DIGITS = 6;

  private Doubles() {}

  /**
   * @return for a table: at most 6 decimals, or 6 significant digits below 1 ({@code 3.521795},
   *     {@code 0.000000123457}); at least one decimal ({@code 42.0})
   */
  static String plain(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    BigDecimal v = new BigDecimal(d);
    v = v.abs().compareTo(BigDecimal.ONE) >= 0
        ? v.setScale(DIGITS, RoundingMode.HALF_UP)
        : v.round(new MathContext(DIGITS, RoundingMode.HALF_UP));
    return withDecimal(v.stripTrailingZeros());
  }

  /** @return every digit Java's shortest representation has, in plain notation */
  static String full(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    return withDecimal(BigDecimal.valueOf(d).stripTrailingZeros());
  }

  private static String withDecimal(BigDecimal v) {
    String text = v.signum() == 0 ? "0" : v.toPlainString();
    return text.contains(".") ? text : text + ".0";
  }
}
