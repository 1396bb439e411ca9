package dev.dbtlens.testdata;

import java.util.List;

/** A CSV seed. */
final class Seed extends Resource {
    final List<Column> columns;
    final long rows;
    final String description;

    Seed(String packageName, String name, long seed, List<Column> columns, long rows, String description) {
        super(Kind.SEED, packageName, name, "seed." + packageName + "." + name, seed);
        this.columns = columns;
        this.rows = rows;
        this.description = description;
    }
}
