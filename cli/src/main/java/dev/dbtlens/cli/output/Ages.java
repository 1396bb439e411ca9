package dev.dbtlens.cli.output;

/** Ages for people: the two largest units, {@code 2d 3h}, {@code 14h 6m}, {@code 58m 9s}, {@code 7s}. */
public final class Ages {
  private static final long MINUTE = 60;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private Ages() {}

  /**
   * @param seconds an age in seconds, negative when the time is in the future; may be null
   * @return it in the two largest units (rounded down), e.g. {@code 1d 14h}; null for null
   */
  public static String human(Double seconds) {
    if (seconds == null) {
      return null;
    }
    long s = (long) Math.abs(seconds);
    String sign = seconds < 0 && s > 0 ? "-" : "";
    if (s >= DAY) {
      return sign + s / DAY + "d " + s % DAY / HOUR + "h";
    }
    if (s >= HOUR) {
      return sign + s / HOUR + "h " + s % HOUR / MINUTE + "m";
    }
    if (s >= MINUTE) {
      return sign + s / MINUTE + "m " + s % MINUTE + "s";
    }
    return sign + s + "s";
  }
}
