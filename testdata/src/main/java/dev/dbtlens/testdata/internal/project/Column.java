package dev.dbtlens.testdata.internal.project;

/** A declared column of a model, seed, snapshot or source. */
public record Column(String name, Vocabulary.ColumnType type, String description) {
}
