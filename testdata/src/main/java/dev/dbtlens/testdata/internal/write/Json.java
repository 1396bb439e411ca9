package dev.dbtlens.testdata;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** Streaming JSON output: compact, one line, numbers and timestamps formatted the way dbt writes them. */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    static JsonGenerator open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    /** {@code 2026-01-05T06:00:03.123456Z}, as dbt writes generated_at and timing. */
    static String zulu(long micros) {
        return iso(micros).append('Z').toString();
    }

    /** {@code 2026-01-05T06:00:03.123456+00:00}, as dbt writes invocation_started_at in manifests and freshness. */
    static String offset(long micros) {
        return iso(micros).append("+00:00").toString();
    }

    /** {@code 2026-01-05T00:00:00+00:00}: Python's isoformat of a whole-second datetime (microbatch bounds). */
    static String offsetSeconds(long micros) {
        String iso = iso(micros).toString();
        return iso.substring(0, 19) + "+00:00";
    }

    /** {@code 2026-01-05 06:03UTC}, Snowflake's catalog last_modified. */
    static String catalogMinute(long micros) {
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

    /** Writes a float the way Python prints it: plain digits, at most {@code scale} decimals, at least one. */
    static void number(JsonGenerator g, String field, double value, int scale) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(decimal(value, scale));
    }

    static String decimal(double value, int scale) {
        String s = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s.indexOf('.') < 0 ? s + ".0" : s;
    }

    /** Epoch seconds with microseconds, e.g. {@code 1767592800.123456}. */
    static void epochSeconds(JsonGenerator g, String field, long micros) throws IOException {
        g.writeFieldName(field);
        g.writeNumber(decimal(micros / 1_000_000.0, 6));
    }

    static void stringOrNull(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
            return;
        }
        g.writeStringField(field, value);
    }

    static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    static void emptyObject(JsonGenerator g, String field) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeEndObject();
    }

    static void emptyArray(JsonGenerator g, String field) throws IOException {
        g.writeArrayFieldStart(field);
        g.writeEndArray();
    }
}
