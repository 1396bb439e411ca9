/**
 * The node types of an environment's applied and definition states: the node connections and their
 * filter inputs, the fields of every type served by a node row (and the interfaces that resolve a
 * row to its type), the structured fields read from a node's JSON, execution info, source
 * freshness, catalog ids and macros. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.node}, {@code internal.run}, {@code internal.environment}, {@code
 * internal.execution}, {@code internal.scalars}. Knows nothing of lineage or job-level types.
 */
package dev.dbtlens.graphql.internal.nodetype;
