package dev.dbtlens.cli.freshness;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** {@code --at}: a date, a UTC date-time, or one with an offset. */
final class Times {
  private Times() {}

  /**
   * @param text {@code 2026-01-05} (midnight UTC), {@code 2026-01-05T12:00:00Z}, {@code
   *     2026-01-05T12:00} (UTC), {@code 2026-01-05T14:00+02:00}; a space may stand for the {@code T}
   * @param bad the exception for text that is none of these
   * @return the instant
   */
  static <E extends RuntimeException> Instant parse(String text, Function<String, E> bad) {
    String t = text.strip().replace(' ', 'T');
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (t.endsWith("Z") || t.matches(".*T.*[+-]\\d\\d(:?\\d\\d)?$")) {
        return OffsetDateTime.parse(t).toInstant();
      }
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw bad.apply(text);
    }
  }
}
