/**
 * {@code Query.account} (mesh.graphqls): core's {@link dev.dbtlens.DbtLens#mesh()} as the beta
 * endpoint shapes it, and the project id of an environment for other areas. May use core's API,
 * {@code internal.execution} and {@code internal.scalars}.
 */
package dev.dbtlens.graphql.internal.mesh;
