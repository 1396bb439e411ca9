/** {@code dbtlens columns}: column-level lineage with dbt-style graph operators, and impact analysis. */
package dev.dbtlens.cli.columns;
