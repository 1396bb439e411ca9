package dev.dbtlens.testdata;

/** A declared column of a model, seed, snapshot or source. */
record Column(String name, Vocabulary.ColumnType type, String description) {
}
