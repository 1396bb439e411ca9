package dev.dbtlens.testdata.internal.project;

import java.util.List;

/** One table of a dbt source group. */
public final class SourceTable extends Resource {
    public final Vocabulary.SourceSystem system;
    /** The source group name as written in yml, e.g. {@code shopify_eu}. */
    public final String sourceName;
    final Vocabulary.Entity entity;
    public final List<Column> columns;
    public final List<Column> declaredColumns;
    /** Staleness profile for freshness checks: 0 = healthy, 1 = lagging (warns), 2 = broken loader (errors). */
    public int stalenessProfile;
    /** When true, the configured loaded_at_field does not exist in the table: freshness gives a runtime error. */
    public final boolean misconfigured;

    SourceTable(Vocabulary.SourceSystem system, String sourceName, Vocabulary.Entity entity, long seed,
                List<Column> columns, List<Column> declaredColumns, int stalenessProfile, boolean misconfigured) {
        super(Kind.SOURCE, ProjectBuilder.ROOT, entity.plural(),
                "source." + ProjectBuilder.ROOT + "." + sourceName + "." + entity.plural(), seed);
        this.system = system;
        this.sourceName = sourceName;
        this.entity = entity;
        this.columns = columns;
        this.declaredColumns = declaredColumns;
        this.stalenessProfile = stalenessProfile;
        this.misconfigured = misconfigured;
    }

    public String identifier() {
        return name;
    }

    public String ymlPath() {
        return "models/staging/" + sourceName + "/_" + sourceName + "__sources.yml";
    }

    public boolean freshnessChecked() {
        return system.freshness().checked();
    }

    public String loadedAtField() {
        if (system.loadedAtField() == null) {
            return null;
        }
        return misconfigured ? "_loaded_at" : system.loadedAtField();
    }
}
