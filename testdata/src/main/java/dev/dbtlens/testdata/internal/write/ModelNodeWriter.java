package dev.dbtlens.testdata.internal.write;

import dev.dbtlens.testdata.internal.history.ProjectState;
import dev.dbtlens.testdata.internal.project.Column;
import dev.dbtlens.testdata.internal.project.DataTest;
import dev.dbtlens.testdata.internal.project.Hashing;
import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.ProjectBuilder;
import dev.dbtlens.testdata.internal.project.Seed;
import dev.dbtlens.testdata.internal.project.Snapshot;
import dev.dbtlens.testdata.internal.project.SqlTemplates;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** Writes model, seed and snapshot nodes of a manifest. */
final class ModelNodeWriter extends NodeJson {

    ModelNodeWriter(JsonGenerator g, ProjectState state) {
        super(g, state);
    }

    // ---------------------------------------------------------------- models

    void model(Model m, boolean compiled) throws IOException {
        String raw = state.raw(m);
        g.writeObjectFieldStart(m.uniqueId);
        identity(m, m.sqlPath(), "models/" + m.sqlPath(), fqn(m), m.alias());
        checksum("sha256", Hashing.sha256(raw));
        modelConfig(m);
        Json.strings(g, "tags", m.tags);
        g.writeStringField("description", m.description);
        columns(m.documented ? m.columns : List.of(), m.contractEnforced);
        meta(m);
        Json.stringOrNull(g, "group", m.group);
        docs();
        Json.stringOrNull(g, "patch_path", m.documented ? m.packageName + "://" + m.ymlPath() : null);
        g.writeNullField("build_path");
        unrenderedConfig(m);
        Json.epochSeconds(g, "created_at", state.definedAt[m.id]);
        Json.stringOrNull(g, "relation_name", m.ephemeral() ? null : SqlTemplates.relationName(m));
        g.writeStringField("raw_code", raw);
        Json.emptyArray(g, "doc_blocks");
        g.writeStringField("language", "sql");
        refs(m, m.parents);
        sources(m.parents);
        Json.emptyArray(g, "metrics");
        dependsOn(m.macros, m.parents);
        compiledFields(compiled, m.packageName, "models/" + m.sqlPath(), m, compiled ? state.compiled(m) : null);
        contract(m.contractEnforced, m.contractEnforced ? Hashing.sha256(contractSpec(m)) : null);
        g.writeStringField("access", m.access);
        g.writeArrayFieldStart("constraints");
        if (m.contractEnforced) {
            constraint("primary_key", List.of(m.pk()));
        }
        g.writeEndArray();
        versionField("version", m.version);
        versionField("latest_version", m.latestVersion);
        Json.stringOrNull(g, "deprecation_date",
                m.version != null && m.version < m.latestVersion ? "2026-06-30T00:00:00+00:00" : null);
        Json.strings(g, "primary_key", primaryKey(m));
        g.writeNullField("time_spine");
        g.writeEndObject();
    }

    private void modelConfig(Model m) throws IOException {
        g.writeObjectFieldStart("config");
        baseConfig(m.schemaSuffix(), m.tags, m.group, m.materialized, m);
        Json.stringOrNull(g, "incremental_strategy", m.incrementalStrategy);
        Json.stringOrNull(g, "batch_size", m.microbatch ? "day" : null);
        g.writeNumberField("lookback", 1);
        Json.stringOrNull(g, "begin", m.microbatch ? "2025-12-29T00:00:00" : null);
        g.writeObjectFieldStart("persist_docs");
        if (m.layer == Model.Layer.DIMENSION || m.layer == Model.Layer.FACT) {
            g.writeBooleanField("relation", true);
            g.writeBooleanField("columns", true);
        }
        g.writeEndObject();
        Json.emptyArray(g, "post-hook");
        Json.emptyArray(g, "pre-hook");
        Json.emptyObject(g, "quoting");
        Json.emptyObject(g, "column_types");
        g.writeNullField("full_refresh");
        Json.stringOrNull(g, "unique_key", "merge".equals(m.incrementalStrategy) ? m.pk() : null);
        g.writeStringField("on_schema_change", m.incremental() ? "append_new_columns" : "ignore");
        g.writeStringField("on_configuration_change", "apply");
        g.writeObjectFieldStart("grants");
        if (m.layer == Model.Layer.DIMENSION || m.layer == Model.Layer.FACT) {
            Json.strings(g, "select", List.of("reporter"));
        }
        g.writeEndObject();
        Json.emptyArray(g, "packages");
        docs();
        g.writeObjectFieldStart("contract");
        g.writeBooleanField("enforced", m.contractEnforced);
        g.writeBooleanField("alias_types", true);
        g.writeEndObject();
        Json.stringOrNull(g, "event_time", m.microbatch ? "created_at" : null);
        g.writeNullField("concurrent_batches");
        g.writeStringField("access", m.access);
        g.writeNullField("freshness");
        g.writeEndObject();
    }

