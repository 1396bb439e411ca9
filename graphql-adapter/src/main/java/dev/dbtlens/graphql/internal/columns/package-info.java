/**
 * {@code Query.column(environmentId) { lineage(nodeUniqueId, filters) }}: core's column lineage
 * ({@link dev.dbtlens.DbtLens#columnLineage}) shaped as the Discovery API's column lineage nodes
 * (account and project ids from {@code environment}, the run that last built each node); and the column
 * lineage fields of {@code CatalogColumn} (sources: {@code node}'s catalog columns), batched per
 * execution level by a DataLoader of its own.
 */
package dev.dbtlens.graphql.internal.columns;
