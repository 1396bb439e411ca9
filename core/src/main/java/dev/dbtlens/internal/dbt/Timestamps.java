package dev.dbtlens.internal.dbt;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** dbt's timestamps, with or without an offset ({@code Z}, {@code +00:00}, none = UTC). */
public final class Timestamps {
  private Timestamps() {}

  /**
   * @param text an ISO-8601 timestamp as dbt writes it, or null
   * @return the instant as a UTC {@link LocalDateTime}, or null for null or unparseable text
   */
  public static LocalDateTime utc(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip().replace(' ', 'T');
    if (t.matches(".*[+-]\\d{4}$")) {
      t = t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2); // +0000 -> +00:00
    }
    if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
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
