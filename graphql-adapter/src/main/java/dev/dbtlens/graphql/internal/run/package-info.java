/**
 * Stored runs: invocations ({@code Run}, {@code Job}), run results ({@code RunResultNode}), source
 * freshness checks and their criteria, and the queries over their history. Sources of GraphQL
 * types, no wiring. <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.environment}, {@code internal.execution}, {@code internal.scalars}.
 */
package dev.dbtlens.graphql.internal.run;
