/**
 * One execution's state and its plumbing: the {@link dev.dbtlens.graphql.internal.execution.Request}
 * kept in the GraphQL context (one connection, the limits, lineage graphs, per-execution memos),
 * constant SQL with named parameters, typed row reads, the DataLoader key, errors as data, the
 * complexity estimate and which large node columns an operation reads. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.scalars}, core's API and the value types of {@code dev.dbtlens.graphql}
 * ({@link dev.dbtlens.graphql.Limits}). Knows no schema area.
 */
package dev.dbtlens.graphql.internal.execution;
