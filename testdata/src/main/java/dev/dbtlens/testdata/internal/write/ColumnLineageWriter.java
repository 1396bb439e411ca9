package dev.dbtlens.testdata.internal.write;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.dbtlens.testdata.internal.history.ProjectState;
import dev.dbtlens.testdata.internal.project.Column;
import dev.dbtlens.testdata.internal.project.Model;
import dev.dbtlens.testdata.internal.project.Project;
import dev.dbtlens.testdata.internal.project.Resource;
import dev.dbtlens.testdata.internal.project.SourceTable;
import dev.dbtlens.testdata.internal.project.SqlTemplates;
import dev.dbtlens.testdata.internal.project.SqlTemplates.PlantedSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The planted column lineage of the last invocation's models (staging, intermediate, dimensions, facts; not the
 * package's three models, nor snapshots), as a JSON array of edges {@code {unique_id, column_name, column_index,
 * parent_unique_id, parent_column, transformation_type}}: one per (column, parent column), a column computed from no
 * column ({@code _loaded_at}) with null parents. Edges through the ephemeral model lead to its parents' columns, as
 * dbt inlines it. Written only with {@code Options.plantColumnLineage}.
 */
public final class ColumnLineageWriter {
    private final Project project;
    private final ProjectState state;
    private final Map<Model, List<Edge>> memo = new HashMap<>();

    /** One planted edge: a column of a model and the parent column it is computed from. */
    record Edge(String column, int index, Resource parent, String parentColumn, String type) {}

    public ColumnLineageWriter(Project project, ProjectState state) {
        this.project = project;
        this.state = state;
    }

    public void write(Path file, int lastInvocation) throws IOException {
        try (JsonGenerator g = Json.open(file)) {
            g.writeStartArray();
            for (Model m : project.models) {
                if (m.layer == Model.Layer.PACKAGE || !m.activeAt(lastInvocation)) {
                    continue;
                }
                for (Edge e : edges(m)) {
                    g.writeStartObject();
                    g.writeStringField("unique_id", m.uniqueId);
                    g.writeStringField("column_name", e.column());
                    g.writeNumberField("column_index", e.index());
                    if (e.parent() == null) {
                        g.writeNullField("parent_unique_id");
                        g.writeNullField("parent_column");
                    } else {
                        g.writeStringField("parent_unique_id", e.parent().uniqueId);
                        g.writeStringField("parent_column", e.parentColumn());
                    }
                    g.writeStringField("transformation_type", e.type());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        }
    }

    private List<Edge> edges(Model m) {
        List<Edge> cached = memo.get(m);
        if (cached != null) {
            return cached;
        }
        List<Edge> out = new ArrayList<>();
        if (m.layer == Model.Layer.STAGING) {
            SourceTable src = (SourceTable) m.parents[0];
            for (int i = 0; i < m.columns.size(); i++) {
                String c = m.columns.get(i).name();
                if (i == 0) {
                    out.add(new Edge(c, i, src, "id", "renamed"));
                } else if (c.equals("amount")) {
                    out.add(new Edge(c, i, src, "amount", "transformed"));
                } else if (c.equals("loaded_at")) {
                    out.add(new Edge(c, i, src, src.system.loadedAtField(), "renamed"));
                } else {
                    out.add(new Edge(c, i, src, c, "passthrough"));
                }
            }
        } else {
            List<Column> cols = m.columns;
            for (int i = 0; i < cols.size(); i++) {
                String c = cols.get(i).name();
                PlantedSource s = SqlTemplates.plantedSource(m, c, i);
                via(out, c, i, s.parent(), s.column(), s.transformed());
            }
            int index = cols.size();
            if (state.breaking(m) && state.revision(m) >= 2) {
                Resource first = m.parents[0];
                via(out, "discount_amount", index++, first, SqlTemplates.outputs(first).get(0), true);
            }
            out.add(new Edge("_loaded_at", index, null, null, "transformed"));
        }
        memo.put(m, out);
        return out;
    }

    /** Adds the edges of a column referencing {@code parent.column}, through the ephemeral model if it is one. */
    private void via(List<Edge> out, String column, int index, Resource parent, String parentColumn,
            boolean transformed) {
        if (parent instanceof Model p && p.ephemeral()) {
            for (Edge e : edges(p)) {
                if (e.column().equals(parentColumn)) {
                    String type = transformed || e.type().equals("transformed") ? "transformed"
                            : column.equals(e.parentColumn()) ? "passthrough" : "renamed";
                    out.add(new Edge(column, index, e.parent(), e.parentColumn(), type));
                }
            }
            return;
        }
        String type = transformed ? "transformed" : column.equals(parentColumn) ? "passthrough" : "renamed";
        out.add(new Edge(column, index, parent, parentColumn, type));
    }
}
