package dev.dbtlens.testdata.internal.write;

import dev.dbtlens.testdata.internal.history.DbtTimes;
import dev.dbtlens.testdata.internal.history.Outcome;
import dev.dbtlens.testdata.internal.history.ProjectState;
import dev.dbtlens.testdata.internal.history.Timeline;
import dev.dbtlens.testdata.internal.project.DataTest;
import dev.dbtlens.testdata.internal.project.Exposure;
import dev.dbtlens.testdata.internal.project.Group;
import dev.dbtlens.testdata.internal.project.Hashing;
import dev.dbtlens.testdata.internal.project.Macro;
import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.Project;
import dev.dbtlens.testdata.internal.project.ProjectBuilder;
import dev.dbtlens.testdata.internal.project.Resource;
import dev.dbtlens.testdata.internal.project.Seed;
import dev.dbtlens.testdata.internal.project.Snapshot;
import dev.dbtlens.testdata.internal.project.SourceTable;
import dev.dbtlens.testdata.internal.project.UnitTest;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dbtlens.testdata.internal.history.Timeline.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes manifest.json (v12, dbt 1.10.13) for one invocation, streaming node by node. */
public final class ManifestWriter {
    static final String SCHEMA = "https://schemas.getdbt.com/dbt/manifest/v12.json";
    static final String DBT_VERSION = "1.10.13";
    static final String ORDER_STATUS_TEXT = "Lifecycle status of an order:\n\n"
            + "- `placed`: submitted by the customer, nothing shipped yet\n"
            + "- `shipped`: handed over to the carrier\n"
            + "- `completed`: delivered to the customer\n"
            + "- `returned`: sent back and received at a warehouse";

    private final Project project;
    private final Timeline timeline;
    private final ProjectState state;

    public ManifestWriter(Project project, Timeline timeline, ProjectState state) {
        this.project = project;
        this.timeline = timeline;
        this.state = state;
    }

