package dev.dbtlens.testdata.internal.write;

import dev.dbtlens.testdata.internal.history.ProjectState;
import dev.dbtlens.testdata.internal.project.DataTest;
import dev.dbtlens.testdata.internal.project.Hashing;
import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.Resource;
import dev.dbtlens.testdata.internal.project.SourceTable;
import dev.dbtlens.testdata.internal.project.SqlTemplates;
import dev.dbtlens.testdata.internal.project.UnitTest;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes data test nodes and unit tests of a manifest. */
final class TestNodeWriter extends NodeJson {

    TestNodeWriter(JsonGenerator g, ProjectState state) {
        super(g, state);
    }

    // ---------------------------------------------------------------- tests

    void test(DataTest t, boolean compiled) throws IOException {
        g.writeObjectFieldStart(t.uniqueId);
        identity(t, t.path, t.originalFilePath, testFqn(t), t.alias);
        if (t.generic()) {
            checksum("none", "");
        } else {
            checksum("sha256", Hashing.sha256(t.rawSql));
        }
        String group = t.attachedModel() != null ? t.attachedModel().group : null;
        g.writeObjectFieldStart("config");
        g.writeBooleanField("enabled", true);
        Json.stringOrNull(g, "alias", t.alias.equals(t.name) ? null : t.alias);
        g.writeStringField("schema", "dbt_test__audit");
        g.writeNullField("database");
        Json.emptyArray(g, "tags");
        Json.emptyObject(g, "meta");
        Json.stringOrNull(g, "group", group);
        g.writeStringField("materialized", "test");
        g.writeStringField("severity", t.severity);
        g.writeNullField("store_failures");
        g.writeNullField("store_failures_as");
        g.writeNullField("where");
        g.writeNullField("limit");
        g.writeStringField("fail_calc", "count(*)");
        g.writeStringField("warn_if", "!= 0");
        g.writeStringField("error_if", "!= 0");
        g.writeEndObject();
        Json.emptyArray(g, "tags");
        g.writeStringField("description", "");
        Json.emptyObject(g, "columns");
        Json.emptyObject(g, "meta");
        Json.stringOrNull(g, "group", group);
        docs();
        g.writeNullField("patch_path");
        g.writeNullField("build_path");
        g.writeObjectFieldStart("unrendered_config");
        if (!t.alias.equals(t.name)) {
            g.writeStringField("alias", t.alias);
        }
        if (t.warnOnly()) {
            g.writeStringField("severity", "warn");
        }
        g.writeEndObject();
        Json.epochSeconds(g, "created_at", state.definedAt[t.id]);
        g.writeNullField("relation_name");
        g.writeStringField("raw_code", t.rawSql);
        Json.emptyArray(g, "doc_blocks");
        g.writeStringField("language", "sql");
        refs(null, t.parents);
        sources(t.parents);
        Json.emptyArray(g, "metrics");
        dependsOn(testMacros(t), t.parents);
        String compiledPath = t.generic() ? t.originalFilePath + "/" + t.path : t.originalFilePath;
        compiledFields(compiled, t.packageName, compiledPath, null, compiled ? SqlTemplates.testCompiled(t) : null);
        contract(false, null);
        if (t.generic()) {
            genericTestFields(t);
        }
        g.writeEndObject();
    }

    private void genericTestFields(DataTest t) throws IOException {
        g.writeStringField("column_name", t.columnName);
        String fileKey = t.target instanceof SourceTable s ? "sources." + s.sourceName : "models." + t.target.name;
        g.writeStringField("file_key_name", fileKey);
        Json.stringOrNull(g, "attached_node", t.attachedModel() != null ? t.attachedModel().uniqueId : null);
        g.writeObjectFieldStart("test_metadata");
        g.writeStringField("name", t.testName);
        g.writeObjectFieldStart("kwargs");
        if ("accepted_values".equals(t.testName)) {
            Json.strings(g, "values", t.acceptedValues);
        }
        if ("relationships".equals(t.testName)) {
            g.writeStringField("to", "ref('" + t.toModel.name + "')");
            g.writeStringField("field", t.toField);
        }
        g.writeStringField("column_name", t.columnName);
        String target = t.target instanceof SourceTable s
                ? "source('" + s.sourceName + "', '" + s.name + "')" : refExpr((Model) t.target);
        g.writeStringField("model", "{{ get_where_subquery(" + target + ") }}");
        g.writeEndObject();
        g.writeNullField("namespace");
        g.writeEndObject();
    }

    private static String refExpr(Model m) {
        return m.version == null ? "ref('" + m.name + "')" : "ref('" + m.name + "', version='" + m.version + "')";
    }

    private static List<String> testMacros(DataTest t) {
        if (!t.generic()) {
            return List.of();
        }
        return List.of("macro.dbt.test_" + t.testName, "macro.dbt.get_where_subquery");
    }

    private static List<String> testFqn(DataTest t) {
        List<String> out = new ArrayList<>();
        out.add(t.packageName);
        if (t.target instanceof Model m) {
            out.addAll(m.folders);
        } else if (t.target instanceof SourceTable s) {
            out.add("staging");
            out.add(s.sourceName);
        }
        out.add(t.name);
        return out;
    }

    void unitTest(UnitTest u) throws IOException {
        Model m = u.model;
        g.writeObjectFieldStart(u.uniqueId);
        g.writeStringField("model", m.name);
        g.writeArrayFieldStart("given");
        for (Resource p : m.parents) {
            g.writeStartObject();
            g.writeStringField("input", p instanceof SourceTable s
                    ? "source('" + s.sourceName + "', '" + s.name + "')" : "ref('" + p.name + "')");
            g.writeArrayFieldStart("rows");
            for (int row = 1; row <= 2; row++) {
                g.writeStartObject();
                g.writeNumberField(m.pk(), row);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("format", "dict");
            g.writeNullField("fixture");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("expect");
        g.writeArrayFieldStart("rows");
        for (int row = 1; row <= 2; row++) {
            g.writeStartObject();
            g.writeNumberField(m.pk(), row);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("format", "dict");
        g.writeNullField("fixture");
        g.writeEndObject();
        g.writeStringField("name", u.name);
        g.writeStringField("resource_type", "unit_test");
        g.writeStringField("package_name", u.packageName);
        String yml = m.ymlPath();
        g.writeStringField("path", yml.substring("models/".length()));
        g.writeStringField("original_file_path", yml);
        g.writeStringField("unique_id", u.uniqueId);
        List<String> fqn = new ArrayList<>(fqn(m));
        fqn.add(u.name);
        Json.strings(g, "fqn", fqn);
        g.writeStringField("description", u.description);
        g.writeNullField("overrides");
        dependsOn(List.of(), u.parents);
        g.writeObjectFieldStart("config");
        Json.emptyArray(g, "tags");
        Json.emptyObject(g, "meta");
        g.writeBooleanField("enabled", true);
        g.writeEndObject();
        g.writeStringField("checksum", Hashing.sha256(u.uniqueId + "|" + u.description));
        g.writeStringField("schema", SqlTemplates.schemaOf(m));
        Json.epochSeconds(g, "created_at", state.definedAt[u.id]);
        g.writeNullField("versions");
        g.writeNullField("version");
        g.writeEndObject();
    }
}
