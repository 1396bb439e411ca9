package dev.dbtlens.testdata.internal.write;

import dev.dbtlens.testdata.internal.history.DbtTimes;
import dev.dbtlens.testdata.internal.history.ProjectState;
import dev.dbtlens.testdata.internal.history.Timeline;
import dev.dbtlens.testdata.internal.project.Column;
import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.Project;
import dev.dbtlens.testdata.internal.project.Resource;
import dev.dbtlens.testdata.internal.project.Seed;
import dev.dbtlens.testdata.internal.project.Snapshot;
import dev.dbtlens.testdata.internal.project.SourceTable;
import dev.dbtlens.testdata.internal.project.SqlTemplates;
import dev.dbtlens.testdata.internal.project.Vocabulary;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes catalog.json (v1) as Snowflake reports it: upper-case names, table statistics for tables, none for views.
 * Only relations that exist are listed: ephemeral models and never-built models are absent.
 */
public final class CatalogWriter {
    static final String SCHEMA = "https://schemas.getdbt.com/dbt/catalog/v1.json";

    private final Project project;
    private final Timeline timeline;
    private final ProjectState state;

    public CatalogWriter(Project project, Timeline timeline, ProjectState state) {
        this.project = project;
        this.timeline = timeline;
        this.state = state;
    }

    public void write(Path file, int inv, long generatedAt) throws IOException {
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
            g.writeObjectFieldStart("nodes");
            for (Model m : project.models) {
                if (m.activeAt(inv) && !m.ephemeral() && state.lastBuilt[m.id] > 0) {
                    table(g, m, !"view".equals(m.materialized), modelColumns(m), inv,
                            m.layer == Model.Layer.DIMENSION || m.layer == Model.Layer.FACT ? m.description : null);
                }
            }
            for (Seed s : project.seeds) {
                if (state.lastBuilt[s.id] > 0) {
                    table(g, s, true, s.columns, inv, null);
                }
            }
            for (Snapshot s : project.snapshots) {
                if (state.lastBuilt[s.id] > 0) {
                    table(g, s, true, s.columns, inv, null);
                }
            }
            g.writeEndObject();
            g.writeObjectFieldStart("sources");
            for (SourceTable s : project.sources) {
                table(g, s, true, s.columns, inv, null);
            }
            g.writeEndObject();
            g.writeNullField("errors");
            g.writeEndObject();
        }
    }

    /** The physical columns: the model's columns, plus what its SQL adds (load timestamp, the fixed column). */
    private List<Column> modelColumns(Model m) {
        if (m.layer == Model.Layer.STAGING || m.layer == Model.Layer.PACKAGE) {
            return m.columns;
        }
        List<Column> out = new ArrayList<>(m.columns);
        if (state.breaking(m) && state.revision(m) >= 2 && state.lastBuilt[m.id] >= timeline.startMicros(Timeline.FIX_AT)) {
            out.add(new Column("discount_amount", Vocabulary.MONEY, null));
        }
        out.add(new Column("_loaded_at", Vocabulary.TIMESTAMP, null));
        return out;
    }

    private void table(JsonGenerator g, Resource r, boolean isTable, List<Column> columns, int inv, String comment)
            throws IOException {
        g.writeObjectFieldStart(r.uniqueId);
        g.writeObjectFieldStart("metadata");
        g.writeStringField("type", isTable ? "BASE TABLE" : "VIEW");
        g.writeStringField("schema", upper(SqlTemplates.schemaOf(r)));
        g.writeStringField("name", upper(SqlTemplates.aliasOf(r)));
        g.writeStringField("database", upper(SqlTemplates.databaseOf(r)));
        Json.stringOrNull(g, "comment", comment);
        g.writeStringField("owner", r instanceof SourceTable s ? upper(s.system.loader()) + "_LOADER" : "TRANSFORMER");
        g.writeEndObject();
        g.writeObjectFieldStart("columns");
        int index = 1;
        for (Column c : columns) {
            String name = upper(c.name());
            g.writeObjectFieldStart(name);
            g.writeStringField("type", c.type().catalog());
            g.writeNumberField("index", index++);
            g.writeStringField("name", name);
            Json.stringOrNull(g, "comment", comment != null ? c.description() : null);
            g.writeEndObject();
        }
        g.writeEndObject();
        stats(g, r, isTable, columns.size(), inv);
        g.writeStringField("unique_id", r.uniqueId);
        g.writeEndObject();
    }

    private void stats(JsonGenerator g, Resource r, boolean isTable, int columns, int inv) throws IOException {
        g.writeObjectFieldStart("stats");
        if (isTable) {
            long rows = rows(r, inv);
            long bytes = Math.max(1024, rows * columns * (6 + Math.floorMod(r.seed, 20)));
            stat(g, "bytes", "Approximate Size", bytes, "Approximate size of the table as reported by Snowflake");
            stat(g, "row_count", "Row Count", rows, "An approximate count of rows in this table");
            long modified = r instanceof SourceTable ? timeline.startMicros(inv) - 600_000_000L : state.lastBuilt[r.id];
            g.writeObjectFieldStart("last_modified");
            g.writeStringField("id", "last_modified");
            g.writeStringField("label", "Last Modified");
            g.writeStringField("value", DbtTimes.catalogMinute(modified));
            g.writeBooleanField("include", true);
            g.writeStringField("description", "The timestamp for last update/change");
            g.writeEndObject();
        }
        g.writeObjectFieldStart("has_stats");
        g.writeStringField("id", "has_stats");
        g.writeStringField("label", "Has Stats?");
        g.writeBooleanField("value", isTable);
        g.writeBooleanField("include", false);
        g.writeStringField("description", "Indicates whether there are statistics for this table");
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void stat(JsonGenerator g, String id, String label, long value, String description)
            throws IOException {
        g.writeObjectFieldStart(id);
        g.writeStringField("id", id);
        g.writeStringField("label", label);
        g.writeNumberField("value", value);
        g.writeBooleanField("include", true);
        g.writeStringField("description", description);
        g.writeEndObject();
    }

    /** Stable per table, growing about 1% per invocation for facts, sources and incremental models. */
    static long rows(Resource r, int inv) {
        if (r instanceof Seed s) {
            return s.rows;
        }
        SplittableRandom rnd = new SplittableRandom(r.seed ^ 0x0C47A1L);
        double exponent = r instanceof Model m && m.layer == Model.Layer.DIMENSION ? 2 + 3.5 * rnd.nextDouble()
                : 3 + 4.5 * rnd.nextDouble();
        double base = Math.pow(10, exponent);
        boolean growing = r instanceof SourceTable || r instanceof Snapshot
                || (r instanceof Model m && (m.layer == Model.Layer.FACT || m.incremental()));
        return (long) (growing ? base * (1 + 0.01 * (inv - 1)) : base);
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
