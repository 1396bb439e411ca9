package dev.dbtlens;

/**
 * One column in a column lineage answer (the Discovery API's column lineage node).
 *
 * @param column the column
 * @param depth edges from the column asked about (0 for it)
 * @param relationship {@code root}, {@code parent} (upstream) or {@code child} (downstream)
 * @param transformationType how the column is computed from its parents (null for columns of
 *     nodes without SQL, such as sources and seeds)
 * @param expression the SQL expression computing it, or null
 * @param description its own description, or the one inherited through passthrough/renamed edges
 * @param descriptionOriginColumnName the column the description comes from (null when none)
 * @param descriptionOriginResourceUniqueId the node the description comes from (null when none)
 * @param isError whether its lineage could not be (fully) resolved
 * @param error what went wrong, or null
 * @param errorCategory parse_error, unsupported_statement, unknown_relation, ambiguous_column,
 *     unknown_column, or null
 * @param isPrimaryKey whether the column is (part of) its node's primary key by the manifest: both a
 *     {@code unique} and a {@code not_null} test on it, a {@code primary_key} constraint or test
 *     naming it, or a model's {@code unique_key}/{@code primary_key} config naming it
 *     (docs/column-lineage.md, the {@code column_primary_keys} view); null for columns of relations
 *     no node describes, and when that view is missing (a database opened read-only whose views
 *     predate it)
 */
public record ColumnLineageNode(ColumnRef column, int depth, String relationship, String transformationType,
    String expression, String description, String descriptionOriginColumnName,
    String descriptionOriginResourceUniqueId, boolean isError, String error, String errorCategory,
    Boolean isPrimaryKey) {}
