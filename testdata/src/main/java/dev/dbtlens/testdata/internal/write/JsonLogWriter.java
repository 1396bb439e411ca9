package dev.dbtlens.testdata.internal.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dbtlens.testdata.internal.history.DbtTimes;
import dev.dbtlens.testdata.internal.history.ExecutionSimulator;
import dev.dbtlens.testdata.internal.history.Outcome;
import dev.dbtlens.testdata.internal.history.Timeline;
import dev.dbtlens.testdata.internal.history.Timeline.Command;
import dev.dbtlens.testdata.internal.project.Resource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the JSON log ({@code dbt.log}, {@code --log-format json}) dbt would have written for an
 * invocation, consistent with its run_results.json: the same invocation id, node timings, threads,
 * statuses, execution times and messages. One line per event in dbt 1.10's {@code info}/{@code
 * data} shape with the events live runs read (MainReportVersion, MainReportArgs, ConcurrencyLine,
 * NodeStart, NodeFinished, CommandCompleted), in time order.
 */
public final class JsonLogWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Timeline timeline;

    public JsonLogWriter(Timeline timeline) {
        this.timeline = timeline;
    }

    /** One event: when it happened, and its line. */
    private record Line(long at, int order, String json) { }

    public void write(Path file, int inv, List<Outcome> outcomes, long generatedAt) throws IOException {
        String id = timeline.invocationId(inv).toString();
        Command command = timeline.command(inv);
        long start = timeline.startMicros(inv);
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(start, 0, event(id, "MainReportVersion", "A001", "info", start, "MainThread",
                "Running with dbt=" + ManifestWriter.DBT_VERSION, g -> {
                    g.writeNumberField("log_version", 3);
                    g.writeStringField("version", "=" + ManifestWriter.DBT_VERSION);
                })));
        String commandLine = "dbt " + command.dbt + " --target prod"
                + (command == Command.RUN ? " --select intermediate marts" : "");
        lines.add(new Line(start + 10, 1, event(id, "MainReportArgs", "A002", "debug", start + 10, "MainThread",
                "running dbt with arguments", g -> {
                    g.writeObjectFieldStart("args");
                    g.writeStringField("invocation_command", commandLine);
                    g.writeStringField("which", command.dbt);
                    g.writeEndObject();
                })));
        long concurrencyAt = outcomes.stream().mapToLong(Outcome::start).min().orElse(start) - 1000;
        lines.add(new Line(concurrencyAt, 2, event(id, "ConcurrencyLine", "Q027", "info", concurrencyAt, "MainThread",
                "Concurrency: " + ExecutionSimulator.THREADS + " threads (target='prod')", g -> {
                    g.writeNumberField("node_count", outcomes.size());
                    g.writeNumberField("num_threads", ExecutionSimulator.THREADS);
                    g.writeStringField("target_name", "prod");
                })));
        boolean success = true;
        for (Outcome o : outcomes) {
            Resource r = o.resource();
            String thread = "Thread-" + (o.thread() + 1) + " (worker)";
            success &= !"error".equals(o.status()) && !"fail".equals(o.status());
            lines.add(new Line(o.start(), 3, event(id, "NodeStart", "Q024", "debug", o.start(), thread,
                    "Began running node " + r.uniqueId, g -> nodeInfo(g, r, "started", o.start(), null))));
            lines.add(new Line(o.end(), 4, event(id, "NodeFinished", "Q025", "debug", o.end(), thread,
                    "Finished running node " + r.uniqueId, g -> {
                        nodeInfo(g, r, o.status(), o.start(), o.end());
                        g.writeObjectFieldStart("run_result");
                        g.writeObjectFieldStart("adapter_response");
                        if (o.code() != null && !o.skipped()) {
                            g.writeStringField("_message", o.code() + " " + o.rowsAffected());
                            g.writeStringField("code", o.code());
                            g.writeNumberField("rows_affected", o.rowsAffected());
                        }
                        g.writeEndObject();
                        Json.number(g, "execution_time", o.skipped() ? 0.0 : o.executionSeconds() + 0.0004, 6);
                        g.writeStringField("message", o.message() == null ? "None" : o.message());
                        if (o.failures() == null) {
                            g.writeNullField("num_failures");
                        } else {
                            g.writeNumberField("num_failures", o.failures());
                        }
                        g.writeStringField("status", o.status());
                        g.writeStringField("thread", thread);
                        g.writeEndObject();
                    })));
        }
        boolean ok = success;
        double elapsed = (generatedAt - start) / 1_000_000.0;
        lines.add(new Line(generatedAt, 5, event(id, "CommandCompleted", "Q039", "debug", generatedAt, "MainThread",
                "Command `dbt " + command.dbt + "` " + (ok ? "succeeded" : "failed"), g -> {
                    g.writeStringField("command", "dbt " + command.dbt);
                    g.writeStringField("completed_at", DbtTimes.zulu(generatedAt));
                    Json.number(g, "elapsed", elapsed, 6);
                    g.writeBooleanField("success", ok);
                })));
        lines.sort(Comparator.comparingLong(Line::at).thenComparingInt(Line::order));
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (Line l : lines) {
                w.write(l.json());
                w.write('\n');
            }
        }
    }

    private static void nodeInfo(JsonGenerator g, Resource r, String status, long started, Long finished)
            throws IOException {
        g.writeObjectFieldStart("node_info");
        g.writeStringField("node_finished_at", finished == null ? "" : DbtTimes.zulu(finished).replace("Z", ""));
        g.writeStringField("node_name", r.name);
        g.writeStringField("node_started_at", DbtTimes.zulu(started).replace("Z", ""));
        g.writeStringField("node_status", status);
        g.writeStringField("resource_type", r.kind.type);
        g.writeStringField("unique_id", r.uniqueId);
        g.writeEndObject();
    }

    /** Writes the data fields of an event. */
    private interface Data {
        void write(JsonGenerator g) throws IOException;
    }

    private static String event(String invocationId, String name, String code, String level, long at,
            String thread, String msg, Data data) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("data");
            data.write(g);
            g.writeEndObject();
            g.writeObjectFieldStart("info");
            g.writeStringField("category", "");
            g.writeStringField("code", code);
            g.writeObjectFieldStart("extra");
            g.writeEndObject();
            g.writeStringField("invocation_id", invocationId);
            g.writeStringField("level", level);
            g.writeStringField("msg", msg);
            g.writeStringField("name", name);
            g.writeNumberField("pid", 4242);
            g.writeStringField("thread", thread);
            g.writeStringField("ts", DbtTimes.zulu(at));
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toString();
    }
}
