package dev.dbtlens.testdata.internal.write;

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
import java.util.List;

/** Streaming JSON output: compact, one line, numbers and timestamps formatted the way dbt writes them. */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    static JsonGenerator open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
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
