package dev.dbtlens.testdata.internal.project;

import java.util.List;

/** A CSV seed. */
public final class Seed extends Resource {
    public final List<Column> columns;
    public final long rows;
    public final String description;

    Seed(String packageName, String name, long seed, List<Column> columns, long rows, String description) {
        super(Kind.SEED, packageName, name, "seed." + packageName + "." + name, seed);
        this.columns = columns;
        this.rows = rows;
        this.description = description;
    }
}
