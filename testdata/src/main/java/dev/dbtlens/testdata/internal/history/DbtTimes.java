package dev.dbtlens.testdata.internal.history;

import java.time.LocalDate;

/** Timestamps as text, formatted the way dbt writes them in each artifact. */
public final class DbtTimes {
    private DbtTimes() {
    }

    /** {@code 2026-01-05T06:00:03.123456Z}, as dbt writes generated_at and timing. */
    public static String zulu(long micros) {
        return iso(micros).append('Z').toString();
    }

    /** {@code 2026-01-05T06:00:03.123456+00:00}, as dbt writes invocation_started_at in manifests and freshness. */
    public static String offset(long micros) {
        return iso(micros).append("+00:00").toString();
    }

    /** {@code 2026-01-05T00:00:00+00:00}: Python's isoformat of a whole-second datetime (microbatch bounds). */
    public static String offsetSeconds(long micros) {
        String iso = iso(micros).toString();
        return iso.substring(0, 19) + "+00:00";
    }

    /** {@code 2026-01-05 06:03UTC}, Snowflake's catalog last_modified. */
    public static String catalogMinute(long micros) {
        String iso = iso(micros).toString();
        return iso.substring(0, 10) + " " + iso.substring(11, 16) + "UTC";
    }

    /** ISO date-time with microseconds, formatted by hand: java.time formatters are slow for millions of values. */
    private static StringBuilder iso(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long fraction = Math.floorMod(micros, 1_000_000L);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        long secondOfDay = Math.floorMod(seconds, 86_400L);
        StringBuilder sb = new StringBuilder(32);
        sb.append(date.getYear()).append('-');
        pad(sb, date.getMonthValue(), 2).append('-');
        pad(sb, date.getDayOfMonth(), 2).append('T');
        pad(sb, secondOfDay / 3600, 2).append(':');
        pad(sb, secondOfDay / 60 % 60, 2).append(':');
        pad(sb, secondOfDay % 60, 2).append('.');
        return pad(sb, fraction, 6);
    }

    private static StringBuilder pad(StringBuilder sb, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits);
    }
}
