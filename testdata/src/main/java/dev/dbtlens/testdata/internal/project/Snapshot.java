package dev.dbtlens.testdata.internal.project;

import java.util.List;

/** A YAML-defined snapshot of one source table (timestamp or check strategy). */
public final class Snapshot extends Resource {
    public final SourceTable source;
    public final String strategy;
    public final List<Column> columns;

    Snapshot(String name, long seed, SourceTable source, String strategy, List<Column> columns) {
        super(Kind.SNAPSHOT, ProjectBuilder.ROOT, name, "snapshot." + ProjectBuilder.ROOT + "." + name, seed);
        this.source = source;
        this.strategy = strategy;
        this.columns = columns;
        this.parents = new Resource[] {source};
    }

    public String uniqueKey() {
        return source.entity.pk();
    }
}
