package dev.dbtlens.internal.dbt;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** dbt's timestamps, with or without an offset ({@code Z}, {@code +00:00}, none = UTC). */
public final class Timestamps {
  private static final Pattern COMPACT_OFFSET = Pattern.compile(".*[+-]\\d{4}$");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private Timestamps() {}

  /**
   * @param text an ISO-8601 timestamp as dbt writes it, or null
   * @return the instant as a UTC {@link LocalDateTime}, or null for null or unparseable text
   */
  public static LocalDateTime utc(String text) {
    if (text == null) {
      return null;
    }
    LocalDateTime t = utcFast(text);
    return t != null ? t : utcGeneral(text);
  }

  /**
   * The shape dbt writes nearly every timestamp in, read digit by digit (a run's results hold four
   * per node): {@code 2024-01-31T12:34:56}, {@code T} or a space, then up to nine digits of a
   * second, then nothing, {@code Z}, {@code +00:00} or {@code +0000}.
   *
   * @return the timestamp, or null for any other text (which {@link #utcGeneral} then reads, so
   *     that both give the same value wherever this one gives one)
   */
  static LocalDateTime utcFast(String t) {
    int n = t.length();
    if (n < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ')
        || t.charAt(13) != ':' || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (i < n && t.charAt(i) == '.') {
      int from = ++i;
      while (i < n && i - from < 9 && isDigit(t.charAt(i))) {
        nano = nano * 10 + (t.charAt(i++) - '0');
      }
      if (i == from || (i < n && isDigit(t.charAt(i)))) {
        return null;
      }
      for (int k = i - from; k < 9; k++) {
        nano *= 10;
      }
    }
    if (i != n && !(t.startsWith("Z", i) && n == i + 1) && !(t.startsWith("+00:00", i) && n == i + 6)
        && !(t.startsWith("+0000", i) && n == i + 5)) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nano);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Any ISO-8601 timestamp {@link java.time} reads, with the offsets and shapes dbt has used. */
  static LocalDateTime utcGeneral(String text) {
    if (text.isBlank()) {
      return null;
    }
    String t = text.strip().replace(' ', 'T');
    if (COMPACT_OFFSET.matcher(t).matches()) {
      t = t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2); // +0000 -> +00:00
    }
    if (DATE.matcher(t).matches()) {
      t = t + "T00:00:00";
    }
    try {
      if (hasOffset(t)) {
        return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      }
      return LocalDateTime.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean hasOffset(String t) {
    if (t.endsWith("Z")) {
      return true;
    }
    int time = t.indexOf('T');
    return time > 0 && (t.indexOf('+', time) > 0 || t.indexOf('-', time) > 0);
  }
}
