/**
 * {@code Query.column(environmentId) { lineage(nodeUniqueId, filters) }}: core's column lineage
 * ({@link dev.dbtlens.DbtLens#columnLineage}) shaped as the Discovery API's column lineage nodes.
 */
package dev.dbtlens.graphql.internal.columns;
