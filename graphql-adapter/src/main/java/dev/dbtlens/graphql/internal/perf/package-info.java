/**
 * Build performance: the beta {@code Query.performance} of dbt Cloud's Discovery API with dbtlens'
 * extensions, {@code JobNode.criticalPath} and the {@code Date} scalar, over core's {@link
 * dev.dbtlens.Performance}. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.environment}, {@code internal.execution}, {@code internal.run}.
 */
package dev.dbtlens.graphql.internal.perf;
