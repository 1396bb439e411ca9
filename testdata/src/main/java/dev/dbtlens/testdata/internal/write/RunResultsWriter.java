package dev.dbtlens.testdata.internal.write;

import dev.dbtlens.testdata.internal.history.DbtTimes;
import dev.dbtlens.testdata.internal.history.ExecutionSimulator;
import dev.dbtlens.testdata.internal.history.Outcome;
import dev.dbtlens.testdata.internal.history.ProjectState;
import dev.dbtlens.testdata.internal.history.Timeline;
import dev.dbtlens.testdata.internal.project.DataTest;
import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.Resource;
import dev.dbtlens.testdata.internal.project.Seed;
import dev.dbtlens.testdata.internal.project.Snapshot;
import dev.dbtlens.testdata.internal.project.SqlTemplates;
import dev.dbtlens.testdata.internal.project.UnitTest;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dbtlens.testdata.internal.history.Timeline.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes run_results.json (v6) from simulated outcomes, in completion order. */
public final class RunResultsWriter {
    static final String SCHEMA = "https://schemas.getdbt.com/dbt/run-results/v6.json";

    private final Timeline timeline;
    private final ProjectState state;

    public RunResultsWriter(Timeline timeline, ProjectState state) {
        this.timeline = timeline;
        this.state = state;
    }

    public void write(Path file, int inv, List<Outcome> outcomes, long generatedAt) throws IOException {
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
            for (Outcome o : outcomes) {
                result(g, o);
            }
            g.writeEndArray();
            Json.number(g, "elapsed_time", (generatedAt - timeline.startMicros(inv)) / 1_000_000.0, 6);
            args(g, timeline.command(inv));
            g.writeEndObject();
        }
    }

    private void result(JsonGenerator g, Outcome o) throws IOException {
        Resource r = o.resource();
        g.writeStartObject();
        g.writeStringField("status", o.status());
        g.writeArrayFieldStart("timing");
        if (!o.skipped()) {
            timing(g, "compile", o.start(), o.compileEnd());
            timing(g, "execute", o.compileEnd() + 150, o.end());
        }
        g.writeEndArray();
        g.writeStringField("thread_id", "Thread-" + (o.thread() + 1) + " (worker)");
        Json.number(g, "execution_time", o.skipped() ? 0.0 : o.executionSeconds() + 0.0004, 6);
        adapterResponse(g, o);
        Json.stringOrNull(g, "message", o.message());
        if (o.failures() == null) {
            g.writeNullField("failures");
        } else {
            g.writeNumberField("failures", o.failures());
        }
        g.writeStringField("unique_id", r.uniqueId);
        compiled(g, o);
        boolean hasRelation = (r instanceof Model m && !m.ephemeral()) || r instanceof Snapshot;
        Json.stringOrNull(g, "relation_name", hasRelation ? SqlTemplates.relationName(r) : null);
        batchResults(g, o);
        g.writeEndObject();
    }

    private static void timing(JsonGenerator g, String name, long start, long end) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("started_at", DbtTimes.zulu(start));
        g.writeStringField("completed_at", DbtTimes.zulu(end));
        g.writeEndObject();
    }

    private static void adapterResponse(JsonGenerator g, Outcome o) throws IOException {
        g.writeObjectFieldStart("adapter_response");
        if (o.code() != null && !o.skipped()) {
            g.writeStringField("_message", o.code() + " " + o.rowsAffected());
            g.writeStringField("code", o.code());
            g.writeNumberField("rows_affected", o.rowsAffected());
            if (o.queryId() != null) {
                g.writeStringField("query_id", o.queryId());
            }
        }
        g.writeEndObject();
    }

    private void compiled(JsonGenerator g, Outcome o) throws IOException {
        Resource r = o.resource();
        if (r instanceof Seed) {
            g.writeNullField("compiled");
            g.writeNullField("compiled_code");
            return;
        }
        if (o.skipped()) {
            g.writeBooleanField("compiled", false);
            g.writeNullField("compiled_code");
            return;
        }
        g.writeBooleanField("compiled", true);
        g.writeStringField("compiled_code", compiledCode(r));
    }

    private String compiledCode(Resource r) {
        if (r instanceof Model m) {
            return state.compiled(m);
        }
        if (r instanceof Snapshot s) {
            return SqlTemplates.snapshotCompiled(s);
        }
        if (r instanceof UnitTest u) {
            return SqlTemplates.unitTestCompiled(u);
        }
        return SqlTemplates.testCompiled((DataTest) r);
    }

    private static void batchResults(JsonGenerator g, Outcome o) throws IOException {
        if (o.batches() == null) {
            g.writeNullField("batch_results");
            return;
        }
        g.writeObjectFieldStart("batch_results");
        g.writeArrayFieldStart("successful");
        for (String[] b : o.batches()) {
            g.writeStartArray();
            g.writeString(b[0]);
            g.writeString(b[1]);
            g.writeEndArray();
        }
        g.writeEndArray();
        Json.emptyArray(g, "failed");
        g.writeEndObject();
    }

    private static void args(JsonGenerator g, Command command) throws IOException {
        g.writeObjectFieldStart("args");
        g.writeStringField("which", command.dbt);
        String select = command == Command.RUN ? " --select intermediate marts" : "";
        g.writeStringField("invocation_command", "dbt " + command.dbt + " --target prod" + select);
        g.writeStringField("target", "prod");
        g.writeNumberField("threads", ExecutionSimulator.THREADS);
        Json.strings(g, "select", command == Command.RUN ? List.of("intermediate", "marts") : List.of());
        Json.emptyArray(g, "exclude");
        Json.emptyArray(g, "resource_types");
        Json.emptyArray(g, "exclude_resource_types");
        g.writeStringField("indirect_selection", "eager");
        g.writeBooleanField("full_refresh", false);
        g.writeBooleanField("fail_fast", false);
        g.writeBooleanField("defer", false);
        g.writeBooleanField("favor_state", false);
        g.writeBooleanField("partial_parse", true);
        g.writeBooleanField("static_parser", true);
        g.writeBooleanField("populate_cache", true);
        g.writeBooleanField("introspect", true);
        g.writeBooleanField("write_json", true);
        g.writeBooleanField("use_colors", false);
        g.writeStringField("log_format", "json");
        g.writeStringField("log_level", "info");
        g.writeStringField("log_path", NodeJson.PROJECT_DIR + "/logs");
        g.writeStringField("project_dir", NodeJson.PROJECT_DIR);
        g.writeStringField("profiles_dir", "/opt/dbt/.dbt");
        Json.emptyObject(g, "vars");
        g.writeBooleanField("version_check", true);
        g.writeBooleanField("send_anonymous_usage_stats", false);
        g.writeObjectFieldStart("warn_error_options");
        Json.emptyArray(g, "error");
        Json.emptyArray(g, "warn");
        Json.emptyArray(g, "silence");
        g.writeEndObject();
        g.writeBooleanField("empty", false);
        g.writeEndObject();
    }
}
