/**
 * {@code Query.recommendations}: core's recommendations as the beta endpoint shapes them (metrics,
 * a paged and filtered connection of rule violations). <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.environment}, {@code internal.execution}, {@code internal.scalars}.
 */
package dev.dbtlens.graphql.internal.recommend;
