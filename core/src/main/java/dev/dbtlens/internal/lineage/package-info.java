/**
 * One manifest's dependency graph: loading its nodes and edges from the store into int-indexed
 * adjacency arrays, lookup indexes for selection, and a read-only jgrapht view over the arrays for
 * jgrapht's algorithms. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.store}, {@code internal.dbt} and the public value types of {@code
 * dev.dbtlens}. Knows nothing of selection syntax or freshness.
 */
package dev.dbtlens.internal.lineage;
