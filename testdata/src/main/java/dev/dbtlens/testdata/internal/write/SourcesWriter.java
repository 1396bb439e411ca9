package dev.dbtlens.testdata.internal.write;

import dev.dbtlens.testdata.internal.history.DbtTimes;
import dev.dbtlens.testdata.internal.history.ExecutionSimulator;
import dev.dbtlens.testdata.internal.history.Timeline;
import dev.dbtlens.testdata.internal.project.Hashing;
import dev.dbtlens.testdata.internal.project.Project;
import dev.dbtlens.testdata.internal.project.SourceTable;
import dev.dbtlens.testdata.internal.project.Vocabulary;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes sources.json (v3) for a {@code dbt source freshness} invocation. Only sources with freshness criteria
 * are checked. Healthy sources pass, lagging ones warn, broken loaders error, and the misconfigured source (its
 * loaded_at_field does not exist) gives a runtime error.
 */
public final class SourcesWriter {
    static final String SCHEMA = "https://schemas.getdbt.com/dbt/sources/v3.json";

    private final Project project;
    private final Timeline timeline;

    public SourcesWriter(Project project, Timeline timeline) {
        this.project = project;
        this.timeline = timeline;
    }

    /** One freshness check. */
    private record Check(SourceTable source, long start, long end, int thread, double ageSeconds, String status) {
    }

    /** Writes the file and returns its generated_at (epoch micros). */
    public long write(Path file, int inv, long executionStart) throws IOException {
        List<Check> checks = simulate(inv, executionStart);
        long end = executionStart;
        for (Check c : checks) {
            end = Math.max(end, c.end());
        }
        long generatedAt = end + 40_000;
        try (JsonGenerator g = Json.open(file)) {
            g.writeStartObject();
            g.writeObjectFieldStart("metadata");
            g.writeStringField("dbt_schema_version", SCHEMA);
            g.writeStringField("dbt_version", ManifestWriter.DBT_VERSION);
            g.writeStringField("generated_at", DbtTimes.zulu(generatedAt));
            g.writeStringField("invocation_id", timeline.invocationId(inv).toString());
            g.writeStringField("invocation_started_at", DbtTimes.zulu(timeline.startMicros(inv)));
            Json.emptyObject(g, "env");
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (Check c : checks) {
                result(g, c, inv);
            }
            g.writeEndArray();
            Json.number(g, "elapsed_time", (generatedAt - executionStart) / 1_000_000.0, 6);
            g.writeEndObject();
        }
        return generatedAt;
    }

    private List<Check> simulate(int inv, long executionStart) {
        SplittableRandom rnd = new SplittableRandom(Hashing.mix(timeline.seed, 0xF7E5, inv));
        long[] threadFree = new long[ExecutionSimulator.THREADS];
        Arrays.fill(threadFree, executionStart);
        List<Check> out = new ArrayList<>();
        for (SourceTable s : project.sources) {
            if (!s.freshnessChecked()) {
                continue;
            }
            int thread = 0;
            for (int t = 1; t < threadFree.length; t++) {
                if (threadFree[t] < threadFree[thread]) {
                    thread = t;
                }
            }
            long start = threadFree[thread] + 500 + rnd.nextInt(3000);
            long end = start + (s.misconfigured ? 150_000 : 400_000) + rnd.nextInt(2_200_000);
            threadFree[thread] = end;
            double age = age(s, rnd, inv);
            out.add(new Check(s, start, end, thread, age, status(s, age)));
        }
        out.sort(Comparator.comparingLong(Check::end).thenComparingInt(c -> c.source().id));
        return out;
    }

    private double age(SourceTable s, SplittableRandom rnd, int inv) {
        Vocabulary.Freshness f = s.system.freshness();
        double warn = f.warnCount() != null ? f.warnSeconds() : f.errorSeconds() * 0.5;
        double error = f.errorCount() != null ? f.errorSeconds() : Double.MAX_VALUE;
        int profile = s.stalenessProfile;
        if (!timeline.scripted(inv)) {
            double r = rnd.nextDouble();
            profile = profile == 0 ? (r < 0.04 ? 1 : 0) : profile == 1 ? (r < 0.4 ? 0 : 1) : (r < 0.2 ? 1 : 2);
        }
        double u = rnd.nextDouble();
        if (profile == 2 && error < Double.MAX_VALUE) {
            return error * (1.2 + 5 * u);
        }
        if (profile >= 1) {
            return Math.min(warn * (1.05 + 0.9 * u), error * 0.95);
        }
        return warn * (0.05 + 0.65 * u);
    }

    private static String status(SourceTable s, double age) {
        if (s.misconfigured) {
            return "runtime error";
        }
        Vocabulary.Freshness f = s.system.freshness();
        if (f.errorCount() != null && age > f.errorSeconds()) {
            return "error";
        }
        return f.warnCount() != null && age > f.warnSeconds() ? "warn" : "pass";
    }

    private void result(JsonGenerator g, Check c, int inv) throws IOException {
        SourceTable s = c.source();
        g.writeStartObject();
        g.writeStringField("unique_id", s.uniqueId);
        if (s.misconfigured) {
            g.writeStringField("error", "Database Error in source " + s.name + " (" + s.ymlPath() + ")\n"
                    + "  000904 (42000): SQL compilation error: error line 1 at position 11\n"
                    + "  invalid identifier '" + s.loadedAtField().toUpperCase(Locale.ROOT) + "'");
            g.writeStringField("status", "runtime error");
            g.writeEndObject();
            return;
        }
        long snapshotted = c.end() - 20_000;
        long maxLoaded = snapshotted - (long) (c.ageSeconds() * 1_000_000);
        g.writeStringField("max_loaded_at", DbtTimes.offset(maxLoaded));
        g.writeStringField("snapshotted_at", DbtTimes.offset(snapshotted));
        Json.number(g, "max_loaded_at_time_ago_in_s", (snapshotted - maxLoaded) / 1_000_000.0, 6);
        g.writeStringField("status", c.status());
        NodeJson.freshness(g, "criteria", s.system.freshness());
        g.writeObjectFieldStart("adapter_response");
        g.writeStringField("_message", "SUCCESS 1");
        g.writeStringField("code", "SUCCESS");
        g.writeNumberField("rows_affected", 1);
        g.writeStringField("query_id", String.format(Locale.ROOT, "01c1%04x-0000-%04x-0000-%012x", inv & 0xFFFF,
                s.id & 0xFFFF, Hashing.mix(timeline.seed, s.id, inv) & 0xFFFFFFFFFFFFL));
        g.writeEndObject();
        g.writeArrayFieldStart("timing");
        timing(g, "compile", c.start(), c.start() + 40);
        timing(g, "execute", c.start() + 300, c.end());
        g.writeEndArray();
        g.writeStringField("thread_id", "Thread-" + (c.thread() + 1) + " (worker)");
        Json.number(g, "execution_time", (c.end() - c.start()) / 1_000_000.0 + 0.0003, 6);
        g.writeEndObject();
    }

    private static void timing(JsonGenerator g, String name, long start, long end) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("started_at", DbtTimes.zulu(start));
        g.writeStringField("completed_at", DbtTimes.zulu(end));
        g.writeEndObject();
    }
}
