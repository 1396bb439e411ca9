/**
 * Column-level lineage from compiled SQL: preparing dbt's compiled code for the parser
 * (JSqlParser), resolving each output column to the parent columns it comes from (through CTEs,
 * subqueries, joins, unions, stars), mapping relation names back to dbt nodes, and storing the
 * result per content at ingest ({@code v3-columns.sql}). <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.store}, {@code internal.dbt} and the public value types of {@code
 * dev.dbtlens}. Nothing else in core uses it except {@link dev.dbtlens.DbtLens}.
 */
package dev.dbtlens.internal.columns;
