package dev.dbtlens.testdata.internal.write;

import dev.dbtlens.testdata.internal.history.ProjectState;
import dev.dbtlens.testdata.internal.project.Column;
import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.Resource;
import dev.dbtlens.testdata.internal.project.SourceTable;
import dev.dbtlens.testdata.internal.project.SqlTemplates;
import dev.dbtlens.testdata.internal.project.Vocabulary;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared pieces of manifest node JSON (dbt 1.10 field order). Subclasses write one node at a time, so memory
 * does not grow with the project.
 */
abstract class NodeJson {
    static final String PROJECT_DIR = "/opt/dbt/shop";
    static final String ORDER_STATUS_DOC = "doc.shop.order_status";

    final JsonGenerator g;
    final ProjectState state;

    NodeJson(JsonGenerator g, ProjectState state) {
        this.g = g;
        this.state = state;
    }

    static List<String> fqn(Model m) {
        List<String> out = new ArrayList<>();
        out.add(m.packageName);
        out.addAll(m.folders);
        out.add(m.name);
        if (m.version != null) {
            out.add("v" + m.version);
        }
        return out;
    }

    static void freshness(JsonGenerator g, String field, Vocabulary.Freshness f) throws IOException {
        g.writeObjectFieldStart(field);
        time(g, "warn_after", f.warnCount(), f.warnPeriod());
        time(g, "error_after", f.errorCount(), f.errorPeriod());
        Json.stringOrNull(g, "filter", f.filter());
        g.writeEndObject();
    }

    private static void time(JsonGenerator g, String field, Integer count, String period) throws IOException {
        g.writeObjectFieldStart(field);
        if (count == null) {
            g.writeNullField("count");
        } else {
            g.writeNumberField("count", count);
        }
        Json.stringOrNull(g, "period", period);
        g.writeEndObject();
    }

    // ---------------------------------------------------------------- shared pieces

    final void identity(Resource r, String path, String originalFilePath, List<String> fqn, String alias)
            throws IOException {
        g.writeStringField("database", SqlTemplates.databaseOf(r));
        g.writeStringField("schema", SqlTemplates.schemaOf(r));
        g.writeStringField("name", r.name);
        g.writeStringField("resource_type", r.kind.type);
        g.writeStringField("package_name", r.packageName);
        g.writeStringField("path", path);
        g.writeStringField("original_file_path", originalFilePath);
        g.writeStringField("unique_id", r.uniqueId);
        Json.strings(g, "fqn", fqn);
        g.writeStringField("alias", alias);
    }

    final void checksum(String name, String value) throws IOException {
        g.writeObjectFieldStart("checksum");
        g.writeStringField("name", name);
        g.writeStringField("checksum", value);
        g.writeEndObject();
    }

    final void baseConfig(String schema, List<String> tags, String group, String materialized, Model metaOf)
            throws IOException {
        g.writeBooleanField("enabled", true);
        g.writeNullField("alias");
        g.writeStringField("schema", schema);
        g.writeNullField("database");
        Json.strings(g, "tags", tags);
        g.writeObjectFieldStart("meta");
        if (metaOf != null) {
            metaEntries(metaOf);
        }
        g.writeEndObject();
        Json.stringOrNull(g, "group", group);
        g.writeStringField("materialized", materialized);
    }

    /** The NodeConfig fields after {@code materialized}, for seeds and snapshots. */
    final void nodeConfigTail(String uniqueKey) throws IOException {
        g.writeNullField("incremental_strategy");
        g.writeNullField("batch_size");
        g.writeNumberField("lookback", 1);
        g.writeNullField("begin");
        Json.emptyObject(g, "persist_docs");
        Json.emptyArray(g, "post-hook");
        Json.emptyArray(g, "pre-hook");
        Json.emptyObject(g, "quoting");
        Json.emptyObject(g, "column_types");
        g.writeNullField("full_refresh");
        Json.stringOrNull(g, "unique_key", uniqueKey);
        g.writeStringField("on_schema_change", "ignore");
        g.writeStringField("on_configuration_change", "apply");
        Json.emptyObject(g, "grants");
        Json.emptyArray(g, "packages");
        docs();
        g.writeObjectFieldStart("contract");
        g.writeBooleanField("enforced", false);
        g.writeBooleanField("alias_types", true);
        g.writeEndObject();
        g.writeNullField("event_time");
        g.writeNullField("concurrent_batches");
    }

    final void docs() throws IOException {
        g.writeObjectFieldStart("docs");
        g.writeBooleanField("show", true);
        g.writeNullField("node_color");
        g.writeEndObject();
    }

