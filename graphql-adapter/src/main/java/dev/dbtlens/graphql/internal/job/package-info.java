/**
 * Jobs and run history: {@code JobNode} and its lists, the job-level node types ({@code ModelNode},
 * {@code SourceNode}, ...) over one node as one run saw it, {@code RunResultNode}, and the history
 * fields ({@code modelHistoricalRuns}, {@code historicalRuns}, {@code sourceFreshnessHistory}).
 * <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.node}, {@code internal.run}, {@code internal.environment}, {@code
 * internal.execution}, {@code internal.scalars}. Knows nothing of node types' wiring or lineage.
 */
package dev.dbtlens.graphql.internal.job;
