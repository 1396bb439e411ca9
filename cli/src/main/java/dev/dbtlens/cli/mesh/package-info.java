/** {@code dbtlens mesh}: the database's dbt projects, their cross-project refs and public models. */
package dev.dbtlens.cli.mesh;
