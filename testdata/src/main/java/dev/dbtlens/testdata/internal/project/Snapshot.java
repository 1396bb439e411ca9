package dev.dbtlens.testdata;

import java.util.List;

/** A YAML-defined snapshot of one source table (timestamp or check strategy). */
final class Snapshot extends Resource {
    final SourceTable source;
    final String strategy;
    final List<Column> columns;

    Snapshot(String name, long seed, SourceTable source, String strategy, List<Column> columns) {
        super(Kind.SNAPSHOT, ProjectBuilder.ROOT, name, "snapshot." + ProjectBuilder.ROOT + "." + name, seed);
        this.source = source;
        this.strategy = strategy;
        this.columns = columns;
        this.parents = new Resource[] {source};
    }

    String uniqueKey() {
        return source.entity.pk();
    }
}
