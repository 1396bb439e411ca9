package dev.dbtlens.testdata.internal.write;

import dev.dbtlens.testdata.internal.history.ProjectState;
import dev.dbtlens.testdata.internal.project.Exposure;
import dev.dbtlens.testdata.internal.project.SourceTable;
import dev.dbtlens.testdata.internal.project.SqlTemplates;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** Writes source and exposure entries of a manifest. */
final class SourceNodeWriter extends NodeJson {

    SourceNodeWriter(JsonGenerator g, ProjectState state) {
        super(g, state);
    }

    // ---------------------------------------------------------------- sources, exposures, unit tests

    void source(SourceTable s) throws IOException {
        g.writeObjectFieldStart(s.uniqueId);
        g.writeStringField("database", SqlTemplates.RAW_DATABASE);
        g.writeStringField("schema", s.sourceName);
        g.writeStringField("name", s.name);
        g.writeStringField("resource_type", "source");
        g.writeStringField("package_name", s.packageName);
        g.writeStringField("path", s.ymlPath());
        g.writeStringField("original_file_path", s.ymlPath());
        g.writeStringField("unique_id", s.uniqueId);
        Json.strings(g, "fqn", List.of(s.packageName, "staging", s.sourceName, s.name));
        g.writeStringField("source_name", s.sourceName);
        g.writeStringField("source_description", s.system.description());
        g.writeStringField("loader", s.system.loader());
        g.writeStringField("identifier", s.identifier());
        g.writeObjectFieldStart("quoting");
        for (String f : List.of("database", "schema", "identifier", "column")) {
            g.writeNullField(f);
        }
        g.writeEndObject();
        Json.stringOrNull(g, "loaded_at_field", s.loadedAtField());
        g.writeNullField("loaded_at_query");
        freshness(g, "freshness", s.system.freshness());
        g.writeNullField("external");
        g.writeStringField("description", "Raw " + s.name.replace('_', ' ') + " as loaded by " + s.system.loader() + ".");
        columns(s.declaredColumns, false);
        Json.emptyObject(g, "meta");
        g.writeObjectFieldStart("source_meta");
        g.writeStringField("owner", "data-platform@shop.example");
        g.writeEndObject();
        Json.emptyArray(g, "tags");
        g.writeObjectFieldStart("config");
        g.writeBooleanField("enabled", true);
        g.writeNullField("event_time");
        freshness(g, "freshness", s.system.freshness());
        Json.stringOrNull(g, "loaded_at_field", s.loadedAtField());
        g.writeNullField("loaded_at_query");
        Json.emptyObject(g, "meta");
        Json.emptyArray(g, "tags");
        g.writeEndObject();
        g.writeNullField("patch_path");
        g.writeObjectFieldStart("unrendered_config");
        Json.stringOrNull(g, "loaded_at_field", s.loadedAtField());
        g.writeNullField("loaded_at_query");
        Json.emptyObject(g, "meta");
        Json.emptyArray(g, "tags");
        g.writeEndObject();
        g.writeStringField("relation_name", SqlTemplates.relationName(s));
        Json.epochSeconds(g, "created_at", state.definedAt[s.id]);
        g.writeNullField("unrendered_database");
        g.writeStringField("unrendered_schema", s.sourceName);
        Json.emptyArray(g, "doc_blocks");
        g.writeEndObject();
    }

    void exposure(Exposure e) throws IOException {
        g.writeObjectFieldStart(e.uniqueId);
        g.writeStringField("name", e.name);
        g.writeStringField("resource_type", "exposure");
        g.writeStringField("package_name", e.packageName);
        g.writeStringField("path", "marts/_exposures.yml");
        g.writeStringField("original_file_path", "models/marts/_exposures.yml");
        g.writeStringField("unique_id", e.uniqueId);
        Json.strings(g, "fqn", List.of(e.packageName, "marts", e.name));
        g.writeStringField("type", e.type);
        g.writeObjectFieldStart("owner");
        g.writeStringField("email", e.owner.email());
        g.writeStringField("name", e.owner.name());
        g.writeEndObject();
        g.writeStringField("description", e.description);
        g.writeStringField("label", e.label);
        g.writeStringField("maturity", e.maturity);
        Json.emptyObject(g, "meta");
        Json.emptyArray(g, "tags");
        g.writeObjectFieldStart("config");
        g.writeBooleanField("enabled", true);
        Json.emptyArray(g, "tags");
        Json.emptyObject(g, "meta");
        g.writeEndObject();
        Json.emptyObject(g, "unrendered_config");
        g.writeStringField("url", "https://bi.shop.example/" + e.type + "s/" + e.name.replace('_', '-'));
        dependsOn(List.of(), e.parents);
        refs(null, e.parents);
        sources(e.parents);
        Json.emptyArray(g, "metrics");
        Json.epochSeconds(g, "created_at", state.definedAt[e.id]);
        g.writeEndObject();
    }
}
