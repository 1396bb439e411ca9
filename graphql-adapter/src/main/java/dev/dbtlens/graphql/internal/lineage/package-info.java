/**
 * {@code lineage(filter)}: dbt selection on core's in-memory graph, the {@code LineageNode} types and
 * their interfaces. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.node}, {@code internal.run}, {@code internal.environment}, {@code
 * internal.execution}, {@code internal.scalars}. Knows nothing of node types' wiring or job-level types.
 */
package dev.dbtlens.graphql.internal.lineage;
