/** {@code dbtlens ls} and {@code dbtlens lineage}: dbt's node selection over a stored manifest, and pictures of it. */
package dev.dbtlens.cli.select;
