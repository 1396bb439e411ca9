/**
 * {@code Query.account} (mesh.graphqls): core's {@link dev.dbtlens.DbtLens#mesh()} as the beta
 * endpoint shapes it. May use core's API, {@code internal.environment} (the account and project
 * ids), {@code internal.execution} and {@code internal.scalars}.
 */
package dev.dbtlens.graphql.internal.mesh;
