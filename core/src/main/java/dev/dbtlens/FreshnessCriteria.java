package dev.dbtlens;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Freshness thresholds as dbt declares them for sources ({@code freshness: {warn_after: {count: 12,
 * period: hour}, error_after: {...}}}), and as dbtlens reads them for models from {@code
 * meta.freshness}. Evaluated as dbt evaluates source freshness: {@code error} if the age exceeds
 * {@code errorAfter}, else {@code warn} if it exceeds {@code warnAfter}, else {@code pass}.
 *
 * @param warnAfter the age past which the status is {@code warn}, or null if not set
 * @param errorAfter the age past which the status is {@code error}, or null if not set
 */
public record FreshnessCriteria(After warnAfter, After errorAfter) {

  /**
   * One threshold: {@code count} times {@code period}.
   *
   * @param count how many periods
   * @param period {@code minute}, {@code hour} or {@code day} (dbt's periods), lower-cased; a
   *     plural ({@code hours}) is read as the singular. Any other period makes the threshold
   *     inert: it never fires
   */
  public record After(int count, String period) {
    /** Lower-cases the period. */
    public After {
      period = Objects.requireNonNull(period, "period").strip().toLowerCase(Locale.ROOT);
    }

    /** @return {@code count × period}, or null for a period dbt does not know */
    public Duration duration() {
      String unit = period.endsWith("s") ? period.substring(0, period.length() - 1) : period;
      return switch (unit) {
        case "minute" -> Duration.ofMinutes(count);
        case "hour" -> Duration.ofHours(count);
        case "day" -> Duration.ofDays(count);
        default -> null;
      };
    }

    /**
     * @param age a time since load or build
     * @return true if {@code age} is strictly longer than the threshold (dbt's rule)
     */
    public boolean exceededBy(Duration age) {
      Duration limit = duration();
      return limit != null && age.compareTo(limit) > 0;
    }

    @Override
    public String toString() {
      return count + " " + period;
    }
  }

  /**
   * @param age time since the data was loaded or built, or null if unknown
   * @return {@code error}, {@code warn} or {@code pass}; {@code unknown} when {@code age} is null
   */
  public String status(Duration age) {
    if (age == null) {
      return "unknown";
    }
    if (errorAfter != null && errorAfter.exceededBy(age)) {
      return "error";
    }
    if (warnAfter != null && warnAfter.exceededBy(age)) {
      return "warn";
    }
    return "pass";
  }
}