    /**
     * @param compiled which resources dbt compiled in this invocation (by resource id); the rest are written
     *                 without compiled_code, as dbt does.
     */
    public void write(Path file, int inv, long generatedAt, boolean[] compiled) throws IOException {
        try (JsonGenerator g = Json.open(file)) {
            ModelNodeWriter nodes = new ModelNodeWriter(g, state);
            TestNodeWriter tests = new TestNodeWriter(g, state);
            SourceNodeWriter sources = new SourceNodeWriter(g, state);
            g.writeStartObject();
            metadata(g, inv, generatedAt);
            g.writeObjectFieldStart("nodes");
            for (Model m : project.models) {
                if (m.activeAt(inv)) {
                    nodes.model(m, compiled[m.id]);
                }
            }
            for (Seed s : project.seeds) {
                nodes.seed(s);
            }
            for (Snapshot s : project.snapshots) {
                nodes.snapshot(s, compiled[s.id]);
            }
            for (DataTest t : project.tests) {
                if (t.activeAt(inv)) {
                    tests.test(t, compiled[t.id]);
                }
            }
            g.writeEndObject();
            g.writeObjectFieldStart("sources");
            for (SourceTable s : project.sources) {
                sources.source(s);
            }
            g.writeEndObject();
            macros(g);
            docs(g);
            g.writeObjectFieldStart("exposures");
            for (Exposure e : project.exposures) {
                sources.exposure(e);
            }
            g.writeEndObject();
            Json.emptyObject(g, "metrics");
            groups(g);
            Json.emptyObject(g, "selectors");
            Json.emptyObject(g, "disabled");
            parentMap(g, inv);
            childMap(g, inv);
            groupMap(g, inv);
            Json.emptyObject(g, "saved_queries");
            Json.emptyObject(g, "semantic_models");
            g.writeObjectFieldStart("unit_tests");
            for (UnitTest u : project.unitTests) {
                if (u.activeAt(inv)) {
                    tests.unitTest(u);
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private void metadata(JsonGenerator g, int inv, long generatedAt) throws IOException {
        g.writeObjectFieldStart("metadata");
        g.writeStringField("dbt_schema_version", SCHEMA);
        g.writeStringField("dbt_version", DBT_VERSION);
        g.writeStringField("generated_at", DbtTimes.zulu(generatedAt));
        g.writeStringField("invocation_id", timeline.invocationId(inv).toString());
        g.writeStringField("invocation_started_at", DbtTimes.offset(timeline.startMicros(inv)));
        Json.emptyObject(g, "env");
        g.writeStringField("project_name", ProjectBuilder.ROOT);
        g.writeStringField("project_id", Hashing.md5(ProjectBuilder.ROOT));
        g.writeStringField("user_id", Hashing.uuid(timeline.seed, 0x05E2, 0).toString());
        g.writeBooleanField("send_anonymous_usage_stats", false);
        g.writeStringField("adapter_type", "snowflake");
        g.writeObjectFieldStart("quoting");
        g.writeBooleanField("database", false);
        g.writeBooleanField("schema", false);
        g.writeBooleanField("identifier", false);
        g.writeNullField("column");
        g.writeEndObject();
        g.writeEndObject();
    }

    private void macros(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("macros");
        long parsedAt = timeline.startMicros(1) + 120_000;
        int i = 0;
        for (Macro m : project.macros) {
            g.writeObjectFieldStart(m.uniqueId());
            g.writeStringField("name", m.name());
            g.writeStringField("resource_type", "macro");
            g.writeStringField("package_name", m.packageName());
            g.writeStringField("path", m.path());
            g.writeStringField("original_file_path", m.path());
            g.writeStringField("unique_id", m.uniqueId());
            g.writeStringField("macro_sql", m.sql());
            g.writeObjectFieldStart("depends_on");
            Json.strings(g, "macros", m.dependsOn());
            g.writeEndObject();
            g.writeStringField("description", m.description());
            Json.emptyObject(g, "meta");
            g.writeObjectFieldStart("docs");
            g.writeBooleanField("show", true);
            g.writeNullField("node_color");
            g.writeEndObject();
            g.writeNullField("patch_path");
            Json.emptyArray(g, "arguments");
            Json.epochSeconds(g, "created_at", parsedAt + 53L * i++);
            if (m.name().startsWith("materialization_")) {
                Json.strings(g, "supported_languages", List.of("sql"));
            } else {
                g.writeNullField("supported_languages");
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void docs(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("docs");
        doc(g, "dbt", "__overview__", "overview.md", "docs/overview.md",
                "### Welcome!\n\nThis is the auto-generated documentation of the project. Use the Project and"
                        + " Database tabs to browse models, and the lineage graph to explore dependencies.");
        doc(g, ProjectBuilder.ROOT, "order_status", "marts/finance/_docs.md", "models/marts/finance/_docs.md",
                ORDER_STATUS_TEXT);
        g.writeEndObject();
    }

    private static void doc(JsonGenerator g, String pkg, String name, String path, String original, String text)
            throws IOException {
        String id = "doc." + pkg + "." + name;
        g.writeObjectFieldStart(id);
        g.writeStringField("name", name);
        g.writeStringField("resource_type", "doc");
        g.writeStringField("package_name", pkg);
        g.writeStringField("path", path);
        g.writeStringField("original_file_path", original);
        g.writeStringField("unique_id", id);
        g.writeStringField("block_contents", text);
        g.writeEndObject();
    }

    private void groups(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("groups");
        for (Group grp : project.groups) {
            g.writeObjectFieldStart(grp.uniqueId());
            g.writeStringField("name", grp.name());
            g.writeStringField("resource_type", "group");
            g.writeStringField("package_name", ProjectBuilder.ROOT);
            g.writeStringField("path", "_groups.yml");
            g.writeStringField("original_file_path", "models/_groups.yml");
            g.writeStringField("unique_id", grp.uniqueId());
            g.writeObjectFieldStart("owner");
            g.writeStringField("email", grp.ownerEmail());
            g.writeStringField("name", grp.ownerName());
            g.writeEndObject();
            g.writeStringField("description", grp.description());
            g.writeObjectFieldStart("config");
            Json.emptyObject(g, "meta");
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void parentMap(JsonGenerator g, int inv) throws IOException {
        g.writeObjectFieldStart("parent_map");
        for (Resource r : project.all()) {
            if (r.activeAt(inv)) {
                sortedIds(g, r.uniqueId, r.parents, inv);
            }
        }
        g.writeEndObject();
    }

    private void childMap(JsonGenerator g, int inv) throws IOException {
        g.writeObjectFieldStart("child_map");
        for (Resource r : project.all()) {
            if (r.activeAt(inv)) {
                sortedIds(g, r.uniqueId, r.children, inv);
            }
        }
        g.writeEndObject();
    }

    private static void sortedIds(JsonGenerator g, String key, Resource[] related, int inv) throws IOException {
        Resource[] active = Arrays.stream(related).filter(x -> x.activeAt(inv))
                .sorted(Comparator.comparing(x -> x.uniqueId)).toArray(Resource[]::new);
        g.writeArrayFieldStart(key);
        for (Resource x : active) {
            g.writeString(x.uniqueId);
        }
        g.writeEndArray();
    }

    /** Group name to member nodes, in node order; tests inherit the group of the model they test. */
    private void groupMap(JsonGenerator g, int inv) throws IOException {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Group grp : project.groups) {
            members.put(grp.name(), new ArrayList<>());
        }
        for (Model m : project.models) {
            if (m.group != null && m.activeAt(inv)) {
                members.get(m.group).add(m.uniqueId);
            }
        }
        for (DataTest t : project.tests) {
            Model m = t.attachedModel();
            if (m != null && m.group != null && t.activeAt(inv)) {
                members.get(m.group).add(t.uniqueId);
            }
        }
        g.writeObjectFieldStart("group_map");
        for (Map.Entry<String, List<String>> e : members.entrySet()) {
            Json.strings(g, e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Which resources carry compiled_code in the manifest of an invocation running {@code command}. */
    public static boolean[] compiledSet(Project project, Command command, int inv, List<Outcome> outcomes) {
        boolean[] compiled = new boolean[project.all().size()];
        for (Outcome o : outcomes) {
            if (!o.skipped() && !(o.resource() instanceof Seed)) {
                compiled[o.resource().id] = true;
            }
        }
        if (command == Command.BUILD || command == Command.RUN) {
            for (Model m : project.models) {
                if (m.ephemeral() && m.activeAt(inv)) {
                    compiled[m.id] = true;
                }
            }
        }
        return compiled;
    }
}