    final void columns(List<Column> columns, boolean contract) throws IOException {
        g.writeObjectFieldStart("columns");
        boolean first = true;
        for (Column c : columns) {
            g.writeObjectFieldStart(c.name());
            g.writeStringField("name", c.name());
            boolean docBlock = contract && c.name().equals("status");
            g.writeStringField("description", docBlock ? ManifestWriter.ORDER_STATUS_TEXT : c.description());
            Json.emptyObject(g, "meta");
            g.writeStringField("data_type", c.type().declared());
            g.writeArrayFieldStart("constraints");
            if (contract && first) {
                constraint("not_null", null);
            }
            g.writeEndArray();
            g.writeNullField("quote");
            g.writeObjectFieldStart("config");
            Json.emptyObject(g, "meta");
            Json.emptyArray(g, "tags");
            g.writeEndObject();
            Json.emptyArray(g, "tags");
            g.writeNullField("granularity");
            Json.strings(g, "doc_blocks", docBlock ? List.of(ORDER_STATUS_DOC) : List.of());
            g.writeEndObject();
            first = false;
        }
        g.writeEndObject();
    }

    final void constraint(String type, List<String> columns) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
        g.writeNullField("name");
        g.writeNullField("expression");
        g.writeBooleanField("warn_unenforced", true);
        g.writeBooleanField("warn_unsupported", true);
        g.writeNullField("to");
        Json.emptyArray(g, "to_columns");
        if (columns != null) {
            Json.strings(g, "columns", columns);
        }
        g.writeEndObject();
    }

    final void refs(Model child, Resource[] parents) throws IOException {
        g.writeArrayFieldStart("refs");
        for (Resource p : parents) {
            if (p instanceof SourceTable) {
                continue;
            }
            g.writeStartObject();
            g.writeStringField("name", p.name);
            boolean crossPackage = child != null && !p.packageName.equals(child.packageName);
            Json.stringOrNull(g, "package", crossPackage ? p.packageName : null);
            Model pinned = child != null ? child.pinnedParent : null;
            if (p == pinned || (child == null && p instanceof Model pm && pm.version != null)) {
                g.writeNumberField("version", ((Model) p).version);
            } else {
                g.writeNullField("version");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    final void sources(Resource[] parents) throws IOException {
        g.writeArrayFieldStart("sources");
        for (Resource p : parents) {
            if (p instanceof SourceTable s) {
                g.writeStartArray();
                g.writeString(s.sourceName);
                g.writeString(s.name);
                g.writeEndArray();
            }
        }
        g.writeEndArray();
    }

    final void dependsOn(List<String> macros, Resource[] parents) throws IOException {
        g.writeObjectFieldStart("depends_on");
        Json.strings(g, "macros", macros);
        g.writeArrayFieldStart("nodes");
        for (Resource p : parents) {
            g.writeString(p.uniqueId);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    final void compiledFields(boolean compiled, String packageName, String path, Model model, String code)
            throws IOException {
        if (!compiled) {
            g.writeNullField("compiled_path");
            return;
        }
        g.writeStringField("compiled_path", "target/compiled/" + packageName + "/" + path);
        g.writeBooleanField("compiled", true);
        g.writeStringField("compiled_code", code);
        g.writeBooleanField("extra_ctes_injected", true);
        g.writeArrayFieldStart("extra_ctes");
        Model eph = model != null && model.layer != Model.Layer.STAGING && model.layer != Model.Layer.PACKAGE
                ? SqlTemplates.ephemeralParent(model) : null;
        if (eph != null) {
            g.writeStartObject();
            g.writeStringField("id", eph.uniqueId);
            g.writeStringField("sql", " " + SqlTemplates.ephemeralCte(eph));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    final void contract(boolean enforced, String checksum) throws IOException {
        g.writeObjectFieldStart("contract");
        g.writeBooleanField("enforced", enforced);
        g.writeBooleanField("alias_types", true);
        Json.stringOrNull(g, "checksum", checksum);
        g.writeEndObject();
    }

    final void versionField(String field, Integer value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeNumberField(field, value);
        }
    }

    /** A model's meta: the owner (and tier for marts); dbt writes it both in config.meta and in meta. */
    final void metaEntries(Model m) throws IOException {
        switch (m.layer) {
            case PACKAGE -> {
                return;
            }
            case STAGING -> g.writeStringField("owner", "data-platform@shop.example");
            default -> g.writeStringField("owner", Vocabulary.ownerOf(m.domain).email());
        }
        if (m.layer == Model.Layer.DIMENSION || m.layer == Model.Layer.FACT) {
            g.writeStringField("tier", m.contractEnforced || m.version != null ? "gold" : "silver");
        }
    }
}
