/**
 * dbt Mesh over the projects of one database, read from the views of {@code views-mesh.sql}.
 * <strong>Not API.</strong>
 *
 * <p>May use: {@code internal.store} and the public value types of {@code dev.dbtlens}.
 */
package dev.dbtlens.internal.mesh;