    private void unrenderedConfig(Model m) throws IOException {
        g.writeObjectFieldStart("unrendered_config");
        g.writeStringField("schema", m.schemaSuffix());
        g.writeStringField("materialized", m.materialized);
        if (m.group != null) {
            g.writeStringField("group", m.group);
        }
        if (m.incremental()) {
            g.writeStringField(m.microbatch ? "incremental_strategy" : "unique_key",
                    m.microbatch ? "microbatch" : m.pk());
        }
        if (m.contractEnforced) {
            g.writeObjectFieldStart("contract");
            g.writeBooleanField("enforced", true);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void meta(Model m) throws IOException {
        g.writeObjectFieldStart("meta");
        metaEntries(m);
        g.writeEndObject();
    }

    private static List<String> primaryKey(Model m) {
        if (m.contractEnforced) {
            return List.of(m.pk());
        }
        boolean unique = false;
        boolean notNull = false;
        for (DataTest t : m.tests) {
            unique |= "unique".equals(t.testName) && m.pk().equals(t.columnName);
            notNull |= "not_null".equals(t.testName) && m.pk().equals(t.columnName);
        }
        return unique && notNull ? List.of(m.pk()) : List.of();
    }

    private static String contractSpec(Model m) {
        StringBuilder sb = new StringBuilder();
        for (Column c : m.columns) {
            sb.append(c.name()).append(':').append(c.type().declared()).append(';');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- seeds and snapshots

    void seed(Seed s) throws IOException {
        g.writeObjectFieldStart(s.uniqueId);
        identity(s, s.name + ".csv", "seeds/" + s.name + ".csv", List.of(s.packageName, s.name), s.name);
        checksum("sha256", Hashing.sha256(s.uniqueId + "|" + s.rows));
        g.writeObjectFieldStart("config");
        baseConfig("seeds", List.of(), null, "seed", null);
        nodeConfigTail(null);
        g.writeStringField("delimiter", ",");
        g.writeNullField("quote_columns");
        g.writeEndObject();
        Json.emptyArray(g, "tags");
        g.writeStringField("description", s.description);
        columns(s.columns, false);
        Json.emptyObject(g, "meta");
        g.writeNullField("group");
        docs();
        g.writeStringField("patch_path", s.packageName + "://seeds/_seeds.yml");
        g.writeNullField("build_path");
        g.writeObjectFieldStart("unrendered_config");
        g.writeStringField("schema", "seeds");
        g.writeEndObject();
        Json.epochSeconds(g, "created_at", state.definedAt[s.id]);
        g.writeStringField("relation_name", SqlTemplates.relationName(s));
        g.writeStringField("raw_code", "");
        Json.emptyArray(g, "doc_blocks");
        g.writeStringField("root_path", ProjectBuilder.ROOT.equals(s.packageName) ? PROJECT_DIR
                : PROJECT_DIR + "/dbt_packages/" + s.packageName);
        g.writeObjectFieldStart("depends_on");
        Json.emptyArray(g, "macros");
        g.writeEndObject();
        g.writeEndObject();
    }

    void snapshot(Snapshot s, boolean compiled) throws IOException {
        String raw = SqlTemplates.snapshotRaw(s);
        g.writeObjectFieldStart(s.uniqueId);
        identity(s, "_snapshots.yml", "snapshots/_snapshots.yml", List.of(s.packageName, "snapshots", s.name), s.name);
        checksum("sha256", Hashing.sha256(raw));
        g.writeObjectFieldStart("config");
        baseConfig("snapshots", List.of(), null, "snapshot", null);
        nodeConfigTail(s.uniqueKey());
        g.writeStringField("strategy", s.strategy);
        g.writeNullField("target_schema");
        g.writeNullField("target_database");
        Json.stringOrNull(g, "updated_at", "timestamp".equals(s.strategy) ? "updated_at" : null);
        Json.stringOrNull(g, "check_cols", "check".equals(s.strategy) ? "all" : null);
        g.writeObjectFieldStart("snapshot_meta_column_names");
        for (String f : List.of("dbt_valid_to", "dbt_valid_from", "dbt_scd_id", "dbt_updated_at", "dbt_is_deleted")) {
            g.writeNullField(f);
        }
        g.writeEndObject();
        g.writeNullField("dbt_valid_to_current");
        g.writeEndObject();
        Json.emptyArray(g, "tags");
        g.writeStringField("description", "Type-2 history of " + s.source.sourceName + "." + s.source.name + ".");
        Json.emptyObject(g, "columns");
        Json.emptyObject(g, "meta");
        g.writeNullField("group");
        docs();
        g.writeNullField("patch_path");
        g.writeNullField("build_path");
        g.writeObjectFieldStart("unrendered_config");
        g.writeStringField("schema", "snapshots");
        g.writeStringField("strategy", s.strategy);
        g.writeStringField("unique_key", s.uniqueKey());
        g.writeEndObject();
        Json.epochSeconds(g, "created_at", state.definedAt[s.id]);
        g.writeStringField("relation_name", SqlTemplates.relationName(s));
        g.writeStringField("raw_code", raw);
        Json.emptyArray(g, "doc_blocks");
        g.writeStringField("language", "sql");
        Json.emptyArray(g, "refs");
        sources(s.parents);
        Json.emptyArray(g, "metrics");
        dependsOn(List.of(), s.parents);
        compiledFields(compiled, s.packageName, "snapshots/_snapshots.yml/" + s.name + ".sql", null,
                compiled ? SqlTemplates.snapshotCompiled(s) : null);
        contract(false, null);
        g.writeEndObject();
    }
}
