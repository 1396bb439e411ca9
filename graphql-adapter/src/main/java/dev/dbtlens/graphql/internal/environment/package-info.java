/**
 * Environments and ids: the {@code Environment} source ({@link
 * dev.dbtlens.graphql.internal.environment.EnvironmentRef}) with its applied and definition states,
 * the environment-wide facts (tags, owners, packages, counts) and the numeric ids of environments,
 * jobs and runs as core stores them, and the account and project ids ({@link
 * dev.dbtlens.graphql.internal.environment.AccountIds}). <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.execution}, {@code internal.scalars}.
 */
package dev.dbtlens.graphql.internal.environment;
